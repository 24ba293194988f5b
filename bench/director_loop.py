"""Benchmark: client messages through the running bot, beside a bare aiogram echo bot.

Both bots poll the same stand-in Bot API server (tests/standin) in the same run. For each
message the latency is measured from the moment the update is handed to the server to the
moment the bot's answer arrives: for Firsthand that is the director's card (after the ticket is
committed to SQLite), for the echo bot its echo. Messages go in as a burst, so the figures
include queueing; throughput is messages / time from the first injection to the last answer.

    .venv/bin/python bench/director_loop.py [--messages 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_app, run_polling
from bot.config import load_config
from bot.delivery.pacer import Pacer
from tests.standin import StandInTelegram

TOKEN = "123456:BENCH-standin-token-abcdefgh"
DIRECTOR = 100
FIRST_CLIENT = 10_000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def measure(tg: StandInTelegram, count: int, index: CardIndex) -> dict[str, float]:
    """Inject `count` messages from distinct clients and wait for every answer. The index
    scans only the calls made since its last look, so watching costs the same for both bots
    whatever their speed (a watcher asking about every pending message on every tick took
    more of the shared event loop the slower the bot was)."""
    users = [tg.user(FIRST_CLIENT + i, f"Клиент {i}") for i in range(count)]
    sent_at: list[float] = []
    start = time.monotonic()
    for i, user in enumerate(users):
        sent_at.append(time.monotonic())
        tg.send_text(user, f"Жалоба номер {i}: тренер опоздал, занятие сорвано")
    deadline = time.monotonic() + 300
    while len(index.times) < count and time.monotonic() < deadline:
        index.scan()
        await asyncio.sleep(0.01)
    if len(index.times) < count:
        raise SystemExit(f"{count - len(index.times)} messages never answered")
    latencies = [index.times[i] - sent_at[i] for i in range(count)]
    total = max(index.times.values()) - start
    return {
        "per_second": count / total,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "total_s": total,
    }


async def run_firsthand(count: int) -> dict[str, float]:
    async with StandInTelegram(token=TOKEN) as tg:
        tg.user(DIRECTOR, "Директор")
        with tempfile.TemporaryDirectory() as tmp:
            config = load_config(
                {
                    "BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_URL": tg.base_url,
                    "DIRECTOR_IDS": str(DIRECTOR),
                    "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                }
            )
            # Unlimited pacing: this measures the bot's own work, not Telegram's flood limits.
            unlimited = Pacer(1e9, 1e9, 10**9, 10**9)
            app = await build_app(config, pacer=unlimited)
            task = asyncio.create_task(run_polling(app, handle_signals=False, polling_timeout=1))
            await tg.wait_for(lambda: any(c.method == "getUpdates" for c in tg.calls), timeout=10)
            result = await measure(tg, count, CardIndex(tg))
            await app.dispatcher.stop_polling()
            await task
    return result


class CardIndex:
    """When each message was answered: the director's card, or the echo."""

    def __init__(self, tg: StandInTelegram) -> None:
        self._tg = tg
        self._seen = 0
        self.times: dict[int, float] = {}

    def scan(self) -> None:
        calls = self._tg.calls
        while self._seen < len(calls):
            call = calls[self._seen]
            self._seen += 1
            text = str(call.params.get("text", ""))
            if call.method != "sendMessage" or not call.ok:
                continue
            if text.startswith("🔴"):
                marker = text.split("Жалоба номер ", 1)
                if len(marker) == 2:
                    self.times.setdefault(int(marker[1].split(":", 1)[0]), call.time)
            elif text.startswith("echo "):
                self.times.setdefault(int(text.split()[3].rstrip(":")), call.time)


async def run_echo(count: int) -> dict[str, float]:
    async with StandInTelegram(token=TOKEN) as tg:
        bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
        dp = Dispatcher()

        @dp.message()
        async def echo(message: Message) -> None:
            await message.answer(f"echo {message.text}")

        task = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
        await tg.wait_for(lambda: any(c.method == "getUpdates" for c in tg.calls), timeout=10)
        result = await measure(tg, count, CardIndex(tg))
        await dp.stop_polling()
        await task
    return result


def show(name: str, r: dict[str, float]) -> None:
    print(
        f"{name:<28} {r['per_second']:8.1f} msg/s   p50 {r['p50_ms']:8.1f} ms   "
        f"p99 {r['p99_ms']:8.1f} ms   total {r['total_s']:6.2f} s"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    args = parser.parse_args()
    print(f"command: .venv/bin/python bench/director_loop.py --messages {args.messages}")
    echo = await run_echo(args.messages)
    firsthand = await run_firsthand(args.messages)
    show("bare aiogram echo bot", echo)
    show("firsthand (ticket + card)", firsthand)
    throughput = firsthand["per_second"] / echo["per_second"]
    p50 = firsthand["p50_ms"] / echo["p50_ms"]
    p99 = firsthand["p99_ms"] / echo["p99_ms"]
    print(f"ratio firsthand/echo: throughput {throughput:.2f}x, p50 {p50:.2f}x, p99 {p99:.2f}x")


if __name__ == "__main__":
    asyncio.run(main())
