"""Telegram refusing for a while (429, 5xx) delays a card; it never loses one."""

from __future__ import annotations

import random
from typing import Any

from bot.delivery.retry import backoff_delay
from tests.conftest import CLIENT, DIRECTOR
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]


async def test_card_survives_429_with_retry_after(tg: StandInTelegram, people: People, bot) -> None:
    tg.fail_next("sendMessage", status=429, retry_after=1, count=2, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Не работает душ")
    card = await tg.wait_message(DIRECTOR, contains="Не работает душ", timeout=8)
    refused = [c for c in tg.calls if c.method == "sendMessage" and c.error_code == 429]
    assert len(refused) == 2
    assert card.text.startswith("🔴")
    # Telegram asked for 1 s between tries; the bot waited at least that long each time.
    accepted = next(
        c
        for c in tg.calls
        if c.method == "sendMessage" and c.ok and "Не работает душ" in str(c.params.get("text"))
    )
    assert accepted.time - refused[0].time >= 1.9
    assert sum("Не работает душ" in m.text for m in tg.bot_messages(DIRECTOR)) == 1


async def test_card_survives_bad_gateway(tg: StandInTelegram, people: People, bot) -> None:
    tg.fail_next("sendMessage", status=502, count=3, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Кондиционер сломан")
    await tg.wait_message(DIRECTOR, contains="Кондиционер сломан", timeout=10)
    assert sum(1 for c in tg.calls if c.error_code == 502) == 3


async def test_permanent_error_is_not_retried(tg: StandInTelegram, people: People, bot) -> None:
    tg.fail_next("sendMessage", status=400, count=1, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Жалоба")
    await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
    await tg.wait_for(lambda: any(c.error_code == 400 for c in tg.calls))
    assert (
        sum(
            1
            for c in tg.calls
            if c.method == "sendMessage" and int(c.params["chat_id"]) == DIRECTOR
        )
        == 1
    )


def test_backoff_grows_and_is_capped() -> None:
    rng = random.Random(7)
    delays = [max(backoff_delay(n, 0.5, 4.0, rng) for _ in range(200)) for n in range(8)]
    assert delays[0] <= 0.5 and delays[2] <= 2.0
    assert all(d <= 4.0 for d in delays)
    assert delays[6] > 3.0
