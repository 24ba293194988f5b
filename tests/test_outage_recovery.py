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
    # Backoff from 2 s: after the third failure a row waits up to 8 s unless a success clears it.
    await start_bot(backoff_base=2.0, DIRECTOR_IDS=f"{DIRECTOR},{DIRECTOR2}")
    tg.fail_next("sendMessage", status=502, count=3, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Сломался турникет")
    await card_arrives(tg, DIRECTOR2, 1)
    failed = lambda: sum(  # noqa: E731
        1 for c in tg.calls if c.method == "sendMessage" and c.error_code == 502
    )
    await tg.wait_for(lambda: failed() == 3, timeout=60)
    # Telegram answers again: the next success (a new ticket's card) clears the backoff
    before = len(caplog.records)
    tg.send_text(people[CLIENT2], "В душе нет горячей воды")
    await card_arrives(tg, DIRECTOR2, 2)
    await card_arrives(tg, DIRECTOR, 1)
    if first_success(tg, DIRECTOR) < first_success(tg, DIRECTOR2, after=1):
        return  # its backoff ran out by chance before the other card went: nothing to show
    later = caplog.records[before:]
    recovered = [r.getMessage() for r in later if "outbox.recovered" in r.getMessage()]
    assert recovered == ["outbox.recovered rows=1: retrying now"], recovered


def first_success(tg: StandInTelegram, chat_id: int, after: int = 0) -> int:
    """The index in the stand-in's record of the (after+1)-th message that reached the chat."""
    hits = [
        n
        for n, c in enumerate(tg.calls)
        if c.method == "sendMessage" and c.ok and c.params.get("chat_id") == chat_id
    ]
    return hits[after]


@pytest.mark.telegram_limits
async def test_after_an_outage_the_director_gets_one_list_of_everything(
    tg: StandInTelegram, start_bot: StartBot
) -> None:
    """Complaints that came in waves while Telegram failed were folded into several
    summaries; once it answers, they reach the director as one list, not message by message."""
    await start_bot(backoff_base=0.2)
    tg.fail_next("sendMessage", status=502, count=100_000, chat_id=DIRECTOR)
    for wave in range(3):
        for number in range(14):  # more than the director's chat takes in ten seconds
            client = tg.user(80_000 + wave * 100 + number, f"Клиент {wave}-{number}")
            tg.send_text(client, f"Жалоба {wave}-{number}: нет воды")
        await tg.wait_for(lambda wave=wave: summaries_tried(tg) > wave, timeout=20)
    tg.clear_faults()
    await tg.wait_for(lambda: tg.bot_messages(DIRECTOR), timeout=30)
    await tg.wait_for(lambda: tg.updates_pending() == 0)
    [summary] = tg.bot_messages(DIRECTOR)
    assert summary.text.startswith("📥 42 новых обращения")
    assert all(f"Жалоба {w}-{n}:" in summary.text for w in range(3) for n in range(14))


def summaries_tried(tg: StandInTelegram) -> int:
    """How many different summaries the sender has tried to send the director so far."""
    texts = {
        str(c.params.get("text"))
        for c in tg.calls
        if c.method == "sendMessage" and int(c.params.get("chat_id", 0)) == DIRECTOR
    }
    return sum("📥" in text for text in texts)
