"""Benchmark: 1,000 tickets created at once, delivered under Telegram's limits.

The stand-in Bot API enforces Telegram's flood limits (about 1 message/s to a private chat
with a burst of 3, 20/min to a group, 30/s overall) and answers 429 with retry_after beyond
them. Tickets are created through the ticket service in one go (as a feed or a reconnecting
bot would), and the clock runs until the director has seen every one of them, as a card or
as a line of a summary. The theoretical minimum is the time the director's chat needs for
the fewest messages that can list them all (each message ≤ 4096 characters) at 1 message/s
after the burst of 3.

    .venv/bin/python bench/outbox_burst.py [--tickets 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_app, run, stop
from bot.config import load_config
from bot.core.events import IncomingMessage
from tests.standin import StandInTelegram

TOKEN = "123456:BENCH-standin-token-abcdefgh"
DIRECTOR = 100


def seen_tickets(tg: StandInTelegram) -> set[int]:
    seen: set[int] = set()
    for message in tg.bot_messages(DIRECTOR):
        text = message.text
        if text.startswith(("🔴", "🟡", "🟢")):
            seen.add(int(text.split("№", 1)[1].split()[0]))
        elif text.startswith("📥"):
            seen.update(
                int(line[1:].split()[0]) for line in text.splitlines() if line.startswith("№")
            )
    return seen


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1000)
    args = parser.parse_args()
    count = args.tickets
    print(f"command: .venv/bin/python bench/outbox_burst.py --tickets {count}")
    async with StandInTelegram(token=TOKEN) as tg:
        tg.user(DIRECTOR, "Директор")
        tg.enforce_limits(True)
        with tempfile.TemporaryDirectory() as tmp:
            config = load_config(
                {
                    "BOT_TOKEN": TOKEN,
                    "TELEGRAM_API_URL": tg.base_url,
                    "DIRECTOR_IDS": str(DIRECTOR),
                    "DATABASE_URL": f"sqlite:///{tmp}/bench.db",
                }
            )
            app = await build_app(config)
            task = asyncio.create_task(run(app, handle_signals=False, polling_timeout=1))
            await tg.wait_for(
                lambda: any(c.method == "setMyCommands" for c in tg.calls), timeout=10
            )
            started = time.monotonic()
            for n in range(count):
                await app.service.intake_client_message(
                    IncomingMessage(
                        chat_id=1_000_000 + n,
                        message_id=1,
                        user_id=1_000_000 + n,
                        author_name=f"Клиент {n}",
                        content_type="text",
                        text=f"Жалоба {n}: тренер опоздал на двадцать минут, занятие сорвано",
                    )
                )
            created = time.monotonic() - started
            await tg.wait_for(lambda: len(seen_tickets(tg)) >= count, timeout=600)
            elapsed = time.monotonic() - started
            director_messages = [m for m in tg.bot_messages(DIRECTOR)]
            await stop(app)
            await task
    sizes = [len(m.text) for m in director_messages]
    per_message = max(1, count // max(1, len(director_messages)))
    lines_per_message = max(1, 4096 // max(1, round(sum(sizes) / max(1, count))))
    minimum_messages = math.ceil(count / lines_per_message)
    theoretical = max(0.0, (minimum_messages - 3) / 1.0)
    print(f"tickets created:             {count} in {created:.2f} s")
    print(
        f"director saw all after:      {elapsed:.2f} s in {len(director_messages)} messages "
        f"(~{per_message} tickets per message)"
    )
    print(
        f"theoretical minimum:         {theoretical:.2f} s "
        f"({minimum_messages} full messages at 1/s after a burst of 3)"
    )
    print(f"ratio actual/minimum:        {elapsed / theoretical:.2f}x" if theoretical else "")
    print(f"429 responses received:      {len(tg.too_many_requests)}")


if __name__ == "__main__":
    asyncio.run(main())
