"""SQL for what the collectors watch for: keywords, minus-words and blocked authors.

Configured words are seeded at start; words a director removes are kept as removed rows, so a
restart with the same configuration does not bring them back.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import to_db

KINDS = ("keyword", "exclude", "author")


async def seed(conn: aiosqlite.Connection, kind: str, word: str, now: datetime) -> None:
    await conn.execute(
        """INSERT INTO watch_words (kind, word, origin, created_at) VALUES (?, ?, 'config', ?)
           ON CONFLICT (kind, word) DO NOTHING""",
        (kind, word, to_db(now)),
    )


async def add(conn: aiosqlite.Connection, kind: str, word: str, now: datetime) -> bool:
    """True when the word was not already in the list."""
    row = await fetch_one(
        conn, "SELECT removed FROM watch_words WHERE kind = ? AND word = ?", (kind, word)
    )
    if row is not None and not row[0]:
        return False
    await conn.execute(
        """INSERT INTO watch_words (kind, word, created_at) VALUES (?, ?, ?)
           ON CONFLICT (kind, word) DO UPDATE SET removed = 0""",
        (kind, word, to_db(now)),
    )
    return True


async def remove(conn: aiosqlite.Connection, word: str) -> list[str]:
    """Remove `word` from every list it is in; the kinds it was removed from."""
    kinds = [
        row[0]
        for row in await fetch_all(
            conn,
            "SELECT kind FROM watch_words WHERE word = ? AND removed = 0 ORDER BY kind",
            (word,),
        )
    ]
    await conn.execute("UPDATE watch_words SET removed = 1 WHERE word = ?", (word,))
    return kinds


async def current(conn: aiosqlite.Connection) -> dict[str, list[str]]:
    lists: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for row in await fetch_all(
        conn, "SELECT kind, word FROM watch_words WHERE removed = 0 ORDER BY created_at, word"
    ):
        lists[row[0]].append(row[1])
    return lists
