"""Row builders for the storage tests: a ticket or a mention with only the fields a test cares
about spelled out."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import aiosqlite

from storage import tickets
from storage.models import Ticket

T0 = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)

_ids = itertools.count(1)


async def ticket(
    conn: aiosqlite.Connection,
    *,
    now: datetime = T0,
    source: str = "direct",
    external_id: str | None = None,
    author_id: int | None = 1001,
    author_name: str = "Анна",
    client_chat_id: int | None = 1001,
    text: str = "душ не работает",
    link: str | None = None,
) -> Ticket:
    inserted = await tickets.insert(
        conn,
        source=source,
        external_id=external_id or f"ext-{next(_ids)}",
        author_id=author_id,
        author_name=author_name,
        client_chat_id=client_chat_id,
        text=text,
        link=link,
        now=now,
    )
    assert inserted is not None
    return inserted


async def mention(
    conn: aiosqlite.Connection,
    *,
    now: datetime = T0,
    kind: str = "complaint",
    route: str = "card",
    dedupe_key: str = "key",
    source: str = "feed:a",
    author_id: int | None = None,
    client_chat_id: int | None = None,
) -> Ticket:
    """A ticket found outside the bot's DMs: by default a feed item, which has no author."""
    row = await ticket(
        conn,
        now=now,
        source=source,
        author_id=author_id,
        author_name="",
        client_chat_id=client_chat_id,
    )
    await tickets.set_mention_fields(
        conn,
        row.id,
        matched_keyword="фитстудия",
        mention_kind=kind,
        dedupe_key=dedupe_key,
        source_title="Лента А",
        source_message_id=None,
        mention_route=route,
    )
    fresh = await tickets.get(conn, row.id)
    assert fresh is not None
    return fresh
