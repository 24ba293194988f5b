"""Russian: the phrase check a staff reply passes before it reaches the client: the preview
with what was noticed, its buttons, and the control date a reply mentions.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "held_title": "✋ Ответ по №{id} пока не отправлен: вот что я заметил.",
    "held_line_quoted": "• {flag}: «{fragment}». {hint}",
    "held_line": "• {flag}. {hint}",
    "held_suggestion": "Можно так:\n<blockquote>{text}</blockquote>",
    "held_no_suggestion": "Готовой замены нет: отправьте как есть или перепишите.",
    "btn_held_suggested": "✅ Отправить предложенный вариант",
    "btn_held_as_is": "Отправить как написано",
    "btn_held_rewrite": "✏️ Переписать",
    "draft_used": "Этот ответ уже отправлен или отменён.",
    "prompt_rewrite": "Напишите ответ по №{id} заново ответом на это сообщение.",
    "reply_due_offer": "В ответе есть срок: {due}. Сделать его точкой контроля №{id}?",
    "flag_not_us": "«не к нам»",
    "flag_order": "приказ вместо просьбы",
    "flag_refusal_no_alt": "отказ без альтернативы",
    "flag_blame": "вина на клиенте",
    "flag_rude": "грубость",
    "flag_bureaucratic": "казённая формула",
    "flag_vague_promise": "размытое обещание",
    "flag_no_apology": "нет извинения в первом ответе на жалобу",
    "flag_no_next_step": "нет следующего шага или срока",
    "phrases_title": (
        "<b>Проверка ответов клиентам</b>\nПеред отправкой я смотрю, нет ли в ответе "
        "такого (кнопкой можно выключить для всей компании):"
    ),
    "phrases_flag_on": "✅ {flag}",
    "phrases_flag_off": "⏸ {flag} (выключено)",
    "btn_flag_turn_off": "Выключить: {flag}",
    "btn_flag_turn_on": "Включить: {flag}",
    "history_check_held": "🔎 {when} · проверка ответа: {flags}; ответ придержан",
    "history_check_as_is": "🔎 {when} · проверка ответа: {flags}; отправлено как написано",
    "history_check_suggested": "🔎 {when} · проверка ответа: {flags}; ушёл предложенный вариант",
    "history_check_rewrite": "🔎 {when} · проверка ответа: {flags}; ответ переписан",
    "cmd_phrases": "Проверка ответов клиентам",
    "phrases_switched": "Готово.",
}
