"""Russian: reminders to a ticket's owner (control date, overdue, waiting for a first answer,
an unhappy follow-up, a low rating) and the line noting what came of one.
"""

TEXTS = {
    "remind_due": (
        "⏰ <b>Точка контроля по №{id}</b>: {due}.\n{author}: {text}\nОтветственный: {owner}. "
        "Что делаем?"
    ),
    "remind_overdue": (
        "🚨 <b>№{id} просрочено</b>: точка контроля была {due}, прошло {delay}, "
        "обращение всё ещё открыто.\n{author}: {text}\nОтветственный: {owner}."
    ),
    "remind_first_response": (
        "⏳ <b>№{id}: {author} ждёт первого ответа уже {delay}.</b>\n{text}\n"
        "Ответственный: {owner}."
    ),
    "remind_unhappy": (
        "↩️ <b>№{id}</b>: {author} ответил(а) на вопрос после закрытия, что не всё в порядке. "
        "Обращение снова в работе.\nОтветственный: {owner}."
    ),
    "remind_low_rating": (
        "⭐ <b>№{id}</b>: {author} оценил(а) работу по закрытому обращению на {rating} из 5."
        "\nОтветственный: {owner}."
    ),
    "remind_outcome": "{text}\n\n<i>{outcome}</i>",
}
