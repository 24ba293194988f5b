"""After Telegram's servers fail for a while, rows that drew a long backoff go as soon as a
send succeeds again, not when their backoff would have run out."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, DIRECTOR2, StartBot
from tests.helpers import card_arrives
from tests.standin import StandInTelegram


async def test_backed_off_rows_go_once_a_send_succeeds(
    tg: StandInTelegram,
    people: dict,
    start_bot: StartBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="bot.delivery.sender")
    await start_bot(DIRECTOR_IDS=f"{DIRECTOR},{DIRECTOR2}")
    tg.fail_next("sendMessage", status=502, count=4, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Сломался турникет")
    await card_arrives(tg, DIRECTOR2, 1)
    failed = lambda: sum(  # noqa: E731
        1 for c in tg.calls if c.method == "sendMessage" and c.error_code == 502
    )
    await tg.wait_for(lambda: failed() == 4, timeout=30)
    # Telegram answers again: the next success (a new ticket's card) clears the backoff
    early = card_sent(tg, DIRECTOR)  # the last backoff may have been short by chance
    tg.send_text(people[CLIENT2], "В душе нет горячей воды")
    await card_arrives(tg, DIRECTOR2, 2)
    await card_arrives(tg, DIRECTOR, 1)
    recovered = [r.getMessage() for r in caplog.records if "outbox.recovered" in r.getMessage()]
    assert early or recovered == ["outbox.recovered rows=1: retrying now"], recovered


def card_sent(tg: StandInTelegram, chat_id: int) -> bool:
    return any(
        c.method == "sendMessage" and c.ok and c.params.get("chat_id") == chat_id
        for c in tg.calls
    )
