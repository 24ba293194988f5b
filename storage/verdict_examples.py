"""SQL for the director's verdicts as labelled examples (table `verdict_examples`): every
"complaint" / "not a complaint" press, the text it was about (by its normalised hash too, so
an identical text is routed the director's way from then on) and what routing predicted
before the press."""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import to_db


async def add(
    conn: aiosqlite.Connection,
    *,
    ticket_id: int | None,
    text_hash: str,
    text: str,
    label: bool,
    predicted: bool | None,
    now: datetime,
) -> bool:
    """Store a press; True if the text is a new example. A known text takes the new label and
    keeps its first prediction (made before the director ever judged it) and its place."""
    known = await fetch_one(
        conn, "SELECT 1 FROM verdict_examples WHERE text_hash = ?", (text_hash,)
    )
    await conn.execute(
        """INSERT INTO verdict_examples
               (ticket_id, text_hash, text, label, predicted, created_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (text_hash) DO UPDATE SET
               label = excluded.label, ticket_id = excluded.ticket_id,
               created_at = excluded.created_at""",
        (
            ticket_id,
            text_hash,
            text,
            int(label),
            None if predicted is None else int(predicted),
            to_db(now),
        ),
    )
    return known is None


async def all_examples(conn: aiosqlite.Connection) -> list[tuple[str, str, bool]]:
    """(text hash, text, label) of every example, oldest first: the training set and the
    exact-text verdicts (one row per text, with the director's latest label)."""
    rows = await fetch_all(conn, "SELECT text_hash, text, label FROM verdict_examples ORDER BY id")
    return [(str(r[0]), str(r[1]), bool(r[2])) for r in rows]


async def agreement(conn: aiosqlite.Connection, last: int) -> tuple[int, int]:
    """(agreed, measured) over the last `last` examples that had a prediction."""
    row = await fetch_one(
        conn,
        """SELECT COALESCE(SUM(label = predicted), 0), COUNT(*) FROM (
               SELECT label, predicted FROM verdict_examples
               WHERE predicted IS NOT NULL ORDER BY id DESC LIMIT ?)""",
        (last,),
    )
    return (int(row[0]), int(row[1])) if row else (0, 0)
