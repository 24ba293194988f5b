"""SQL for the durable outbox: every notification is a row before it is a Telegram message.

Rows are written in the same transaction as the change that caused them, sent by one sender,
and marked sent with Telegram's message id. A pending row with a dedupe key is unique, so
asking twice for the same card edit while one is queued costs nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class OutboxItem:
    id: int
    chat_id: int
    ticket_id: int | None
    kind: str
    payload: dict[str, Any]
    post_kind: str | None
    attempts: int
    not_before: datetime | None
    created_at: datetime
    started_at: datetime | None = None  # a send began whose outcome is unknown

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> OutboxItem:
        created = from_db(row["created_at"])
        assert created is not None
        return cls(
            id=row["id"],
            chat_id=row["chat_id"],
            ticket_id=row["ticket_id"],
            kind=row["kind"],
            payload=json.loads(row["payload"]),
            post_kind=row["post_kind"],
            attempts=row["attempts"],
            not_before=from_db(row["not_before"]),
            created_at=created,
            started_at=from_db(row["started_at"]),
        )


async def enqueue(
    conn: aiosqlite.Connection,
    *,
    chat_id: int,
    kind: str,
    now: datetime,
    ticket_id: int | None = None,
    payload: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
    post_kind: str | None = None,
    not_before: datetime | None = None,
) -> int | None:
    """Queue one delivery; None when an identical one (same dedupe key) is already waiting."""
    cur = await conn.execute(
        """INSERT INTO outbox (chat_id, ticket_id, kind, payload, dedupe_key, post_kind,
                               not_before, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING""",
        (
            chat_id,
            ticket_id,
            kind,
            json.dumps(payload or {}, ensure_ascii=False),
            dedupe_key,
            post_kind,
            to_db(not_before) if not_before is not None else None,
            to_db(now),
        ),
    )
    return int(cur.lastrowid) if cur.rowcount == 1 and cur.lastrowid else None


async def pending(conn: aiosqlite.Connection, limit: int = 2000) -> list[OutboxItem]:
    """Waiting rows, new cards first and then in order: however much else piled up, a new
    complaint's card is among what the sender sees (within a ticket a card always comes
    before the rest, so order per ticket holds)."""
    return [
        OutboxItem.from_row(row)
        for row in await fetch_all(
            conn,
            "SELECT * FROM outbox WHERE state = 'pending' ORDER BY kind != 'card', id LIMIT ?",
            (limit,),
        )
    ]


async def state_by_key(
    conn: aiosqlite.Connection, dedupe_key: str
) -> tuple[str, str | None] | None:
    """(state, error) of the newest row with this key, for callers waiting on a delivery."""
    row = await fetch_one(
        conn,
        "SELECT state, error FROM outbox WHERE dedupe_key = ? ORDER BY id DESC LIMIT 1",
        (dedupe_key,),
    )
    return (row[0], row[1]) if row else None


async def mark_sent(
    conn: aiosqlite.Connection, item_id: int, message_id: int | None, now: datetime
) -> None:
    await conn.execute(
        """UPDATE outbox SET state = 'sent', message_id = ?, sent_at = ?, error = NULL,
                  attempts = attempts + 1 WHERE id = ?""",
        (message_id, to_db(now), item_id),
    )


async def mark_failed(conn: aiosqlite.Connection, item_id: int, error: str, now: datetime) -> None:
    await conn.execute(
        """UPDATE outbox SET state = 'failed', error = ?, sent_at = ?, attempts = attempts + 1
           WHERE id = ?""",
        (error, to_db(now), item_id),
    )


async def postpone(
    conn: aiosqlite.Connection,
    item_id: int,
    until: datetime,
    error: str,
    *,
    uncertain: bool = False,
) -> None:
    """Try again after `until`. `uncertain`: this attempt may have arrived all the same
    (a timeout), which a row marked with `mark_started` keeps on record."""
    await conn.execute(
        """UPDATE outbox SET not_before = ?, error = ?, attempts = attempts + 1,
                  started_at = CASE WHEN ? THEN started_at ELSE NULL END
           WHERE id = ?""",
        (to_db(until), error, uncertain, item_id),
    )


async def mark_started(conn: aiosqlite.Connection, item_ids: list[int], now: datetime) -> None:
    """Record that a send of these rows begins: if the process dies or the request times out
    before the outcome is known, the next attempt knows the message may already be there."""
    await conn.executemany(
        "UPDATE outbox SET started_at = coalesce(started_at, ?) WHERE id = ?",
        [(to_db(now), item_id) for item_id in item_ids],
    )


async def retry_now(conn: aiosqlite.Connection, reasons: tuple[str, ...]) -> int:
    """Clear the backoff of pending rows whose last error starts with one of `reasons`."""
    total = 0
    for reason in reasons:
        cur = await conn.execute(
            """UPDATE outbox SET not_before = NULL
               WHERE state = 'pending' AND not_before IS NOT NULL AND substr(error, 1, ?) = ?""",
            (len(reason), reason),
        )
        total += cur.rowcount
    return total


async def withdraw_pending(
    conn: aiosqlite.Connection, chat_id: int, reason: str, now: datetime
) -> int:
    """Give up every row still waiting for this chat; how many."""
    cur = await conn.execute(
        """UPDATE outbox SET state = 'failed', error = ?, sent_at = ?
           WHERE state = 'pending' AND chat_id = ?""",
        (reason, to_db(now), chat_id),
    )
    return cur.rowcount


async def move_chat(
    conn: aiosqlite.Connection, old: int, new: int, now: datetime
) -> tuple[int, list[int]]:
    """Point what still waits for chat `old` at chat `new` (a group that became a
    supergroup), due now. Edits of messages in the old chat cannot follow (message ids are
    the old chat's): they are set aside as superseded, and the tickets whose card they were
    are returned so their cards can be posted in the new chat."""
    stranded = await fetch_all(
        conn,
        """SELECT DISTINCT ticket_id FROM outbox WHERE state = 'pending' AND chat_id = ?
           AND kind IN ('edit_card', 'withdraw') AND ticket_id IS NOT NULL""",
        (old,),
    )
    await conn.execute(
        """UPDATE outbox SET state = 'summarized', error = ?, sent_at = ?
           WHERE state = 'pending' AND chat_id = ? AND kind IN ('edit_card', 'withdraw')""",
        (f"chat moved to {new}", to_db(now), old),
    )
    cur = await conn.execute(
        """UPDATE outbox SET chat_id = ?, not_before = NULL
           WHERE state = 'pending' AND chat_id = ?""",
        (new, old),
    )
    return cur.rowcount, [int(row[0]) for row in stranded]


async def mark_summarized(conn: aiosqlite.Connection, item_ids: list[int], now: datetime) -> None:
    await conn.executemany(
        "UPDATE outbox SET state = 'summarized', sent_at = ? WHERE id = ?",
        [(to_db(now), item_id) for item_id in item_ids],
    )


async def last_queued(
    conn: aiosqlite.Connection, ticket_id: int, chat_id: int, kind: str
) -> datetime | None:
    """When the newest row of this kind about this ticket was queued for this chat, in any
    state: lets a planner space out messages such as a client's acknowledgements."""
    row = await fetch_one(
        conn,
        """SELECT max(created_at) FROM outbox WHERE ticket_id = ? AND chat_id = ? AND kind = ?""",
        (ticket_id, chat_id, kind),
    )
    return from_db(row[0]) if row and row[0] else None


async def card_state(conn: aiosqlite.Connection, ticket_id: int, chat_id: int) -> str | None:
    """'pending' or 'summarized' when a card for this chat is queued or was folded into a
    summary (so it must not be queued again), else None."""
    row = await fetch_one(
        conn,
        """SELECT state FROM outbox WHERE ticket_id = ? AND chat_id = ? AND kind = 'card'
           AND state IN ('pending', 'summarized') ORDER BY id DESC LIMIT 1""",
        (ticket_id, chat_id),
    )
    return row[0] if row else None


async def failed_before(conn: aiosqlite.Connection, chat_id: int, before_id: int) -> bool:
    """Whether this chat already failed permanently, so directors are told only once."""
    return (
        await fetch_one(
            conn,
            "SELECT 1 FROM outbox WHERE chat_id = ? AND state = 'failed' AND id < ? LIMIT 1",
            (chat_id, before_id),
        )
        is not None
    )


async def stats(conn: aiosqlite.Connection) -> tuple[int, datetime | None, int]:
    """(pending count, when the oldest pending item was queued, failed count)."""
    row = await fetch_one(
        conn, "SELECT count(*), min(created_at) FROM outbox WHERE state = 'pending'"
    )
    failed = await fetch_one(conn, "SELECT count(*) FROM outbox WHERE state = 'failed'")
    assert row is not None and failed is not None
    return int(row[0]), from_db(row[1]), int(failed[0])
