"""SQL for the audit trail: who did what to which ticket, and when."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

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
    async with conn.execute(
        "SELECT * FROM events WHERE ticket_id = ? ORDER BY id", (ticket_id,)
    ) as cur:
        return [Event.from_row(row) for row in await cur.fetchall()]
