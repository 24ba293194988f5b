"""English: a ticket's history in /ticket: one header per entry, and the entries the bot
writes itself (answers to the follow-up, ratings), so the whole story reads in one voice.
"""

TEXTS = {
    "history_title": "<b>History of #{id}</b>",
    "history_in": "👤 <b>{author}</b>, {when}:",
    "history_out": "💬 <b>{author}</b> → client, {when}:",
    "history_out_failed": "💬 <b>{author}</b> → client (not delivered), {when}:",
    "history_note": "🗒 <b>{author}</b>, note, {when}:",
    "history_edited": "<i>(edited)</i>",
    "history_was": "<i>↳ before the edit:</i>",
    "history_media": "[{kind}]",
    "history_followup_yes": "Answer to \u201cis everything fine\u201d: yes, all good",
    "history_followup_no": "Answer to \u201cis everything fine\u201d: not really",
    "history_rating": "Rating: {rating} of 5",
}
