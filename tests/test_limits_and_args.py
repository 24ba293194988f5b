"""Pure pieces: the flood-limit pacer and the staff command argument parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery.pacer import Pacer
from bot.delivery.sender import ready_chats
from bot.telegram.handlers.staff_commands import parse_ticket_args
from storage.outbox import OutboxItem

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ("12", (12, "")),
        ("#12", (12, "")),
        ("12 текст ответа", (12, "текст ответа")),
        ("  7   многострочный\nответ ", (7, "многострочный\nответ")),
        (None, None),
        ("", None),
        ("abc", None),
        ("12abc", None),
        ("-3 x", None),
        ("1234567890123 x", None),
    ],
)
def test_parse_ticket_args(args: str | None, expected: tuple[int, str] | None) -> None:
    assert parse_ticket_args(args) == expected


def test_private_chat_gets_a_burst_then_about_one_a_second() -> None:
    pacer = Pacer()
    for _ in range(3):
        assert pacer.wait_for(5, 100.0) == 0
        pacer.record(5, 100.0)
    wait = pacer.wait_for(5, 100.0)
    assert 1.0 <= wait <= 1.1
    assert pacer.wait_for(6, 100.0) == 0, "another chat is not held up"
    assert pacer.wait_for(5, 100.0 + wait) == 0


def test_group_gets_19_a_minute() -> None:
    pacer = Pacer()
    for n in range(19):
        assert pacer.wait_for(-100, 10.0 + n) == 0
        pacer.record(-100, 10.0 + n)
    assert pacer.wait_for(-100, 30.0) == pytest.approx(40.0)
    assert pacer.wait_for(-100, 70.0) == 0


def test_overall_limit_holds_every_chat() -> None:
    pacer = Pacer()
    for chat in range(1, 26):
        pacer.record(chat, 50.0)
    assert pacer.wait_for(999, 50.5) == pytest.approx(0.5)
    assert pacer.wait_for(999, 51.0) == 0


def test_retry_after_blocks_only_that_chat() -> None:
    pacer = Pacer()
    pacer.block(7, until=20.0)
    assert pacer.wait_for(7, 15.0) == pytest.approx(5.0)
    assert pacer.wait_for(8, 15.0) == 0


def test_queue_time_says_when_a_burst_should_fold() -> None:
    pacer = Pacer()
    assert pacer.queue_time(1, 3) == 0
    assert pacer.queue_time(1, 13) > 10
    assert pacer.queue_time(-1, 19) == 0
    assert pacer.queue_time(-1, 22) > 9


async def test_acquire_waits_for_the_chat() -> None:
    pacer = Pacer(private_burst=1.0, private_rate=20.0)
    assert await pacer.acquire(3) == 0
    waited = await pacer.acquire(3)
    assert 0.03 <= waited <= 0.2


def _row(row_id: int, chat_id: int, not_before: datetime | None = None) -> OutboxItem:
    return OutboxItem(row_id, chat_id, 1, "card", {}, "card", 0, not_before, NOW)


def test_chats_in_backoff_or_blocked_do_not_take_the_round_from_a_ready_one() -> None:
    pacer = Pacer()
    later = NOW + timedelta(seconds=200)
    queues = {chat: [_row(chat, chat, later)] for chat in range(1, 10)}  # 9 backing off
    pacer.block(20, 50.0)  # a 429 on chat 20
    queues[20] = [_row(20, 20)]
    queues[100] = [_row(30, 100), _row(31, 100)]  # the director's new card, queued last
    ready, waits = ready_chats(queues, pacer, NOW, 0.0)
    assert [queue[0].chat_id for queue in ready] == [100]
    assert sorted(waits) == [50.0] + [200.0] * 9
    ready, _ = ready_chats(queues, pacer, later, 60.0)
    assert [queue[0].chat_id for queue in ready] == [*range(1, 10), 20, 100]
