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
    "remind_promise_hint": (
        "<i>Перенесёте срок — подготовлю клиенту сообщение с извинением и новой датой.</i>"
    ),
    "promise_offer": (
        "📨 Срок по №{id} был пропущен. Сообщить клиенту новый? Уйдёт от вашего имени:\n"
        "<blockquote>{text}</blockquote>\nИли напишите своими словами: /reply {id} текст."
    ),
    "recurring_head": {
        "one": "🔁 <b>Повторяется: {cause}</b> — {count} обращение за {period}, {basis}:",
        "few": "🔁 <b>Повторяется: {cause}</b> — {count} обращения за {period}, {basis}:",
        "many": "🔁 <b>Повторяется: {cause}</b> — {count} обращений за {period}, {basis}:",
        "other": "🔁 <b>Повторяется: {cause}</b> — {count} обращения за {period}, {basis}:",
    },
    "recurring_basis_words": "общие слова: {words}",
    "recurring_basis_source": "все из одного источника: {source}",
    "recurring_line": "№{id} · {when} · {text}",
    "recurring_more": {
        "one": "… и ещё {count} обращение",
        "few": "… и ещё {count} обращения",
        "many": "… и ещё {count} обращений",
        "other": "… и ещё {count} обращения",
    },
    "recurring_tail": (
        "Похоже, дело не в отдельных случаях: исправлять стоит сам процесс, а не только эти "
        "обращения. Подробности: /ticket N."
    ),
}
