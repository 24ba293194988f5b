"""English: /health, a director's look at delivery and sources: is the sender running, how
long is the outbox, which sources keep failing.
"""

TEXTS = {
    "health_title": "<b>Delivery health</b>",
    "health_sender_ok": "The sender is running.",
    "health_sender_down": "⚠️ The sender is stopped: notifications are not going out.",
    "health_outbox": "Outbox: {depth} waiting · given up: {failed}",
    "health_oldest": "Oldest waiting: {when} (for {delay})",
    "health_team_chat": "Team chat: {id}",
    "health_team_chat_moved": "Team chat: {id} (became a supergroup; settings say {configured})",
    "health_sources_none": "No sources to poll (/feeds, /channels).",
    "health_sources": "Sources: {total} · answering: {ok}",
    "health_source_failing": "⚠️ {name}: {failures} failures in a row, last {when}: {error}",
    "health_sources_more": {
        "one": "…and {count} more failing source: /sources",
        "other": "…and {count} more failing sources: /sources",
    },
    "health_learning": "Complaint / not-a-complaint verdicts: {examples}; own model from {needed}.",
    "health_learning_trained": "Complaint / not-a-complaint verdicts: {examples}; own model on.",
    "health_learning_agreement": "Agreed with the director (last {measured}): {agreed}, {percent}%",
}
