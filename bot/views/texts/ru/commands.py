"""Russian: the staff's commands: /help, hints for a message the bot cannot place, usage
lines, the /open and /mine lists, and the menu Telegram shows beside the input box.
"""

TEXTS = {
    "staff_help": (
        "<b>Firsthand</b>: все обращения клиентов у вас.\n\n"
        "/open — открытые обращения\n"
        "/mine — мои обращения\n"
        "/ticket N — карточка и история\n"
        "/claim N — взять обращение\n"
        "/reply N текст — ответить клиенту\n"
        "/note N текст — внутренняя заметка (клиент не видит)\n"
        "/due N дата — точка контроля («завтра в 10», «25.11 15:00»)\n"
        "/close N [итог] — закрыть\n"
        "/cause N причина — причина жалобы: процесс, информирование, ожидания "
        "или «другое слово»\n"
        "/templates N — готовые ответы для обращения (и кнопка «📋 Шаблон» у ответа)\n\n"
        "Ответить клиенту можно и обычным ответом (reply) на карточку или его сообщение. "
        "Перед отправкой я проверю ответ и, если что-то не так, покажу, что и как лучше."
    ),
    "staff_hint": (
        "Чтобы ответить клиенту, ответьте (reply) на карточку обращения или используйте "
        "/reply N текст. /help — все команды."
    ),
    "unknown_command": "Не знаю такой команды. /help — список команд.",
    "not_linked": (
        "Это сообщение не связано с обращением. Ответьте на карточку или используйте "
        "/reply N текст."
    ),
    "usage": "Формат: {usage}",
    "usage_claim": "/claim N",
    "usage_ticket": "/ticket N",
    "usage_reply": "/reply N текст",
    "usage_note": "/note N текст",
    "usage_due": "/due N дата",
    "usage_close": "/close N [итог]",
    "usage_cause": "/cause N процесс|информирование|ожидания|другое слово",
    "list_open": "<b>Открытые обращения</b>:",
    "list_mine": "<b>Мои обращения</b>:",
    "list_empty": "Открытых обращений нет. 🎉",
    "list_line": "№{id} · {status} · {owner} · {text}",
    "list_more": "… и ещё, показаны первые {n}.",
    "cmd_start": "Начать",
    "cmd_help": "Помощь",
    "cmd_open": "Открытые обращения",
    "cmd_mine": "Мои обращения",
    "cmd_ticket": "Карточка и история: /ticket N",
    "cmd_claim": "Взять обращение: /claim N",
    "cmd_reply": "Ответить клиенту: /reply N текст",
    "cmd_note": "Внутренняя заметка: /note N текст",
    "cmd_due": "Точка контроля: /due N дата",
    "cmd_close": "Закрыть: /close N [итог]",
    "cmd_cause": "Причина жалобы: /cause N",
    "cmd_feeds": "Ленты отзывов и новостей",
    "cmd_channels": "Публичные каналы",
    "cmd_keywords": "Ключевые и минус-слова",
    "cmd_sources": "Все источники и их состояние",
    "cmd_settings": "Настройки: утренняя сводка и подпись в ответах",
    "cmd_health": "Состояние доставки",
}
