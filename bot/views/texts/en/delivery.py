"""English: what the sender writes on its own: one list instead of a flood of cards, and the
alert for a chat it can no longer reach.
"""

TEXTS = {
    "burst_title": {
        "one": (
            "📥 <b>{count} new case.</b> Rather than a flood of cards, here is the list; "
            "open any of them with /ticket N."
        ),
        "other": (
            "📥 <b>{count} new cases.</b> Rather than a flood of cards, here is the list; "
            "open any of them with /ticket N."
        ),
    },
    "burst_line": "#{id} · {author}: {text}",
    "summary_repeat": (
        "🔁 <i>This list may have arrived already: the connection to Telegram broke "
        "while it was being sent.</i>"
    ),
    "team_chat_moved": (
        "The team chat became a supergroup and has a new id: {new} (was {old}). "
        "Cards now go there; whatever had not arrived was sent again. "
        "Change TEAM_CHAT_ID in the settings to {new}."
    ),
    "delivery_unreachable": (
        "⚠️ Messages cannot be delivered to chat {chat} (case #{id}): {reason}. "
        "I will not mention this chat again."
    ),
}
