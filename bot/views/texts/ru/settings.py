"""Russian: /settings, when the morning digest comes and whether a quiet morning still sends
an "all clear".
"""

TEXTS = {
    "settings_title": "<b>Настройки</b>\nУтренняя сводка приходит в {time} ({tz}).",
    "settings_all_clear_on": "Если сообщать нечего, приходит одна строка «всё спокойно».",
    "settings_all_clear_off": "Если сообщать нечего, сводка не приходит.",
    "settings_saved": "Сохранено.",
}
