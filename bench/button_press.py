"""Benchmark: how long a director waits for a pressed button while notifications queue.

New complaints from other clients arrive before every press, so that twenty or more cards
and relays wait for the director's chat (paced at Telegram's real one message a second). The
director then presses "Закрыть" on the ticket's card and, once the choices show, "Назад", again
and again. The figure is the time from the press (the update handed to the stand-in Bot API)
to the in-place change of that card (editMessageReplyMarkup / editMessageText recorded by the
stand-in), at Telegram's real limits, with the stand-in enforcing them (its 429 count too).

    .venv/bin/python bench/button_press.py [--presses 20] [--queued 20]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app import build_app, run_polling, stop
from bot.config import load_config
from tests.standin import StandInTelegram

TOKEN = "123456:BENCH-standin-token-abcdefgh"
DIRECTOR = 100
CLIENT = 1001
EDITS = ("editMessageReplyMarkup", "editMessageText")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def button(tg: StandInTelegram, message: object, label: str) -> str:
    for text, data in tg.buttons(message):
        if label in text and data:
            return data
    raise SystemExit(f"no button {label!r} on the card")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=20)
    parser.add_argument("--queued", type=int, default=20)
    args = parser.parse_args()
    print(
        "command: .venv/bin/python bench/button_press.py "
        f"--presses {args.presses} --queued {args.queued}"
    )
    async with StandInTelegram(token=TOKEN) as tg:
        director = tg.user(DIRECTOR, "Ирина")
        client = tg.user(CLIENT, "Анна")
        tg.enforce_limits()
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
            app = await build_app(config)  # Telegram's real limits
            task = asyncio.create_task(run_polling(app, handle_signals=False, polling_timeout=1))
            await tg.wait_for(lambda: any(c.method == "getUpdates" for c in tg.calls), timeout=10)
            tg.send_text(client, "Тренер не пришёл на занятие, зал закрыт")
            card = await tg.wait_for(
                lambda: next(
                    (m for m in tg.bot_messages(DIRECTOR) if m.text.startswith("🔴")), None
                ),
                timeout=30,
            )
            waits: list[float] = []
            queued_at_press: list[int] = []
            for n in range(args.presses):
                for i in range(args.queued):
                    other = tg.user(CLIENT + 1 + n * args.queued + i, f"Клиент {n}.{i}")
                    tg.send_text(other, f"Жалоба {n}.{i}: в раздевалке холодно")
                await asyncio.sleep(0.5)  # the relays are stored and queued for the director
                async with (
                    app.db.read() as conn,
                    conn.execute(
                        "SELECT count(*) FROM outbox WHERE state = 'pending' AND chat_id = ?",
                        (DIRECTOR,),
                    ) as cur,
                ):
                    row = await cur.fetchone()
                queued_at_press.append(int(row[0]) if row else 0)
                label = "Закрыть" if n % 2 == 0 else "Назад"
                seen = len(tg.calls)
                pressed = time.monotonic()
                tg.press(director, card, button(tg, tg.bot_messages(DIRECTOR)[0], label))
                changed = await tg.wait_for(
                    lambda seen=seen: next(
                        (
                            c
                            for c in tg.calls[seen:]
                            if c.method in EDITS
                            and c.ok
                            and c.params.get("message_id") == card.message_id
                        ),
                        None,
                    ),
                    timeout=60,
                )
                waits.append(changed.time - pressed)
            await stop(app)
            await task
    waits_ms = [w * 1000 for w in waits]
    print(
        f"presses {len(waits)}  queued for the chat at each press: "
        f"min {min(queued_at_press)}, median {statistics.median(queued_at_press):.0f}"
    )
    print(
        f"press → card changed: p50 {statistics.median(waits_ms):.0f} ms   "
        f"p95 {percentile(waits_ms, 0.95):.0f} ms   max {max(waits_ms):.0f} ms"
    )
    print(f"429 answers from the stand-in: {len(tg.too_many_requests)}")


if __name__ == "__main__":
    asyncio.run(main())
