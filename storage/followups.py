"""SQL for the `followups` table: the question asked to a client some days after a closing,
and their answer and rating.

A follow-up row hangs off the `followup` reminder mark that decided it (storage.reminders),
so it is created once per closing. The answer and the rating are each stored only once: a
second tap on an old keyboard changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_one
from storage.models import to_db


@dataclass(frozen=True)
class FollowUp:
    reminder_id: int
    ticket_id: int
    chat_id: int
    answer: str | None
    rating: int | None

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> FollowUp:
        return cls(
            row["reminder_id"], row["ticket_id"], row["chat_id"], row["answer"], row["rating"]
        )


async def add(conn: aiosqlite.Connection, reminder_id: int, ticket_id: int, chat_id: int) -> None:
    await conn.execute(
        """INSERT INTO followups (reminder_id, ticket_id, chat_id) VALUES (?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (reminder_id, ticket_id, chat_id),
    )


async def get(conn: aiosqlite.Connection, reminder_id: int) -> FollowUp | None:
    row = await fetch_one(conn, "SELECT * FROM followups WHERE reminder_id = ?", (reminder_id,))
    return FollowUp.from_row(row) if row else None


async def answer(conn: aiosqlite.Connection, reminder_id: int, value: str, now: datetime) -> bool:
    """Store the client's answer once; False when they had already answered."""
    cur = await conn.execute(
        """UPDATE followups SET answer = ?, answered_at = ?
           WHERE reminder_id = ? AND answer IS NULL""",
        (value, to_db(now), reminder_id),
    )
    return cur.rowcount == 1


async def rate(conn: aiosqlite.Connection, reminder_id: int, rating: int, now: datetime) -> bool:
    """Store the optional rating once; False when it was already given."""
    cur = await conn.execute(
        """UPDATE followups SET rating = ?, rated_at = ?
           WHERE reminder_id = ? AND rating IS NULL""",
        (rating, to_db(now), reminder_id),
    )
    return cur.rowcount == 1
