"""storage.reminders, storage.followups, storage.digests' marks and storage.scheduler_state:
what is due, and the marks that make each reminder, follow-up and digest happen once."""

from __future__ import annotations

from datetime import date, timedelta

import aiosqlite

from storage import digests, followups, reminders, scheduler_state, tickets
from tests.storage import rows
from tests.storage.rows import T0

HOUR = timedelta(hours=1)


async def test_reminder_mark_is_decided_once_per_moment(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    first = await reminders.mark(conn, made.id, "due", T0, T0)
    assert first is not None
    assert await reminders.mark(conn, made.id, "due", T0, T0 + HOUR) is None
    assert await reminders.mark(conn, made.id, "overdue", T0, T0) is not None  # another kind
    assert await reminders.mark(conn, made.id, "due", T0 + HOUR, T0) is not None  # new moment
    marks = await reminders.for_ticket(conn, made.id)
    assert [(r.kind, r.moment) for r in marks] == [("due", T0), ("overdue", T0), ("due", T0 + HOUR)]
    assert marks[0].id == first


async def test_unqueued_until_set_queued(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    a = await reminders.mark(conn, made.id, "due", T0, T0)
    b = await reminders.mark(conn, made.id, "overdue", T0, T0)
    assert a is not None and b is not None
    await reminders.set_queued(conn, a, T0)
    assert [r.id for r in await reminders.unqueued(conn)] == [b]


async def test_control_date_passed_until_marked_and_again_for_a_new_date(
    conn: aiosqlite.Connection,
) -> None:
    made = await rows.ticket(conn)
    later = await rows.ticket(conn)
    closed = await rows.ticket(conn)
    await tickets.set_due(conn, made.id, T0, T0)
    await tickets.set_due(conn, later.id, T0 + 2 * HOUR, T0)
    await tickets.set_due(conn, closed.id, T0, T0)
    await tickets.close(conn, closed.id, None, T0)

    assert [t.id for t in await reminders.control_date_passed(conn, "due", T0)] == [made.id]
    await reminders.mark(conn, made.id, "due", T0, T0)
    assert await reminders.control_date_passed(conn, "due", T0) == []
    assert [t.id for t in await reminders.control_date_passed(conn, "overdue", T0)] == [made.id]

    await tickets.set_due(conn, made.id, T0 + HOUR, T0)  # postponed: a new promise
    due = await reminders.control_date_passed(conn, "due", T0 + 3 * HOUR)
    assert [t.id for t in due] == [made.id, later.id]


async def test_unanswered_lists_answerable_complaints_without_a_reply(
    conn: aiosqlite.Connection,
) -> None:
    waiting = await rows.ticket(conn)
    answered = await rows.ticket(conn)
    await tickets.mark_first_response(conn, answered.id, T0)
    await rows.mention(conn, kind="praise", client_chat_id=-100)  # not a complaint
    await rows.mention(conn, kind="complaint")  # a feed item: nobody to answer
    in_chat = await rows.mention(conn, kind="complaint", client_chat_id=-100, author_id=5)
    overruled = await rows.mention(conn, kind="complaint", client_chat_id=-100, author_id=6)
    await tickets.set_verdict(conn, overruled.id, "not_complaint", T0)
    too_new = await rows.ticket(conn, now=T0 + HOUR)

    found = await reminders.unanswered(conn, T0)
    assert [t.id for t in found] == [waiting.id, in_chat.id]
    await reminders.mark(conn, waiting.id, "first_response", waiting.created_at, T0)
    assert [t.id for t in await reminders.unanswered(conn, T0 + HOUR)] == [in_chat.id, too_new.id]


async def test_to_follow_up_asks_once_per_closing_and_never_mentions(
    conn: aiosqlite.Connection,
) -> None:
    direct = await rows.ticket(conn)
    other_source = await rows.ticket(conn, source="email")
    mention = await rows.mention(conn, source="direct", client_chat_id=-100, author_id=5)
    closed_long_ago = await rows.ticket(conn)
    for made in (direct, other_source, mention):
        await tickets.close(conn, made.id, None, T0)
    await tickets.close(conn, closed_long_ago.id, None, T0 - 10 * 24 * HOUR)

    window = (T0 + HOUR, T0 - 24 * HOUR)
    assert [t.id for t in await reminders.to_follow_up(conn, "direct", *window)] == [direct.id]
    await reminders.mark(conn, direct.id, "followup", T0, T0 + HOUR)
    assert await reminders.to_follow_up(conn, "direct", *window) == []

    await tickets.reopen(conn, direct.id, T0 + HOUR)
    await tickets.close(conn, direct.id, None, T0 + 2 * HOUR)  # a second promise
    found = await reminders.to_follow_up(conn, "direct", T0 + 3 * HOUR, T0)
    assert [t.id for t in found] == [direct.id]


async def test_followup_answer_and_rating_are_stored_once(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    reminder_id = await reminders.mark(conn, made.id, "followup", T0, T0)
    assert reminder_id is not None
    assert await followups.get(conn, reminder_id) is None
    await followups.add(conn, reminder_id, made.id, 1001)
    await followups.add(conn, reminder_id, made.id, 1001)  # a retried tick changes nothing
    assert await followups.answer(conn, reminder_id, "no", T0) is True
    assert await followups.answer(conn, reminder_id, "yes", T0) is False
    assert await followups.rate(conn, reminder_id, 2, T0) is True
    assert await followups.rate(conn, reminder_id, 5, T0) is False
    item = await followups.get(conn, reminder_id)
    assert item == followups.FollowUp(reminder_id, made.id, 1001, "no", 2)


async def test_followup_for_an_unknown_reminder_does_nothing(conn: aiosqlite.Connection) -> None:
    assert await followups.answer(conn, 404, "yes", T0) is False
    assert await followups.rate(conn, 404, 5, T0) is False


async def test_digest_is_decided_once_per_director_and_day(conn: aiosqlite.Connection) -> None:
    day = date(2026, 1, 10)
    assert await digests.mark(conn, 100, day, T0) is True
    assert await digests.mark(conn, 100, day, T0 + HOUR) is False
    assert await digests.mark(conn, 101, day, T0) is True
    assert await digests.mark(conn, 100, day + timedelta(days=1), T0) is True
    assert await digests.unqueued(conn) == [(100, day), (101, day), (100, day + timedelta(days=1))]
    await digests.set_queued(conn, 100, day, T0)
    assert await digests.unqueued(conn) == [(101, day), (100, day + timedelta(days=1))]


async def test_epoch_is_set_by_the_first_call_only(conn: aiosqlite.Connection) -> None:
    assert await scheduler_state.epoch(conn, T0) == T0
    assert await scheduler_state.epoch(conn, T0 + 24 * HOUR) == T0
