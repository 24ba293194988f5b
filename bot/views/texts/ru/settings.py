"""Russian: /settings, when the morning digest comes, whether a quiet morning still sends an
"all clear", and how the director's replies to clients are signed.
"""

TEXTS = {
    "settings_title": "<b>Настройки</b>\nУтренняя сводка приходит в {time} ({tz}).",
    "settings_all_clear_on": "Если сообщать нечего, приходит одна строка «всё спокойно».",
    "settings_all_clear_off": "Если сообщать нечего, сводка не приходит.",
    "settings_saved": "Сохранено.",
    "settings_signature": (
        "Ваши ответы клиентам подписаны так: «{signature}».\n"
        "Изменить: <code>/settings sign Имя Фамилия, должность</code>"
    ),
    "settings_signature_saved": (
        "Сохранено. Теперь ваши ответы клиентам подписаны так: «{signature}»."
    ),
    "settings_signature_usage": (
        "Сейчас ваши ответы клиентам подписаны так: «{signature}».\n"
        "Новую подпись напишите после команды: "
        "<code>/settings sign Анна Смирнова, директор</code>\n"
        "Вернуть подпись по умолчанию: <code>/settings sign -</code>"
    ),
    "settings_signature_invalid": (
        "Подпись должна быть видимым текстом не длиннее {limit} символов, например: "
        "<code>/settings sign Анна Смирнова, директор</code>"
    ),
}
