"""English: what staff hear back after acting on a ticket (/claim, /reply, /due, /close and
the card's buttons). Every answer names the ticket: a manager often works on several at once.
"""

TEXTS = {
    "reply_delivered": "Answer delivered to the client (#{id}).",
    "reply_blocked": (
        "The client has blocked the bot: not delivered. It is kept in #{id}'s history."
    ),
    "reply_failed": "Could not deliver the answer for #{id}: {reason}. It is kept in the history.",
    "reply_no_client": "Case #{id} has no client chat: answer it at its source.",
    "claimed": "Case #{id} is yours now.",
    "claim_taken": "{owner} has already taken case #{id}.",
    "claim_closed": "Case #{id} is already closed.",
    "assigned": "Owner of #{id}: {owner}.",
    "due_set": "Control date of #{id}: {due}.",
    "due_far_confirm": "Control date of #{id}: {due}, more than a year ahead. Set it?",
    "due_far_kept": "The control date of #{id} stays as it was.",
    "due_unparsed": (
        'I could not read the date "{text}". Examples: "25.11 15:00", "tomorrow 10:00", '
        '"in 2 days".'
    ),
    "due_past": '"{text}" is in the past. Please give a time in the future.',
    "cause_set": "Root cause of #{id}: {cause}.",
    "close_cause_first": (
        "🔎 Before closing #{id}: what was the cause? Causes show what to fix in how we work, "
        "not only in this case."
    ),
    "close_pending_used": "This choice for #{id} was made already: its resolution is kept.",
    "cause_ask": "🔎 Root cause of #{id}:",
    "cause_unknown": (
        'I do not know the cause "{text}". Choose process, informing, expectations, or other '
        'and a word (e.g. "/cause 12 other parking").'
    ),
    "promise_outdated": (
        "The control date of #{id} has changed since, so this message was not sent. Move the "
        "date again and I will offer a new one."
    ),
    "closed": "Case #{id} is closed. The client has been told.",
    "closed_already": "Case #{id} is already closed.",
    "reopened": "Case #{id} is open again.",
    "note_saved": "Note saved in #{id}. The client does not see it.",
    "closed_quietly": "Case #{id} is closed. It is a mention: its author is not notified.",
    "reply_queued": "The answer for #{id} is queued: Telegram asks to wait, I will deliver it.",
}
