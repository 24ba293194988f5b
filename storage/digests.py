"""SQL for the morning digest: the `digests` marks that make each director's digest for a day
go out once, and the read queries behind what it says.

A mark is written in the transaction that decides the digest and stamped queued once its
messages are in the outbox, like reminders (storage.reminders), so a crash in between
neither loses a digest nor sends it twice. The reads are counts and short lists, each bounded
so a busy company's digest stays one readable message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import Ticket, to_db
from storage.tickets import ANSWERABLE_COMPLAINT, COMPLAINT


@dataclass(frozen=True)
class SourceCount:
    source: str
    title: str | None
    count: int
    tag: str | None = None  # a poster's deep-link tag: counted apart from other DMs


@dataclass(frozen=True)
class Answer:
    ticket_id: int
    author: str
    answer: str | None
    rating: int | None


# --- marks: each director's digest for a day is decided once ---------------------------------


async def mark(conn: aiosqlite.Connection, director_id: int, day: date, now: datetime) -> bool:
    """Record that this director's digest for `day` was decided; False when it already was."""
    cur = await conn.execute(
        """INSERT INTO digests (director_id, day, decided_at) VALUES (?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (director_id, day.isoformat(), to_db(now)),
    )
    return cur.rowcount == 1


async def unqueued(conn: aiosqlite.Connection) -> list[tuple[int, date]]:
    """(director, day) of decided digests whose messages are not in the outbox yet."""
    return [
        (row[0], date.fromisoformat(row[1]))
        for row in await fetch_all(
            conn,
            "SELECT director_id, day FROM digests WHERE queued_at IS NULL"
            " ORDER BY day, director_id",
        )
    ]


async def set_queued(
    conn: aiosqlite.Connection, director_id: int, day: date, now: datetime
) -> None:
    await conn.execute(
        "UPDATE digests SET queued_at = ? WHERE director_id = ? AND day = ?",
        (to_db(now), director_id, day.isoformat()),
    )


# --- what the digest says -------------------------------------------------------------------


async def new_by_source(
    conn: aiosqlite.Connection, since: datetime, until: datetime
) -> list[SourceCount]:
    return [
        SourceCount(row[0], row[1], int(row[2]), row[3])
        for row in await fetch_all(
            conn,
            """SELECT source, max(source_title), count(*), source_tag FROM tickets
           WHERE created_at >= ? AND created_at < ?
           GROUP BY source, source_tag ORDER BY count(*) DESC, source, source_tag""",
            (to_db(since), to_db(until)),
        )
    ]


async def open_by_owner(conn: aiosqlite.Connection) -> list[tuple[int | None, int]]:
    """(owner id or None for nobody, open complaints), most loaded first. Praise and questions
    found in feeds stay open without anyone owning them, so they are not counted."""
    return [
        (row[0], int(row[1]))
        for row in await fetch_all(
            conn,
            f"""SELECT owner_id, count(*) FROM tickets WHERE status != 'closed' AND {COMPLAINT}
            GROUP BY owner_id ORDER BY count(*) DESC, owner_id""",
        )
    ]


async def overdue(conn: aiosqlite.Connection, now: datetime, limit: int) -> list[Ticket]:
    return [
        Ticket.from_row(row)
        for row in await fetch_all(
            conn,
            """SELECT * FROM tickets WHERE status != 'closed' AND due_at IS NOT NULL AND due_at <= ?
           ORDER BY due_at, id LIMIT ?""",
            (to_db(now), limit),
        )
    ]


async def count_overdue(conn: aiosqlite.Connection, now: datetime) -> int:
    row = await fetch_one(
        conn,
        """SELECT count(*) FROM tickets WHERE status != 'closed' AND due_at IS NOT NULL
           AND due_at <= ?""",
        (to_db(now),),
    )
    return int(row[0]) if row else 0


async def waiting(conn: aiosqlite.Connection, limit: int) -> tuple[list[Ticket], int]:
    """Complaints with no staff reply yet, longest waiting first, and how many there are."""
    where = f"status != 'closed' AND first_response_at IS NULL AND {ANSWERABLE_COMPLAINT}"
    items = [
        Ticket.from_row(row)
        for row in await fetch_all(
            conn, f"SELECT * FROM tickets WHERE {where} ORDER BY created_at, id LIMIT ?", (limit,)
        )
    ]
    row = await fetch_one(conn, f"SELECT count(*) FROM tickets WHERE {where}")
    return items, int(row[0]) if row else 0


async def answers(conn: aiosqlite.Connection, since: datetime, until: datetime) -> list[Answer]:
    """Follow-up answers or ratings given in the period."""
    return [
        Answer(row[0], row[1], row[2], row[3])
        for row in await fetch_all(
            conn,
            """SELECT f.ticket_id, t.author_name, f.answer, f.rating FROM followups f
           JOIN tickets t ON t.id = f.ticket_id
           WHERE (f.answered_at >= ? AND f.answered_at < ?) OR (f.rated_at >= ? AND f.rated_at < ?)
           ORDER BY f.ticket_id""",
            (to_db(since), to_db(until), to_db(since), to_db(until)),
        )
    ]
