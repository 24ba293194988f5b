"""SQL for the `reminders` table: which tickets are due for a reminder, and the marks that make
each one fire once.

Nothing here is scheduled in memory. Every tick asks "which tickets have reached a moment
that has no mark yet", so a restart, a crash or a clock jump neither loses a reminder nor
repeats one: the mark is written in the same transaction that decides it. What the client
answers to a follow-up is in storage.followups; the morning digest's marks in storage.digests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_all
from storage.models import Ticket, from_db, to_db
from storage.tickets import ANSWERABLE_COMPLAINT

KINDS = ("due", "overdue", "first_response", "followup", "unhappy")


@dataclass(frozen=True)
class Reminder:
    id: int
    ticket_id: int
    kind: str
    moment: datetime

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Reminder:
        moment = from_db(row["moment"])
        assert moment is not None
        return cls(row["id"], row["ticket_id"], row["kind"], moment)


# --- what is due --------------------------------------------------------------------------


async def _tickets(
    conn: aiosqlite.Connection, sql: str, params: tuple[object, ...]
) -> list[Ticket]:
    return [Ticket.from_row(row) for row in await fetch_all(conn, sql, params)]


def _unmarked(kind: str, moment_column: str) -> str:
    return f"""NOT EXISTS (SELECT 1 FROM reminders r WHERE r.ticket_id = tickets.id
                           AND r.kind = '{kind}' AND r.moment = tickets.{moment_column})"""


async def control_date_passed(
    conn: aiosqlite.Connection, kind: str, passed_before: datetime
) -> list[Ticket]:
    """Open tickets whose control date is at or before `passed_before` and that have no
    `kind` mark for that date yet: "due" asks with now, "overdue" with now - OVERDUE_HOURS.
    A new control date is a new moment, so it is reminded of again."""
    return await _tickets(
        conn,
        f"""SELECT * FROM tickets WHERE status != 'closed' AND due_at IS NOT NULL
            AND due_at <= ? AND {_unmarked(kind, "due_at")} ORDER BY id""",
        (to_db(passed_before),),
    )


async def unanswered(conn: aiosqlite.Connection, created_before: datetime) -> list[Ticket]:
    """Complaints nobody has answered FIRST_RESPONSE_MINUTES after they came in."""
    return await _tickets(
        conn,
        f"""SELECT * FROM tickets WHERE status != 'closed' AND first_response_at IS NULL
            AND created_at <= ? AND {ANSWERABLE_COMPLAINT}
            AND {_unmarked("first_response", "created_at")} ORDER BY id""",
        (to_db(created_before),),
    )


async def to_follow_up(
    conn: aiosqlite.Connection, source: str, closed_before: datetime, closed_after: datetime
) -> list[Ticket]:
    """Direct tickets closed FOLLOW_UP_DAYS ago whose client was not asked about this closing.

    A ticket closed, reopened and closed again is asked again: each closing is a promise.
    Mentions never are: their "client" is a group or a channel where the brand came up, and
    a form question posted there would be the bot talking in somebody else's chat.
    """
    return await _tickets(
        conn,
        f"""SELECT * FROM tickets WHERE status = 'closed' AND source = ?
            AND mention_kind IS NULL
            AND client_chat_id IS NOT NULL AND closed_at <= ? AND closed_at >= ?
            AND {_unmarked("followup", "closed_at")} ORDER BY id""",
        (source, to_db(closed_before), to_db(closed_after)),
    )


async def to_follow_up_outside(
    conn: aiosqlite.Connection, closed_before: datetime, closed_after: datetime
) -> list[Ticket]:
    """Tickets from letters and the web page closed FOLLOW_UP_DAYS ago, not yet asked."""
    return await _tickets(
        conn,
        f"""SELECT * FROM tickets WHERE status = 'closed' AND source IN ('email', 'web')
            AND mention_kind IS NULL AND closed_at <= ? AND closed_at >= ?
            AND {_unmarked("followup", "closed_at")} ORDER BY id""",
        (to_db(closed_before), to_db(closed_after)),
    )


# --- marks --------------------------------------------------------------------------------


async def mark(
    conn: aiosqlite.Connection, ticket_id: int, kind: str, moment: datetime, now: datetime
) -> int | None:
    """Record that a reminder was decided; None when it already was (it must not repeat)."""
    cur = await conn.execute(
        """INSERT INTO reminders (ticket_id, kind, moment, decided_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (ticket_id, kind, moment) DO NOTHING""",
        (ticket_id, kind, to_db(moment), to_db(now)),
    )
    return int(cur.lastrowid) if cur.rowcount == 1 and cur.lastrowid else None


async def unqueued(conn: aiosqlite.Connection) -> list[Reminder]:
    """Decided reminders whose messages are not in the outbox yet (a crash in between)."""
    return [
        Reminder.from_row(row)
        for row in await fetch_all(
            conn, "SELECT * FROM reminders WHERE queued_at IS NULL ORDER BY id"
        )
    ]


async def set_queued(conn: aiosqlite.Connection, reminder_id: int, now: datetime) -> None:
    await conn.execute(
        "UPDATE reminders SET queued_at = ? WHERE id = ? AND queued_at IS NULL",
        (to_db(now), reminder_id),
    )


async def for_ticket(conn: aiosqlite.Connection, ticket_id: int) -> list[Reminder]:
    return [
        Reminder.from_row(row)
        for row in await fetch_all(
            conn, "SELECT * FROM reminders WHERE ticket_id = ? ORDER BY id", (ticket_id,)
        )
    ]
