"""English: the question a client gets after a ticket is closed (is everything fine?), the
bot's answers to them, and the rating offered to a satisfied client; the client reads these,
so they speak in the director's first person, like the rest of the client's screen.
"""

TEXTS = {
    "followup_ask": (
        "Hello, {name}! You wrote to me recently (case #{id}), and I want to make sure it was "
        "really sorted out. Is everything fine now?"
    ),
    # The same question for a client whose Telegram name is no name (a handle or a number).
    "followup_ask_unnamed": (
        "Hello! You wrote to me recently (case #{id}), and I want to make sure it was really "
        "sorted out. Is everything fine now?"
    ),
    "followup_thanks_yes": (
        "Thank you for answering, and I'm glad all is well. If anything comes up, you know "
        "where to find me. And if you like, rate us from 1 to 5:"
    ),
    # No rating here: a client who is not satisfied is asked what is wrong, not for stars.
    "followup_thanks_no": (
        "I'm sorry we didn't see it through. Case #{id} is open again, and I can already see "
        "your answer. Please write what is still wrong: I'll read it myself."
    ),
    "followup_rated": "Thank you for your rating: {rating} of 5. It really matters to me.",
    # A rating of 1-3: an apology and a question, never the thanks a 5 gets.
    "followup_rated_low": (
        "Thank you for an honest rating: {rating} of 5. I'm sorry we fell short of what you "
        "expected. Please tell me what went wrong: I'll read it myself."
    ),
    "followup_answered_already": "You have already answered, thank you!",
    "followup_outdated": (
        "There is no need to answer this question any more, thank you! If something is wrong, "
        "just write here."
    ),
    "followup_author": "Bot",
}
