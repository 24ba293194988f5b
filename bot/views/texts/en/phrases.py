"""English: the phrase check a staff reply passes before it reaches the client: the preview
with what was noticed, its buttons, and the control date a reply mentions.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "held_title": "✋ Your reply on #{id} has not been sent yet: here is what I noticed.",
    "held_line_quoted": "• {flag}: “{fragment}”. {hint}",
    "held_line": "• {flag}. {hint}",
    "held_suggestion": "It could read:\n<blockquote>{text}</blockquote>",
    "held_no_suggestion": "No ready rewrite: send it as written or write it again.",
    "btn_held_suggested": "✅ Send the suggested version",
    "btn_held_as_is": "Send as written",
    "btn_held_rewrite": "✏️ Write again",
    "draft_used": "This reply was already sent or dropped.",
    "prompt_rewrite": "Write your reply on #{id} again, as a reply to this message.",
    "reply_due_offer": "The reply names a date: {due}. Make it the control date of #{id}?",
    "flag_not_us": "“not our department”",
    "flag_order": "an order instead of a request",
    "flag_refusal_no_alt": "a refusal with no alternative",
    "flag_blame": "blaming the client",
    "flag_rude": "rudeness",
    "flag_bureaucratic": "a stock phrase",
    "flag_vague_promise": "a vague promise",
    "flag_no_apology": "no apology in the first answer to a complaint",
    "flag_no_next_step": "no next step or date",
    "phrases_title": (
        "<b>Checking replies to clients</b>\nBefore a reply goes out I look for these "
        "(a button switches one off for the whole company):"
    ),
    "phrases_flag_on": "✅ {flag}",
    "phrases_flag_off": "⏸ {flag} (off)",
    "btn_flag_turn_off": "Switch off: {flag}",
    "btn_flag_turn_on": "Switch on: {flag}",
    "history_check_held": "🔎 {when} · reply check: {flags}; the reply was held",
    "history_check_as_is": "🔎 {when} · reply check: {flags}; sent as written",
    "history_check_suggested": "🔎 {when} · reply check: {flags}; the suggested version was sent",
    "history_check_rewrite": "🔎 {when} · reply check: {flags}; written again",
    "cmd_phrases": "Checking replies to clients",
    "phrases_switched": "Done.",
}
