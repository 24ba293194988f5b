"""SQL for the `scheduler_state` table: facts about the scheduler itself, kept across restarts.

Today that is one fact, the epoch: when this database first ran the scheduler. Reminders and
digests that fell due before it are not chased, so installing the bot on an old database
does not send clients questions about tickets closed long ago.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import from_db, to_db


async def epoch(conn: aiosqlite.Connection, now: datetime) -> datetime:
    """When this database first ran the scheduler (set to `now` if it never did)."""
    await conn.execute(
        "INSERT INTO scheduler_state (name, value) VALUES ('epoch', ?) ON CONFLICT DO NOTHING",
        (to_db(now),),
    )
    row = await fetch_one(conn, "SELECT value FROM scheduler_state WHERE name = 'epoch'")
    moment = from_db(row[0]) if row else None
    return moment or now
