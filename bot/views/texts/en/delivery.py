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
    "delivery_unreachable": (
        "⚠️ Messages cannot be delivered to chat {chat} (case #{id}): {reason}. "
        "I will not mention this chat again."
    ),
}
