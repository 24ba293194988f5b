"""English: the question a client gets after a ticket is closed (is everything fine? rate us)
and the bot's answers to them; the client reads these, so they share the client's tone.
"""

TEXTS = {
    "followup_ask": "Hello! We recently closed your request #{id}. Is everything fine now?",
    "followup_thanks_yes": "Thank you! Glad it's all good. If you like, rate us from 1 to 5:",
    "followup_thanks_no": (
        "Sorry it didn't work out. We've reopened request #{id}: write here what is wrong and "
        "the director will see it. If you like, rate us from 1 to 5:"
    ),
    "followup_rated": "Thank you for your rating: {rating} of 5.",
    "followup_answered_already": "You have already answered, thank you!",
    "followup_outdated": "This question is no longer current.",
    "followup_author": "Bot",
}
