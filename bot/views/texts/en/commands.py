"""English: the staff's commands: /help, hints for a message the bot cannot place, usage
lines, the /open and /mine lists, and the menu Telegram shows beside the input box.
"""

TEXTS = {
    "staff_help": (
        "<b>Firsthand</b>: every client complaint, in front of you.\n\n"
        "/open — open cases\n"
        "/mine — my cases\n"
        "/ticket N — card and history\n"
        "/claim N — take a case\n"
        "/reply N text — answer the client\n"
        "/note N text — internal note (the client never sees it)\n"
        '/due N date — control date ("tomorrow 10:00", "25.11 15:00")\n'
        "/close N [resolution] — close\n"
        "/cause N cause — root cause: process, informing, expectations or other and a word\n"
        "/templates N — ready answers for a case (and the “📋 Template” button by a reply)\n\n"
        "You can also answer a client with a plain reply to the card or to their message. "
        "Before it goes out I check the reply and, if something is off, show what and how."
    ),
    "staff_hint": (
        "To answer a client, reply to the case card or use /reply N text. /help lists all commands."
    ),
    "unknown_command": "Unknown command. /help lists the commands.",
    "not_linked": "This message is not linked to a case. Reply to a card or use /reply N text.",
    "usage": "Usage: {usage}",
    "usage_claim": "/claim N",
    "usage_ticket": "/ticket N",
    "usage_reply": "/reply N text",
    "usage_note": "/note N text",
    "usage_due": "/due N date",
    "usage_close": "/close N [resolution]",
    "usage_cause": "/cause N process|informing|expectations|other word",
    "list_open": "<b>Open cases</b>:",
    "list_mine": "<b>My cases</b>:",
    "list_empty": "No open cases. 🎉",
    "list_line": "#{id} · {status} · {owner} · {text}",
    "list_more": "… and more; the first {n} are shown.",
    "cmd_start": "Start",
    "cmd_help": "Help",
    "cmd_open": "Open cases",
    "cmd_mine": "My cases",
    "cmd_ticket": "Card and history: /ticket N",
    "cmd_claim": "Take a case: /claim N",
    "cmd_reply": "Answer the client: /reply N text",
    "cmd_note": "Internal note: /note N text",
    "cmd_due": "Control date: /due N date",
    "cmd_close": "Close: /close N [resolution]",
    "cmd_cause": "Root cause: /cause N",
    "cmd_feeds": "Review and news feeds",
    "cmd_channels": "Public channels",
    "cmd_keywords": "Keywords and minus-words",
    "cmd_sources": "All sources and their health",
    "cmd_settings": "Settings: morning digest and reply signature",
    "cmd_health": "Delivery health",
}
