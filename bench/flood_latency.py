"""Benchmark: how long a new client's card takes while another client floods the director.

Hardening item 2 asks for the card latency of a new complaint while another client sends
100 messages (goal: under 5 s). This runs the real bot against the stand-in Bot API with
Telegram's pacing (the real Pacer) and the stand-in enforcing Telegram's flood limits
(429s). Client A opens a ticket and, once its card is at the director, sends `--lines`
messages spread evenly over `--spread` seconds (0: all at once); `--new-after` seconds into
the flood client B writes a new complaint. Measured, per run:

- B's latency: from the moment B's message is handed to the stand-in until the director's
  chat receives B's card (the sendMessage whose text holds "Обращение №2", as the stand-in
  records it);
- how many director messages A's lines took (relays, "💬 №1 ..."), and how long from the
  first line until every line was visible to the director;
- the 429s the stand-in answered.

Each run starts a fresh bot, stand-in and database, so runs are independent.

    .venv/bin/python bench/flood_latency.py [--runs 5] [--lines 100] [--spread 10]
        [--new-after 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_app, run, stop
from bot.config import load_config
from tests.standin import StandInTelegram

TOKEN = "123456:BENCH-standin-token-abcdefgh"
DIRECTOR = 100
CLIENT_A = 2001
CLIENT_B = 2002
SENDS = ("sendMessage", "editMessageText")
CARD_MARKS = ("🔴", "🟡", "🟢")


def line_text(n: int) -> str:
    """A flood line with a tag no other line contains, so its arrival can be told apart."""
    return f"[строка {n:03d}] и ещё: в раздевалке снова нет полотенец"


def card_number(text: str) -> int | None:
    """The ticket number of a card's plain text ("🔴 Обращение №12 ..."), else None."""
    if not text.startswith(CARD_MARKS) or "№" not in text:
        return None
    digits = ""
    for char in text.split("№", 1)[1]:
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else None


@dataclass
class DirectorWatch:
    """What reached the director and when, read from the stand-in's record of calls.

    Only the calls since the last look are read, so watching costs little however long the
    record grows; times are the stand-in's own (when the request reached it)."""

    tg: StandInTelegram
    lines: int
    seen_calls: int = 0
    cards: dict[int, float] = field(default_factory=dict)
    line_times: dict[int, float] = field(default_factory=dict)
    relay_messages: set[int] = field(default_factory=set)

    def scan(self) -> None:
        calls = self.tg.calls
        while self.seen_calls < len(calls):
            call = calls[self.seen_calls]
            self.seen_calls += 1
            if call.method not in SENDS or not call.ok or not isinstance(call.result, dict):
                continue
            if str(call.params.get("chat_id")) != str(DIRECTOR):
                continue
            text = str(call.result.get("text", ""))
            number = card_number(text)
            if number is not None:
                self.cards.setdefault(number, call.time)
            elif text.startswith("💬 №1"):
                self.relay_messages.add(int(call.result["message_id"]))
                for n in range(self.lines):
                    if n not in self.line_times and f"[строка {n:03d}]" in text:
                        self.line_times[n] = call.time

    def has_card(self, ticket_id: int) -> bool:
        self.scan()
        return ticket_id in self.cards

    def has_all_lines(self) -> bool:
        self.scan()
        return len(self.line_times) >= self.lines


@dataclass
class RunResult:
    latency: float
    relay_messages: int
    all_lines_after: float | None
    lines_seen: int
    too_many: int


async def flood(tg: StandInTelegram, user: dict, lines: int, spread: float) -> float:
    """Send A's lines evenly over `spread` seconds; returns when the first one went in."""
    started = time.monotonic()
    for n in range(lines):
        due = started + spread * n / lines
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tg.send_text(user, line_text(n))
    return started


async def one_run(lines: int, spread: float, new_after: float) -> RunResult:
    async with StandInTelegram(token=TOKEN) as tg:
        tg.user(DIRECTOR, "Директор")
        client_a = tg.user(CLIENT_A, "Анна")
        client_b = tg.user(CLIENT_B, "Борис")
        tg.enforce_limits(True)
        with tempfile.TemporaryDirectory() as tmp:
            config = load_config(
                {
                    "BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_URL": tg.base_url,
                    "DIRECTOR_IDS": str(DIRECTOR),
                    "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                    "LANGUAGE": "ru",
                }
            )
            app = await build_app(config)  # the real Pacer: Telegram's pace
            task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
            try:
                await tg.wait_for(
                    lambda: any(c.method == "setMyCommands" for c in tg.calls), timeout=10
                )
                watch = DirectorWatch(tg, lines)
                tg.send_text(client_a, "Тренер не пришёл на занятие, зал закрыт")
                await tg.wait_for(lambda: watch.has_card(1), timeout=30)
                flooding = asyncio.create_task(flood(tg, client_a, lines, spread))
                await asyncio.sleep(new_after)
                b_sent = time.monotonic()
                tg.send_text(client_b, "В бассейне третий день холодная вода")
                await tg.wait_for(lambda: watch.has_card(2), timeout=120)
                flood_started = await flooding
                try:
                    await tg.wait_for(watch.has_all_lines, timeout=300)
                    all_after: float | None = max(watch.line_times.values()) - flood_started
                except AssertionError:
                    all_after = None  # reported as missing lines, not as a crash
            finally:
                await stop(app)
                await task
            return RunResult(
                latency=watch.cards[2] - b_sent,
                relay_messages=len(watch.relay_messages),
                all_lines_after=all_after,
                lines_seen=len(watch.line_times),
                too_many=len(tg.too_many_requests),
            )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lines", type=int, default=100, help="messages client A sends")
    parser.add_argument(
        "--spread", type=float, default=10.0, help="seconds A's lines are spread over (0: at once)"
    )
    parser.add_argument(
        "--new-after", type=float, default=5.0, help="seconds into the flood B writes"
    )
    args = parser.parse_args()
    print(
        "command: .venv/bin/python bench/flood_latency.py "
        f"--runs {args.runs} --lines {args.lines} --spread {args.spread:g} "
        f"--new-after {args.new_after:g}"
    )
    results: list[RunResult] = []
    for n in range(args.runs):
        result = await one_run(args.lines, args.spread, args.new_after)
        results.append(result)
        all_lines = (
            f"{result.all_lines_after:.1f} s"
            if result.all_lines_after is not None
            else f"only {result.lines_seen}/{args.lines} seen"
        )
        print(
            f"run {n + 1}: B's card after {result.latency * 1000:.0f} ms; "
            f"A's {args.lines} lines in {result.relay_messages} director messages, "
            f"all visible {all_lines} after the first; {result.too_many} × 429"
        )
    latencies = [r.latency for r in results]
    complete = [r.all_lines_after for r in results if r.all_lines_after is not None]
    print(
        f"B's card latency:       median {statistics.median(latencies) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms (goal < 5000 ms)"
    )
    print("director messages for A's lines: " + ", ".join(str(r.relay_messages) for r in results))
    if complete:
        print(
            f"all lines visible after: median {statistics.median(complete):.1f} s, "
            f"max {max(complete):.1f} s ({len(complete)}/{len(results)} runs complete)"
        )
    print(f"429 responses:          {sum(r.too_many for r in results)} in {len(results)} runs")


if __name__ == "__main__":
    asyncio.run(main())
