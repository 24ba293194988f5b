"""storage.posts (which bot message stands for which ticket) and storage.events (audit trail)."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import events, posts
from storage.models import Post
from tests.storage import rows
from tests.storage.rows import T0


async def test_post_is_found_by_chat_and_message(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    await posts.add(conn, -100500, 42, made.id, "card", T0)
    assert await posts.find(conn, -100500, 42) == Post(-100500, 42, made.id, "card")
    assert await posts.find(conn, -100500, 43) is None
    assert await posts.find(conn, 100, 42) is None


async def test_adding_the_same_message_again_replaces_it(conn: aiosqlite.Connection) -> None:
    one = await rows.ticket(conn)
    two = await rows.ticket(conn)
    await posts.add(conn, 100, 42, one.id, "card", T0)
    await posts.add(conn, 100, 42, two.id, "relay", T0)
    assert await posts.find(conn, 100, 42) == Post(100, 42, two.id, "relay")
    assert await posts.for_ticket(conn, one.id, "card") == []


async def test_for_ticket_filters_by_kind_in_time_order(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    await posts.add(conn, 200, 9, made.id, "card", T0 + timedelta(minutes=1))
    await posts.add(conn, 100, 5, made.id, "card", T0)
    await posts.add(conn, 100, 6, made.id, "relay", T0)
    cards = await posts.for_ticket(conn, made.id, "card")
    assert [(p.chat_id, p.message_id) for p in cards] == [(100, 5), (200, 9)]


async def test_delete_removes_only_that_post(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    await posts.add(conn, 100, 5, made.id, "card", T0)
    await posts.add(conn, 100, 6, made.id, "card", T0)
    await posts.delete(conn, 100, 5)
    assert await posts.find(conn, 100, 5) is None
    assert await posts.find(conn, 100, 6) is not None


async def test_events_are_listed_per_ticket_in_order(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    other = await rows.ticket(conn)
    await events.add(conn, made.id, None, "created", "", T0)
    await events.add(conn, other.id, 201, "claimed", "", T0)
    await events.add(conn, made.id, 201, "closed", "вернули деньги", T0 + timedelta(hours=1))
    await events.add(conn, None, 100, "settings", "digest off", T0)  # not about a ticket
    listed = await events.for_ticket(conn, made.id)
    assert [(e.kind, e.actor_id, e.detail) for e in listed] == [
        ("created", None, ""),
        ("closed", 201, "вернули деньги"),
    ]
    assert listed[1].created_at == T0 + timedelta(hours=1)
