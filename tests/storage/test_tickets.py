"""storage.tickets: every write to a ticket row, and the "only once" rules in its UPDATEs."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import tickets
from storage.models import RootCause, Status
from tests.storage import rows
from tests.storage.rows import T0

LATER = T0 + timedelta(hours=1)


async def test_insert_stores_every_field_and_get_reads_it_back(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(
        conn, source="direct", external_id="1001:5", text="холодно", link="https://x/1"
    )
    got = await tickets.get(conn, made.id)
    assert got == made
    assert (got.source, got.external_id, got.text, got.link) == (
        "direct",
        "1001:5",
        "холодно",
        "https://x/1",
    )
    assert got.status is Status.OPEN
    assert got.owner_id is None and got.closed_at is None and got.first_response_at is None
    assert got.created_at == T0 and got.updated_at == T0
    assert not got.is_mention and got.is_complaint


async def test_insert_of_a_duplicate_returns_none(conn: aiosqlite.Connection) -> None:
    await rows.ticket(conn, source="feed:a", external_id="same")
    again = await tickets.insert(
        conn,
        source="feed:a",
        external_id="same",
        author_id=None,
        author_name="",
        client_chat_id=None,
        text="other",
        link=None,
        now=LATER,
    )
    assert again is None
    assert await tickets.count_open(conn) == 1


async def test_get_unknown_is_none(conn: aiosqlite.Connection) -> None:
    assert await tickets.get(conn, 404) is None


async def test_claim_succeeds_once(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    assert await tickets.claim(conn, made.id, 201, LATER) is True
    assert await tickets.claim(conn, made.id, 202, LATER) is False
    got = await tickets.get(conn, made.id)
    assert got is not None
    assert got.owner_id == 201 and got.status is Status.IN_PROGRESS and got.updated_at == LATER


async def test_closed_ticket_cannot_be_claimed(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    await tickets.close(conn, made.id, None, LATER)
    assert await tickets.claim(conn, made.id, 201, LATER) is False


async def test_close_happens_once_and_keeps_the_first_resolution(
    conn: aiosqlite.Connection,
) -> None:
    made = await rows.ticket(conn)
    assert await tickets.close(conn, made.id, "вернули деньги", LATER) is True
    assert await tickets.close(conn, made.id, "другое", LATER + timedelta(hours=1)) is False
    got = await tickets.get(conn, made.id)
    assert got is not None
    assert got.is_closed and got.closed_at == LATER and got.resolution == "вернули деньги"


async def test_reopen_goes_back_to_open_or_in_progress_by_owner(
    conn: aiosqlite.Connection,
) -> None:
    unowned = await rows.ticket(conn)
    owned = await rows.ticket(conn)
    await tickets.claim(conn, owned.id, 201, T0)
    for made in (unowned, owned):
        await tickets.close(conn, made.id, None, LATER)
        await tickets.reopen(conn, made.id, LATER + timedelta(minutes=5))
    got_unowned = await tickets.get(conn, unowned.id)
    got_owned = await tickets.get(conn, owned.id)
    assert got_unowned is not None and got_owned is not None
    assert got_unowned.status is Status.OPEN and got_unowned.closed_at is None
    assert got_owned.status is Status.IN_PROGRESS and got_owned.owner_id == 201


async def test_first_response_is_kept_from_the_first_reply(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    await tickets.mark_first_response(conn, made.id, LATER)
    await tickets.mark_first_response(conn, made.id, LATER + timedelta(hours=3))
    got = await tickets.get(conn, made.id)
    assert got is not None
    assert got.first_response_at == LATER
    assert got.status is Status.IN_PROGRESS
    assert got.updated_at == LATER + timedelta(hours=3)


async def test_set_owner_due_root_cause_and_text(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    due = T0 + timedelta(days=2)
    await tickets.set_owner(conn, made.id, 202, LATER)
    await tickets.set_due(conn, made.id, due, LATER)
    await tickets.set_root_cause(conn, made.id, RootCause.PROCESS, LATER)
    await tickets.set_text(conn, made.id, "исправленный текст", LATER)
    got = await tickets.get(conn, made.id)
    assert got is not None
    assert got.owner_id == 202 and got.status is Status.IN_PROGRESS
    assert got.due_at == due and got.root_cause is RootCause.PROCESS
    assert got.text == "исправленный текст"


async def test_touch_moves_only_updated_at(conn: aiosqlite.Connection) -> None:
    made = await rows.ticket(conn)
    await tickets.touch(conn, made.id, LATER)
    got = await tickets.get(conn, made.id)
    assert got is not None
    assert got.updated_at == LATER and got.created_at == T0 and got.text == made.text


async def test_list_open_count_open_and_owner_filter(conn: aiosqlite.Connection) -> None:
    a = await rows.ticket(conn)
    b = await rows.ticket(conn)
    c = await rows.ticket(conn)
    await tickets.claim(conn, b.id, 201, T0)
    await tickets.close(conn, c.id, None, T0)
    assert [t.id for t in await tickets.list_open(conn)] == [a.id, b.id]
    assert [t.id for t in await tickets.list_open(conn, owner_id=201)] == [b.id]
    assert [t.id for t in await tickets.list_open(conn, limit=1)] == [a.id]
    assert await tickets.count_open(conn) == 2


async def test_latest_for_client_is_the_newest_of_that_chat(conn: aiosqlite.Connection) -> None:
    await rows.ticket(conn, client_chat_id=1001)
    newest = await rows.ticket(conn, client_chat_id=1001)
    await rows.ticket(conn, client_chat_id=1002)
    got = await tickets.latest_for_client(conn, 1001)
    assert got is not None and got.id == newest.id
    assert await tickets.latest_for_client(conn, 9999) is None


async def test_mention_fields_are_stored(conn: aiosqlite.Connection) -> None:
    made = await rows.mention(conn, kind="praise", route="summary", dedupe_key="abc")
    assert made.is_mention and not made.is_complaint
    assert (made.matched_keyword, made.mention_kind, made.dedupe_key) == (
        "фитстудия",
        "praise",
        "abc",
    )
    assert (made.source_title, made.mention_route, made.verdict) == ("Лента А", "summary", None)


async def test_verdict_changes_only_when_it_differs(conn: aiosqlite.Connection) -> None:
    made = await rows.mention(conn, kind="praise")
    assert await tickets.set_verdict(conn, made.id, "complaint", LATER) is True
    assert await tickets.set_verdict(conn, made.id, "complaint", LATER) is False
    got = await tickets.get(conn, made.id)
    assert got is not None and got.verdict == "complaint" and got.is_complaint
    assert await tickets.set_verdict(conn, made.id, "not_complaint", LATER) is True
    got = await tickets.get(conn, made.id)
    assert got is not None and not got.is_complaint


async def test_mark_summarized_touches_only_waiting_mentions(conn: aiosqlite.Connection) -> None:
    waiting = await rows.mention(conn, route="summary")
    carded = await rows.mention(conn, route="card")
    await tickets.mark_summarized(conn, [waiting.id, carded.id])
    got_waiting = await tickets.get(conn, waiting.id)
    got_carded = await tickets.get(conn, carded.id)
    assert got_waiting is not None and got_carded is not None
    assert got_waiting.mention_route == "summarized"
    assert got_carded.mention_route == "card"
    await tickets.set_route(conn, carded.id, "summary")
    got_carded = await tickets.get(conn, carded.id)
    assert got_carded is not None and got_carded.mention_route == "summary"
