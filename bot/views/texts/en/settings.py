"""English: /settings, when the morning digest comes, whether a quiet morning still sends an
"all clear", and how the director's replies to clients are signed.
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
}
