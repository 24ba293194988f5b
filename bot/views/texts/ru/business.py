"""Russian: the director's personal chats (Telegram Business): where a card came from, the
24-hour window, connections checked."""

TEXTS: dict[str, str] = {
    "source_business": "Telegram, личные сообщения директора",
    "source_telegram_tag": "Telegram, личные сообщения · по ссылке «{title}»",
    # card lines for a ticket from the director's personal chat
    "card_business_until": "💬 Ответить в личном чате через бота можно до {when}",
    "card_business_closed": (
        "⌛ Личный чат закрыт для бота с {when}: ответить можно только самому в этом чате"
    ),
    "card_business_closed_bot": (
        "⌛ Личный чат закрыт для бота с {when}: ответьте сами в этом чате или через бота"
    ),
    "card_business_off_none": "⛔ Бот не подключён к вашему аккаунту: ответить можно только самому",
    "card_business_off_disabled": (
        "⛔ Подключение бота к аккаунту выключено: ответить можно только самому"
    ),
    "card_business_off_rights": (
        "⛔ У бота нет права отвечать в ваших чатах: ответить можно только самому"
    ),
    # to the directors when a connection changes
    "business_connected": (
        "🔗 Бот подключён к вашему аккаунту Telegram. Сообщения клиентов в ваших личных "
        "чатах теперь становятся обращениями; ответы с карточки уйдут в тот же чат от вашего "
        "имени. Автоответ клиенту в этих чатах выключен, включить: /settings."
    ),
    "business_read_only": (
        "🔗 Бот подключён к вашему аккаунту без права отвечать: сообщения клиентов станут "
        "обращениями, но ответить с карточки в ваш личный чат не получится. Разрешите боту "
        "отвечать в настройках Telegram Business → Чат-боты."
    ),
    "business_disabled": (
        "🔌 Бот отключён от вашего аккаунта Telegram: новые сообщения из личных чатов больше не "
        "приходят, ответить с карточки туда нельзя. Начатые обращения остаются в работе."
    ),
    "business_window_nudge": (
        "⏳ <b>№{id}</b> · {author}: личный чат закроется для бота {until}. Telegram разрешает "
        "боту писать туда 24 часа после последнего сообщения клиента, а ответа ещё не было."
    ),
    # to the staff member whose reply cannot go
    "business_reply_window_closed": (
        "⌛ Ответ по №{id} в личный чат не уйдёт: чат закрыт для бота с {when}. Telegram "
        "разрешает боту писать туда только 24 часа после последнего сообщения клиента."
    ),
    "business_reply_off_none": (
        "⛔ Ответ по №{id} в личный чат не уйдёт: бот не подключён к аккаунту, в чат которого "
        "писал клиент."
    ),
    "business_reply_off_disabled": (
        "⛔ Ответ по №{id} в личный чат не уйдёт: подключение бота к аккаунту выключено."
    ),
    "business_reply_off_rights": (
        "⛔ Ответ по №{id} в личный чат не уйдёт: у бота нет права отвечать в этом аккаунте "
        "(Telegram Business → Чат-боты)."
    ),
    "business_reply_by_hand": "Напишите клиенту сами в этом чате: бот запишет ответ в историю.",
    "business_reply_by_hand_or_bot": (
        "Напишите клиенту сами в этом чате (бот запишет ответ в историю) или отправьте этот "
        "ответ через бота: клиент его запускал."
    ),
    "business_reply_text_only": (
        "В личный чат директора бот отправляет только текст. Файл по №{id} отправьте сами "
        "в этом чате, а здесь напишите ответ текстом."
    ),
    "btn_via_bot": "📨 Отправить через бота",
    # reasons a queued row to a business chat failed (shown with "reply_failed")
    "business_off_none": "бот не подключён к аккаунту директора",
    "business_off_disabled": "подключение бота к аккаунту директора выключено",
    "business_off_rights": "у бота нет права отвечать в чатах директора",
    "business_window_closed_reason": "личный чат закрыт для бота: прошло больше 24 часов",
    "business_refused": "Telegram не принял сообщение в личный чат: {reason}",
    "business_text_only": "в личный чат директора бот отправляет только текст",
    # history
    "history_deleted": "🗑 удалено клиентом",
    "followup_no_bot": (
        "Вопрос «всё ли в порядке?» не задан: клиент писал в личные сообщения директора и не "
        "запускал бота, а туда бот может писать только 24 часа."
    ),
    # the client, in the director's chat, when the complaint is closed
    "client_bot_offer": (
        "Через несколько дней я хотел бы спросить, всё ли в порядке. Если вам удобно, "
        "откройте мой бот по ссылке: {link}. Там я и напишу."
    ),
}
