"""English: /settings, when the morning digest comes, whether a quiet morning still sends an
"all clear", how the director's replies to clients are signed, what their posters say, and
whether the bot acknowledges clients in their personal chats (Telegram Business).
"""

TEXTS = {
    "settings_title": "<b>Settings</b>\nThe morning digest comes at {time} ({tz}).",
    "settings_all_clear_on": (
        "When there is nothing to report, you get a one-line \u201call clear\u201d."
    ),
    "settings_all_clear_off": "When there is nothing to report, no digest comes.",
    "settings_saved": "Saved.",
    "settings_signature": (
        "Your replies to clients are signed: \u201c{signature}\u201d.\n"
        "To change it: <code>/settings sign First Last, role</code>"
    ),
    "settings_signature_saved": (
        "Saved. Your replies to clients are now signed: \u201c{signature}\u201d."
    ),
    "settings_signature_usage": (
        "Your replies to clients are signed: \u201c{signature}\u201d.\n"
        "Write the new signature after the command: "
        "<code>/settings sign Anna Smith, director</code>\n"
        "To go back to the default: <code>/settings sign -</code>"
    ),
    "settings_signature_invalid": (
        "A signature must be visible text of at most {limit} characters, for example: "
        "<code>/settings sign Anna Smith, director</code>"
    ),
    "settings_poster": (
        "Your posters (/poster) say: \u201c{text}\u201d.\n"
        "To change it: <code>/settings poster Your text</code>"
    ),
    "settings_poster_saved": (
        "Saved. The next poster will say: \u201c{text}\u201d. Posters already printed stay "
        "as they are: send /poster again to get a new one."
    ),
    "settings_poster_usage": (
        "Your posters say: \u201c{text}\u201d.\n"
        "Write the new text after the command: "
        "<code>/settings poster Write to me, I read every message</code>\n"
        "To go back to the default: <code>/settings poster -</code>"
    ),
    "settings_poster_invalid": (
        "A poster's text must be visible text of at most {limit} characters, for example: "
        "<code>/settings poster Write to me, I read every message</code>"
    ),
    "settings_business_ack_on": (
        "In your personal chats (Telegram Business) the bot tells a client at once, in your "
        "name, that their message is with you."
    ),
    "settings_business_ack_off": (
        "In your personal chats (Telegram Business) the bot does not answer clients itself."
    ),
    "btn_settings_business_ack_on": "💬 Answer at once in my personal chats",
    "btn_settings_business_ack_off": "🤐 Don't answer in my personal chats",
}
