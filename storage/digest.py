"""SQL behind the morning digest: counts and short lists, each bounded so a busy company's
digest stays one readable message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.models import Ticket, to_db
from storage.reminders import ANSWERABLE_COMPLAINT, COMPLAINT


@dataclass(frozen=True)
class SourceCount:
    source: str
    title: str | None
    count: int


@dataclass(frozen=True)
class Answer:
    ticket_id: int
    author: str
    answer: str | None
    rating: int | None


async def new_by_source(
    conn: aiosqlite.Connection, since: datetime, until: datetime
) -> list[SourceCount]:
    async with conn.execute(
        """SELECT source, max(source_title), count(*) FROM tickets
           WHERE created_at >= ? AND created_at < ?
           GROUP BY source ORDER BY count(*) DESC, source""",
        (to_db(since), to_db(until)),
    ) as cur:
        return [SourceCount(row[0], row[1], int(row[2])) for row in await cur.fetchall()]


async def open_by_owner(conn: aiosqlite.Connection) -> list[tuple[int | None, int]]:
    """(owner id or None for nobody, open complaints), most loaded first. Praise and questions
    found in feeds stay open without anyone owning them, so they are not counted."""
    async with conn.execute(
        f"""SELECT owner_id, count(*) FROM tickets WHERE status != 'closed' AND {COMPLAINT}
            GROUP BY owner_id ORDER BY count(*) DESC, owner_id"""
    ) as cur:
        return [(row[0], int(row[1])) for row in await cur.fetchall()]


async def overdue(conn: aiosqlite.Connection, now: datetime, limit: int) -> list[Ticket]:
    async with conn.execute(
        """SELECT * FROM tickets WHERE status != 'closed' AND due_at IS NOT NULL AND due_at <= ?
           ORDER BY due_at, id LIMIT ?""",
        (to_db(now), limit),
    ) as cur:
        return [Ticket.from_row(row) for row in await cur.fetchall()]


async def count_overdue(conn: aiosqlite.Connection, now: datetime) -> int:
    async with conn.execute(
        """SELECT count(*) FROM tickets WHERE status != 'closed' AND due_at IS NOT NULL
           AND due_at <= ?""",
        (to_db(now),),
    ) as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


async def waiting(conn: aiosqlite.Connection, limit: int) -> tuple[list[Ticket], int]:
    """Complaints with no staff reply yet, longest waiting first, and how many there are."""
    where = f"status != 'closed' AND first_response_at IS NULL AND {ANSWERABLE_COMPLAINT}"
    async with conn.execute(
        f"SELECT * FROM tickets WHERE {where} ORDER BY created_at, id LIMIT ?", (limit,)
    ) as cur:
        items = [Ticket.from_row(row) for row in await cur.fetchall()]
    async with conn.execute(f"SELECT count(*) FROM tickets WHERE {where}") as cur:
        row = await cur.fetchone()
    return items, int(row[0]) if row else 0


async def answers(conn: aiosqlite.Connection, since: datetime, until: datetime) -> list[Answer]:
    """Follow-up answers or ratings given in the period."""
    async with conn.execute(
        """SELECT f.ticket_id, t.author_name, f.answer, f.rating FROM followups f
           JOIN tickets t ON t.id = f.ticket_id
           WHERE (f.answered_at >= ? AND f.answered_at < ?) OR (f.rated_at >= ? AND f.rated_at < ?)
           ORDER BY f.ticket_id""",
        (to_db(since), to_db(until), to_db(since), to_db(until)),
    ) as cur:
        return [Answer(row[0], row[1], row[2], row[3]) for row in await cur.fetchall()]
