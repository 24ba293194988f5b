"""SQL for the mailbox: where reading stopped (UIDVALIDITY, the last UID stored), the
letters taken once each, and the trouble the mailbox is in, so the directors hear of a wrong
password or a long outage once, not at every retry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class MailboxRow:
    uidvalidity: int | None
    last_uid: int
    last_error: str | None
    error_kind: str | None
    failing_since: datetime | None
    told_at: datetime | None
    checked_at: datetime | None


async def state(conn: aiosqlite.Connection) -> MailboxRow:
    row = await fetch_one(conn, "SELECT * FROM mailbox_state WHERE id = 1")
    if row is None:
        return MailboxRow(None, 0, None, None, None, None, None)
    return MailboxRow(
        row["uidvalidity"],
        int(row["last_uid"]),
        row["last_error"],
        row["error_kind"],
        from_db(row["failing_since"]),
        from_db(row["told_at"]),
        from_db(row["checked_at"]),
    )


async def save_position(
    conn: aiosqlite.Connection, uidvalidity: int | None, last_uid: int, now: datetime
) -> None:
    """Where reading stopped; a success also clears the trouble."""
    await conn.execute(
        """INSERT INTO mailbox_state (id, uidvalidity, last_uid, checked_at) VALUES (1, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET uidvalidity = excluded.uidvalidity,
               last_uid = excluded.last_uid, checked_at = excluded.checked_at,
               last_error = NULL, error_kind = NULL, failing_since = NULL, told_at = NULL""",
        (uidvalidity, last_uid, to_db(now)),
    )


async def record_error(
    conn: aiosqlite.Connection, kind: str, error: str, now: datetime
) -> MailboxRow:
    """Note the trouble (since when it lasts is kept from its first occurrence)."""
    await conn.execute(
        """INSERT INTO mailbox_state (id, last_error, error_kind, failing_since, checked_at)
           VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET last_error = excluded.last_error,
               error_kind = excluded.error_kind, checked_at = excluded.checked_at,
               failing_since = COALESCE(mailbox_state.failing_since, excluded.failing_since)""",
        (error, kind, to_db(now), to_db(now)),
    )
    return await state(conn)


async def mark_told(conn: aiosqlite.Connection, now: datetime) -> None:
    await conn.execute("UPDATE mailbox_state SET told_at = ? WHERE id = 1", (to_db(now),))


async def seen(conn: aiosqlite.Connection, key: str) -> bool:
    row = await fetch_one(conn, "SELECT 1 FROM mail_seen WHERE key = ?", (key,))
    return row is not None


async def mark_seen(
    conn: aiosqlite.Connection,
    key: str,
    uid: int | None,
    outcome: str,
    ticket_id: int | None,
    now: datetime,
) -> None:
    await conn.execute(
        """INSERT OR IGNORE INTO mail_seen (key, uid, outcome, ticket_id, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        (key, uid, outcome, ticket_id, to_db(now)),
    )
