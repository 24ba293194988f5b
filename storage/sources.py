"""SQL for mention sources and the items already seen from each.

A source row carries everything the poller learns (validators, failures, last success) so a
restart resumes politely instead of refetching everything, and `seen_items` is what makes
"nothing is notified twice" hold across restarts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class SourceRecord:
    id: int
    key: str
    kind: str
    url: str
    title: str | None
    origin: str
    active: bool
    etag: str | None
    last_modified: str | None
    failures: int
    last_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    mentions_total: int
    alerted_failing: bool

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> SourceRecord:
        return cls(
            id=row["id"],
            key=row["key"],
            kind=row["kind"],
            url=row["url"],
            title=row["title"],
            origin=row["origin"],
            active=bool(row["active"]),
            etag=row["etag"],
            last_modified=row["last_modified"],
            failures=row["failures"],
            last_ok_at=from_db(row["last_ok_at"]),
            last_error=row["last_error"],
            last_error_at=from_db(row["last_error_at"]),
            mentions_total=row["mentions_total"],
            alerted_failing=bool(row["alerted_failing"]),
        )


async def seed(conn: aiosqlite.Connection, *, key: str, kind: str, url: str, now: datetime) -> None:
    """Add a configured source unless it is known; one a director removed stays removed."""
    await conn.execute(
        """INSERT INTO sources (key, kind, url, origin, created_at) VALUES (?, ?, ?, 'config', ?)
           ON CONFLICT (key) DO NOTHING""",
        (key, kind, url, to_db(now)),
    )


async def add(
    conn: aiosqlite.Connection, *, key: str, kind: str, url: str, now: datetime
) -> tuple[SourceRecord, bool]:
    """Add or re-activate a source; False when it was already active.

    A re-activated source starts afresh (no validators, no last success) so its first poll
    records what was published meanwhile as seen rather than flooding the director.
    """
    existing = await get_by_key(conn, key)
    if existing is not None and existing.active:
        return existing, False
    await conn.execute(
        """INSERT INTO sources (key, kind, url, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET active = 1, url = excluded.url, etag = NULL,
               last_modified = NULL, failures = 0, last_ok_at = NULL, alerted_failing = 0""",
        (key, kind, url, to_db(now)),
    )
    record = await get_by_key(conn, key)
    assert record is not None
    return record, True


async def ensure_chat(
    conn: aiosqlite.Connection, *, key: str, url: str, title: str | None, now: datetime
) -> None:
    """A chat the bot is in, recorded the first time it yields a mention."""
    await conn.execute(
        """INSERT INTO sources (key, kind, url, title, created_at) VALUES (?, 'chat', ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET title = coalesce(excluded.title, title)""",
        (key, url, title, to_db(now)),
    )


async def deactivate(conn: aiosqlite.Connection, source_id: int) -> SourceRecord | None:
    record = await get(conn, source_id)
    if record is None or not record.active or record.kind == "chat":
        return None
    await conn.execute("UPDATE sources SET active = 0 WHERE id = ?", (source_id,))
    return record


async def get(conn: aiosqlite.Connection, source_id: int) -> SourceRecord | None:
    row = await fetch_one(conn, "SELECT * FROM sources WHERE id = ?", (source_id,))
    return SourceRecord.from_row(row) if row else None


async def get_by_key(conn: aiosqlite.Connection, key: str) -> SourceRecord | None:
    row = await fetch_one(conn, "SELECT * FROM sources WHERE key = ?", (key,))
    return SourceRecord.from_row(row) if row else None


async def active(conn: aiosqlite.Connection, kind: str | None = None) -> list[SourceRecord]:
    sql = "SELECT * FROM sources WHERE active = 1"
    params: tuple[object, ...] = ()
    if kind is not None:
        sql += " AND kind = ?"
        params = (kind,)
    return [
        SourceRecord.from_row(row) for row in await fetch_all(conn, sql + " ORDER BY id", params)
    ]


async def save_state(
    conn: aiosqlite.Connection,
    *,
    key: str,
    etag: str | None,
    last_modified: str | None,
    failures: int,
    last_ok_at: datetime | None,
    last_error: str | None,
    last_error_at: datetime | None,
    mentions_total: int,
) -> None:
    await conn.execute(
        """UPDATE sources SET etag = ?, last_modified = ?, failures = ?, last_ok_at = ?,
                  last_error = ?, last_error_at = ?, mentions_total = ?
           WHERE key = ?""",
        (
            etag,
            last_modified,
            failures,
            to_db(last_ok_at),
            last_error,
            to_db(last_error_at),
            mentions_total,
            key,
        ),
    )


async def set_alerted(conn: aiosqlite.Connection, key: str, alerted: bool) -> bool:
    """Flip the 'director was told it is failing' flag; True only if it actually changed,
    so exactly one of two racing callers sends the alert."""
    cur = await conn.execute(
        "UPDATE sources SET alerted_failing = ? WHERE key = ? AND alerted_failing != ?",
        (int(alerted), key, int(alerted)),
    )
    return cur.rowcount == 1


async def ticket_counts(conn: aiosqlite.Connection) -> dict[str, int]:
    """How many tickets each source gave: the number /sources shows as its mentions."""
    return {
        row[0]: int(row[1])
        for row in await fetch_all(
            conn,
            "SELECT source, count(*) FROM tickets WHERE mention_kind IS NOT NULL GROUP BY source",
        )
    }


# --- seen items ---------------------------------------------------------------------------


async def mark_seen(
    conn: aiosqlite.Connection,
    source: str,
    external_id: str,
    now: datetime,
    ticket_id: int | None = None,
) -> bool:
    """Record an item; False when it was seen before (the caller then does nothing)."""
    cur = await conn.execute(
        """INSERT INTO seen_items (source, external_id, ticket_id, seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (source, external_id) DO NOTHING""",
        (source, external_id, ticket_id, to_db(now)),
    )
    return cur.rowcount == 1


async def link_seen(
    conn: aiosqlite.Connection, source: str, external_id: str, ticket_id: int
) -> None:
    await conn.execute(
        "UPDATE seen_items SET ticket_id = ? WHERE source = ? AND external_id = ?",
        (ticket_id, source, external_id),
    )
