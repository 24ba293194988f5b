"""English: force-reply prompts, where the bot asks staff for an answer, a date or a
resolution, with the input box's placeholders and the owner picker's question.
"""

TEXTS = {
    "prompt_reply": "✍️ Answer to the client of case #{id}. Write it as a reply to this message.",
    "prompt_due": (
        "📅 Control date for #{id}. Write it as a reply to this message: "
        '"25.11 15:00", "tomorrow 10:00", "in 2 days".'
    ),
    # The client who wrote to the bot reads this resolution in the "resolved" message.
    "prompt_close": (
        "📝 Resolution of case #{id}: write it as a reply to this message. If the client "
        "wrote to the bot, they will see this text in the message about closing."
    ),
    "prompt_note": "🗒 Note for #{id} (the client never sees it): write it as a reply.",
    "prompt_cause_other": (
        '🔎 Root cause of #{id}, "other": name it in a word or two as a reply to this message.'
    ),
    "placeholder_cause_other": "e.g. parking",
    "placeholder_reply": "Answer to the client",
    "placeholder_due": "tomorrow 10:00",
    "placeholder_close": "What was done",
    "pick_owner": "Who should own #{id}?",
    "no_staff": "No managers are configured (MANAGER_IDS).",
}
