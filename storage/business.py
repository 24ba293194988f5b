"""SQL for Telegram Business connections: which director's personal account the bot is
connected to, and whether it may still answer there. Only connections of directors are
ever stored (the caller checks), so a row here is one the bot may act on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class Connection:
    id: str
    owner_id: int
    enabled: bool
    can_reply: bool
    updated_at: datetime

    @property
    def usable(self) -> bool:
        return self.enabled and self.can_reply


def _connection(row: aiosqlite.Row) -> Connection:
    updated = from_db(row["updated_at"])
    assert updated is not None
    return Connection(
        row["id"], int(row["owner_id"]), bool(row["enabled"]), bool(row["can_reply"]), updated
    )


async def save(
    conn: aiosqlite.Connection,
    connection_id: str,
    owner_id: int,
    enabled: bool,
    can_reply: bool,
    now: datetime,
) -> Connection | None:
    """Store the connection as Telegram now describes it; the previous state, if any."""
    before = await get(conn, connection_id)
    await conn.execute(
        """INSERT INTO business_connections (id, owner_id, enabled, can_reply, updated_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id,
               enabled = excluded.enabled, can_reply = excluded.can_reply,
               updated_at = excluded.updated_at""",
        (connection_id, owner_id, int(enabled), int(can_reply), to_db(now)),
    )
    return before


async def get(conn: aiosqlite.Connection, connection_id: str) -> Connection | None:
    row = await fetch_one(conn, "SELECT * FROM business_connections WHERE id = ?", (connection_id,))
    return _connection(row) if row else None


async def of_owner(conn: aiosqlite.Connection, owner_id: int) -> Connection | None:
    """The owner's current connection: an enabled one first (a late update to an old,
    disabled connection must not hide it), then the latest."""
    row = await fetch_one(
        conn,
        """SELECT * FROM business_connections WHERE owner_id = ?
           ORDER BY enabled DESC, updated_at DESC, rowid DESC LIMIT 1""",
        (owner_id,),
    )
    return _connection(row) if row else None
