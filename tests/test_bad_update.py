"""One update aiogram cannot read (here a client's poll missing the fields aiogram's model
requires) must not stop the bot taking the updates behind it, in either mode."""

from __future__ import annotations

import logging
import socket
import time
from typing import Any

import aiohttp
import pytest

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, StartBot, count_calls
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]

# Long enough for the polling loop's few tries with aiogram's backoff between them; short
# enough that a bot stuck on the unreadable update fails the test soon.
WAIT = 15.0


def broken_poll(tg: StandInTelegram, user: dict[str, Any]) -> int:
    """Queue a client's message carrying a poll with only an id: Telegram's JSON is well
    formed, but aiogram's Poll model requires a question, options and more."""
    return tg.push_raw_update("message", broken_poll_message(user))


def broken_poll_message(user: dict[str, Any]) -> dict[str, Any]:
    chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    return {
        "message_id": 4242,
        "from": user,
        "chat": chat,
        "date": int(time.time()),
        "poll": {"id": "1"},
    }


def skipped(caplog: pytest.LogCaptureFixture, prefix: str, update_id: int) -> bool:
    wanted = f"{prefix}.skip update_id={update_id} type=message "
    return any(record.getMessage().startswith(wanted) for record in caplog.records)


async def test_polling_skips_an_unreadable_update_between_two_good_ones(
    tg: StandInTelegram, people: People, bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.unreadable")
    tg.send_text(people[CLIENT], "Сломался кондиционер в зале")
    bad_id = broken_poll(tg, people[CLIENT2])
    tg.send_text(people[CLIENT2], "В бассейне холодная вода")
    await tg.wait_message(DIRECTOR, contains="Сломался кондиционер", timeout=WAIT)
    await tg.wait_message(DIRECTOR, contains="В бассейне холодная вода", timeout=WAIT)
    assert skipped(caplog, "polling", bad_id)
    skip = next(r for r in caplog.records if "polling.skip" in r.getMessage())
    assert "message.poll.question" in skip.getMessage()  # why, without the client's words
    await bot.settle()
    assert tg.updates_pending() == 0


async def test_polling_confirms_an_unreadable_update_that_nothing_follows(
    tg: StandInTelegram, people: People, bot, caplog: pytest.LogCaptureFixture
) -> None:
    """The unreadable update is the last one Telegram has: no later update moves the offset
    past it, so skipping it must confirm it by itself."""
    caplog.set_level(logging.WARNING, logger="bot.telegram.unreadable")
    bad_id = broken_poll(tg, people[CLIENT2])
    await tg.wait_for(lambda: skipped(caplog, "polling", bad_id), timeout=WAIT)
    await tg.wait_for(lambda: tg.updates_pending() == 0, timeout=WAIT)
    tg.send_text(people[CLIENT], "Тренер не пришёл на занятие")
    await tg.wait_message(DIRECTOR, contains="Тренер не пришёл", timeout=WAIT)
    skips = [r for r in caplog.records if "polling.skip" in r.getMessage()]
    assert len(skips) == 1


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_answers_200_to_an_unreadable_update_and_takes_the_next(
    tg: StandInTelegram, people: People, start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram re-sends an update it got no 200 for: answering 500 to one it can never be
    read would have it sent again and again."""
    caplog.set_level(logging.WARNING, logger="bot.telegram.webhook")
    port, secret = free_port(), "s3cret-token-for-tests_0123"
    await start_bot(
        WEBHOOK_URL="https://bot.example.test/tg/hook",
        WEBHOOK_SECRET=secret,
        WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )
    await tg.wait_for(lambda: count_calls(tg, "setWebhook"))
    hook, headers = f"http://127.0.0.1:{port}/tg/hook", {"X-Telegram-Bot-Api-Secret-Token": secret}
    bad_id = broken_poll(tg, people[CLIENT2])
    bad = tg.injected[-1]
    tg.send_text(people[CLIENT], "Через вебхук: в зале душно")
    good = tg.injected[-1]
    async with aiohttp.ClientSession() as http:
        async with http.post(hook, json=bad, headers=headers) as response:
            assert response.status == 200
        assert skipped(caplog, "webhook", bad_id)
        async with http.post(hook, json=good, headers=headers) as response:
            assert response.status == 200
    await tg.wait_message(DIRECTOR, contains="в зале душно")
