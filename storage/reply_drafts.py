"""SQL for replies the phrase check held back (`reply_drafts`): what the staff member wrote,
the suggested rewrite and the flags, until they choose what goes to the client.

A draft is used once: `take` marks it in the same statement that reads it, so a second press
of "send" (or two people pressing at once) finds nothing to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import to_db


@dataclass(frozen=True)
class Draft:
    id: int
    ticket_id: int
    actor_id: int
    purpose: str  # "reply" or "close"
    text: str
    suggestion: str | None
    flags: tuple[str, ...]


async def add(
    conn: aiosqlite.Connection,
    *,
    ticket_id: int,
    actor_id: int,
    purpose: str,
    text: str,
    suggestion: str | None,
    flags: tuple[str, ...],
    now: datetime,
) -> int:
    cur = await conn.execute(
        """INSERT INTO reply_drafts (ticket_id, actor_id, purpose, text, suggestion, flags,
                                     created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (ticket_id, actor_id, purpose, text, suggestion, ",".join(flags), to_db(now)),
    )
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


async def take(conn: aiosqlite.Connection, draft_id: int, now: datetime) -> Draft | None:
    """The draft, marked used; None when there is no such draft or it was used already."""
    row = await fetch_one(
        conn,
        """UPDATE reply_drafts SET used_at = ? WHERE id = ? AND used_at IS NULL
           RETURNING id, ticket_id, actor_id, purpose, text, suggestion, flags""",
        (to_db(now), draft_id),
    )
    if row is None:
        return None
    return Draft(
        id=row["id"],
        ticket_id=row["ticket_id"],
        actor_id=row["actor_id"],
        purpose=row["purpose"],
        text=row["text"],
        suggestion=row["suggestion"],
        flags=tuple(flag for flag in str(row["flags"]).split(",") if flag),
    )
