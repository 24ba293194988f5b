"""English: refusals and failures: the wrong person, a stale button, a ticket that does not
exist, our own crash. Short and blameless, since the reader usually did nothing wrong; a
client is refused in the director's voice and told what to do instead.

A crash is told as it is: the message may not have arrived and is worth sending again. Nobody
is said to be "looking into it" unless the directors were really told (see `error_alert`).
"""

TEXTS = {
    "staff_only_command": (
        "This command is for the company's staff only; you won't need it. If something "
        "happened, just write about it here as it is, and I'll read it."
    ),
    "staff_only_button": (
        "These buttons are for the company's staff only. If something happened, just write "
        "here, and I'll read it."
    ),
    # A client's message (or command) the bot failed on.
    "error_generic": (
        "I'm sorry, we have a fault, and this message may not have reached me. Please send it "
        "again in a couple of minutes."
    ),
    # A button the bot failed on, whoever pressed it (an alert: at most 200 characters).
    "error_button": (
        "I'm sorry, we have a fault, and this press may not have worked. Please try again in a "
        "couple of minutes."
    ),
    # A staff member's message or command the bot failed on.
    "error_staff": (
        "A fault: this may not have been done. Please try again in a couple of minutes; the "
        "details are in the bot's log."
    ),
    # To the directors, at most once per kind of failure in {minutes} minutes. Never the
    # client's words: only what failed and the error's type.
    "error_alert": (
        "⚠️ <b>A fault in the bot</b>: it could not handle {what} ({error}). The sender was "
        "asked to try again; the details are in the bot's log. The next warning about the "
        "same fault comes no sooner than in {minutes} min."
    ),
    "error_what_client": "a client's message",
    "error_what_staff": "a staff member's message",
    "error_what_button": "a button press",
    "ticket_not_found": "There is no case #{id}.",
    "button_outdated": "This button is out of date. Open the card again: /ticket N.",
    "directors_only": "This command is for directors only.",
}
