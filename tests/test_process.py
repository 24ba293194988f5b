"""The bot as an operator runs it: `python -m bot`, configuration errors, SIGTERM, restarts."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from bot.app import build_app, run, stop
from bot.config import load_config
from tests.conftest import CLIENT, DIRECTOR, MANAGER, TOKEN, StartBot, count_calls, make_env
from tests.helpers import button, card_in, new_ticket, while_alive
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]


async def run_module(env: dict[str, str], cwd: Path) -> asyncio.subprocess.Process:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DIRECTOR_IDS"}}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        env={**clean, **env},
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_missing_token_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    proc = await run_module({"BOT_TOKEN": ""}, tmp_path)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1
    assert "BOT_TOKEN" in lines[0] and "@BotFather" in lines[0]


async def test_malformed_value_exits_2_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TOKEN}\nDIRECTOR_IDS=boss\n")
    proc = await run_module({}, tmp_path)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2
    assert err.decode().strip().splitlines() == [
        "firsthand: DIRECTOR_IDS is malformed: expected comma-separated Telegram user ids, "
        "got 'boss'"
    ]
    assert TOKEN not in err.decode()


async def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("BOT_TOKEN=\nLANGUAGE=de\n")
    proc = await run_module({"BOT_TOKEN": "", "LANGUAGE": "en"}, tmp_path)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 2 and "BOT_TOKEN" in err.decode()


async def test_runs_as_module_serves_a_client_and_exits_cleanly_on_sigterm(
    tg: StandInTelegram, people: People, tmp_path: Path
) -> None:
    env = make_env(tg, tmp_path / "bot.db")
    proc = await run_module(env, tmp_path)
    try:
        await while_alive(tg, proc, lambda: count_calls(tg, "setMyCommands") >= 4, "it started")
        tg.send_text(people[CLIENT], "Проверка из процесса")
        await tg.wait_message(DIRECTOR, contains="Проверка из процесса", timeout=30)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 30)
        elapsed = time.monotonic() - started
    finally:
        if proc.returncode is None:
            proc.kill()
    log = err.decode()
    assert proc.returncode == 0, log
    # at once, not when the 25 s long poll would have ended by itself (a wide margin: a
    # loaded machine may take a few seconds to get there)
    assert elapsed < 15
    assert "bot.start" in log and "bot.stopped" in log
    assert TOKEN not in log
    assert TOKEN.split(":")[1] not in log


async def test_wrong_token_fails_without_leaking_it(tmp_path: Path, tg: StandInTelegram) -> None:
    other = "654321:SOMEOTHER-secret-token-value"
    env = make_env(tg, tmp_path / "bot.db", BOT_TOKEN=other)
    proc = await run_module(env, tmp_path)
    try:
        _, err = await asyncio.wait_for(proc.communicate(), 30)
    finally:
        if proc.returncode is None:
            proc.kill()
    assert proc.returncode != 0
    assert other not in err.decode()
    assert "SOMEOTHER-secret" not in err.decode()


async def test_restart_keeps_tickets_owners_dates_and_reply_routing(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    first = await start_bot()
    card = await new_ticket(tg, people[CLIENT], "Кондиционер не работает", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/due 1 25.12 15:00")
    await tg.wait_message(DIRECTOR, contains="Точка контроля №1")
    tg.press(
        people[DIRECTOR],
        card_in(tg, DIRECTOR, 1),
        button(tg, card_in(tg, DIRECTOR, 1), "Ответственный"),
    )
    await tg.wait_for(lambda: any("Мария" in b for b, _ in tg.buttons(card_in(tg, DIRECTOR, 1))))
    picker = card_in(tg, DIRECTOR, 1)
    tg.press(people[DIRECTOR], picker, button(tg, picker, "Мария"))
    await tg.wait_message(MANAGER, contains="назначил")
    await first.stop()

    await start_bot()
    tg.send_command(people[DIRECTOR], "/open")
    listing = await tg.wait_message(DIRECTOR, contains="Открытые обращения")
    assert "№1 · В работе · Мария" in listing.text
    tg.send_text(people[DIRECTOR], "Простите! Мастер приедет завтра", reply_to=card)
    await tg.wait_message(CLIENT, contains="Мастер приедет завтра")
    # the card already showed the date before the restart: wait for the reply's re-render
    await tg.wait_for(lambda: "Ждёт первого ответа" not in card_in(tg, DIRECTOR, 1).text)
    assert "Контроль: 25.12 15:00" in card_in(tg, DIRECTOR, 1).text
    assert "Ответственный: Мария" in card_in(tg, DIRECTOR, 1).text
    tg.send_text(people[CLIENT], "Жду")
    relay = await tg.wait_message(DIRECTOR, contains="Жду")
    assert "№1" in relay.text


async def test_stop_during_start_up_still_exits_and_takes_no_updates(
    tg: StandInTelegram, people: People, db_path: Path
) -> None:
    """Ctrl-C while the bot is still setting its menus must not leave it polling forever."""
    app = await build_app(load_config(make_env(tg, db_path)))
    tg.slow_next("setMyCommands", seconds=0.5)  # hold start-up while stop lands
    task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
    await tg.wait_for(lambda: tg.hung_calls == 1)
    await stop(app)
    await asyncio.wait_for(task, 10)
    assert count_calls(tg, "getUpdates") == 0


async def test_stop_right_after_polling_began_exits(
    tg: StandInTelegram, people: People, db_path: Path
) -> None:
    app = await build_app(load_config(make_env(tg, db_path)))
    task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
    await tg.wait_for(lambda: tg.polling_active)  # the first long poll is waiting
    await stop(app)
    await asyncio.wait_for(task, 10)
    tg.send_text(people[CLIENT], "Пишу, когда бот уже остановлен")
    await asyncio.sleep(0.3)
    assert not tg.bot_messages(CLIENT)
