"""Which rows of one chat's queue may go side by side: different tickets only, in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.delivery.sender import independent_head
from storage.outbox import OutboxItem

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def row(n: int, ticket: int | None, *, later: bool = False) -> OutboxItem:
    return OutboxItem(
        id=n,
        chat_id=100,
        ticket_id=ticket,
        kind="card",
        payload={},
        post_kind=None,
        attempts=0,
        not_before=NOW + timedelta(seconds=5) if later else None,
        created_at=NOW,
    )


def ids(rows: list[OutboxItem]) -> list[int]:
    return [r.id for r in rows]


def test_cards_of_different_tickets_go_together_up_to_the_limit() -> None:
    queue = [row(n, ticket=n) for n in range(1, 12)]
    assert ids(independent_head(queue, 8, NOW)) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert ids(independent_head(queue, 1, NOW)) == [1]


def test_a_second_row_of_the_same_ticket_waits_for_the_first() -> None:
    queue = [row(1, 7), row(2, 8), row(3, 7), row(4, 9)]
    assert ids(independent_head(queue, 8, NOW)) == [1, 2]


def test_a_notice_about_no_ticket_keeps_its_place() -> None:
    assert ids(independent_head([row(1, None), row(2, 5)], 8, NOW)) == [1]
    assert ids(independent_head([row(1, 5), row(2, None), row(3, 6)], 8, NOW)) == [1]


def test_a_postponed_row_ends_the_run_but_the_head_always_goes() -> None:
    assert ids(independent_head([row(1, 1), row(2, 2, later=True), row(3, 3)], 8, NOW)) == [1]
    assert ids(independent_head([row(1, 1)], 0, NOW)) == [1]
