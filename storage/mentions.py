"""SQL that reads tickets which came from mentions: the cross-post lookup, the summary queue,
the numbers behind the spike alert, and the intake's own settings. Their rows are written in
storage.tickets, like every ticket's."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.models import Ticket, from_db, to_db


async def find_cross_post(
    conn: aiosqlite.Connection, dedupe_key: str, *, since: datetime
) -> int | None:
    """The earliest ticket since `since` with the same text from an author-less source (a
    feed, a public channel, a channel post): what a re-post of the same story is merged into.

    Tickets with a Telegram author (people in chats, direct messages) never absorb a
    mention: the same short words from two people are two complaints, and a text seen
    months ago is news again.
    """
    async with conn.execute(
        """SELECT id FROM tickets
           WHERE dedupe_key = ? AND author_id IS NULL AND created_at >= ?
           ORDER BY id LIMIT 1""",
        (dedupe_key, to_db(since)),
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else None


async def waiting_for_summary(conn: aiosqlite.Connection, limit: int = 200) -> list[Ticket]:
    async with conn.execute(
        "SELECT * FROM tickets WHERE mention_route = 'summary' ORDER BY id LIMIT ?", (limit,)
    ) as cur:
        return [Ticket.from_row(row) for row in await cur.fetchall()]


async def count_since(conn: aiosqlite.Connection, start: datetime, end: datetime) -> int:
    async with conn.execute(
        """SELECT count(*) FROM tickets
           WHERE mention_kind IS NOT NULL AND created_at >= ? AND created_at < ?""",
        (to_db(start), to_db(end)),
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def first_since(conn: aiosqlite.Connection, start: datetime) -> datetime | None:
    """When the oldest mention after `start` came: how much history a usual rate rests on."""
    async with conn.execute(
        "SELECT min(created_at) FROM tickets WHERE mention_kind IS NOT NULL AND created_at >= ?",
        (to_db(start),),
    ) as cur:
        row = await cur.fetchone()
    return from_db(row[0]) if row else None


async def recent(conn: aiosqlite.Connection, since: datetime) -> list[Ticket]:
    async with conn.execute(
        "SELECT * FROM tickets WHERE mention_kind IS NOT NULL AND created_at >= ? ORDER BY id",
        (to_db(since),),
    ) as cur:
        return [Ticket.from_row(row) for row in await cur.fetchall()]


async def get_setting(conn: aiosqlite.Connection, name: str) -> str | None:
    async with conn.execute("SELECT value FROM mention_settings WHERE name = ?", (name,)) as cur:
        row = await cur.fetchone()
    return str(row[0]) if row else None


async def set_setting(conn: aiosqlite.Connection, name: str, value: str) -> None:
    await conn.execute(
        """INSERT INTO mention_settings (name, value) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET value = excluded.value""",
        (name, value),
    )
