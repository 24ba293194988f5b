"""Russian: /settings, when the morning digest comes, whether a quiet morning still sends an
"all clear", how the director's replies to clients are signed, what their posters say, and
whether the bot acknowledges clients in their personal chats (Telegram Business).
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
    "settings_poster": (
        "На ваших плакатах (/poster) написано: «{text}».\n"
        "Изменить: <code>/settings poster Ваш текст</code>"
    ),
    "settings_poster_saved": (
        "Сохранено. На следующем плакате будет написано: «{text}». Уже напечатанные плакаты "
        "не меняются: пришлите /poster ещё раз, чтобы получить новый."
    ),
    "settings_poster_usage": (
        "Сейчас на ваших плакатах написано: «{text}».\n"
        "Новый текст напишите после команды: "
        "<code>/settings poster Напишите мне, я читаю каждое сообщение</code>\n"
        "Вернуть текст по умолчанию: <code>/settings poster -</code>"
    ),
    "settings_poster_invalid": (
        "Текст плаката должен быть видимым текстом не длиннее {limit} символов, например: "
        "<code>/settings poster Напишите мне, я читаю каждое сообщение</code>"
    ),
    "settings_business_ack_on": (
        "В ваших личных чатах (Telegram Business) бот сразу отвечает клиенту от вашего имени, "
        "что сообщение у вас."
    ),
    "settings_business_ack_off": (
        "В ваших личных чатах (Telegram Business) бот клиентам сам не отвечает."
    ),
    "btn_settings_business_ack_on": "💬 Сразу отвечать в моих личных чатах",
    "btn_settings_business_ack_off": "🤐 Не отвечать в моих личных чатах",
}
