"""SQL for the numbers behind the spike alert: how many mentions came in a window, since when
there is history at all, and the last hour's mentions themselves.

Read-only over `tickets` (rows with a mention_kind); whether a spike was already alerted is a
flag in storage.settings.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import Ticket, from_db, to_db


async def count_since(conn: aiosqlite.Connection, start: datetime, end: datetime) -> int:
    """Mentions created in [start, end)."""
    row = await fetch_one(
        conn,
        """SELECT count(*) FROM tickets
           WHERE mention_kind IS NOT NULL AND created_at >= ? AND created_at < ?""",
        (to_db(start), to_db(end)),
    )
    return int(row[0]) if row else 0


async def first_since(conn: aiosqlite.Connection, start: datetime) -> datetime | None:
    """When the oldest mention after `start` came: how much history a usual rate rests on."""
    row = await fetch_one(
        conn,
        "SELECT min(created_at) FROM tickets WHERE mention_kind IS NOT NULL AND created_at >= ?",
        (to_db(start),),
    )
    return from_db(row[0]) if row else None


async def recent(conn: aiosqlite.Connection, since: datetime) -> list[Ticket]:
    """Mentions created at or after `since`, oldest first."""
    return [
        Ticket.from_row(row)
        for row in await fetch_all(
            conn,
            "SELECT * FROM tickets WHERE mention_kind IS NOT NULL AND created_at >= ? ORDER BY id",
            (to_db(since),),
        )
    ]
