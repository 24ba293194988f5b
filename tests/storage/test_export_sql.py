"""storage.export: the one query behind /export, against a real SQLite file with known
tickets: the period's bounds, what each row carries (owner, control dates, follow-up,
reopenings) and paging by id."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import aiosqlite

from storage import events, export, followups, reminders, staff, tickets
from storage.models import Role, RootCause
from tests.storage import rows
from tests.storage.rows import T0

HOUR = timedelta(hours=1)
MOSCOW_DUE = "2026-01-11T10:00+03:00"  # how TicketService.set_due writes its event


async def _asked(
    conn: aiosqlite.Connection, ticket_id: int, moment: datetime, answer: str | None
) -> int:
    """A follow-up asked at `moment`, answered `answer` (None: not answered)."""
    reminder_id = await reminders.mark(conn, ticket_id, "followup", moment, moment)
    assert reminder_id is not None
    await followups.add(conn, reminder_id, ticket_id, 1001)
    if answer is not None:
        await followups.answer(conn, reminder_id, answer, moment)
    return reminder_id


async def test_the_period_is_created_at_from_since_up_to_until(
    conn: aiosqlite.Connection,
) -> None:
    before = await rows.ticket(conn, now=T0 - timedelta(seconds=1))
    first = await rows.ticket(conn, now=T0)
    last = await rows.ticket(conn, now=T0 + 24 * HOUR - timedelta(seconds=1))
    after = await rows.ticket(conn, now=T0 + 24 * HOUR)
    found = await export.page(conn, T0, T0 + 24 * HOUR)
    assert [row.id for row in found] == [first.id, last.id]
    everything = await export.page(conn, None, None)
    assert [row.id for row in everything] == [before.id, first.id, last.id, after.id]


async def test_a_row_carries_owner_control_dates_follow_up_and_reopenings(
    conn: aiosqlite.Connection,
) -> None:
    await staff.sync_roles(conn, {201: Role.MANAGER}, T0)
    await staff.set_names(conn, 201, "Мария", "Иванова", "maria", T0)
    made = await rows.ticket(conn, author_name="Анна", text="душ не работает")
    await tickets.claim(conn, made.id, 201, T0)
    await tickets.mark_first_response(conn, made.id, T0 + 17 * timedelta(minutes=1))
    await tickets.set_due(conn, made.id, T0 + 48 * HOUR, T0)
    await events.add(conn, made.id, 201, "due_set", MOSCOW_DUE, T0)
    await events.add(conn, made.id, 201, "due_set", "not a date", T0)  # skipped, not fatal
    await events.add(conn, made.id, 201, "due_set", (T0 + 48 * HOUR).isoformat(), T0)
    await tickets.set_root_cause(conn, made.id, RootCause.INFORMING, T0)
    await tickets.close(conn, made.id, "Починили", T0 + 24 * HOUR)
    await _asked(conn, made.id, T0 + 30 * HOUR, "no")
    await events.add(conn, made.id, None, "reopened", "follow-up", T0 + 31 * HOUR)
    await tickets.reopen(conn, made.id, T0 + 31 * HOUR)
    await tickets.close(conn, made.id, "Заменили смеситель", T0 + 40 * HOUR)
    latest = await _asked(conn, made.id, T0 + 50 * HOUR, "yes")
    await followups.rate(conn, latest, 5, T0 + 50 * HOUR)
    await events.add(conn, made.id, 201, "reopened", "", T0 + 60 * HOUR)
    await events.add(conn, made.id, 201, "closed", "", T0 + 60 * HOUR)  # other kinds: ignored

    [row] = await export.page(conn, None, None)
    assert row.id == made.id
    assert (row.source, row.author_name, row.text) == ("direct", "Анна", "душ не работает")
    assert row.created_at == T0
    assert row.first_response_at == T0 + timedelta(minutes=17)
    assert (row.owner_id, row.owner_name) == (201, "Мария Иванова")
    assert row.due_at == T0 + 48 * HOUR
    assert row.due_history == (datetime(2026, 1, 11, 7, 0, tzinfo=UTC), T0 + 48 * HOUR)
    assert row.root_cause == "informing"
    assert (row.status, row.resolution) == ("closed", "Заменили смеситель")
    assert row.closed_at == T0 + 40 * HOUR
    # the latest follow-up speaks for the ticket
    assert (row.followup_asked, row.followup_answer, row.rating) == (True, "yes", 5)
    assert row.reopened == 2


async def test_unanswered_unasked_unowned_removed_owners_and_other_causes(
    conn: aiosqlite.Connection,
) -> None:
    bare = await rows.ticket(conn)
    asked = await rows.ticket(conn)
    await _asked(conn, asked.id, T0, None)
    gone = await rows.ticket(conn)
    await tickets.claim(conn, gone.id, 299, T0)  # no longer on the staff
    rated_earlier = await rows.ticket(conn)
    first = await _asked(conn, rated_earlier.id, T0, "yes")
    await followups.rate(conn, first, 3, T0)
    await _asked(conn, rated_earlier.id, T0 + HOUR, None)  # asked again, not answered yet

    other = await rows.ticket(conn)
    await conn.execute(
        "UPDATE tickets SET root_cause = 'other', root_cause_note = 'парковка' WHERE id = ?",
        (other.id,),
    )

    found = {row.id: row for row in await export.page(conn, None, None)}
    assert (found[other.id].root_cause, found[other.id].root_cause_note) == ("other", "парковка")
    assert found[bare.id].root_cause is None and found[bare.id].root_cause_note is None
    assert found[bare.id].owner_name is None
    assert (found[bare.id].followup_asked, found[bare.id].followup_answer) == (False, None)
    assert found[bare.id].due_history == () and found[bare.id].reopened == 0
    assert (found[asked.id].followup_asked, found[asked.id].followup_answer) == (True, None)
    assert found[gone.id].owner_name == "299"
    assert found[rated_earlier.id].followup_answer is None
    assert found[rated_earlier.id].rating == 3


async def test_only_complaints_are_exported(conn: aiosqlite.Connection) -> None:
    direct = await rows.ticket(conn)
    complaint = await rows.mention(conn, kind="complaint", source="tg:-100123")
    await rows.mention(conn, kind="praise")
    promoted = await rows.mention(conn, kind="question")
    await tickets.set_verdict(conn, promoted.id, "complaint", T0)
    dismissed = await rows.mention(conn, kind="complaint")
    await tickets.set_verdict(conn, dismissed.id, "not_complaint", T0)
    found = await export.page(conn, None, None)
    assert [row.id for row in found] == [direct.id, complaint.id, promoted.id]
    assert found[1].source_title == "Лента А"


async def test_pages_follow_the_id(conn: aiosqlite.Connection) -> None:
    made = [await rows.ticket(conn, now=T0 + n * HOUR) for n in range(5)]
    ids = [t.id for t in made]
    first = await export.page(conn, None, None, limit=2)
    second = await export.page(conn, None, None, after=first[-1].id, limit=2)
    third = await export.page(conn, None, None, after=second[-1].id, limit=2)
    assert [[r.id for r in p] for p in (first, second, third)] == [ids[:2], ids[2:4], ids[4:]]
    assert await export.page(conn, None, None, after=ids[-1]) == []
