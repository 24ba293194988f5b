"""storage.outbox: queued deliveries, their dedupe key, and the states a row goes through."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import outbox
from tests.storage import rows
from tests.storage.rows import T0

LATER = T0 + timedelta(minutes=1)


async def test_enqueue_stores_the_payload(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    item_id = await outbox.enqueue(
        conn,
        chat_id=100,
        kind="card",
        now=T0,
        ticket_id=made.id,
        payload={"text": "Обращение №1", "n": 2},
        post_kind="card",
    )
    assert item_id is not None
    [item] = await outbox.pending(conn)
    assert (item.id, item.chat_id, item.ticket_id, item.kind, item.post_kind) == (
        item_id,
        100,
        made.id,
        "card",
        "card",
    )
    assert item.payload == {"text": "Обращение №1", "n": 2}
    assert item.attempts == 0 and item.not_before is None and item.created_at == T0


async def test_same_dedupe_key_is_queued_once_while_pending(conn: aiosqlite.Connection) -> None:
    first = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0, dedupe_key="k")
    assert first is not None
    assert await outbox.enqueue(conn, chat_id=100, kind="text", now=T0, dedupe_key="k") is None
    # Without a key nothing is deduplicated.
    assert await outbox.enqueue(conn, chat_id=100, kind="text", now=T0) is not None
    assert await outbox.enqueue(conn, chat_id=100, kind="text", now=T0) is not None
    # Once sent, the key is free again: a later edit of the same card is a new delivery.
    await outbox.mark_sent(conn, first, 55, LATER)
    assert await outbox.enqueue(conn, chat_id=100, kind="text", now=LATER, dedupe_key="k")


async def test_pending_is_in_queue_order_without_finished_rows(
    conn: aiosqlite.Connection,
) -> None:
    ids = [await outbox.enqueue(conn, chat_id=100 + i, kind="text", now=T0) for i in range(4)]
    assert None not in ids
    await outbox.mark_sent(conn, ids[1], 1, LATER)  # type: ignore[arg-type]
    await outbox.mark_failed(conn, ids[2], "blocked", LATER)  # type: ignore[arg-type]
    assert [item.id for item in await outbox.pending(conn)] == [ids[0], ids[3]]
    assert [item.id for item in await outbox.pending(conn, limit=1)] == [ids[0]]


async def test_postpone_keeps_it_pending_with_a_time_and_an_attempt(
    conn: aiosqlite.Connection,
) -> None:
    item_id = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0, dedupe_key="p")
    assert item_id is not None
    await outbox.postpone(conn, item_id, LATER, "429 retry after 60")
    [item] = await outbox.pending(conn)
    assert item.not_before == LATER and item.attempts == 1
    assert await outbox.state_by_key(conn, "p") == ("pending", "429 retry after 60")


async def test_mark_sent_and_mark_failed_are_seen_by_key(conn: aiosqlite.Connection) -> None:
    sent = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0, dedupe_key="s")
    failed = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0, dedupe_key="f")
    assert sent is not None and failed is not None
    await outbox.postpone(conn, sent, LATER, "timeout")
    await outbox.mark_sent(conn, sent, 77, LATER)
    await outbox.mark_failed(conn, failed, "Forbidden: bot was blocked", LATER)
    assert await outbox.state_by_key(conn, "s") == ("sent", None)  # the retry's error is cleared
    assert await outbox.state_by_key(conn, "f") == ("failed", "Forbidden: bot was blocked")
    assert await outbox.state_by_key(conn, "never") is None


async def test_failed_before_looks_only_at_earlier_rows_of_that_chat(
    conn: aiosqlite.Connection,
) -> None:
    first = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0)
    second = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0)
    other = await outbox.enqueue(conn, chat_id=200, kind="text", now=T0)
    assert first is not None and second is not None and other is not None
    await outbox.mark_failed(conn, first, "blocked", LATER)
    assert await outbox.failed_before(conn, 100, second) is True
    assert await outbox.failed_before(conn, 100, first) is False
    assert await outbox.failed_before(conn, 200, other + 1) is False


async def test_stats_counts_pending_oldest_and_failed(conn: aiosqlite.Connection) -> None:
    assert await outbox.stats(conn) == (0, None, 0)
    await outbox.enqueue(conn, chat_id=100, kind="text", now=T0)
    await outbox.enqueue(conn, chat_id=100, kind="text", now=LATER)
    broken = await outbox.enqueue(conn, chat_id=100, kind="text", now=T0 - timedelta(hours=1))
    assert broken is not None
    await outbox.mark_failed(conn, broken, "x", LATER)
    assert await outbox.stats(conn) == (2, T0, 1)


async def test_card_state_and_mark_summarized(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    assert await outbox.card_state(conn, made.id, 100) is None
    card = await outbox.enqueue(conn, chat_id=100, kind="card", now=T0, ticket_id=made.id)
    assert card is not None
    assert await outbox.card_state(conn, made.id, 100) == "pending"
    assert await outbox.card_state(conn, made.id, 200) is None
    await outbox.mark_summarized(conn, [card], LATER)
    assert await outbox.card_state(conn, made.id, 100) == "summarized"
    assert await outbox.pending(conn) == []
    sent = await outbox.enqueue(conn, chat_id=300, kind="card", now=T0, ticket_id=made.id)
    assert sent is not None
    await outbox.mark_sent(conn, sent, 1, LATER)
    assert await outbox.card_state(conn, made.id, 300) is None
