"""storage.report against a small database whose every number was counted by hand.

Three days (5-7 January, UTC) against the three before. The tickets, in the order they are
written below:

    current period                                          previous period
    T1 DM     5.01 10:00  answered +10 min, closed +2 h,    P1 DM 2.01 10:00  answered +20,
              cause process, Мария, due 6.01 10:00 (kept)      closed +1 h, process, Мария,
    T2 DM     5.01 11:00  +30 min, closed 7.01 11:00 (+48 h),  due 3.01 10:00 (kept)
              informing, Мария, due 6.01 12:00 (missed)    P2 DM 3.01 10:00  +40 min, closed
    T3 group  6.01 09:00  +90 min, open, @denis,                5.01 09:00 (+47 h, in the
              due 7.01 09:00 (missed)                           current period), expectations
    T4 chan.  6.01 10:00  a channel post, open, nobody's,   P3 DM 4.01 12:00  never answered,
              due 6.01 18:00 (missed)                          open
    T5 feed   6.01 11:00  praise: not a complaint, ignored
    T6 DM     7.01 08:00  never answered, open
    T7 feed   7.01 09:00  complaint, closed +30 min, cause "unfounded" (→ other)
    T8 group  5.01 15:00  a question the director called a complaint, +5 min, open
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import aiosqlite
import pytest

from storage import events, followups, reminders, staff, tickets
from storage import report as store
from storage.models import Role, RootCause
from storage.report import OwnerPromises, Period, Quantiles
from tests.storage import rows

GOAL = 60.0


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=UTC)


def utc_days(first: int, count: int) -> Period:
    bounds = tuple((at(first + i, 0), at(first + i + 1, 0)) for i in range(count))
    return Period(date(2026, 1, first), date(2026, 1, first + count - 1), bounds)


CURRENT = utc_days(5, 3)
PREVIOUS = utc_days(2, 3)


async def _ticket(
    conn: aiosqlite.Connection,
    created: datetime,
    *,
    source: str = "telegram",
    chat: int | None = 1001,
    answered: timedelta | None = None,
    closed: datetime | None = None,
    cause: str | None = None,
    owner: int | None = None,
    due: datetime | None = None,
    mention: str | None = None,
    verdict: str | None = None,
) -> int:
    made = await rows.ticket(conn, now=created, source=source, client_chat_id=chat)
    if mention is not None:
        await tickets.set_mention_fields(
            conn,
            made.id,
            matched_keyword="фитстудия",
            mention_kind=mention,
            dedupe_key=f"k{made.id}",
            source_title=None,
            source_message_id=None,
            mention_route="card",
        )
    if verdict is not None:
        await tickets.set_verdict(conn, made.id, verdict, created)
    if answered is not None:
        await tickets.mark_first_response(conn, made.id, created + answered)
    if owner is not None:
        await tickets.set_owner(conn, made.id, owner, created)
    if due is not None:
        await tickets.set_due(conn, made.id, due, created)
    if cause is not None:
        # any stored value outside the three kinds counts as "other"
        await conn.execute("UPDATE tickets SET root_cause = ? WHERE id = ?", (cause, made.id))
    if closed is not None:
        await tickets.close(conn, made.id, None, closed)
    return made.id


async def _followup(
    conn: aiosqlite.Connection,
    ticket_id: int,
    answer: str | None,
    answered: datetime,
    rating: int | None = None,
) -> None:
    reminder_id = await reminders.mark(conn, ticket_id, "followup", answered, answered)
    assert reminder_id is not None
    await followups.add(conn, reminder_id, ticket_id, 1001)
    if answer is not None:
        await followups.answer(conn, reminder_id, answer, answered)
    if rating is not None:
        await followups.rate(conn, reminder_id, rating, answered + timedelta(minutes=1))


@pytest.fixture
async def known(conn: aiosqlite.Connection) -> aiosqlite.Connection:
    await staff.sync_roles(conn, {201: Role.MANAGER, 202: Role.MANAGER}, at(1, 0))
    await staff.set_names(conn, 201, "Мария", "", "maria", at(1, 0))
    await staff.set_names(conn, 202, "", "", "denis", at(1, 0))
    minutes = lambda n: timedelta(minutes=n)  # noqa: E731
    t1 = await _ticket(
        conn, at(5, 10), answered=minutes(10), closed=at(5, 12), cause="process",
        owner=201, due=at(6, 10),
    )  # fmt: skip
    t2 = await _ticket(
        conn, at(5, 11), chat=1002, answered=minutes(30), closed=at(7, 11),
        cause="informing", owner=201, due=at(6, 12),
    )  # fmt: skip
    t3 = await _ticket(
        conn, at(6, 9), source="tg:-100500", chat=-100500, answered=minutes(90), owner=202,
        due=at(7, 9), mention="complaint",
    )  # fmt: skip
    await _ticket(
        conn, at(6, 10), source="t.me/fitstudio", chat=None, due=at(6, 18), mention="complaint"
    )
    await _ticket(
        conn, at(6, 11), source="https://reviews.example/feed", chat=None, mention="praise"
    )
    await _ticket(conn, at(7, 8), chat=1003)
    await _ticket(
        conn, at(7, 9), source="https://reviews.example/feed", chat=None, closed=at(7, 9, 30),
        cause=RootCause.UNFOUNDED.value, mention="complaint",
    )  # fmt: skip
    t8 = await _ticket(
        conn, at(5, 15), source="tg:-100777", chat=-100777, answered=minutes(5),
        mention="question", verdict="complaint",
    )  # fmt: skip
    p1 = await _ticket(
        conn, at(2, 10), answered=minutes(20), closed=at(2, 11), cause="process", owner=201,
        due=at(3, 10),
    )  # fmt: skip
    p2 = await _ticket(
        conn, at(3, 10), chat=1004, answered=minutes(40), closed=at(5, 9), cause="expectations"
    )
    await _ticket(conn, at(4, 12), chat=1005)

    await _followup(conn, t1, "yes", at(6, 12), rating=5)
    await _followup(conn, t2, "no", at(7, 12), rating=2)
    await _followup(conn, p2, "yes", at(5, 10))
    await _followup(conn, p1, "yes", at(3, 12), rating=4)

    for ticket_id, moment in ((t1, at(5, 10, 10)), (t2, at(5, 11, 30)), (t3, at(6, 10, 30))):
        await events.add(conn, ticket_id, 201, "replied", "", moment)
    await events.add(conn, t8, 201, "replied", "", at(5, 15, 5))
    await events.add(conn, p1, 201, "replied", "", at(2, 10, 20))
    await events.add(conn, t1, 201, "phrase_check", "held ORDER,NO_APOLOGY", at(5, 10, 5))
    await events.add(conn, t1, 201, "phrase_check", "rewrite ORDER,NO_APOLOGY", at(5, 10, 9))
    await events.add(conn, t3, 202, "phrase_check", "held BLAME", at(6, 10, 20))
    await events.add(conn, t3, 202, "phrase_check", "as_is BLAME", at(6, 10, 29))
    await events.add(conn, p1, 201, "phrase_check", "held RUDE", at(2, 10, 15))
    return conn


async def test_complaints_per_day_by_source_and_only_complaints(
    known: aiosqlite.Connection,
) -> None:
    now = await store.figures(known, CURRENT, GOAL)
    assert now.complaints == 7  # T5, praise, is not one; T8, promoted, is
    assert now.by_source == {"dm": 3, "groups": 2, "channels": 1, "feeds": 1}
    assert now.by_day == [
        {"dm": 2, "groups": 1},
        {"groups": 1, "channels": 1},
        {"dm": 1, "feeds": 1},
    ]
    before = await store.figures(known, PREVIOUS, GOAL)
    assert (before.complaints, before.by_source) == (3, {"dm": 3})


async def test_first_response_median_and_90th_percentile(known: aiosqlite.Connection) -> None:
    now = await store.figures(known, CURRENT, GOAL)
    # 5.01: 5, 10, 30 min; 6.01: 90; 7.01: nothing answered
    assert now.response_by_day == [Quantiles(3, 10.0, 30.0), Quantiles(1, 90.0, 90.0), Quantiles()]
    assert now.response == Quantiles(4, 10.0, 90.0)
    assert now.response_in_goal == 3
    assert now.unanswered == 1  # T6; T4 and T7 have nobody to answer
    before = await store.figures(known, PREVIOUS, GOAL)
    assert (before.response, before.response_in_goal, before.unanswered) == (
        Quantiles(2, 20.0, 40.0),
        2,
        1,
    )


async def test_time_to_close_and_what_is_open_by_age(known: aiosqlite.Connection) -> None:
    now = await store.figures(known, CURRENT, GOAL)
    # closed in the period: T7 0.5 h, T1 2 h, P2 47 h, T2 48 h
    assert now.closed == 4
    assert now.close_hours == Quantiles(4, 2.0, 48.0)
    assert now.close_buckets == [1, 1, 0, 2, 0]
    # open at 8.01 00:00: T6 16 h, T4 38 h, T3 39 h, T8 57 h, P3 84 h
    assert now.open_at_end == 5
    assert now.open_buckets == [0, 0, 1, 3, 1]
    before = await store.figures(known, PREVIOUS, GOAL)
    assert (before.closed, before.close_hours, before.close_buckets) == (
        1,
        Quantiles(1, 1.0, 1.0),
        [0, 1, 0, 0, 0],
    )
    # open at 5.01 00:00: P3 (12 h) and P2, closed only on the 5th (38 h)
    assert (before.open_at_end, before.open_buckets) == (2, [0, 0, 1, 1, 0])


async def test_root_causes_of_what_was_closed_against_the_period_before(
    known: aiosqlite.Connection,
) -> None:
    report = await store.report(known, CURRENT, PREVIOUS, GOAL)
    assert report.current.causes == {"process": 1, "informing": 1, "expectations": 1, "other": 1}
    assert report.current.no_cause == 0
    assert report.before.causes == {"process": 1, "informing": 0, "expectations": 0, "other": 0}


async def test_promises_kept_and_missed_per_owner(known: aiosqlite.Connection) -> None:
    now = await store.figures(known, CURRENT, GOAL)
    assert now.promises == [
        OwnerPromises(201, "Мария", kept=1, missed=1),  # T1 closed in time, T2 after its date
        OwnerPromises(None, None, kept=0, missed=1),  # T4: nobody's, still open past its date
        OwnerPromises(202, "@denis", kept=0, missed=1),  # T3 still open past its date
    ]
    assert (now.kept, now.missed) == (1, 3)
    before = await store.figures(known, PREVIOUS, GOAL)
    assert before.promises == [OwnerPromises(201, "Мария", kept=1, missed=0)]


async def test_follow_up_answers_and_ratings_in_the_period(known: aiosqlite.Connection) -> None:
    now = await store.figures(known, CURRENT, GOAL)
    assert (now.fine, now.not_fine, now.ratings) == (2, 1, [0, 1, 0, 0, 1])
    assert now.rating == 3.5
    before = await store.figures(known, PREVIOUS, GOAL)
    assert (before.fine, before.not_fine, before.ratings, before.rating) == (
        1,
        0,
        [0, 0, 0, 1, 0],
        4.0,
    )


async def test_phrase_checks_per_choice_and_flag(known: aiosqlite.Connection) -> None:
    now = await store.figures(known, CURRENT, GOAL)
    assert now.replies == 4
    assert now.checks == {"held": 2, "rewrite": 1, "as_is": 1}
    assert now.held_flags == {"ORDER": 1, "NO_APOLOGY": 1, "BLAME": 1}
    assert now.as_is_flags == {"BLAME": 1}


async def test_an_empty_period_is_empty(known: aiosqlite.Connection) -> None:
    nothing = await store.figures(known, utc_days(20, 7), GOAL)
    assert nothing.empty
    assert nothing.complaints == 0 and nothing.response == Quantiles()
    assert nothing.by_day == [{}] * 7
    assert nothing.close_buckets == [0] * 5
    # what is still open stays open after the period: not empty, though nothing happened
    assert (await store.figures(known, utc_days(8, 1), GOAL)).open_at_end == 5


async def test_a_week_is_marked_once_and_never_before_a_later_one(
    conn: aiosqlite.Connection,
) -> None:
    monday = date(2026, 1, 12)
    assert await store.mark(conn, 100, monday, at(12, 6))
    assert not await store.mark(conn, 100, monday, at(12, 7))
    assert not await store.mark(conn, 100, monday - timedelta(days=7), at(12, 7))  # clock set back
    assert await store.mark(conn, 101, monday, at(12, 6))
    assert [(m.director_id, m.week) for m in await store.unsent(conn)] == [
        (100, monday),
        (101, monday),
    ]
    await store.set_failed(conn, 100, monday, "ServerError", at(12, 7), retry_at=at(12, 8))
    await store.set_failed(conn, 101, monday, "blocked", at(12, 7), retry_at=None)
    waiting = await store.unsent(conn)
    assert [(m.director_id, m.attempts, m.next_try_at) for m in waiting] == [(100, 1, at(12, 8))]
    await store.set_sent(conn, 100, monday, at(12, 8))
    assert await store.unsent(conn) == []
    assert await store.sent_weeks(conn, 100) == [monday]
    assert await store.sent_weeks(conn, 101) == []


async def test_each_figure_reads_through_an_index(known: aiosqlite.Connection) -> None:
    """Without the migration's indexes a week's figures scan every ticket ever stored."""
    plans = []
    for sql, params in (
        ("SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?", ("a", "b")),
        ("SELECT count(*) FROM tickets WHERE closed_at >= ? AND closed_at < ?", ("a", "b")),
        ("SELECT count(*) FROM tickets WHERE due_at >= ? AND due_at < ?", ("a", "b")),
        ("SELECT count(*) FROM followups WHERE rated_at >= ? AND rated_at < ?", ("a", "b")),
        (
            "SELECT count(*) FROM events WHERE kind = 'replied' AND created_at >= ?"
            " AND created_at < ?",
            ("a", "b"),
        ),
    ):
        plan = await known.execute_fetchall(f"EXPLAIN QUERY PLAN {sql}", params)
        plans.append(" ".join(str(row[-1]) for row in plan))
    assert all("USING" in plan and "INDEX" in plan for plan in plans), plans
