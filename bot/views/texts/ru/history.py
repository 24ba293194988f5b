"""Russian: a ticket's history in /ticket: one header per entry, and the entries the bot
writes itself (answers to the follow-up, ratings), so the whole story reads in one voice.
"""

TEXTS = {
    "history_title": "<b>История №{id}</b>",
    "history_in": "👤 <b>{author}</b>, {when}:",
    "history_out": "💬 <b>{author}</b> → клиенту, {when}:",
    "history_out_failed": "💬 <b>{author}</b> → клиенту (не доставлено), {when}:",
    "history_note": "🗒 <b>{author}</b>, заметка, {when}:",
    "history_edited": "<i>(исправлено)</i>",
    "history_was": "<i>↳ до исправления:</i>",
    "history_media": "[{kind}]",
    "history_followup_yes": "Ответ на вопрос «всё ли в порядке»: да, всё хорошо",
    "history_followup_no": "Ответ на вопрос «всё ли в порядке»: не совсем",
    "history_rating": "Оценка: {rating} из 5",
}
