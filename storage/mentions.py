"""SQL that reads tickets which came from mentions, for the intake's own decisions: which
earlier ticket a cross-post merges into, and which mentions wait for the next summary.

Mention tickets are rows of `tickets` like any other, and every write to them (the mention
columns, the verdict, the route) is in storage.tickets. The numbers behind the spike alert are
in storage.spikes and the intake's flags in storage.settings.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import Ticket, to_db


async def find_cross_post(
    conn: aiosqlite.Connection, dedupe_key: str, *, since: datetime
) -> int | None:
    """The earliest ticket since `since` with the same text from an author-less source (a
    feed, a public channel, a channel post): what a re-post of the same story is merged into.

    Tickets with a Telegram author (people in chats, direct messages) never absorb a
    mention: the same short words from two people are two complaints, and a text seen
    months ago is news again.
    """
    row = await fetch_one(
        conn,
        """SELECT id FROM tickets
           WHERE dedupe_key = ? AND author_id IS NULL AND created_at >= ?
           ORDER BY id LIMIT 1""",
        (dedupe_key, to_db(since)),
    )
    return int(row[0]) if row else None


async def waiting_for_summary(conn: aiosqlite.Connection, limit: int = 200) -> list[Ticket]:
    """Mentions routed to the periodic summary and not yet listed in one, oldest first."""
    return [
        Ticket.from_row(row)
        for row in await fetch_all(
            conn,
            "SELECT * FROM tickets WHERE mention_route = 'summary' ORDER BY id LIMIT ?",
            (limit,),
        )
    ]
