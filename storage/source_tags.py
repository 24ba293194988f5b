"""SQL for deep-link tags: the titles directors give them (`source_tags`) and who started
the bot from which link (`client_starts`, one row per client, the latest tag kept)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class ClientStart:
    user_id: int
    tag: str | None
    tagged_at: datetime | None
    first_at: datetime


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
