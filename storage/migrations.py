"""Versioned schema migrations, applied in order at start-up (PRAGMA user_version).

Append new scripts; never edit one that has shipped, because databases in the field already
carry its version number.
"""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE tickets (
        id                INTEGER PRIMARY KEY,
        source            TEXT NOT NULL,
        external_id       TEXT NOT NULL,
        author_id         INTEGER,
        author_name       TEXT NOT NULL DEFAULT '',
        client_chat_id    INTEGER,
        text              TEXT NOT NULL DEFAULT '',
        link              TEXT,
        status            TEXT NOT NULL DEFAULT 'open'
                          CHECK (status IN ('open', 'in_progress', 'closed')),
        owner_id          INTEGER,
        due_at            TEXT,
        root_cause        TEXT,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        first_response_at TEXT,
        closed_at         TEXT,
        resolution        TEXT,
        UNIQUE (source, external_id)
    );
    CREATE INDEX tickets_by_client ON tickets (client_chat_id, id);
    CREATE INDEX tickets_by_status ON tickets (status, owner_id);

    CREATE TABLE messages (
        id            INTEGER PRIMARY KEY,
        ticket_id     INTEGER NOT NULL REFERENCES tickets (id),
        direction     TEXT NOT NULL CHECK (direction IN ('in', 'out', 'note')),
        author_id     INTEGER,
        author_name   TEXT NOT NULL DEFAULT '',
        chat_id       INTEGER,
        message_id    INTEGER,
        content_type  TEXT NOT NULL DEFAULT 'text',
        text          TEXT NOT NULL DEFAULT '',
        file_id       TEXT,
        delivered     INTEGER NOT NULL DEFAULT 1,
        created_at    TEXT NOT NULL,
        edited_at     TEXT
    );
    CREATE UNIQUE INDEX messages_by_telegram_id ON messages (chat_id, message_id)
        WHERE direction = 'in';
    CREATE INDEX messages_by_ticket ON messages (ticket_id, id);

    CREATE TABLE message_edits (
        id          INTEGER PRIMARY KEY,
        message_id  INTEGER NOT NULL REFERENCES messages (id),
        old_text    TEXT NOT NULL,
        new_text    TEXT NOT NULL,
        edited_at   TEXT NOT NULL
    );

    CREATE TABLE posts (
        chat_id     INTEGER NOT NULL,
        message_id  INTEGER NOT NULL,
        ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
        kind        TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (chat_id, message_id)
    );
    CREATE INDEX posts_by_ticket ON posts (ticket_id, kind);

    CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER REFERENCES tickets (id),
        actor_id    INTEGER,
        kind        TEXT NOT NULL,
        detail      TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
    );
    CREATE INDEX events_by_ticket ON events (ticket_id, id);

    CREATE TABLE staff (
        user_id     INTEGER PRIMARY KEY,
        role        TEXT NOT NULL CHECK (role IN ('director', 'manager')),
        first_name  TEXT NOT NULL DEFAULT '',
        last_name   TEXT NOT NULL DEFAULT '',
        username    TEXT NOT NULL DEFAULT '',
        updated_at  TEXT NOT NULL
    );
    """,
    # Slots 2-4 are reserved while issues 3, 4 and 5 are built side by side; each is replaced
    # by its real script before it ships.
    """
    -- 2: sources and mentions (collectors). Polled sources keep the poller's state so a
    -- restart resumes with the same validators and backoff; chats the bot sits in are
    -- sources too (kind 'chat'), only so /sources can count what they gave.
    CREATE TABLE sources (
        id              INTEGER PRIMARY KEY,
        key             TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL CHECK (kind IN ('feed', 'channel', 'chat')),
        url             TEXT NOT NULL,
        title           TEXT,
        origin          TEXT NOT NULL DEFAULT 'bot' CHECK (origin IN ('config', 'bot')),
        active          INTEGER NOT NULL DEFAULT 1,
        etag            TEXT,
        last_modified   TEXT,
        failures        INTEGER NOT NULL DEFAULT 0,
        last_ok_at      TEXT,
        last_error      TEXT,
        last_error_at   TEXT,
        mentions_total  INTEGER NOT NULL DEFAULT 0,
        alerted_failing INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL
    );

    CREATE TABLE seen_items (
        source      TEXT NOT NULL,
        external_id TEXT NOT NULL,
        ticket_id   INTEGER REFERENCES tickets (id),
        seen_at     TEXT NOT NULL,
        PRIMARY KEY (source, external_id)
    );

    CREATE TABLE watch_words (
        kind        TEXT NOT NULL CHECK (kind IN ('keyword', 'exclude', 'author')),
        word        TEXT NOT NULL,
        origin      TEXT NOT NULL DEFAULT 'bot' CHECK (origin IN ('config', 'bot')),
        removed     INTEGER NOT NULL DEFAULT 0,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (kind, word)
    );

    CREATE TABLE mention_settings (
        name        TEXT PRIMARY KEY,
        value       TEXT NOT NULL
    );

    ALTER TABLE tickets ADD COLUMN matched_keyword TEXT;
    ALTER TABLE tickets ADD COLUMN mention_kind TEXT;
    ALTER TABLE tickets ADD COLUMN verdict TEXT;
    ALTER TABLE tickets ADD COLUMN dedupe_key TEXT;
    ALTER TABLE tickets ADD COLUMN source_title TEXT;
    ALTER TABLE tickets ADD COLUMN source_message_id INTEGER;
    ALTER TABLE tickets ADD COLUMN mention_route TEXT;
    CREATE INDEX tickets_by_dedupe ON tickets (dedupe_key) WHERE dedupe_key IS NOT NULL;
    CREATE INDEX tickets_by_route ON tickets (mention_route, id) WHERE mention_route IS NOT NULL;
    CREATE INDEX tickets_mentions_by_time ON tickets (created_at) WHERE mention_kind IS NOT NULL;
    """,
    """
    -- 3: reminders, follow-ups, the morning digest and directors' settings (scheduler).
    -- A reminders row says "this reminder about this moment of this ticket was decided";
    -- its uniqueness is what makes a reminder fire once across restarts and clock jumps.
    -- queued_at is set once its messages are in the outbox, so a crash in between is
    -- finished on the next tick instead of being lost.
    CREATE TABLE reminders (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
        kind        TEXT NOT NULL
                    CHECK (kind IN ('due', 'overdue', 'first_response', 'followup', 'unhappy')),
        moment      TEXT NOT NULL,
        decided_at  TEXT NOT NULL,
        queued_at   TEXT,
        UNIQUE (ticket_id, kind, moment)
    );
    CREATE INDEX reminders_unqueued ON reminders (id) WHERE queued_at IS NULL;

    CREATE TABLE followups (
        reminder_id INTEGER PRIMARY KEY REFERENCES reminders (id),
        ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
        chat_id     INTEGER NOT NULL,
        answer      TEXT CHECK (answer IN ('yes', 'no')),
        answered_at TEXT,
        rating      INTEGER CHECK (rating BETWEEN 1 AND 5),
        rated_at    TEXT
    );
    CREATE INDEX followups_by_ticket ON followups (ticket_id);

    CREATE TABLE digests (
        director_id INTEGER NOT NULL,
        day         TEXT NOT NULL,
        decided_at  TEXT NOT NULL,
        queued_at   TEXT,
        PRIMARY KEY (director_id, day)
    );

    CREATE TABLE director_settings (
        user_id          INTEGER PRIMARY KEY,
        digest_all_clear INTEGER NOT NULL DEFAULT 1,
        updated_at       TEXT NOT NULL
    );

    CREATE TABLE scheduler_state (
        name        TEXT PRIMARY KEY,
        value       TEXT NOT NULL
    );
    """,
    """
    CREATE TABLE outbox (
        id           INTEGER PRIMARY KEY,
        chat_id      INTEGER NOT NULL,
        ticket_id    INTEGER REFERENCES tickets (id),
        kind         TEXT NOT NULL,
        payload      TEXT NOT NULL DEFAULT '{}',
        dedupe_key   TEXT,
        post_kind    TEXT,
        state        TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'sent', 'failed', 'summarized')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        not_before   TEXT,
        message_id   INTEGER,
        error        TEXT,
        created_at   TEXT NOT NULL,
        sent_at      TEXT
    );
    CREATE INDEX outbox_pending ON outbox (state, id);
    CREATE UNIQUE INDEX outbox_dedupe ON outbox (dedupe_key)
        WHERE state = 'pending' AND dedupe_key IS NOT NULL;
    CREATE INDEX outbox_by_ticket ON outbox (ticket_id, chat_id, kind);
    """,
    """
    -- when a send of the row began whose outcome is unknown (a timeout, a lost connection):
    -- the row may have arrived, and a resend says so
    ALTER TABLE outbox ADD COLUMN started_at TEXT;
    """,
    """
    -- a staff reply the phrase check held back until its author chooses what to send
    CREATE TABLE reply_drafts (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
        actor_id    INTEGER NOT NULL,
        purpose     TEXT NOT NULL CHECK (purpose IN ('reply', 'close')),
        text        TEXT NOT NULL,
        suggestion  TEXT,
        flags       TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        used_at     TEXT
    );
    """,
    """
    -- the company's own reply templates, written by its directors (the six built-in ones are
    -- texts in the catalogue, not rows)
    CREATE TABLE reply_templates (
        id          INTEGER PRIMARY KEY,
        title       TEXT NOT NULL,
        body        TEXT NOT NULL,
        created_by  INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        updated_by  INTEGER NOT NULL,
        updated_at  TEXT NOT NULL
    );
    """,
    """
    -- the weekly report (storage.report): one row per director and report day, decided once
    -- (a later week's row stops an earlier one from being decided after a clock jump back),
    -- stamped sent only once Telegram took the album, retried at next_try_at otherwise
    CREATE TABLE report_marks (
        director_id INTEGER NOT NULL,
        week        TEXT NOT NULL,
        decided_at  TEXT NOT NULL,
        sent_at     TEXT,
        attempts    INTEGER NOT NULL DEFAULT 0,
        next_try_at TEXT,
        error       TEXT,
        given_up_at TEXT,
        PRIMARY KEY (director_id, week)
    );
    -- the report reads a period by each moment it counts: without these, every figure of a
    -- week is a scan of every ticket ever stored (bench/report.py)
    CREATE INDEX tickets_by_created ON tickets (created_at);
    CREATE INDEX tickets_by_closed ON tickets (closed_at) WHERE closed_at IS NOT NULL;
    CREATE INDEX tickets_by_due ON tickets (due_at) WHERE due_at IS NOT NULL;
    CREATE INDEX followups_by_answered ON followups (answered_at) WHERE answered_at IS NOT NULL;
    CREATE INDEX followups_by_rated ON followups (rated_at) WHERE rated_at IS NOT NULL;
    CREATE INDEX events_by_kind ON events (kind, created_at);
    """,
    """
    -- root causes: OTHER carries the staff's own word; a cause that keeps coming back is told
    -- to the directors once per group (recurring_alarms), each alarm with the tickets it
    -- listed (recurring_tickets), so the fourth of a kind joins the group instead of alarming
    ALTER TABLE tickets ADD COLUMN root_cause_note TEXT;
    CREATE INDEX tickets_by_cause ON tickets (root_cause, created_at)
        WHERE root_cause IS NOT NULL;
    CREATE TABLE recurring_alarms (
        id          INTEGER PRIMARY KEY,
        cause       TEXT NOT NULL,
        basis       TEXT NOT NULL CHECK (basis IN ('source', 'words')),
        source      TEXT,
        words       TEXT,
        created_at  TEXT NOT NULL
    );
    CREATE INDEX recurring_by_source ON recurring_alarms (cause, source, created_at);
    CREATE TABLE recurring_tickets (
        alarm_id    INTEGER NOT NULL REFERENCES recurring_alarms (id),
        ticket_id   INTEGER NOT NULL REFERENCES tickets (id),
        PRIMARY KEY (alarm_id, ticket_id)
    );
    CREATE INDEX recurring_by_ticket ON recurring_tickets (ticket_id);
    """,
    """
    -- the director's "complaint" / "not a complaint" presses: labelled examples for this
    -- installation's own model; `predicted` is what routing said before the press (NULL for
    -- no prediction), so agreement with the director is measured, not guessed
    CREATE TABLE verdict_examples (
        id          INTEGER PRIMARY KEY,
        ticket_id   INTEGER,
        text_hash   TEXT NOT NULL,
        text        TEXT NOT NULL,
        label       INTEGER NOT NULL CHECK (label IN (0, 1)),
        predicted   INTEGER CHECK (predicted IN (0, 1)),
        created_at  TEXT NOT NULL
    );
    CREATE INDEX verdict_examples_by_hash ON verdict_examples (text_hash, id);
    """,
    """
    -- why a mention that is only possibly a complaint got a card: the detector's markers at
    -- intake, so the card shows them without classifying the text again at every redraw
    ALTER TABLE tickets ADD COLUMN possible_markers TEXT;
    """,
    """
    -- the director's personal chats (Telegram Business): the connections their owners made,
    -- and on tickets and messages the inbox (the business owner's user id) they came through,
    -- so a client's chat with the director never mixes with the same client's chat with the
    -- bot (both have the client's id as chat id, and message ids count separately)
    CREATE TABLE business_connections (
        id            TEXT PRIMARY KEY,
        owner_id      INTEGER NOT NULL,
        enabled       INTEGER NOT NULL,
        can_reply     INTEGER NOT NULL,
        updated_at    TEXT NOT NULL
    );
    CREATE INDEX business_by_owner ON business_connections (owner_id, updated_at);
    ALTER TABLE tickets ADD COLUMN inbox INTEGER;
    ALTER TABLE tickets ADD COLUMN last_client_at TEXT;
    ALTER TABLE messages ADD COLUMN inbox INTEGER;
    ALTER TABLE messages ADD COLUMN deleted_at TEXT;
    DROP INDEX messages_by_telegram_id;
    CREATE UNIQUE INDEX messages_by_telegram_id ON messages (chat_id, message_id, IFNULL(inbox, 0))
        WHERE direction = 'in';
    CREATE INDEX tickets_by_inbox ON tickets (inbox, client_chat_id, id) WHERE inbox IS NOT NULL;

    -- deep links (t.me/<bot>?start=<tag>): who started the bot, from which poster, and the
    -- titles directors gave their tags; a ticket opened after such a start keeps the tag
    CREATE TABLE source_tags (
        tag         TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        created_at  TEXT NOT NULL
    );
    CREATE TABLE client_starts (
        user_id     INTEGER PRIMARY KEY,
        tag         TEXT,
        tagged_at   TEXT,
        first_at    TEXT NOT NULL
    );
    ALTER TABLE tickets ADD COLUMN source_tag TEXT;
    CREATE INDEX tickets_by_tag ON tickets (source_tag, created_at) WHERE source_tag IS NOT NULL;
    -- everyone who ever wrote to the bot has started it
    INSERT OR IGNORE INTO client_starts (user_id, first_at)
        SELECT client_chat_id, min(created_at) FROM tickets
        WHERE source = 'telegram' AND client_chat_id IS NOT NULL AND mention_kind IS NULL
        GROUP BY client_chat_id;
    """,
    """
    -- beyond Telegram (issue 12): letters and the "letter to the director" page. A client who
    -- wrote by mail or on the page has no chat: `contact` is how to reach them (an address, a
    -- phone), `web_token` the hash of their private status link's token (never the token),
    -- `rating` a review site's stars. Letters are known by their Message-ID (`mail_id`), so a
    -- reply joins its thread; attachments are kept here to be shown to the director.
    ALTER TABLE tickets ADD COLUMN contact TEXT;
    ALTER TABLE tickets ADD COLUMN web_token TEXT;
    ALTER TABLE tickets ADD COLUMN rating INTEGER;
    CREATE UNIQUE INDEX tickets_by_web_token ON tickets (web_token) WHERE web_token IS NOT NULL;
    ALTER TABLE messages ADD COLUMN mail_id TEXT;
    CREATE INDEX messages_by_mail_id ON messages (mail_id) WHERE mail_id IS NOT NULL;
    CREATE TABLE attachments (
        id            INTEGER PRIMARY KEY,
        ticket_id     INTEGER NOT NULL REFERENCES tickets (id),
        entry_id      INTEGER REFERENCES messages (id),
        filename      TEXT NOT NULL,
        content_type  TEXT NOT NULL,
        size          INTEGER NOT NULL,
        data          BLOB,
        created_at    TEXT NOT NULL
    );
    CREATE INDEX attachments_by_ticket ON attachments (ticket_id, id);
    -- the mailbox: where reading stopped (UIDVALIDITY and the last UID stored), and its
    -- trouble, so a wrong password or a long outage is told to the directors once
    CREATE TABLE mailbox_state (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        uidvalidity   INTEGER,
        last_uid      INTEGER NOT NULL DEFAULT 0,
        last_error    TEXT,
        error_kind    TEXT,
        failing_since TEXT,
        told_at       TEXT,
        checked_at    TEXT
    );
    -- every letter taken from the mailbox, once, whatever became of it (a ticket, a thread,
    -- an automatic letter stored as seen): the key is its Message-ID, or a hash of it
    CREATE TABLE mail_seen (
        key         TEXT PRIMARY KEY,
        uid         INTEGER,
        outcome     TEXT NOT NULL,
        ticket_id   INTEGER,
        created_at  TEXT NOT NULL
    );
    """,
    """
    -- one example per text (issue 11): a second press on the same text, or on its twin in
    -- another ticket, is the director's latest word on it, not one more example. Earlier
    -- repeats fold into the first row (its prediction was made before any verdict), which
    -- takes the latest label.
    UPDATE verdict_examples SET label = (
        SELECT v.label FROM verdict_examples v
        WHERE v.text_hash = verdict_examples.text_hash ORDER BY v.id DESC LIMIT 1)
    WHERE id IN (SELECT min(id) FROM verdict_examples GROUP BY text_hash);
    DELETE FROM verdict_examples
    WHERE id NOT IN (SELECT min(id) FROM verdict_examples GROUP BY text_hash);
    DROP INDEX verdict_examples_by_hash;
    CREATE UNIQUE INDEX verdict_examples_by_hash ON verdict_examples (text_hash);
    -- a mention routed by what was learned against the detector: "same_text" or "model"
    ALTER TABLE tickets ADD COLUMN routed_by TEXT;
    """,
)
