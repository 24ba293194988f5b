"""Russian: everything a client sees in their private chat with the bot. It is the one screen
written for outsiders, so it lives apart: polite, no commands, no staff jargon.

The bot speaks as the director, in the first person (shared/phrase-guide.md): it promises only
what the system does ("I will read it"), never an answer it cannot guarantee. The Russian "я"
stays in forms that do not depend on the director's gender ("у меня", "прочитаю", "лично"
rather than "получил", "сам"), since the same texts serve a director of either.
"""

TEXTS = {
    "client_start": (
        "Здравствуйте, {name}! Здесь вы пишете напрямую мне, директору. Если у нас что-то "
        "пошло не так, расскажите как есть, хоть парой слов: каждое сообщение я читаю лично. "
        "Ответ придёт в этот чат, от меня или от сотрудника, которому я поручу разобраться."
    ),
    # After /start fh-chat: the client came from the director's personal chat (Telegram
    # Business), where a bot may not write first; here it may ask how things turned out.
    "client_start_from_chat": (
        "Здравствуйте, {name}! Спасибо, что открыли этот чат. Через несколько дней я спрошу "
        "здесь, всё ли у вас в порядке. А если что-то не так уже сейчас, напишите мне сюда: "
        "я прочитаю сам."
    ),
    "client_help": (
        "Просто напишите сообщение: текст, фото, документ или голосовое. Всё, что вы пишете "
        "сюда, читает директор, и отвечаем мы здесь же."
    ),
    "ack_new": (
        "Спасибо, что написали, и мне жаль, что пришлось. Сообщение уже у меня, я прочитаю "
        "его лично; ответ придёт сюда, а если чего-то не хватит, я уточню. "
        "Номер обращения: {id}."
    ),
    "ack_more": "Это тоже у меня, прочитаю вместе с остальным.",
    "ack_reopened": (
        "Вижу ваше новое сообщение, и обращение №{id} снова открыто. Если что-то всё ещё "
        "не так, простите нас: я посмотрю, что произошло, ответ придёт сюда."
    ),
    # A staff reply under its author's signature: "Имя Фамилия, должность" (see /settings).
    "client_reply": "<b>{signature}</b>\n{text}",
    "signature_default": "{name}, {role}",
    "signature_role_director": "директор",
    "signature_role_manager": "менеджер",
    "client_resolved": (
        "Со своей стороны я считаю вопрос по обращению №{id} решённым, но последнее слово "
        "за вами.{resolution}\nСпасибо, что не промолчали: так мы видим, где ошибаемся. "
        "Если что-то осталось не так, просто напишите сюда, я прочитаю."
    ),
    "client_resolution": "\nЧто мы сделали: {text}",
    # Offered to staff after a missed control date is moved; sent only when they press it.
    "promise_client": (
        "{name}, простите: к обещанному сроку мы не успели, и это наша ошибка. Я продолжаю "
        "заниматься вашим вопросом и вернусь к вам с результатом до {due}."
    ),
    "promise_client_unnamed": (
        "Простите: к обещанному сроку мы не успели, и это наша ошибка. Я продолжаю "
        "заниматься вашим вопросом и вернусь к вам с результатом до {due}."
    ),
    "client_unknown_command": (
        "Команды здесь не нужны: просто напишите, что случилось, и я прочитаю."
    ),
}
