"""SQL for posts: which bot message in which chat stands for which ticket.

Reply routing and card re-rendering both look here by (chat, message id); nothing is ever
parsed back out of message text.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import Post, to_db


async def add(
    conn: aiosqlite.Connection,
    chat_id: int,
    message_id: int,
    ticket_id: int,
    kind: str,
    now: datetime,
) -> None:
    await conn.execute(
        """INSERT OR REPLACE INTO posts (chat_id, message_id, ticket_id, kind, created_at)
           VALUES (?, ?, ?, ?, ?)""",
        (chat_id, message_id, ticket_id, kind, to_db(now)),
    )


async def find(conn: aiosqlite.Connection, chat_id: int, message_id: int) -> Post | None:
    row = await fetch_one(
        conn, "SELECT * FROM posts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
    )
    return Post.from_row(row) if row else None


async def for_ticket(conn: aiosqlite.Connection, ticket_id: int, kind: str) -> list[Post]:
    return [
        Post.from_row(row)
        for row in await fetch_all(
            conn,
            "SELECT * FROM posts WHERE ticket_id = ? AND kind = ? ORDER BY created_at, message_id",
            (ticket_id, kind),
        )
    ]


async def delete(conn: aiosqlite.Connection, chat_id: int, message_id: int) -> None:
    await conn.execute(
        "DELETE FROM posts WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
    )


async def in_chat(conn: aiosqlite.Connection, chat_id: int, kind: str) -> list[Post]:
    """Every post of this kind in one chat (the cards someone holds)."""
    return [
        Post.from_row(row)
        for row in await fetch_all(
            conn,
            "SELECT * FROM posts WHERE chat_id = ? AND kind = ? ORDER BY message_id",
            (chat_id, kind),
        )
    ]
