"""SQL for the recurring-cause alarm: the recent tickets that share a root cause, and the
record of each alarm the directors got (`recurring_alarms`, `recurring_tickets`).

The record is what makes the alarm say a thing once: a group of tickets is told about when
it reaches three, and the fourth of the same kind finds the group already told. Which tickets
form a group is decided above (bot.core.recurring); this module only reads and writes rows.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import RootCause, Ticket, to_db

# A bound on how many tickets of one cause the check reads: a month of one cause in a big
# company, far more than an alarm needs to see a pattern.
RECENT_LIMIT = 500


async def same_cause_since(
    conn: aiosqlite.Connection, cause: RootCause, since: datetime, limit: int = RECENT_LIMIT
) -> list[Ticket]:
    """Tickets with this root cause that came in at or after `since`, newest last."""
    rows = await fetch_all(
        conn,
        """SELECT * FROM (SELECT * FROM tickets WHERE root_cause = ? AND created_at >= ?
                          ORDER BY created_at DESC, id DESC LIMIT ?)
           ORDER BY created_at, id""",
        (cause.value, to_db(since), limit),
    )
    return [Ticket.from_row(row) for row in rows]


async def source_alarmed_since(
    conn: aiosqlite.Connection, cause: str, source: str, since: datetime
) -> bool:
    """Whether the directors were told of this cause from this source at or after `since`."""
    row = await fetch_one(
        conn,
        """SELECT 1 FROM recurring_alarms WHERE cause = ? AND source = ? AND created_at >= ?
           LIMIT 1""",
        (cause, source, to_db(since)),
    )
    return row is not None


async def already_listed(conn: aiosqlite.Connection, cause: str, ticket_ids: list[int]) -> set[int]:
    """Which of these tickets an earlier alarm about this cause listed already."""
    if not ticket_ids:
        return set()
    marks = ",".join("?" for _ in ticket_ids)
    rows = await fetch_all(
        conn,
        f"""SELECT DISTINCT rt.ticket_id FROM recurring_tickets rt
            JOIN recurring_alarms ra ON ra.id = rt.alarm_id
            WHERE ra.cause = ? AND rt.ticket_id IN ({marks})""",
        (cause, *ticket_ids),
    )
    return {int(row[0]) for row in rows}


async def add(
    conn: aiosqlite.Connection,
    *,
    cause: str,
    basis: str,
    source: str | None,
    words: str | None,
    ticket_ids: list[int],
    now: datetime,
) -> int:
    """Record an alarm with the tickets it lists; `source` is set when the alarm covers every
    ticket of that cause from that source, so that source is not told of again this month."""
    cur = await conn.execute(
        """INSERT INTO recurring_alarms (cause, basis, source, words, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        (cause, basis, source, words, to_db(now)),
    )
    assert cur.lastrowid is not None
    alarm_id = int(cur.lastrowid)
    await conn.executemany(
        "INSERT OR IGNORE INTO recurring_tickets (alarm_id, ticket_id) VALUES (?, ?)",
        [(alarm_id, ticket_id) for ticket_id in ticket_ids],
    )
    return alarm_id


async def alarms(conn: aiosqlite.Connection) -> list[tuple[int, str, str, list[int]]]:
    """Every alarm as (id, cause, basis, ticket ids): for tests and for a look by hand."""
    rows = await fetch_all(
        conn,
        """SELECT ra.id, ra.cause, ra.basis, group_concat(rt.ticket_id) AS ids
           FROM recurring_alarms ra LEFT JOIN recurring_tickets rt ON rt.alarm_id = ra.id
           GROUP BY ra.id ORDER BY ra.id""",
    )
    return [
        (
            int(row["id"]),
            str(row["cause"]),
            str(row["basis"]),
            sorted(int(part) for part in str(row["ids"] or "").split(",") if part),
        )
        for row in rows
    ]
