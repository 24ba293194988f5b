"""The pacer keeps a reserve for what a person just did: queued notifications (background)
stop short of the limits, so a button's in-place change finds a free slot at once."""

from __future__ import annotations

import pytest

from bot.delivery.pacer import Pacer


def test_background_leaves_one_private_token_for_a_person() -> None:
    pacer = Pacer()  # burst 3, 0.95/s, reserve 1
    now = 100.0
    pacer.record(5, now)
    pacer.record(5, now)  # one token left
    assert pacer.wait_for(5, now, background=True) == pytest.approx(1 / 0.95)
    assert pacer.wait_for(5, now) == 0, "an interactive call takes the reserved token"


def test_background_sustained_rate_is_unchanged() -> None:
    pacer = Pacer()
    now = 0.0
    sent = 0
    while now < 60.0:
        if pacer.wait_for(7, now, background=True) == 0:
            pacer.record(7, now)
            sent += 1
        now += 0.05
    # 2 from the burst above the reserve, then 0.95 a second
    assert 55 <= sent <= 60


def test_group_background_stops_two_short_of_the_minute_limit() -> None:
    pacer = Pacer()  # 19 a minute, reserve 2
    for n in range(17):
        assert pacer.wait_for(-100, float(n), background=True) == 0
        pacer.record(-100, float(n))
    assert pacer.wait_for(-100, 17.0, background=True) == pytest.approx(60.0 - 17.0)
    assert pacer.wait_for(-100, 17.0) == 0, "people still get the last two slots"
    pacer.record(-100, 17.0)
    pacer.record(-100, 17.5)
    assert pacer.wait_for(-100, 18.0) == pytest.approx(42.0)


def test_overall_background_leaves_slots_in_the_second() -> None:
    pacer = Pacer(global_per_second=20, global_reserve=3)
    for chat in range(1, 18):
        pacer.record(chat, 10.0)
    assert pacer.wait_for(99, 10.1, background=True) == pytest.approx(0.9)
    assert pacer.wait_for(99, 10.1) == 0


def test_room_counts_what_may_go_at_once() -> None:
    pacer = Pacer()
    assert pacer.room(5, 0.0) == 3
    assert pacer.room(5, 0.0, background=True) == 2
    pacer.record(5, 0.0)
    pacer.record(5, 0.0)
    assert pacer.room(5, 0.0, background=True) == 0
    assert pacer.room(5, 0.0) == 1
    pacer.block(6, 10.0)
    assert pacer.room(6, 5.0) == 0
    assert pacer.room(-100, 0.0, background=True) == 15, "the overall second holds two"
    assert Pacer().room(-100, 0.0, background=True) == 17


def test_a_send_telegram_refused_gives_its_slot_back() -> None:
    pacer = Pacer()
    for _ in range(3):
        pacer.record(100, 10.0)
    assert pacer.wait_for(100, 10.0) > 0
    pacer.refund(100, 10.0)
    assert pacer.wait_for(100, 10.0) == 0
    for second in range(pacer.group_per_minute):
        pacer.record(-100, 11.0 + second)
    assert pacer.wait_for(-100, 40.0) > 0
    pacer.refund(-100, 40.0)
    assert pacer.wait_for(-100, 40.0) == 0
