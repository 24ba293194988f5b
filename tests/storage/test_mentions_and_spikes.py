"""storage.mentions (cross-posts, the summary queue) and storage.spikes (mention numbers)."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import mentions, spikes, tickets
from tests.storage import rows
from tests.storage.rows import T0

HOUR = timedelta(hours=1)


async def test_cross_post_is_the_earliest_authorless_ticket_in_the_window(
    conn: aiosqlite.Connection,
) -> None:
    await rows.mention(conn, dedupe_key="story", now=T0 - 72 * HOUR)  # too old: news again
    first = await rows.mention(conn, dedupe_key="story", now=T0 - HOUR)
    await rows.mention(conn, dedupe_key="story", now=T0)
    await rows.mention(conn, dedupe_key="other", now=T0 - 2 * HOUR)
    found = await mentions.find_cross_post(conn, "story", since=T0 - 24 * HOUR)
    assert found == first.id
    assert await mentions.find_cross_post(conn, "nothing", since=T0 - 24 * HOUR) is None


async def test_a_person_s_message_never_absorbs_a_cross_post(conn: aiosqlite.Connection) -> None:
    await rows.mention(conn, dedupe_key="short", author_id=5, client_chat_id=-100)
    assert await mentions.find_cross_post(conn, "short", since=T0 - HOUR) is None


async def test_waiting_for_summary_lists_only_the_summary_route(
    conn: aiosqlite.Connection,
) -> None:
    a = await rows.mention(conn, route="summary", kind="praise")
    await rows.mention(conn, route="card")
    b = await rows.mention(conn, route="summary", kind="question")
    done = await rows.mention(conn, route="summary")
    await tickets.mark_summarized(conn, [done.id])
    assert [t.id for t in await mentions.waiting_for_summary(conn)] == [a.id, b.id]
    assert [t.id for t in await mentions.waiting_for_summary(conn, limit=1)] == [a.id]


async def test_spike_numbers_count_mentions_only(conn: aiosqlite.Connection) -> None:
    await rows.mention(conn, now=T0 - 30 * HOUR)
    await rows.mention(conn, now=T0 - 5 * HOUR)
    recent_one = await rows.mention(conn, now=T0 - HOUR)
    recent_two = await rows.mention(conn, now=T0 - HOUR / 2)
    await rows.ticket(conn, now=T0 - HOUR)  # a direct message is not a mention

    assert await spikes.count_since(conn, T0 - 24 * HOUR, T0 - HOUR) == 1  # end excluded
    assert await spikes.count_since(conn, T0 - 48 * HOUR, T0) == 4
    assert await spikes.first_since(conn, T0 - 48 * HOUR) == T0 - 30 * HOUR
    assert await spikes.first_since(conn, T0) is None
    assert [t.id for t in await spikes.recent(conn, T0 - HOUR)] == [recent_one.id, recent_two.id]
