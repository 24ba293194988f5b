"""English: everything a client sees in their private chat with the bot. It is the one screen
written for outsiders, so it lives apart: polite, no commands, no staff jargon.
"""

TEXTS = {
    "client_start": (
        "Hello, {name}! Tell us here what went wrong or what we could do better: your message "
        "goes straight to the director, and a person will answer you."
    ),
    "client_help": (
        "Just send a message: text, a photo, a document or a voice note. The director reads "
        "everything you write here, and we answer right here."
    ),
    "ack_new": "Thank you! Case #{id} is with the director now. We will answer you here in person.",
    "ack_more": "Added to case #{id}.",
    "ack_reopened": "Case #{id} is open again: the director will see your message.",
    "client_reply": "<b>{name}</b>:\n{text}",
    "client_resolved": (
        "Case #{id} is resolved.{resolution}\nIf anything is still wrong, just write here."
    ),
    "client_resolution": "\n{text}",
    "client_unknown_command": (
        "No commands are needed here: just write what happened and the director will get it."
    ),
}
