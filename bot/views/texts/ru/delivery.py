"""Russian: what the sender writes on its own: one list instead of a flood of cards, and the
alert for a chat it can no longer reach.
"""

TEXTS = {
    "burst_title": {
        "one": (
            "📥 <b>{count} новое обращение.</b>"
            " Чтобы не засыпать вас карточками, вот список; любое открывается командой /ticket N."
        ),
        "few": (
            "📥 <b>{count} новых обращения.</b>"
            " Чтобы не засыпать вас карточками, вот список; любое открывается командой /ticket N."
        ),
        "many": (
            "📥 <b>{count} новых обращений.</b>"
            " Чтобы не засыпать вас карточками, вот список; любое открывается командой /ticket N."
        ),
        "other": (
            "📥 <b>{count} новых обращения.</b>"
            " Чтобы не засыпать вас карточками, вот список; любое открывается командой /ticket N."
        ),
    },
    "burst_line": "№{id} · {author}: {text}",
    "delivery_unreachable": (
        "⚠️ Не удаётся доставить сообщения в чат {chat} (обращение №{id}): {reason}. "
        "Больше об этом чате не напоминаю."
    ),
}
