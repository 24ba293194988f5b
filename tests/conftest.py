"""Shared fixtures: a stand-in Bot API server, a real SQLite file, and the real bot polling it.

The bot runs in-process through the same composition root as production (`bot.app`), over
real HTTP; only the clock and the flood-limit pacer are swapped. The clock lets tests jump
across REOPEN_HOURS; the pacer is a fast one unless the test is marked `telegram_limits`,
so a flow test is not kept waiting by Telegram's one message a second per chat.

The bot's modules are imported where they are used: aiogram takes seconds to import, and
pytest-xdist's controller, which runs no test, loads this file too.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from bot.config import Config, load_config
from bot.delivery.pacer import Pacer
from storage import outbox
from tests.mailserver import imap_server  # noqa: F401 - a fixture, for every test file
from tests.smtpserver import smtp_server  # noqa: F401 - a fixture, for every test file
from tests.standin import StandInTelegram

if TYPE_CHECKING:
    from bot.app import App

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


def fast_pacer() -> Pacer:
    """Limits far above anything a test sends (200 a second to a chat, no folding of bursts):
    for tests about what the bot says, not about how fast Telegram lets it say it."""
    return Pacer(
        private_burst=20.0, private_rate=200.0, group_per_minute=12_000, global_per_second=1_000
    )


@dataclass
class RunningBot:
    app: App
    task: asyncio.Task[None]
    tg: StandInTelegram
    clock: Callable[[], datetime]

    async def stop(self) -> None:
        from bot.app import stop

        await stop(self.app)
        await asyncio.wait_for(self.task, 10)

    def _scheduler(self) -> Any:
        from bot.core.scheduler import Scheduler

        return next(part for part in self.app.background if isinstance(part, Scheduler))

    async def settle(self, ticks: int = 3, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        """Wait until the bot has done everything it would do now: the updates sent to it are
        handled, `ticks` whole scheduler ticks have run from here (when the tick is short
        enough to wait for), and no outbox row due now is left unsent. What the bot has not
        sent by then it would not send at all: "nothing more came" is checked after this.

        It counts the bot's own steps, not seconds, so a loaded machine only makes it slower.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        scheduler = self._scheduler()
        started = scheduler.ticks_started
        if self.app.config.scheduler_tick_seconds > 1.0:
            ticks = 0  # the default 5 s tick: tests that do not set it do not wait for it

        async def idle() -> bool:
            if self.task.done():
                return True  # a stopped bot sends nothing more
            if self.tg.updates_pending() or self.app.inflight._count:
                return False
            if scheduler.ticks_done < started + ticks:
                return False
            now = self.clock()
            async with self.app.db.read() as conn:
                rows = await outbox.pending(conn)
            return not any(row.not_before is None or row.not_before <= now for row in rows)

        while not await idle():
            if loop.time() >= deadline:
                raise AssertionError(
                    f"the bot did not settle within {timeout}s: ticks {scheduler.ticks_done}/"
                    f"{started + ticks}, updates pending {self.tg.updates_pending()}"
                )
            await asyncio.sleep(0.01)


StartBot = Callable[..., Awaitable[RunningBot]]

_running: list[RunningBot] = []


def current_bot() -> RunningBot:
    """The bot the test started last and has not stopped (for helpers given no bot)."""
    for bot in reversed(_running):
        if not bot.task.done():
            return bot
    raise AssertionError("no bot is running")


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
        # The feed sites tests serve are on 127.0.0.1; a test of the default passes "".
        "ALLOW_PRIVATE_FEEDS": "true",
        # Closing asks for a root cause first by default; tests of that ask for it explicitly.
        "ROOT_CAUSE_REQUIRED": "false",
    }
    env.update({key: str(value) for key, value in overrides.items()})
    return {key: value for key, value in env.items() if value != ""}


def _skip_ssl_grace(session: Any) -> None:
    """aiogram's session.close sleeps 250 ms so TLS connections can wind down; the stand-in
    speaks plain HTTP, and a quarter second per stopped bot adds up over the suite."""
    from aiogram.client.session.aiohttp import AiohttpSession

    if not isinstance(session, AiohttpSession):
        return

    async def close() -> None:
        if session._session is not None and not session._session.closed:
            await session._session.close()

    session.close = close  # type: ignore[method-assign]


@pytest.fixture
async def start_bot(
    request: pytest.FixtureRequest,
    tg: StandInTelegram,
    db_path: Path,
    people: dict[int, dict[str, Any]],
) -> AsyncIterator[StartBot]:
    """Start the bot (again, for a restart) with these env overrides. The pacer is fast and
    the outbox's back-off after a 5xx starts at 0.1 s instead of 1 s, unless the test is
    marked `telegram_limits`; a pacer passed as `pacer=` wins."""
    from bot.app import build_app, run

    real_limits = request.node.get_closest_marker("telegram_limits") is not None
    backoff = {} if real_limits else {"backoff_base": 0.1}
    started: list[RunningBot] = []

    async def start(
        clock: Clock | None = None,
        *,
        pacer: Pacer | None = None,
        backoff_base: float | None = None,
        **env: Any,
    ) -> RunningBot:
        config: Config = load_config(make_env(tg, db_path, **env))
        pacer = pacer or (Pacer() if real_limits else fast_pacer())
        if backoff_base is not None:
            backoff["backoff_base"] = backoff_base
        if clock:
            app = await build_app(config, clock=clock, pacer=pacer, **backoff)
        else:
            app = await build_app(config, pacer=pacer, **backoff)
        _skip_ssl_grace(app.bot.session)
        menus_before = count_calls(tg, "setMyCommands")
        menus = 1 + len(config.staff_ids)
        task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
        bot = RunningBot(app, task, tg, clock or (lambda: datetime.now(UTC)))
        started.append(bot)
        _running.append(bot)
        # The command menus are the last thing set before polling starts; updates sent from
        # here on are queued by the stand-in until the first getUpdates takes them.
        await tg.wait_for(
            lambda: task.done() or count_calls(tg, "setMyCommands") >= menus_before + menus,
            timeout=30,
        )
        if task.done():
            task.result()
        return bot

    yield start
    try:
        for bot in started:
            if not bot.task.done():
                await bot.stop()
    finally:
        for bot in started:
            _running.remove(bot)


@pytest.fixture
async def bot(start_bot: StartBot) -> RunningBot:
    return await start_bot()
