"""English: reply templates: the six situations every company meets, filled with the client's
name and the control date, and the ones directors write themselves.

`tpl_body_*` are not formatted by `Texts`: their {slots} are filled by bot/views/templates.py
into plain text for the client, and a slot nobody can fill is shown as its `tpl_slot_*` hint in
square brackets for the staff member to replace. A text that names a placeholder gets it
as a value (`slot_name` = "{name}", ...), so no text leaves a brace of its own.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    # --- the six built-in templates -------------------------------------------------------
    "tpl_title_first": "👋 First answer",
    "tpl_body_first": (
        "{name}, hello! Your message is with me, thank you for speaking up. I'm sorry this "
        "happened. I'll look into it myself and write to you here by {date}."
    ),
    "tpl_title_fault": "🙏 Our fault",
    "tpl_body_fault": (
        "{name}, you're right, the mistake is entirely ours. I'm sorry you had to go through this. "
        "Here is what we'll do: {fix}, by {date}. And as an apology from me: {extra}."
    ),
    "tpl_title_no_service": "🧭 We don't have that",
    "tpl_body_no_service": (
        "{name}, thank you for asking. I'm sorry, we don't have that yet. But I don't want "
        "to leave you empty-handed, so here is what I can offer: {options}. Tell me what "
        "suits you and I'll arrange it."
    ),
    "tpl_title_details": "❓ Need details",
    "tpl_body_details": (
        "{name}, I'm sorry this happened, and I want to get it right, so one question: "
        "{question}? If it's easier to explain by phone, tell me when suits you and I'll call."
    ),
    "tpl_title_disagree": "⚖️ I disagree",
    "tpl_body_disagree": (
        "{name}, I'm sorry you're upset. Here is what we have on this case: {facts}. To be "
        "straight with you, I don't agree here, because {why}. But it matters to me that "
        "you're comfortable with us, so I can offer: {offer}."
    ),
    "tpl_title_changed": "🛠 What we changed",
    "tpl_body_changed": (
        "{name}, coming back to your message. We fixed {fixed}, and so that it doesn't happen "
        "again, to you or anyone else, we changed {system}. Thank you for writing: without "
        "you we wouldn't have noticed."
    ),
    # --- what a slot nobody filled says, in [brackets] ----------------------------------
    "tpl_slot_name": "name",
    "tpl_slot_date": "date",
    "tpl_slot_id": "number",
    "tpl_slot_fix": "what we'll fix",
    "tpl_slot_extra": "something extra",
    "tpl_slot_options": "similar options",
    "tpl_slot_question": "question",
    "tpl_slot_facts": "what happened",
    "tpl_slot_why": "why",
    "tpl_slot_offer": "what I offer",
    "tpl_slot_fixed": "what we fixed",
    "tpl_slot_system": "what we changed in how we work",
    # --- choosing and sending -------------------------------------------------------------
    "tpl_entry": "📋 Template: pick a ready answer for #{id}. Or simply reply to this message.",
    "btn_tpl_open": "📋 Template",
    "tpl_menu": (
        "📋 Reply templates for ticket #{id}. The client's name and the date are filled in; "
        "you can change the text before sending."
    ),
    "tpl_preview": "<b>{title}</b> · answer for #{id}\n\n<blockquote>{text}</blockquote>\n\n{hint}",
    "tpl_hint_ready": (
        "Send it as is, or reply to this message with your version: copy the text, change it "
        "and send."
    ),
    "tpl_hint_fill": (
        "Fill in what is in [brackets]: copy the text, change it and send it as a reply to "
        "this message."
    ),
    "tpl_done": "<b>{title}</b> · answer for #{id}\n\n<blockquote>{text}</blockquote>",
    "btn_tpl_send": "✅ Send as is",
    "btn_tpl_copy": "📋 Copy",
    "btn_tpl_back": "← All templates",
    "tpl_changed": "The text has changed (the template or the ticket): check it and press again.",
    "tpl_incomplete": "Some [gaps] are left: fill them in and send it as a reply.",
    "tpl_gone": "This template no longer exists.",
    "tpl_busy": "Sending already.",
    # --- /templates -----------------------------------------------------------------------
    "tpl_list_title": "<b>📋 Reply templates</b>",
    "tpl_list_builtin": "<b>Built in</b>",
    "tpl_list_own": "<b>The company's own</b>",
    "tpl_list_own_empty": "No templates of your own yet.",
    "tpl_list_item": "<b>{title}</b>\n{text}",
    "tpl_list_own_item": "<b>#{n} · {title}</b>\n{text}",
    "tpl_list_use": (
        "To fill in the client's name and the date: /templates N (N is the ticket number), or "
        "«📋 Template» after the card's Reply button."
    ),
    "tpl_list_manage": (
        "Your own templates (directors):\n"
        "/templates add Title | text\n"
        "/templates edit N | text\n"
        "/templates delete N\n"
        "The text may use {slot_name} (the client's name), {slot_date} (the control date) and "
        "{slot_id} (the ticket number)."
    ),
    "tpl_usage": (
        "Usage: /templates: the list; /templates N: templates for ticket #N; "
        "/templates add Title | text; /templates edit N | text; /templates delete N."
    ),
    "tpl_directors_only": (
        "Directors add and change the company's templates. Everyone can use them: /templates N."
    ),
    "tpl_added": "Template #{n} «{title}» saved: it is already in the «📋 Template» list.",
    "tpl_edited": "Template #{n} «{title}» updated.",
    "tpl_deleted": "Template #{n} «{title}» deleted.",
    "tpl_not_found": "There is no template #{n}. /templates: the list.",
    "tpl_err_placeholder": (
        "I don't know {found}. You can use {slot_name} (the client's name), {slot_date} (the "
        "control date) and {slot_id} (the ticket number)."
    ),
    "tpl_err_brace": (
        "Curly braces are only for {slot_name}, {slot_date} and {slot_id}: please remove the "
        "others."
    ),
    "tpl_err_empty": "The text is missing. {usage}",
    "tpl_err_too_long": "The text is too long: {length} characters, at most {limit}.",
    "tpl_err_title": "The title is one line of at most {limit} characters, before «|».",
    "tpl_err_too_many": (
        "There are {limit} templates already: delete one (/templates delete N) to add another."
    ),
    "cmd_templates": "Reply templates: /templates N",
}
