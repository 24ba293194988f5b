"""SQL for the `events` table, the audit trail: who did what to which ticket, and when.

Append-only: rows are added in the transaction of the change they describe and never
updated, so /ticket can always show how a ticket got where it is.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all
from storage.models import Event, to_db


async def add(
    conn: aiosqlite.Connection,
    ticket_id: int | None,
    actor_id: int | None,
    kind: str,
    detail: str,
    now: datetime,
) -> None:
    await conn.execute(
        "INSERT INTO events (ticket_id, actor_id, kind, detail, created_at) VALUES (?, ?, ?, ?, ?)",
        (ticket_id, actor_id, kind, detail, to_db(now)),
    )


async def for_ticket(conn: aiosqlite.Connection, ticket_id: int) -> list[Event]:
    return [
        Event.from_row(row)
        for row in await fetch_all(
            conn, "SELECT * FROM events WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
    ]
