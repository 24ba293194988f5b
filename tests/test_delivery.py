"""Nothing is lost: the outbox under faults, bursts, kill -9, a second instance, webhooks."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import sqlite3
import sys
from pathlib import Path
from typing import Any

import aiohttp
import aiosqlite
import pytest

from bot.app import build_app
from bot.config import load_config
from storage.lock import AlreadyRunning
from tests.conftest import CLIENT, DIRECTOR, StartBot, count_calls, make_env
from tests.helpers import card_arrives, card_in, texts_to, while_alive
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]


def cards_of(tg: StandInTelegram, chat_id: int) -> dict[int, int]:
    """How many times each ticket's card or summary line reached the chat."""
    seen: dict[int, int] = {}
    for message in tg.bot_messages(chat_id):
        text = message.text
        if text.startswith(("🔴", "🟡", "🟢")):
            number = int(text.split("№", 1)[1].split()[0])
            seen[number] = seen.get(number, 0) + 1
        elif text.startswith("📥"):
            for line in text.splitlines():
                if line.startswith("№"):
                    number = int(line[1:].split()[0])
                    seen[number] = seen.get(number, 0) + 1
    return seen


async def card_rows_once_sent(path: Path) -> list[tuple[str, int]]:
    """The card rows' (state, attempts), read once none is pending: the card reaches the
    chat a moment before the sender records it as sent."""
    for _ in range(100):
        async with aiosqlite.connect(path) as conn:
            rows = await conn.execute_fetchall(
                "SELECT state, attempts FROM outbox WHERE kind='card'"
            )
        if all(state != "pending" for state, _ in rows):
            break
        await asyncio.sleep(0.05)
    return [(row[0], row[1]) for row in rows]


async def test_outbox_rides_out_502s_and_429s(
    tg: StandInTelegram, people: People, bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.delivery.sender")
    tg.fail_next("sendMessage", status=502, count=3, chat_id=DIRECTOR)
    tg.fail_next("sendMessage", status=429, retry_after=1, count=1, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Сломался турникет")
    await tg.wait_message(DIRECTOR, contains="Сломался турникет", timeout=15)
    assert cards_of(tg, DIRECTOR) == {1: 1}
    assert await card_rows_once_sent(bot.app.db.path) == [("sent", 5)]
    # the log tells each ticket's notification story, greppable by ticket=
    story = [r.getMessage() for r in caplog.records if "kind=card ticket=1 " in r.getMessage()]
    assert [line.split()[0] for line in story] == ["outbox.retry"] * 4 + ["outbox.sent"]
    assert "reason=TelegramServerError: Bad Gateway" in story[0] and "429" in story[3]


async def test_unanswered_requests_time_out_and_are_retried_once_delivered(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    """Telegram (or the network) swallows two sends: each ends at TELEGRAM_TIMEOUT, the card
    still arrives once, and the acknowledgement to the client is not held up behind it."""
    running = await start_bot(TELEGRAM_TIMEOUT="0.5")
    tg.hang_next("sendMessage", seconds=3, count=2, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Не пускает турникет")
    await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
    await tg.wait_message(DIRECTOR, contains="Не пускает турникет", timeout=15)
    assert tg.hung_calls == 2
    assert cards_of(tg, DIRECTOR) == {1: 1}
    assert await card_rows_once_sent(running.app.db.path) == [("sent", 3)]


async def test_change_while_the_card_is_in_flight_still_reaches_the_card(
    tg: StandInTelegram, people: People, bot
) -> None:
    """The card is drawn, then sent slowly; the date set meanwhile must not be lost on it."""
    tg.slow_next("sendMessage", seconds=1.5, chat_id=DIRECTOR)
    tg.send_text(people[CLIENT], "Не работает сауна")
    await tg.wait_for(lambda: tg.hung_calls == 1)
    tg.send_command(people[DIRECTOR], "/due 1 25.12 15:00")
    await tg.wait_message(DIRECTOR, contains="Точка контроля №1")
    await card_arrives(tg, DIRECTOR, 1)
    await tg.wait_for(lambda: "Контроль: 25.12 15:00" in card_in(tg, DIRECTOR, 1).text, timeout=10)


async def test_change_while_an_edit_is_in_flight_still_reaches_the_card(
    tg: StandInTelegram, people: People, bot
) -> None:
    """The first change's edit is slow; the second change's edit would have been merged into
    the one in flight and lost."""
    tg.send_text(people[CLIENT], "Не работает сауна")
    await card_arrives(tg, DIRECTOR, 1)
    tg.slow_next("editMessageText", seconds=1.5, chat_id=DIRECTOR)
    tg.send_command(people[DIRECTOR], "/due 1 25.12 15:00")
    await tg.wait_for(lambda: tg.hung_calls == 1)
    tg.send_command(people[DIRECTOR], "/claim 1")
    await tg.wait_message(DIRECTOR, contains="теперь ваше")
    card = await tg.wait_for(
        lambda: (
            "Ответственный: Ирина" in card_in(tg, DIRECTOR, 1).text and card_in(tg, DIRECTOR, 1)
        ),
        timeout=10,
    )
    assert "Контроль: 25.12 15:00" in card.text


@pytest.mark.telegram_limits
async def test_burst_of_200_clients_reaches_director_once_each_within_limits(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    # Telegram's limits, with the slack a loaded machine needs: the stand-in counts a send
    # when its handler runs, on the bot's own event loop, so sends the pacer spread over a
    # second can arrive bunched after a stall. One more message of burst and ten more a
    # second absorb a stall of about a second; a bot that did not pace would still be
    # refused over and over (and would not even get all the cards out within the minute).
    tg.enforce_limits(True, private_burst=4.0, global_per_second=40)
    await start_bot()
    clients = [tg.user(50_000 + n, f"Клиент{n}") for n in range(200)]
    for n, client in enumerate(clients):
        tg.send_text(client, f"Жалоба {n}: не работает душ")
        if n % 20 == 19:
            await asyncio.sleep(0.2)
    await tg.wait_for(lambda: len(cards_of(tg, DIRECTOR)) == 200, timeout=60)
    assert set(cards_of(tg, DIRECTOR).values()) == {1}
    assert len(tg.bot_messages(DIRECTOR)) < 40, "a burst must fold into summaries"
    await tg.wait_for(lambda: all(texts_to(tg, 50_000 + n) for n in range(200)), timeout=30)
    assert len(tg.too_many_requests) <= 2, tg.too_many_requests
    # every ticket is still reachable by number
    tg.send_command(people[DIRECTOR], "/ticket 137")
    await tg.wait_message(DIRECTOR, contains="Жалоба 136: не работает душ", timeout=30)


async def test_unreachable_recipient_is_recorded_and_directors_told_once(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(TEAM_CHAT_ID=-100999)  # a team chat the bot was never added to
    for n in range(3):
        tg.send_text(tg.user(60_000 + n, f"К{n}"), f"Жалоба {n}")
    await tg.wait_for(lambda: len(cards_of(tg, DIRECTOR)) == 3)
    warning = await tg.wait_message(DIRECTOR, contains="Не удаётся доставить")
    assert "-100999" in warning.text and "chat not found" in warning.text
    await asyncio.sleep(0.3)
    assert sum("Не удаётся доставить" in t for t in texts_to(tg, DIRECTOR)) == 1
    async with aiosqlite.connect(db_path) as conn:
        failed = list(
            await conn.execute_fetchall(
                "SELECT count(*) FROM events WHERE kind = 'delivery_failed'"
            )
        )
    assert failed == [(3,)]


async def test_second_instance_on_the_same_database_refuses(
    tg: StandInTelegram, db_path: Path, bot
) -> None:
    config = load_config(make_env(tg, db_path))
    with pytest.raises(AlreadyRunning, match="already running"):
        await build_app(config)


async def run_bot_process(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env={**os.environ, **env},
        cwd=cwd,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


def director_cards_by_state(path: Path) -> dict[str, int]:
    """The director's card rows in the bot process's outbox, counted by state."""
    with sqlite3.connect(path, timeout=10) as conn:
        rows = conn.execute(
            "SELECT state, count(*) FROM outbox WHERE kind = 'card' AND chat_id = ? GROUP BY state",
            (DIRECTOR,),
        ).fetchall()
    return dict(rows)


async def test_kill_9_mid_burst_then_restart_delivers_every_card_exactly_once(
    tg: StandInTelegram, people: People, tmp_path: Path
) -> None:
    tg.enforce_limits(True)
    env = make_env(tg, tmp_path / "bot.db")
    proc = await run_bot_process(env, tmp_path)
    await while_alive(tg, proc, lambda: count_calls(tg, "setMyCommands") >= 4, "it started")
    for n in range(8):
        tg.send_text(tg.user(70_000 + n, f"К{n}"), f"Жалоба {n}")
    await while_alive(
        tg, proc, lambda: all(texts_to(tg, 70_000 + n) for n in range(8)), "it answered"
    )
    # Kill while the rest are committed but waiting for the chat's rate, not in the few
    # milliseconds between Telegram accepting a card and the bot marking it sent (a window
    # in which no bot can know whether the message went out; see the sender's docstring):
    # just after the bot marks a card sent once the chat's burst of three is spent, the next
    # card waits about a second for the chat's rate.
    marked = director_cards_by_state(tmp_path / "bot.db").get("sent", 0)
    await while_alive(
        tg,
        proc,
        lambda: director_cards_by_state(tmp_path / "bot.db").get("sent", 0) > max(marked, 2),
        "another card went out",
    )
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    delivered_before = len(cards_of(tg, DIRECTOR))
    assert delivered_before < 8, "the kill must land while cards are still queued"
    second = await run_bot_process(env, tmp_path)
    try:
        # every card row sent: nothing is left that could still come twice
        await while_alive(
            tg,
            second,
            lambda: director_cards_by_state(tmp_path / "bot.db") == {"sent": 8},
            "the rest went out",
        )
        assert cards_of(tg, DIRECTOR) == {n: 1 for n in range(1, 9)}
        assert all(texts_to(tg, 70_000 + n) for n in range(8))
    finally:
        if second.returncode is None:
            second.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(second.communicate(), 30)
    assert second.returncode == 0, err.decode()[-2000:]


async def test_second_instance_process_exits_2_with_a_clear_line(
    tg: StandInTelegram, people: People, tmp_path: Path
) -> None:
    env = make_env(tg, tmp_path / "bot.db")
    first = await run_bot_process(env, tmp_path)
    try:
        await while_alive(tg, first, lambda: count_calls(tg, "setMyCommands") >= 4, "it started")
        second = await run_bot_process(env, tmp_path)
        _, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 2
        assert "already running" in err.decode()
        assert len(err.decode().strip().splitlines()) == 1
    finally:
        if first.returncode is None:
            first.send_signal(signal.SIGTERM)
        await asyncio.wait_for(first.communicate(), 30)
    assert first.returncode == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_webhook_mode_checks_the_secret_and_reports_health(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    port = free_port()
    secret = "s3cret-token-for-tests_0123"
    running = await start_bot(
        WEBHOOK_URL="https://bot.example.test/tg/hook",
        WEBHOOK_SECRET=secret,
        WEBHOOK_LISTEN=f"127.0.0.1:{port}",
    )
    hook = f"http://127.0.0.1:{port}/tg/hook"
    await tg.wait_for(lambda: count_calls(tg, "setWebhook"))
    setwebhook = [c for c in tg.calls if c.method == "setWebhook"]
    assert setwebhook and setwebhook[-1].params["url"] == "https://bot.example.test/tg/hook"
    assert setwebhook[-1].params["secret_token"] == secret
    async with aiohttp.ClientSession() as http:
        tg.send_text(people[CLIENT], "Через вебхук: не работает душ")
        update = tg.injected[-1]
        async with http.post(
            hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong-secret-value-123"}
        ) as response:
            assert response.status == 401
        async with http.post(hook, json=update) as response:
            assert response.status == 401
        await asyncio.sleep(0.3)
        assert not tg.bot_messages(DIRECTOR)
        async with http.post(
            hook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
        ) as response:
            assert response.status == 200
            # handled before the 200: an update Telegram saw accepted is already stored
            with sqlite3.connect(running.app.config.database_path) as conn:
                stored = conn.execute("SELECT text FROM tickets").fetchall()
            assert stored == [("Через вебхук: не работает душ",)]
        await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
        await tg.wait_message(DIRECTOR, contains="Через вебхук")
        report: dict = {}
        for _ in range(50):  # a card edit may still be on its way: wait until all is out
            async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                assert response.status == 200
                report = json.loads(await response.text())
            if report["outbox_pending"] == 0:
                break
            await asyncio.sleep(0.1)
    assert report["database"] == "ok" and report["sender"]["alive"] is True
    assert report["outbox_pending"] == 0
    assert not [c for c in tg.calls if c.method == "getUpdates"]
    await running.app.sender.stop(1.0)  # as if the sender had died
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        assert response.status == 503
        assert json.loads(await response.text())["sender"]["alive"] is False
    await running.stop()


async def test_health_command_shows_the_outbox_to_directors(
    tg: StandInTelegram, people: People, bot
) -> None:
    tg.send_text(people[CLIENT], "Жалоба для проверки здоровья")
    await card_arrives(tg, DIRECTOR, 1)
    tg.send_command(people[DIRECTOR], "/health")
    report = await tg.wait_message(DIRECTOR, contains="Очередь отправки")
    assert "0" in report.text


async def test_stop_finishes_the_update_in_flight_and_flushes_its_card(
    tg: StandInTelegram, people: People, bot
) -> None:
    """SIGTERM lands while a client's message is half handled (its acknowledgement is on the
    wire): the handler finishes, the card goes out, and only then does the bot exit."""
    tg.slow_next("sendMessage", seconds=1.0, chat_id=CLIENT)
    tg.send_text(people[CLIENT], "Пишу прямо перед остановкой")
    await tg.wait_for(lambda: tg.hung_calls == 1)
    started = asyncio.get_running_loop().time()
    await bot.stop()
    assert asyncio.get_running_loop().time() - started < 10
    assert any("Номер обращения: 1." in text for text in texts_to(tg, CLIENT))
    assert cards_of(tg, DIRECTOR) == {1: 1}
