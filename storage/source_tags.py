"""SQL for deep-link tags: the titles directors give them (`source_tags`), who started
the bot from which link (`client_starts`, one row per client, the latest tag kept), and how
many tickets each tag brought (`tickets.source_tag`, copied on the ticket when it opens)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class ClientStart:
    user_id: int
    tag: str | None
    tagged_at: datetime | None
    first_at: datetime


@dataclass(frozen=True)
class TagCount:
    """A tag as /links lists it: its title (None if nobody gave one) and the tickets it
    brought in the period asked about."""

    tag: str
    title: str | None
    tickets: int


async def record_start(
    conn: aiosqlite.Connection, user_id: int, tag: str | None, now: datetime
) -> None:
    """Remember that the client started the bot; a tag replaces the one kept before."""
    await conn.execute(
        """INSERT INTO client_starts (user_id, tag, tagged_at, first_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET
               tag = COALESCE(excluded.tag, client_starts.tag),
               tagged_at = COALESCE(excluded.tagged_at, client_starts.tagged_at)""",
        (user_id, tag, to_db(now) if tag else None, to_db(now)),
    )


async def start_of(conn: aiosqlite.Connection, user_id: int) -> ClientStart | None:
    row = await fetch_one(conn, "SELECT * FROM client_starts WHERE user_id = ?", (user_id,))
    if row is None:
        return None
    first = from_db(row["first_at"])
    assert first is not None
    return ClientStart(user_id, row["tag"], from_db(row["tagged_at"]), first)


async def title(conn: aiosqlite.Connection, tag: str) -> str | None:
    row = await fetch_one(conn, "SELECT title FROM source_tags WHERE tag = ?", (tag,))
    return str(row[0]) if row else None


async def set_title(conn: aiosqlite.Connection, tag: str, title: str, now: datetime) -> None:
    """Give a tag its title, or a new one: the date it was first titled is kept."""
    await conn.execute(
        """INSERT INTO source_tags (tag, title, created_at) VALUES (?, ?, ?)
           ON CONFLICT (tag) DO UPDATE SET title = excluded.title""",
        (tag, title, to_db(now)),
    )


async def all_tags(conn: aiosqlite.Connection) -> list[tuple[str, str]]:
    """Every titled tag as (tag, title), in the order of the tags."""
    rows = await fetch_all(conn, "SELECT tag, title FROM source_tags ORDER BY tag")
    return [(str(row["tag"]), str(row["title"])) for row in rows]


async def tickets_by_tag(conn: aiosqlite.Connection, since: datetime) -> dict[str, int]:
    """How many tickets each tag brought from `since` on (tickets without a tag left out)."""
    rows = await fetch_all(
        conn,
        """SELECT source_tag, count(*) FROM tickets
           WHERE source_tag IS NOT NULL AND created_at >= ?
           GROUP BY source_tag""",
        (to_db(since),),
    )
    return {str(row[0]): int(row[1]) for row in rows}


async def starts_by_tag(conn: aiosqlite.Connection, since: datetime) -> dict[str, int]:
    """How many clients started the bot from each tag from `since` on, counting each client
    once, by the latest tag they came with (the only one kept)."""
    rows = await fetch_all(
        conn,
        """SELECT tag, count(*) FROM client_starts
           WHERE tag IS NOT NULL AND tagged_at >= ?
           GROUP BY tag""",
        (to_db(since),),
    )
    return {str(row[0]): int(row[1]) for row in rows}
