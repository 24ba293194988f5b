"""SQL for reminders: which tickets are due for one, and the marks that make each fire once.

Nothing here is scheduled in memory. Every tick asks "which tickets have reached a moment
that has no mark yet", so a restart, a crash or a clock jump neither loses a reminder nor
repeats one: the mark is written in the same transaction that decides it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite

from storage.models import Ticket, from_db, to_db

KINDS = ("due", "overdue", "first_response", "followup", "unhappy")

# A complaint: the director's verdict wins over the classifier's guess, as in
# Ticket.is_complaint. Direct messages (no mention_kind) are always complaints.
COMPLAINT = """(verdict = 'complaint'
    OR (verdict IS NULL AND (mention_kind IS NULL OR mention_kind = 'complaint')))"""
# ... that someone can answer in Telegram (a feed item has nobody to reply to).
ANSWERABLE_COMPLAINT = f"client_chat_id IS NOT NULL AND {COMPLAINT}"


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


# --- the scheduler's start: nothing older than the feature is chased ------------------------


async def epoch(conn: aiosqlite.Connection, now: datetime) -> datetime:
    """When this database first ran the scheduler (set now if never). Follow-ups and digests
    that fell due before it are not sent: clients must not be asked about old tickets."""
    await conn.execute(
        "INSERT INTO scheduler_state (name, value) VALUES ('epoch', ?) ON CONFLICT DO NOTHING",
        (to_db(now),),
    )
    async with conn.execute("SELECT value FROM scheduler_state WHERE name = 'epoch'") as cur:
        row = await cur.fetchone()
    moment = from_db(row[0]) if row else None
    return moment or now


# --- what is due --------------------------------------------------------------------------


async def _tickets(
    conn: aiosqlite.Connection, sql: str, params: tuple[object, ...]
) -> list[Ticket]:
    async with conn.execute(sql, params) as cur:
        return [Ticket.from_row(row) for row in await cur.fetchall()]


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
    async with conn.execute("SELECT * FROM reminders WHERE queued_at IS NULL ORDER BY id") as cur:
        return [Reminder.from_row(row) for row in await cur.fetchall()]


async def set_queued(conn: aiosqlite.Connection, reminder_id: int, now: datetime) -> None:
    await conn.execute(
        "UPDATE reminders SET queued_at = ? WHERE id = ? AND queued_at IS NULL",
        (to_db(now), reminder_id),
    )


async def for_ticket(conn: aiosqlite.Connection, ticket_id: int) -> list[Reminder]:
    async with conn.execute(
        "SELECT * FROM reminders WHERE ticket_id = ? ORDER BY id", (ticket_id,)
    ) as cur:
        return [Reminder.from_row(row) for row in await cur.fetchall()]


# --- follow-ups ---------------------------------------------------------------------------


async def add_followup(
    conn: aiosqlite.Connection, reminder_id: int, ticket_id: int, chat_id: int
) -> None:
    await conn.execute(
        """INSERT INTO followups (reminder_id, ticket_id, chat_id) VALUES (?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (reminder_id, ticket_id, chat_id),
    )


async def followup(conn: aiosqlite.Connection, reminder_id: int) -> FollowUp | None:
    async with conn.execute("SELECT * FROM followups WHERE reminder_id = ?", (reminder_id,)) as cur:
        row = await cur.fetchone()
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


# --- the digest -----------------------------------------------------------------------------


async def mark_digest(
    conn: aiosqlite.Connection, director_id: int, day: date, now: datetime
) -> bool:
    cur = await conn.execute(
        """INSERT INTO digests (director_id, day, decided_at) VALUES (?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (director_id, day.isoformat(), to_db(now)),
    )
    return cur.rowcount == 1


async def unqueued_digests(conn: aiosqlite.Connection) -> list[tuple[int, date]]:
    async with conn.execute(
        "SELECT director_id, day FROM digests WHERE queued_at IS NULL ORDER BY day, director_id"
    ) as cur:
        return [(row[0], date.fromisoformat(row[1])) for row in await cur.fetchall()]


async def set_digest_queued(
    conn: aiosqlite.Connection, director_id: int, day: date, now: datetime
) -> None:
    await conn.execute(
        "UPDATE digests SET queued_at = ? WHERE director_id = ? AND day = ?",
        (to_db(now), director_id, day.isoformat()),
    )


# --- directors' settings --------------------------------------------------------------------


async def digest_all_clear(conn: aiosqlite.Connection, user_id: int) -> bool:
    """Whether a director wants the one-line "all clear" on a quiet morning (the default)."""
    async with conn.execute(
        "SELECT digest_all_clear FROM director_settings WHERE user_id = ?", (user_id,)
    ) as cur:
        row = await cur.fetchone()
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
