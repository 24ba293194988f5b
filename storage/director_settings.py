"""SQL for the `director_settings` table: each director's own preferences.

One row per director, created on the first change; a director without a row gets the
defaults, so adding a director to the configuration needs no setup step.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import to_db


async def digest_all_clear(conn: aiosqlite.Connection, user_id: int) -> bool:
    """Whether a director wants the one-line "all clear" on a quiet morning (the default)."""
    row = await fetch_one(
        conn, "SELECT digest_all_clear FROM director_settings WHERE user_id = ?", (user_id,)
    )
    return bool(row[0]) if row else True


async def set_digest_all_clear(
    conn: aiosqlite.Connection, user_id: int, value: bool, now: datetime
) -> None:
    await conn.execute(
        """INSERT INTO director_settings (user_id, digest_all_clear, updated_at) VALUES (?, ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET digest_all_clear = excluded.digest_all_clear,
                                               updated_at = excluded.updated_at""",
        (user_id, int(value), to_db(now)),
    )
