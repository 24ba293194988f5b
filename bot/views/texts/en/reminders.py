"""English: reminders to a ticket's owner (control date, overdue, waiting for a first answer,
an unhappy follow-up, a low rating) and the line noting what came of one.
"""

TEXTS = {
    "remind_due": (
        "⏰ <b>Control date for #{id}</b>: {due}.\n{author}: {text}\nOwner: {owner}. "
        "What shall we do?"
    ),
    "remind_overdue": (
        "🚨 <b>#{id} is overdue</b>: the control date was {due}, {delay} ago, "
        "and the ticket is still open.\n{author}: {text}\nOwner: {owner}."
    ),
    "remind_first_response": (
        "⏳ <b>#{id}: {author} has been waiting for a first answer for {delay}.</b>\n{text}\n"
        "Owner: {owner}."
    ),
    "remind_unhappy": (
        "↩️ <b>#{id}</b>: {author} answered the follow-up that not everything is fine. "
        "The ticket is open again.\nOwner: {owner}."
    ),
    "remind_low_rating": (
        "⭐ <b>#{id}</b>: {author} rated the work on the closed ticket {rating} of 5."
        "\nOwner: {owner}."
    ),
    "remind_outcome": "{text}\n\n<i>{outcome}</i>",
    "remind_promise_hint": (
        "<i>Move the date and I will prepare a message for the client: an apology and the "
        "new date.</i>"
    ),
    "promise_offer": (
        "📨 The control date of #{id} was missed. Tell the client the new one? It goes in "
        "your name:\n<blockquote>{text}</blockquote>\nOr write your own: /reply {id} text."
    ),
    "recurring_head": {
        "one": "🔁 <b>Recurring: {cause}</b> — {count} case in {period}, {basis}:",
        "other": "🔁 <b>Recurring: {cause}</b> — {count} cases in {period}, {basis}:",
    },
    "recurring_basis_words": "shared words: {words}",
    "recurring_basis_source": "all from one source: {source}",
    "recurring_line": "#{id} · {when} · {text}",
    "recurring_more": {"one": "… and {count} more case", "other": "… and {count} more cases"},
    "recurring_tail": (
        "It looks like more than single cases: the fix belongs in the process, not only in "
        "these tickets. Details: /ticket N."
    ),
}
