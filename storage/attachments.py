"""SQL for files that came with a letter or the web form: kept in the database so the
director is shown them (as documents under the card) and nothing depends on the mailbox
still holding the letter. A file over the size limit is kept as its name and size only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import to_db


@dataclass(frozen=True)
class StoredAttachment:
    id: int
    ticket_id: int
    entry_id: int | None
    filename: str
    content_type: str
    size: int
    data: bytes | None


def _attachment(row: aiosqlite.Row) -> StoredAttachment:
    data = row["data"]
    return StoredAttachment(
        row["id"],
        row["ticket_id"],
        row["entry_id"],
        row["filename"],
        row["content_type"],
        int(row["size"]),
        bytes(data) if data is not None else None,
    )


async def add(
    conn: aiosqlite.Connection,
    *,
    ticket_id: int,
    entry_id: int | None,
    filename: str,
    content_type: str,
    size: int,
    data: bytes | None,
    now: datetime,
) -> int:
    row = await fetch_one(
        conn,
        """INSERT INTO attachments (ticket_id, entry_id, filename, content_type, size, data,
                                    created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""",
        (ticket_id, entry_id, filename, content_type, size, data, to_db(now)),
    )
    assert row is not None
    return int(row[0])


async def get(conn: aiosqlite.Connection, attachment_id: int) -> StoredAttachment | None:
    row = await fetch_one(conn, "SELECT * FROM attachments WHERE id = ?", (attachment_id,))
    return _attachment(row) if row else None


async def for_entry(conn: aiosqlite.Connection, entry_id: int) -> list[StoredAttachment]:
    """Names and sizes of a message's files (the data too: they are small or absent)."""
    rows = await fetch_all(
        conn, "SELECT * FROM attachments WHERE entry_id = ? ORDER BY id", (entry_id,)
    )
    return [_attachment(row) for row in rows]


async def names_for_ticket(conn: aiosqlite.Connection, ticket_id: int) -> list[str]:
    """The file names a ticket's letters and web messages brought, oldest first."""
    rows = await fetch_all(
        conn, "SELECT filename FROM attachments WHERE ticket_id = ? ORDER BY id", (ticket_id,)
    )
    return [str(row[0]) for row in rows]
