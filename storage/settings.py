"""SQL for the bot-wide key-value settings (table `mention_settings`, named for its first
users): flags a director toggles or the bot keeps for itself across restarts, such as
"instant cards for every mention", "directors were warned about no keywords" and when the
last spike alert went out.

Values are text; callers own their names and encodings. Per-director preferences are in
storage.director_settings instead.
"""

from __future__ import annotations

import aiosqlite

from storage.db import fetch_one


async def get(conn: aiosqlite.Connection, name: str) -> str | None:
    """The stored value, or None when it was never set."""
    row = await fetch_one(conn, "SELECT value FROM mention_settings WHERE name = ?", (name,))
    return str(row[0]) if row else None


async def set(conn: aiosqlite.Connection, name: str, value: str) -> None:
    """Store `value` under `name`, replacing any earlier one."""
    await conn.execute(
        """INSERT INTO mention_settings (name, value) VALUES (?, ?)
           ON CONFLICT (name) DO UPDATE SET value = excluded.value""",
        (name, value),
    )
