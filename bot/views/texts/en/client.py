"""English: everything a client sees in their private chat with the bot. It is the one screen
written for outsiders, so it lives apart: polite, no commands, no staff jargon.

The bot speaks as the director, in the first person (shared/phrase-guide.md): it promises only
what the system does ("I will read it"), never an answer it cannot guarantee.
"""

TEXTS = {
    "client_start": (
        "Hello, {name}! Here you are writing straight to me, the director. If something went "
        "wrong with us, tell me as it is, even in a few words: I read every message myself. "
        "The answer will come to this chat, from me or from the colleague I ask to look into it."
    ),
    # After /start fh-chat: the client came from the director's personal chat (Telegram
    # Business), where a bot may not write first; here it may ask how things turned out.
    "client_start_from_chat": (
        "Hello, {name}! Thank you for opening this chat. In a few days I will ask here "
        "whether everything is fine. If something is wrong already, write to me here: I "
        "will read it myself."
    ),
    "client_help": (
        "Just send a message: text, a photo, a document or a voice note. The director reads "
        "everything you write here, and we answer right here."
    ),
    "ack_new": (
        "Thank you for writing, and I'm sorry you had to. Your message is with me now and I "
        "will read it myself; the answer will come here, and if anything is missing, I'll ask. "
        "Case number: {id}."
    ),
    "ack_more": "I have this one too and will read it together with the rest.",
    "ack_reopened": (
        "I see your new message, and case #{id} is open again. If something is still wrong, "
        "I'm sorry: I'll look into what happened, and the answer will come here."
    ),
    # A staff reply under its author's signature: "First Last, role" (see /settings).
    "client_reply": "<b>{signature}</b>\n{text}",
    "signature_default": "{name}, {role}",
    "signature_role_director": "director",
    "signature_role_manager": "manager",
    "client_resolved": (
        "For my part I consider case #{id} resolved, but the last word is yours.{resolution}\n"
        "Thank you for speaking up: that is how we see where we go wrong. If anything is "
        "still not right, just write here and I'll read it."
    ),
    "client_resolution": "\nWhat we did: {text}",
    # Offered to staff after a missed control date is moved; sent only when they press it.
    "promise_client": (
        "{name}, I am sorry: we did not make it by the date we promised, and that is our "
        "fault. I am still on it and will come back to you with the result by {due}."
    ),
    "promise_client_unnamed": (
        "I am sorry: we did not make it by the date we promised, and that is our fault. I am "
        "still on it and will come back to you with the result by {due}."
    ),
    "client_unknown_command": (
        "No commands are needed here: just write what happened, and I will read it."
    ),
}
