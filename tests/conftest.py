"""Shared fixtures: a stand-in Bot API server, a real SQLite file, and the real bot polling it.

The bot runs in-process through the same composition root as production (`bot.app`), over
real HTTP; only the clock can be swapped, so tests can jump across REOPEN_HOURS.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.app import App, build_app, run, stop
from bot.config import Config, load_config
from tests.standin import StandInTelegram

TOKEN = "123456:TEST-standin-token-abcdefghijkl"
DIRECTOR = 100
DIRECTOR2 = 101
MANAGER = 201
MANAGER2 = 202
CLIENT = 1001
CLIENT2 = 1002
STRANGER = 1099
TEAM = -100500


@dataclass
class Clock:
    """A settable clock passed into the app so tests can move time without sleeping."""

    moment: datetime = field(default_factory=lambda: datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    real_start: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.moment + (datetime.now(UTC) - self.real_start)

    def advance(self, delta: timedelta) -> None:
        self.moment += delta


@dataclass
class RunningBot:
    app: App
    task: asyncio.Task[None]

    async def stop(self) -> None:
        await stop(self.app)
        await asyncio.wait_for(self.task, 10)


StartBot = Callable[..., Awaitable[RunningBot]]


def count_calls(tg: StandInTelegram, method: str) -> int:
    return sum(1 for call in tg.calls if call.method == method)


@pytest.fixture
async def tg() -> AsyncIterator[StandInTelegram]:
    async with StandInTelegram(token=TOKEN) as server:
        yield server


@pytest.fixture
def people(tg: StandInTelegram) -> dict[int, dict[str, Any]]:
    """Everyone the tests play, registered with the stand-in so getChat knows them."""
    tg.group(TEAM, "Команда")
    return {
        DIRECTOR: tg.user(DIRECTOR, "Ирина", username="irina_dir", last_name="Петрова"),
        DIRECTOR2: tg.user(DIRECTOR2, "Олег", username="oleg"),
        MANAGER: tg.user(MANAGER, "Мария", username="maria"),
        MANAGER2: tg.user(MANAGER2, "Денис", username="denis"),
        CLIENT: tg.user(CLIENT, "Анна", username="anna"),
        CLIENT2: tg.user(CLIENT2, "Пётр"),
        STRANGER: tg.user(STRANGER, "Чужой"),
    }


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "firsthand.db"


def make_env(tg: StandInTelegram, db_path: Path, **overrides: Any) -> dict[str, str]:
    env = {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": tg.base_url,
        "DIRECTOR_IDS": f"{DIRECTOR}",
        "MANAGER_IDS": f"{MANAGER},{MANAGER2}",
        "DATABASE_URL": f"sqlite:///{db_path}",
        "LANGUAGE": "ru",
        "TIMEZONE": "Europe/Moscow",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return {key: value for key, value in env.items() if value != ""}


@pytest.fixture
async def start_bot(
    tg: StandInTelegram, db_path: Path, people: dict[int, dict[str, Any]]
) -> AsyncIterator[StartBot]:
    running: list[RunningBot] = []

    async def start(clock: Clock | None = None, **env: Any) -> RunningBot:
        config: Config = load_config(make_env(tg, db_path, **env))
        app = await build_app(config, clock=clock) if clock else await build_app(config)
        menus_before = count_calls(tg, "setMyCommands")
        menus = 1 + len(config.staff_ids)
        task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
        # The command menus are the last thing set before polling starts; updates sent from
        # here on are queued by the stand-in until the first getUpdates takes them.
        await tg.wait_for(
            lambda: task.done() or count_calls(tg, "setMyCommands") >= menus_before + menus,
            timeout=10,
        )
        if task.done():
            task.result()
        bot = RunningBot(app, task)
        running.append(bot)
        return bot

    yield start
    for bot in running:
        if not bot.task.done():
            await bot.stop()


@pytest.fixture
async def bot(start_bot: StartBot) -> RunningBot:
    return await start_bot()
