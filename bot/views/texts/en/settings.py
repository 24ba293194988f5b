"""English: /settings, when the morning digest comes and whether a quiet morning still sends
an "all clear".
"""

TEXTS = {
    "settings_title": "<b>Settings</b>\nThe morning digest comes at {time} ({tz}).",
    "settings_all_clear_on": (
        "When there is nothing to report, you get a one-line \u201call clear\u201d."
    ),
    "settings_all_clear_off": "When there is nothing to report, no digest comes.",
    "settings_saved": "Saved.",
}
