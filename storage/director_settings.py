"""SQL for each director's own preferences: the `director_settings` table, and the reply
signature kept under a per-director name in the key-value settings table.

One row per director, created on the first change; a director without a row (or without a
stored signature) gets the defaults, so adding a director to the configuration needs no
setup step. The signature lives in the key-value table because it is free text that most
directors never set: it needs no column, and so no migration.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage import settings
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


def _signature_name(user_id: int) -> str:
    return f"reply_signature:{user_id}"


async def signature(conn: aiosqlite.Connection, user_id: int) -> str | None:
    """How this director signs replies to clients, or None for the default (name and role)."""
    return await settings.get(conn, _signature_name(user_id)) or None


async def set_signature(conn: aiosqlite.Connection, user_id: int, value: str | None) -> None:
    """Store the signature; None (or "") goes back to the default."""
    await settings.set(conn, _signature_name(user_id), value or "")


async def business_ack(conn: aiosqlite.Connection, user_id: int) -> bool:
    """Whether the bot may acknowledge a client at once in this director's personal chats
    (Telegram Business). Off unless the director turned it on: those chats are personal."""
    return await settings.get(conn, f"business_ack:{user_id}") == "on"


async def set_business_ack(conn: aiosqlite.Connection, user_id: int, on: bool) -> None:
    await settings.set(conn, f"business_ack:{user_id}", "on" if on else "off")


async def poster_text(conn: aiosqlite.Connection, user_id: int) -> str | None:
    """The line this director's posters say above the QR code, or None for the default."""
    return await settings.get(conn, f"poster_text:{user_id}") or None


async def set_poster_text(conn: aiosqlite.Connection, user_id: int, value: str | None) -> None:
    """Store the poster line; None (or "") goes back to the default."""
    await settings.set(conn, f"poster_text:{user_id}", value or "")
