"""SQL for tickets that came from mentions: their extra columns, the summary queue, the
numbers behind the spike alert, and the intake's own settings."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.models import Ticket, from_db, to_db


async def set_mention_fields(
    conn: aiosqlite.Connection,
    ticket_id: int,
    *,
    matched_keyword: str | None,
    mention_kind: str,
    dedupe_key: str,
    source_title: str | None,
    source_message_id: int | None,
    mention_route: str,
) -> None:
    await conn.execute(
        """UPDATE tickets SET matched_keyword = ?, mention_kind = ?, dedupe_key = ?,
                  source_title = ?, source_message_id = ?, mention_route = ?
           WHERE id = ?""",
        (
            matched_keyword,
            mention_kind,
            dedupe_key,
            source_title,
            source_message_id,
            mention_route,
            ticket_id,
        ),
    )


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


async def set_verdict(
    conn: aiosqlite.Connection, ticket_id: int, verdict: str, now: datetime
) -> bool:
    """True when the decision changed."""
    cur = await conn.execute(
        """UPDATE tickets SET verdict = ?, updated_at = ?
           WHERE id = ? AND verdict IS NOT ?""",
        (verdict, to_db(now), ticket_id, verdict),
    )
    return cur.rowcount == 1


async def set_route(conn: aiosqlite.Connection, ticket_id: int, route: str) -> None:
    await conn.execute("UPDATE tickets SET mention_route = ? WHERE id = ?", (route, ticket_id))


async def waiting_for_summary(conn: aiosqlite.Connection, limit: int = 200) -> list[Ticket]:
    async with conn.execute(
        "SELECT * FROM tickets WHERE mention_route = 'summary' ORDER BY id LIMIT ?", (limit,)
    ) as cur:
        return [Ticket.from_row(row) for row in await cur.fetchall()]


async def mark_summarized(conn: aiosqlite.Connection, ticket_ids: list[int]) -> None:
    await conn.executemany(
        """UPDATE tickets SET mention_route = 'summarized'
           WHERE id = ? AND mention_route = 'summary'""",
        [(ticket_id,) for ticket_id in ticket_ids],
    )


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
