"""English: the ticket card the staff chat works from, and the pieces it is built of (status,
root cause, source, durations, a missed promise). A card is redrawn on every change, so
these stay short.
"""

TEXTS = {
    "card_title_new": "🔴 <b>Case #{id}</b>",
    "card_title_work": "🟡 <b>Case #{id}</b>",
    "card_title_closed": "🟢 <b>Case #{id}</b>",
    "card_meta": "{source} · {author} · {when}",
    "card_meta_no_author": "{source} · {when}",
    "card_link": '<a href="{url}">Open the source</a>',
    "card_trimmed": "… <i>text shortened, in full: /ticket {id}</i>",
    "card_status": "<b>{status}</b> · Owner: {owner} · Control: {due} · Cause: {cause}",
    "card_first_response": "First response after {delay}",
    "card_waiting": "Waiting for a first response",
    "card_messages": {
        "one": "{count} message in the history · /ticket {id}",
        "other": "{count} messages in the history · /ticket {id}",
    },
    "card_resolution": "Resolution: {text}",
    "card_undelivered": "⚠️ The last reply did not reach the client",
    "nobody": "—",
    "status_open": "New",
    "status_in_progress": "In progress",
    "status_closed": "Resolved",
    "cause_process": "Broken process",
    "cause_informing": "Broken informing",
    "cause_expectations": "Expectations not met",
    "cause_unfounded": "Unfounded",
    "cause_other": "Other",
    "cause_other_named": "Other: {note}",
    "card_promise_due_now": "⏰ The control date has come and the case is still open",
    "card_promise_missed": "⏰ <b>Control date missed by {span}</b>",
    "card_promise_late": "Closed {span} late",
    "span_minutes": {"one": "{count} minute", "other": "{count} minutes"},
    "span_hours": {"one": "{count} hour", "other": "{count} hours"},
    "span_days": {"one": "{count} day", "other": "{count} days"},
    "source_telegram": "Telegram, direct message",
    "minutes": "{n} min",
    "hours": "{h} h {m} min",
    "days": "{d} d {h} h",
    "source_feed": "Feed {name}",
    "source_channel": "Channel {name}",
    "source_chat": "Chat “{name}”",
    "card_withdrawn": "🔒 Access to this ticket is withdrawn: you are no longer on the staff list.",
    "staff_removed_tickets": (
        "👤 {name} is no longer on the staff list. Tickets {tickets} have no owner "
        "again: assign someone to see them through."
    ),
}
