"""Persistence: aiosqlite, versioned migrations and the SQL of every record. No Telegram here.

One module per table or aggregate, each taking an open connection so callers compose several
in one transaction (storage.db):

    tickets            the `tickets` rows; every write to a ticket, direct or mention
    messages           a ticket's conversation (`messages`, `message_edits`)
    posts              which bot message stands for which ticket
    events             the audit trail
    staff              directors and managers, and their names
    outbox             every notification, queued before it is sent
    sources            mention sources, their poller state, and the items already seen
    watch              keywords, minus-words and blocked authors
    mentions           reads for the intake: cross-posts, the summary queue
    spikes             the numbers behind the spike alert
    settings           bot-wide key-value flags
    director_settings  each director's preferences
    reminders          what is due for a reminder, and the marks that make it fire once
    followups          the question asked after a closing, its answer and rating
    digests            the morning digest: its marks and the queries behind it
    scheduler_state    the scheduler's own facts (its epoch)
"""
