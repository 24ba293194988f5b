"""storage.digests' reads: what the morning digest counts and lists."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import digests, followups, reminders, tickets
from tests.storage import rows
from tests.storage.rows import T0

HOUR = timedelta(hours=1)


async def test_new_by_source_counts_the_period_busiest_first(conn: aiosqlite.Connection) -> None:
    await rows.ticket(conn, source="direct", now=T0 - 2 * HOUR)
    await rows.ticket(conn, source="direct", now=T0 - HOUR)
    await rows.mention(conn, source="feed:a", now=T0 - HOUR)
    await rows.ticket(conn, source="direct", now=T0 - 48 * HOUR)  # before the period
    await rows.ticket(conn, source="direct", now=T0)  # the period's end is excluded
    counted = await digests.new_by_source(conn, T0 - 24 * HOUR, T0)
    assert [(c.source, c.title, c.count) for c in counted] == [
        ("direct", None, 2),
        ("feed:a", "Лента А", 1),
    ]


async def test_open_by_owner_counts_open_complaints_only(conn: aiosqlite.Connection) -> None:
    mine = [await rows.ticket(conn) for _ in range(2)]
    for made in mine:
        await tickets.claim(conn, made.id, 201, T0)
    await rows.ticket(conn)  # nobody's
    closed = await rows.ticket(conn)
    await tickets.claim(conn, closed.id, 202, T0)
    await tickets.close(conn, closed.id, None, T0)
    await rows.mention(conn, kind="praise")  # not a complaint
    promoted = await rows.mention(conn, kind="question")
    await tickets.set_verdict(conn, promoted.id, "complaint", T0)  # the director's word wins
    assert await digests.open_by_owner(conn) == [(None, 2), (201, 2)]


async def test_overdue_lists_and_counts_passed_control_dates(conn: aiosqlite.Connection) -> None:
    older = await rows.ticket(conn)
    newer = await rows.ticket(conn)
    future = await rows.ticket(conn)
    done = await rows.ticket(conn)
    await tickets.set_due(conn, older.id, T0 - 2 * HOUR, T0)
    await tickets.set_due(conn, newer.id, T0 - HOUR, T0)
    await tickets.set_due(conn, future.id, T0 + HOUR, T0)
    await tickets.set_due(conn, done.id, T0 - 3 * HOUR, T0)
    await tickets.close(conn, done.id, None, T0)
    assert [t.id for t in await digests.overdue(conn, T0, 10)] == [older.id, newer.id]
    assert [t.id for t in await digests.overdue(conn, T0, 1)] == [older.id]
    assert await digests.count_overdue(conn, T0) == 2


async def test_waiting_is_bounded_but_counts_all(conn: aiosqlite.Connection) -> None:
    second = await rows.ticket(conn, now=T0 - HOUR)
    first = await rows.ticket(conn, now=T0 - 2 * HOUR)
    third = await rows.ticket(conn, now=T0)
    answered = await rows.ticket(conn, now=T0 - 3 * HOUR)
    await tickets.mark_first_response(conn, answered.id, T0)
    await rows.mention(conn, kind="complaint")  # a feed item: nobody to answer
    items, total = await digests.waiting(conn, 2)
    assert [t.id for t in items] == [first.id, second.id]
    assert total == 3
    assert third.id not in {t.id for t in items}


async def test_answers_in_the_period(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn, author_name="Анна")
    old = await rows.ticket(conn, author_name="Пётр")
    for ticket, rid_at, answered_at in ((made, T0, T0 - HOUR), (old, T0, T0 - 48 * HOUR)):
        reminder_id = await reminders.mark(conn, ticket.id, "followup", rid_at, rid_at)
        assert reminder_id is not None
        await followups.add(conn, reminder_id, ticket.id, 1001)
        await followups.answer(conn, reminder_id, "yes", answered_at)
    rated_only = await rows.ticket(conn, author_name="Олег")
    reminder_id = await reminders.mark(conn, rated_only.id, "followup", T0, T0)
    assert reminder_id is not None
    await followups.add(conn, reminder_id, rated_only.id, 1002)
    await followups.rate(conn, reminder_id, 4, T0 - HOUR)

    found = await digests.answers(conn, T0 - 24 * HOUR, T0)
    assert [(a.ticket_id, a.author, a.answer, a.rating) for a in found] == [
        (made.id, "Анна", "yes", None),
        (rated_only.id, "Олег", None, 4),
    ]
