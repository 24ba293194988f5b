"""storage.sources: polled sources with their poller state, and the items already seen."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import sources
from tests.storage import rows
from tests.storage.rows import T0

URL = "https://a.example/feed"


async def test_seed_is_idempotent_and_marks_the_origin(conn: aiosqlite.Connection) -> None:
    await sources.seed(conn, key="feed:a", kind="feed", url=URL, now=T0)
    await sources.seed(conn, key="feed:a", kind="feed", url="https://other", now=T0)
    [record] = await sources.active(conn)
    assert (record.key, record.kind, record.url, record.origin) == ("feed:a", "feed", URL, "config")
    assert record.failures == 0 and record.last_ok_at is None


async def test_seed_does_not_bring_back_a_removed_source(conn: aiosqlite.Connection) -> None:
    await sources.seed(conn, key="feed:a", kind="feed", url=URL, now=T0)
    record = await sources.get_by_key(conn, "feed:a")
    assert record is not None
    assert await sources.deactivate(conn, record.id) == record
    await sources.seed(conn, key="feed:a", kind="feed", url=URL, now=T0)
    assert await sources.active(conn) == []
    assert await sources.deactivate(conn, record.id) is None  # already inactive


async def test_add_is_false_when_active_and_reactivation_starts_afresh(
    conn: aiosqlite.Connection,
) -> None:
    record, added = await sources.add(conn, key="feed:a", kind="feed", url=URL, now=T0)
    assert added and record.origin == "bot" and record.active
    assert (await sources.add(conn, key="feed:a", kind="feed", url=URL, now=T0))[1] is False

    await sources.save_state(
        conn,
        key="feed:a",
        etag='"v1"',
        last_modified="Sat, 10 Jan 2026 09:00:00 GMT",
        failures=3,
        last_ok_at=T0,
        last_error="timeout",
        last_error_at=T0,
        mentions_total=5,
    )
    await sources.deactivate(conn, record.id)
    again, added = await sources.add(conn, key="feed:a", kind="feed", url=URL + "?v=2", now=T0)
    assert added and again.id == record.id and again.active
    assert (again.url, again.etag, again.last_modified, again.failures, again.last_ok_at) == (
        URL + "?v=2",
        None,
        None,
        0,
        None,
    )


async def test_save_state_records_failures(conn: aiosqlite.Connection) -> None:
    await sources.seed(conn, key="feed:a", kind="feed", url=URL, now=T0)
    failed_at = T0 + timedelta(minutes=5)
    await sources.save_state(
        conn,
        key="feed:a",
        etag=None,
        last_modified=None,
        failures=2,
        last_ok_at=T0,
        last_error="HTTP 503",
        last_error_at=failed_at,
        mentions_total=7,
    )
    record = await sources.get_by_key(conn, "feed:a")
    assert record is not None
    assert (record.failures, record.last_ok_at, record.last_error, record.last_error_at) == (
        2,
        T0,
        "HTTP 503",
        failed_at,
    )
    assert record.mentions_total == 7


async def test_set_alerted_flips_only_once(conn: aiosqlite.Connection) -> None:
    await sources.seed(conn, key="feed:a", kind="feed", url=URL, now=T0)
    assert await sources.set_alerted(conn, "feed:a", True) is True
    assert await sources.set_alerted(conn, "feed:a", True) is False
    record = await sources.get_by_key(conn, "feed:a")
    assert record is not None and record.alerted_failing
    assert await sources.set_alerted(conn, "feed:a", False) is True


async def test_chats_keep_their_title_and_cannot_be_removed(conn: aiosqlite.Connection) -> None:
    await sources.ensure_chat(conn, key="chat:-1", url="tg://chat", title="Клиенты", now=T0)
    await sources.ensure_chat(conn, key="chat:-1", url="tg://chat", title=None, now=T0)
    await sources.seed(conn, key="feed:a", kind="feed", url=URL, now=T0)
    [chat] = await sources.active(conn, "chat")
    assert chat.title == "Клиенты"
    assert [r.key for r in await sources.active(conn, "feed")] == ["feed:a"]
    assert await sources.deactivate(conn, chat.id) is None


async def test_mark_seen_is_true_once_and_link_seen_attaches_the_ticket(
    conn: aiosqlite.Connection,
) -> None:
    assert await sources.mark_seen(conn, "feed:a", "item-1", T0) is True
    assert await sources.mark_seen(conn, "feed:a", "item-1", T0) is False
    assert await sources.mark_seen(conn, "feed:b", "item-1", T0) is True  # per source
    made = await rows.ticket(conn)
    await sources.link_seen(conn, "feed:a", "item-1", made.id)
    async with conn.execute(
        "SELECT source, ticket_id FROM seen_items WHERE external_id = 'item-1' ORDER BY source"
    ) as cur:
        assert [tuple(row) for row in await cur.fetchall()] == [
            ("feed:a", made.id),
            ("feed:b", None),
        ]


async def test_ticket_counts_counts_mentions_per_source(conn: aiosqlite.Connection) -> None:
    await rows.mention(conn, source="feed:a")
    await rows.mention(conn, source="feed:a")
    await rows.mention(conn, source="chat:-1")
    await rows.ticket(conn, source="direct")  # not a mention
    assert await sources.ticket_counts(conn) == {"feed:a": 2, "chat:-1": 1}
