"""Russian: force-reply prompts, where the bot asks staff for an answer, a date or a
resolution, with the input box's placeholders and the owner picker's question.
"""

TEXTS = {
    "prompt_reply": "✍️ Ответ клиенту по обращению №{id}. Напишите текст ответом на это сообщение.",
    "prompt_due": (
        "📅 Точка контроля для №{id}. Напишите дату ответом на это сообщение: "
        "«25.11 15:00», «завтра в 10», «через 2 дня»."
    ),
    # The client who wrote to the bot reads this resolution in the "resolved" message.
    "prompt_close": (
        "📝 Итог по обращению №{id}: напишите его ответом на это сообщение. Если клиент "
        "писал боту, он увидит этот текст в сообщении о закрытии."
    ),
    "prompt_note": "🗒 Заметка к №{id} (клиент её не увидит): напишите ответом на это сообщение.",
    "prompt_cause_other": (
        "🔎 Причина по №{id} — «другое»: назовите её одним-двумя словами ответом на это сообщение."
    ),
    "placeholder_cause_other": "например: парковка",
    "placeholder_reply": "Ответ клиенту",
    "placeholder_due": "завтра в 10",
    "placeholder_close": "Что сделали",
    "pick_owner": "Кого назначить ответственным за №{id}?",
    "no_staff": "В настройках нет менеджеров (MANAGER_IDS).",
}
