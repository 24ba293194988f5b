"""Benchmark: how soon everything queued during a Telegram outage arrives once it is over.

Hardening item 3 asks: after a stretch of 502s from Telegram, is everything delivered within
5 s of recovery? This runs the real bot (Telegram's pacing via the real Pacer, the default
backoff of build_app) against the stand-in Bot API, which enforces Telegram's flood limits.
For `--outage` seconds every sendMessage answers 502 Bad Gateway; meanwhile `--clients`
clients each write one complaint, spread evenly over the window, so their rows have drawn
backoffs of every length when Telegram comes back. Then the faults are cleared and the clock
runs until the director has seen every ticket (as its card or as a line of a burst summary,
whichever the sender chose) and every client has its acknowledgement (the first message
in their chat; nothing else is sent to them here). Times are the stand-in's own (when the
successful request reached it).

Updates keep flowing during the outage (only sendMessage fails), so tickets are stored as
they come; what is measured is the outbox catching up, not the intake.

    .venv/bin/python bench/outage_recovery.py [--outage 60] [--clients 30]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import App, build_app, run, stop
from bot.config import load_config
from storage import outbox
from tests.standin import StandInTelegram

TOKEN = "123456:BENCH-standin-token-abcdefgh"
DIRECTOR = 100
FIRST_CLIENT = 3000
CARD_MARKS = ("🔴", "🟡", "🟢")
FAIL_FOREVER = 10**9  # more calls than any run makes: the outage ends by clear_faults
BACKOFF_DRAWN = re.compile(r"outbox\.retry .* in=([\d.]+)s")


def number_after(text: str, mark: str) -> int | None:
    """The digits right after `mark` in `text` ("№12 · ..." → 12), else None."""
    if mark not in text:
        return None
    digits = ""
    for char in text.split(mark, 1)[1]:
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else None


@dataclass
class Arrivals:
    """When each ticket first reached the director and each client got its acknowledgement,
    read incrementally from the stand-in's record of successful sendMessage calls."""

    tg: StandInTelegram
    clients: set[int]
    seen_calls: int = 0
    seen: dict[int, float] = field(default_factory=dict)  # ticket -> first shown to director
    as_card: set[int] = field(default_factory=set)
    director: list[tuple[float, str]] = field(default_factory=list)  # (time, what) per message
    acks: dict[int, float] = field(default_factory=dict)  # client chat -> acknowledged
    delivered_after: float = float("inf")
    messages_after: int = 0  # successful sends at or after `delivered_after`

    def scan(self) -> None:
        calls = self.tg.calls
        while self.seen_calls < len(calls):
            call = calls[self.seen_calls]
            self.seen_calls += 1
            if call.method != "sendMessage" or not call.ok or not isinstance(call.result, dict):
                continue
            if call.time >= self.delivered_after:
                self.messages_after += 1
            chat = int(call.params.get("chat_id", 0))
            text = str(call.result.get("text", ""))
            if chat == DIRECTOR:
                self._director(text, call.time)
            elif chat in self.clients:
                # The acknowledgement is the only message a client gets here: matching on
                # the chat keeps this right whatever its wording is.
                self.acks.setdefault(chat, call.time)

    def _director(self, text: str, at: float) -> None:
        self.director.append((at, text.split("\n", 1)[0][:40]))
        if text.startswith(CARD_MARKS):
            number = number_after(text, "№")
            if number is not None:
                self.seen.setdefault(number, at)
                self.as_card.add(number)
        elif text.startswith("📥"):
            for line in text.splitlines():
                number = number_after(line, "№") if line.startswith("№") else None
                if number is not None:
                    self.seen.setdefault(number, at)

    def complete(self, tickets: int) -> bool:
        self.scan()
        return len(self.seen) >= tickets and len(self.acks) >= len(self.clients)


class SenderLog(logging.Handler):
    """Keeps the sender's log lines (the backoffs it drew, `outbox.recovered`) for the report
    instead of printing a warning per failed attempt."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[tuple[float, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((time.monotonic(), record.getMessage()))


async def backoffs_left(app: App) -> list[float]:
    """Seconds each pending row would still wait by its own backoff (0: may go now): what
    recovery would cost if nothing cut the backoffs short."""
    now = datetime.now(UTC)
    async with app.db.read() as conn:
        rows = await outbox.pending(conn)
    return [
        max(0.0, (row.not_before - now).total_seconds()) if row.not_before else 0.0 for row in rows
    ]


async def row_states(app: App) -> dict[str, int]:
    async with app.db.read() as conn:
        cursor = await conn.execute("SELECT state, count(*) FROM outbox GROUP BY state")
        return {str(state): int(count) for state, count in await cursor.fetchall()}


async def settled_states(app: App) -> dict[str, int]:
    """Row states once the last rows are marked: the stand-in sees a message a moment before
    the sender records it as sent."""
    for _ in range(50):
        states = await row_states(app)
        if not states.get("pending"):
            break
        await asyncio.sleep(0.1)
    return states


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--outage", type=float, default=60.0, help="seconds of 502s (10 for a quick run)"
    )
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument(
        "--give-up", type=float, default=400.0, help="seconds after recovery to stop waiting"
    )
    args = parser.parse_args()
    print(
        "command: .venv/bin/python bench/outage_recovery.py "
        f"--outage {args.outage:g} --clients {args.clients}"
    )
    sender_log = SenderLog()
    logger = logging.getLogger("bot.delivery.sender")
    logger.setLevel(logging.INFO)
    logger.addHandler(sender_log)
    logger.propagate = False
    async with StandInTelegram(token=TOKEN) as tg:
        tg.user(DIRECTOR, "Директор")
        clients = [tg.user(FIRST_CLIENT + n, f"Клиент {n}") for n in range(args.clients)]
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
            app = await build_app(config)  # real Pacer, default backoff
            task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
            try:
                await tg.wait_for(
                    lambda: any(c.method == "setMyCommands" for c in tg.calls), timeout=10
                )
                arrivals = Arrivals(tg, {int(c["id"]) for c in clients})
                tg.fail_next("sendMessage", status=502, count=FAIL_FOREVER)
                began = time.monotonic()
                for n, client in enumerate(clients):
                    due = began + args.outage * (n + 0.5) / len(clients)
                    await asyncio.sleep(max(0.0, due - time.monotonic()))
                    tg.send_text(client, f"Жалоба {n}: душевые закрыты, администратора нет")
                await asyncio.sleep(max(0.0, began + args.outage - time.monotonic()))
                left = await backoffs_left(app)
                failed_calls = sum(1 for c in tg.calls if c.error_code == 502)
                tg.clear_faults()
                recovered = time.monotonic()
                arrivals.delivered_after = recovered
                try:
                    await tg.wait_for(lambda: arrivals.complete(len(clients)), timeout=args.give_up)
                except AssertionError:
                    missing_acks = sorted(arrivals.clients - set(arrivals.acks))
                    print(
                        f"gave up {args.give_up:g} s after recovery: director saw "
                        f"{sorted(arrivals.seen)}; no acknowledgement in chats {missing_acks}; "
                        f"outbox rows: {await row_states(app)}"
                    )
                    for at, line in sender_log.lines[-20:]:
                        print(f"  {at - recovered:+.2f} s: {line}")
                    raise SystemExit(1) from None
                states = await settled_states(app)
            finally:
                await stop(app)
                await task
    last_card = max(arrivals.seen.values()) - recovered
    last_ack = max(arrivals.acks.values()) - recovered
    first = min([*arrivals.seen.values(), *arrivals.acks.values()]) - recovered
    drawn = [float(m[1]) for _, line in sender_log.lines if (m := BACKOFF_DRAWN.search(line))]
    recoveries = [
        (at - recovered, line) for at, line in sender_log.lines if "outbox.recovered" in line
    ]
    worst = max(last_card, last_ack)
    show("outage", f"{args.outage:g} s of 502 on sendMessage")
    show("complaints during the outage", f"{len(clients)} ({failed_calls} sends answered 502)")
    show(
        "rows pending at recovery",
        f"{len(left)}; their own backoff still to run: min {min(left, default=0):.1f} s, "
        f"max {max(left, default=0):.1f} s",
    )
    for at, line in recoveries:
        show("sender", f"{at:+.2f} s: {line}")
    show("first delivery after recovery", f"{first:.2f} s")
    show(
        f"director saw all {len(arrivals.seen)} tickets",
        f"{last_card:.2f} s after recovery ({len(arrivals.as_card)} as cards, "
        "the rest in burst summaries)",
    )
    show(f"all {len(arrivals.acks)} acknowledgements", f"{last_ack:.2f} s after recovery")
    show(
        "delivered after recovery",
        f"{arrivals.messages_after} messages; outbox rows: "
        + ", ".join(f"{count} {state}" for state, count in sorted(states.items())),
    )
    show("backoffs drawn during outage", f"{len(drawn)}, longest {max(drawn, default=0):.1f} s")
    show("429 responses", str(len(tg.too_many_requests)))
    print("director's messages after recovery:")
    for at, first_line in arrivals.director:
        print(f"  {at - recovered:+.2f} s: {first_line}")
    verdict = "met" if worst <= 5.0 else "NOT met"
    show("goal: all within 5 s of recovery", f"{verdict} ({worst:.2f} s)")


def show(label: str, value: str) -> None:
    print(f"{label + ':':<36}{value}")


if __name__ == "__main__":
    asyncio.run(main())
