"""SQL for the `messages` and `message_edits` tables: a ticket's conversation.

Every client message, staff reply and internal note is a row, so /ticket can show the whole
history and a reply that failed to arrive can be flagged on its card. An incoming message is
unique by its Telegram (chat, message id): that is what makes a redelivered update a no-op.
An edit keeps the old text in `message_edits` and puts the new one on the message.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import ConversationEntry, to_db


async def add(
    conn: aiosqlite.Connection,
    *,
    ticket_id: int,
    direction: str,
    author_id: int | None,
    author_name: str,
    text: str,
    now: datetime,
    chat_id: int | None = None,
    message_id: int | None = None,
    content_type: str = "text",
    file_id: str | None = None,
    delivered: bool = True,
    inbox: int | None = None,
    mail_id: str | None = None,
) -> ConversationEntry:
    row = await fetch_one(
        conn,
        """INSERT INTO messages (ticket_id, direction, author_id, author_name, chat_id, message_id,
                                 content_type, text, file_id, delivered, created_at, inbox,
                                 mail_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           RETURNING *""",
        (
            ticket_id,
            direction,
            author_id,
            author_name,
            chat_id,
            message_id,
            content_type,
            text,
            file_id,
            int(delivered),
            to_db(now),
            inbox,
            mail_id,
        ),
    )
    assert row is not None
    return ConversationEntry.from_row(row)


async def get(conn: aiosqlite.Connection, entry_id: int) -> ConversationEntry | None:
    row = await fetch_one(conn, "SELECT * FROM messages WHERE id = ?", (entry_id,))
    return ConversationEntry.from_row(row) if row else None


async def find_incoming(
    conn: aiosqlite.Connection, chat_id: int, message_id: int, inbox: int | None = None
) -> ConversationEntry | None:
    """The client's own message by its Telegram id (and the conversation it was written in):
    the idempotency key for redelivered updates."""
    row = await fetch_one(
        conn,
        """SELECT * FROM messages WHERE direction = 'in' AND chat_id = ? AND message_id = ?
           AND IFNULL(inbox, 0) = ?""",
        (chat_id, message_id, inbox or 0),
    )
    return ConversationEntry.from_row(row) if row else None


async def find_sent_here(
    conn: aiosqlite.Connection, chat_id: int, message_id: int, inbox: int
) -> ConversationEntry | None:
    """A director's own line typed in a business chat, by its Telegram id: so a redelivered
    update is recorded once."""
    row = await fetch_one(
        conn,
        """SELECT * FROM messages WHERE direction = 'out' AND chat_id = ? AND message_id = ?
           AND inbox = ?""",
        (chat_id, message_id, inbox),
    )
    return ConversationEntry.from_row(row) if row else None


async def mark_deleted(
    conn: aiosqlite.Connection, chat_id: int, message_ids: list[int], inbox: int, now: datetime
) -> list[int]:
    """Mark a business chat's messages deleted (the text stays for the history); the ids of
    the tickets they belong to."""
    if not message_ids:
        return []
    marks = ",".join("?" for _ in message_ids)
    rows = await fetch_all(
        conn,
        f"""UPDATE messages SET deleted_at = ?
            WHERE chat_id = ? AND inbox = ? AND message_id IN ({marks}) AND deleted_at IS NULL
            RETURNING ticket_id""",
        (to_db(now), chat_id, inbox, *message_ids),
    )
    return sorted({int(row[0]) for row in rows})


async def for_ticket(conn: aiosqlite.Connection, ticket_id: int) -> list[ConversationEntry]:
    return [
        ConversationEntry.from_row(row)
        for row in await fetch_all(
            conn, "SELECT * FROM messages WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
    ]


async def set_delivered(conn: aiosqlite.Connection, entry_id: int, delivered: bool) -> None:
    await conn.execute("UPDATE messages SET delivered = ? WHERE id = ?", (int(delivered), entry_id))


async def record_edit(
    conn: aiosqlite.Connection, entry: ConversationEntry, new_text: str, now: datetime
) -> None:
    """Keep the old text in message_edits and put the new one on the message itself."""
    await conn.execute(
        "INSERT INTO message_edits (message_id, old_text, new_text, edited_at) VALUES (?, ?, ?, ?)",
        (entry.id, entry.text, new_text, to_db(now)),
    )
    await conn.execute(
        "UPDATE messages SET text = ?, edited_at = ? WHERE id = ?", (new_text, to_db(now), entry.id)
    )


async def edits_for_ticket(
    conn: aiosqlite.Connection, ticket_id: int
) -> list[tuple[int, str, str]]:
    """(message id, old text, new text) of every edit on the ticket, oldest first."""
    return [
        (row[0], row[1], row[2])
        for row in await fetch_all(
            conn,
            """SELECT e.message_id, e.old_text, e.new_text FROM message_edits e
           JOIN messages m ON m.id = e.message_id WHERE m.ticket_id = ? ORDER BY e.id""",
            (ticket_id,),
        )
    ]


async def summary(conn: aiosqlite.Connection, ticket_id: int) -> tuple[int, bool]:
    """(number of client messages and replies, whether the latest reply failed to arrive)."""
    row = await fetch_one(
        conn,
        """SELECT (SELECT count(*) FROM messages WHERE ticket_id = ? AND direction != 'note'),
                  (SELECT delivered FROM messages WHERE ticket_id = ? AND direction = 'out'
                   ORDER BY id DESC LIMIT 1)""",
        (ticket_id, ticket_id),
    )
    if row is None:
        return 0, False
    return int(row[0]), row[1] is not None and not row[1]


async def letter_in_thread(
    conn: aiosqlite.Connection, mail_ids: tuple[str, ...]
) -> tuple[int, datetime] | None:
    """The ticket that a letter among `mail_ids` (received or sent) belongs to, and when
    that letter was stored: the newest one."""
    if not mail_ids:
        return None
    marks = ",".join("?" for _ in mail_ids)
    row = await fetch_one(
        conn,
        f"""SELECT ticket_id, created_at FROM messages WHERE mail_id IN ({marks})
            ORDER BY id DESC LIMIT 1""",
        mail_ids,
    )
    if row is None:
        return None
    return int(row[0]), datetime.fromisoformat(row[1])


async def set_mail_id(conn: aiosqlite.Connection, entry_id: int, mail_id: str) -> None:
    """The Message-ID a reply went out with, so the client's answer to it finds the ticket."""
    await conn.execute("UPDATE messages SET mail_id = ? WHERE id = ?", (mail_id, entry_id))


async def mail_thread(conn: aiosqlite.Connection, ticket_id: int) -> list[str]:
    """The Message-IDs of a ticket's letters, received and sent, oldest first."""
    rows = await fetch_all(
        conn,
        "SELECT mail_id FROM messages WHERE ticket_id = ? AND mail_id IS NOT NULL ORDER BY id",
        (ticket_id,),
    )
    return [str(row[0]) for row in rows]
