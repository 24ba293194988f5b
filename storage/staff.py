"""SQL for the `staff` table: who is a director or a manager, and the names Telegram last told us.

The configuration decides the roles; this table mirrors it at start-up and remembers names
learnt from updates, so cards and digests can name an owner who has not written lately.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import Role, StaffMember, to_db


async def sync_roles(
    conn: aiosqlite.Connection, roles: dict[int, Role], now: datetime
) -> list[int]:
    """Make the table match the configuration, keeping names already learnt; the ids of
    staff the configuration no longer lists (removed from the table)."""
    listed = await fetch_all(conn, "SELECT user_id FROM staff ORDER BY user_id")
    removed = [int(row[0]) for row in listed if int(row[0]) not in roles]
    for user_id, role in roles.items():
        await conn.execute(
            """INSERT INTO staff (user_id, role, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (user_id) DO UPDATE SET role = excluded.role""",
            (user_id, role.value, to_db(now)),
        )
    await conn.executemany("DELETE FROM staff WHERE user_id = ?", [(u,) for u in removed])
    return removed


async def set_names(
    conn: aiosqlite.Connection,
    user_id: int,
    first_name: str,
    last_name: str,
    username: str,
    now: datetime,
) -> bool:
    """Store names if they changed; True when something was updated."""
    cur = await conn.execute(
        """UPDATE staff SET first_name = ?, last_name = ?, username = ?, updated_at = ?
           WHERE user_id = ? AND (first_name, last_name, username) IS NOT (?, ?, ?)""",
        (first_name, last_name, username, to_db(now), user_id, first_name, last_name, username),
    )
    return cur.rowcount == 1


async def all_members(conn: aiosqlite.Connection) -> list[StaffMember]:
    return [
        StaffMember.from_row(row)
        for row in await fetch_all(conn, "SELECT * FROM staff ORDER BY role, user_id")
    ]


async def get(conn: aiosqlite.Connection, user_id: int) -> StaffMember | None:
    row = await fetch_one(conn, "SELECT * FROM staff WHERE user_id = ?", (user_id,))
    return StaffMember.from_row(row) if row else None
