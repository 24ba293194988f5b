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
}
