"""storage.messages: a ticket's conversation, the idempotency key of incoming messages, edits."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite
import pytest

from storage import messages
from storage.models import ConversationEntry
from tests.storage import rows
from tests.storage.rows import T0


async def _incoming(
    conn: aiosqlite.Connection, ticket_id: int, message_id: int, text: str = "привет"
) -> ConversationEntry:
    return await messages.add(
        conn,
        ticket_id=ticket_id,
        direction="in",
        author_id=1001,
        author_name="Анна",
        text=text,
        now=T0,
        chat_id=1001,
        message_id=message_id,
    )


async def test_add_returns_the_stored_entry(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    entry = await messages.add(
        conn,
        ticket_id=made.id,
        direction="in",
        author_id=1001,
        author_name="Анна",
        text="фото",
        now=T0,
        chat_id=1001,
        message_id=7,
        content_type="photo",
        file_id="AgAD",
    )
    assert (entry.ticket_id, entry.direction, entry.text, entry.content_type, entry.file_id) == (
        made.id,
        "in",
        "фото",
        "photo",
        "AgAD",
    )
    assert entry.delivered and entry.created_at == T0 and entry.edited_at is None
    assert await messages.get(conn, entry.id) == entry
    assert await messages.get(conn, entry.id + 100) is None


async def test_find_incoming_matches_only_the_clients_own_message(
    conn: aiosqlite.Connection,
) -> None:
    made = await rows.ticket(conn)
    entry = await _incoming(conn, made.id, 7)
    # A staff reply relayed into the same chat may carry the same numbers; it is not a key.
    await messages.add(
        conn,
        ticket_id=made.id,
        direction="out",
        author_id=201,
        author_name="Мария",
        text="ответ",
        now=T0,
        chat_id=1001,
        message_id=8,
    )
    assert await messages.find_incoming(conn, 1001, 7) == entry
    assert await messages.find_incoming(conn, 1001, 8) is None
    assert await messages.find_incoming(conn, 1002, 7) is None


async def test_the_same_incoming_message_cannot_be_stored_twice(
    conn: aiosqlite.Connection,
) -> None:
    made = await rows.ticket(conn)
    await _incoming(conn, made.id, 7)
    with pytest.raises(aiosqlite.IntegrityError):
        await _incoming(conn, made.id, 7)


async def test_record_edit_keeps_the_old_text(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    entry = await _incoming(conn, made.id, 7, text="было")
    edited_at = T0 + timedelta(minutes=3)
    await messages.record_edit(conn, entry, "стало", edited_at)
    got = await messages.get(conn, entry.id)
    assert got is not None and got.text == "стало" and got.edited_at == edited_at
    assert await messages.edits_for_ticket(conn, made.id) == [(entry.id, "было", "стало")]


async def test_for_ticket_lists_in_order_and_only_that_ticket(conn: aiosqlite.Connection) -> None:
    one = await rows.ticket(conn)
    other = await rows.ticket(conn)
    first = await _incoming(conn, one.id, 1)
    await _incoming(conn, other.id, 2)
    second = await _incoming(conn, one.id, 3)
    assert [e.id for e in await messages.for_ticket(conn, one.id)] == [first.id, second.id]


async def test_summary_counts_without_notes_and_flags_a_failed_last_reply(
    conn: aiosqlite.Connection,
) -> None:
    made = await rows.ticket(conn)
    await _incoming(conn, made.id, 1)
    await messages.add(
        conn,
        ticket_id=made.id,
        direction="note",
        author_id=201,
        author_name="Мария",
        text="внутреннее",
        now=T0,
    )
    reply = await messages.add(
        conn,
        ticket_id=made.id,
        direction="out",
        author_id=201,
        author_name="Мария",
        text="ответ",
        now=T0,
        delivered=False,
    )
    assert await messages.summary(conn, made.id) == (2, True)
    await messages.set_delivered(conn, reply.id, True)
    assert await messages.summary(conn, made.id) == (2, False)
    assert await messages.summary(conn, 404) == (0, False)
