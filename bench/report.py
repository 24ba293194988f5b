"""The weekly report over a database of 100,000 tickets: figures, charts, memory.

Why: the report reads a week out of everything the company ever received, and draws six
charts, on the same small machine that answers clients; it must stay a blip. Goals: the
figures (both periods, all SQL) in under 1 s, the charts in under 2 s, under +100 MB peak.

The database is made first with plain SQL inserts: tickets spread over `--weeks` weeks up
to the report day (most company-like: a year), from direct messages, groups, channels,
feeds and elsewhere, answered, owned, promised, closed with a cause, followed up and
phrase-checked in plausible proportions. `--weeks 2` puts all of them into the reported
week and the one before: the worst case for the figures.

The measurement runs in a child process, so its peak resident set is its own: the delta is
ru_maxrss after the whole report minus the resident set once the bot's modules are
imported (matplotlib is imported by the first report, as in the bot, so it is counted).
The first report pays for loading matplotlib and its fonts; the second shows a warm bot.
Each time is given as wall time and as the process's CPU time: on a shared machine under
load the wall time grows, the CPU time is what the report cost.
The charts are saved with `--save DIR` to look at.

Run: .venv/bin/python bench/report.py [--tickets 100000] [--weeks 52] [--save /tmp/report]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TZ = ZoneInfo("Europe/Moscow")
REPORT_DAY = date(2026, 11, 23)  # a Monday
MANAGERS = {
    201: ("Мария", "Иванова"),
    202: ("Денис", ""),
    203: ("Ольга", "Смирнова"),
    204: ("Артём", ""),
    205: ("Светлана", "Ким"),
    206: ("Игорь", ""),
}
GROUPS = [f"tg:-100{n:07d}" for n in range(1, 6)]
CHANNELS = ["t.me/fitstudio_reviews", "t.me/city_sport", "t.me/otzovik_msk"]
FEEDS = ["https://reviews.example/fitstudio.rss", "https://alerts.example/feed/123"]
FLAGS = ["NO_APOLOGY", "ORDER", "BLAME", "VAGUE_PROMISE", "NO_NEXT_STEP", "BUREAUCRATIC"]


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _created(rng: random.Random, start: datetime, seconds: float) -> datetime:
    """A moment in the window, mostly in the local daytime, as complaints come."""
    while True:
        moment = start + timedelta(seconds=rng.random() * seconds)
        hour = moment.astimezone(TZ).hour
        if 9 <= hour < 22 or rng.random() < 0.25:
            return moment


def generate(path: Path, tickets: int, weeks: int, seed: int) -> None:
    """Fill a migrated database with `tickets` tickets and everything that follows them."""
    from storage.migrations import MIGRATIONS

    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    for version, script in enumerate(MIGRATIONS, start=1):
        conn.executescript(f"BEGIN;\n{script}\nPRAGMA user_version={version};\nCOMMIT;")
    end = datetime.combine(REPORT_DAY, datetime.min.time(), tzinfo=TZ).astimezone(UTC)
    start = end - timedelta(weeks=weeks)
    now = end + timedelta(hours=9)
    span = (end - start).total_seconds()
    ticket_rows, followup_rows, reminder_rows, event_rows = [], [], [], []
    # numbered in the order they came, as the bot numbers them
    moments = sorted(_created(rng, start, span) for _ in range(tickets))
    for ticket_id, created in enumerate(moments, start=1):
        roll = rng.random()
        mention_kind = None
        if roll < 0.6:
            source, chat = "telegram", 10_000 + rng.randrange(50_000)
        elif roll < 0.75:
            source = rng.choice(GROUPS)
            chat = int(source[3:])
        elif roll < 0.85:
            source, chat = rng.choice(CHANNELS), None
        elif roll < 0.95:
            source, chat = rng.choice(FEEDS), None
        else:
            source, chat = "site:form", None
        if source != "telegram":
            mention_kind = rng.choices(
                ["complaint", "praise", "question", "neutral"], [70, 12, 10, 8]
            )[0]
        complaint = mention_kind in (None, "complaint")
        owner = rng.choice(list(MANAGERS)) if complaint and rng.random() < 0.85 else None
        first_response = None
        if complaint and chat is not None and rng.random() < 0.93:
            minutes = min(rng.lognormvariate(3.2, 1.0), 60 * 48)
            first_response = created + timedelta(minutes=minutes)
            event_rows.append((ticket_id, owner, "replied", "", _iso(first_response)))
            if rng.random() < 0.12:
                flags = ",".join(sorted(rng.sample(FLAGS, rng.choice([1, 1, 2]))))
                held = first_response - timedelta(minutes=2)
                choice = rng.choices(["rewrite", "suggested", "as_is"], [5, 3, 2])[0]
                event_rows.append((ticket_id, owner, "phrase_check", f"held {flags}", _iso(held)))
                event_rows.append(
                    (ticket_id, owner, "phrase_check", f"{choice} {flags}", _iso(first_response))
                )
        due = None
        if complaint and rng.random() < 0.35:
            due = created + timedelta(days=rng.choice([1, 1, 2, 3]), hours=rng.uniform(-3, 3))
        closed = None
        if complaint and rng.random() < (0.995 if now - created > timedelta(days=3) else 0.6):
            if due is not None and rng.random() < 0.78:
                closed = created + (due - created) * rng.uniform(0.2, 1.0)
            else:
                closed = created + timedelta(hours=min(rng.lognormvariate(1.8, 1.3), 24 * 20))
            if closed >= now:
                closed = None
        cause = None
        if closed is not None:
            cause = rng.choices(
                ["process", "informing", "expectations", "unfounded", None], [35, 25, 25, 10, 5]
            )[0]
        status = "closed" if closed else ("in_progress" if owner else "open")
        ticket_rows.append(
            (
                ticket_id,
                source,
                str(ticket_id),
                chat if source == "telegram" else None,
                "Клиент",
                chat,
                "Жалоба на работу клуба",
                status,
                owner,
                _iso(due) if due else None,
                cause,
                _iso(created),
                _iso(closed or first_response or created),
                _iso(first_response) if first_response else None,
                _iso(closed) if closed else None,
                mention_kind,
            )
        )
        if closed is not None and source == "telegram" and rng.random() < 0.6:
            asked = closed + timedelta(days=3)
            if asked < now:
                reminder_rows.append(
                    (ticket_id, ticket_id, "followup", _iso(closed), _iso(asked), _iso(asked))
                )
                answer = rating = None
                answered = rated = None
                if rng.random() < 0.45:
                    answer = "yes" if rng.random() < 0.8 else "no"
                    answered = _iso(asked + timedelta(hours=rng.uniform(0, 30)))
                    if rng.random() < 0.6:
                        weights = [3, 4, 10, 30, 53] if answer == "yes" else [30, 35, 20, 10, 5]
                        rating = rng.choices(range(1, 6), weights)[0]
                        rated = answered
                followup_rows.append((ticket_id, ticket_id, chat, answer, answered, rating, rated))
    with conn:
        conn.executemany(
            "INSERT INTO staff (user_id, role, first_name, last_name, updated_at)"
            " VALUES (?, 'manager', ?, ?, ?)",
            [(uid, first, last, _iso(start)) for uid, (first, last) in MANAGERS.items()],
        )
        conn.executemany(
            """INSERT INTO tickets (id, source, external_id, author_id, author_name,
                client_chat_id, text, status, owner_id, due_at, root_cause, created_at,
                updated_at, first_response_at, closed_at, mention_kind)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            ticket_rows,
        )
        conn.executemany(
            """INSERT INTO reminders (id, ticket_id, kind, moment, decided_at, queued_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            reminder_rows,
        )
        conn.executemany(
            """INSERT INTO followups (reminder_id, ticket_id, chat_id, answer, answered_at,
                rating, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            followup_rows,
        )
        conn.executemany(
            "INSERT INTO events (ticket_id, actor_id, kind, detail, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            event_rows,
        )
    conn.execute("ANALYZE")
    conn.close()


def _rss_mib() -> float:
    """The resident set now, from /proc (ru_maxrss only knows the peak)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


async def _measure(path: Path, drawn_charts: list[bytes]) -> dict[str, object]:
    from bot.core.reports import previous_period, weekly_period
    from bot.views.report_text import render_report_text
    from bot.views.texts import Texts
    from storage import report as store
    from storage.db import Database

    texts = Texts("ru")
    db = await Database.open(path)
    baseline = _rss_mib()
    result: dict[str, object] = {}
    try:
        for run in ("first", "warm"):
            period = weekly_period(REPORT_DAY, TZ)
            previous = previous_period(period, TZ)
            started, cpu = time.perf_counter(), time.process_time()
            async with db.read() as conn:
                report = await store.report(conn, period, previous, 60.0)
            figures = time.perf_counter() - started
            figures_cpu = time.process_time() - cpu
            from bot.views.charts import render_charts

            started, cpu = time.perf_counter(), time.process_time()
            charts = await asyncio.get_running_loop().run_in_executor(
                None, render_charts, report, texts
            )
            drawn = time.perf_counter() - started
            drawn_cpu = time.process_time() - cpu
            text = render_report_text(report, texts)
            result[run] = {
                "figures_s": round(figures, 3),
                "figures_cpu_s": round(figures_cpu, 3),
                "charts_s": round(drawn, 3),
                "charts_cpu_s": round(drawn_cpu, 3),
                "charts": len(charts),
                "png_kib": [round(len(c) / 1024) for c in charts],
            }
            result["complaints"] = report.current.complaints
            result["text"] = text
            drawn_charts[:] = charts
    finally:
        await db.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["baseline_mib"] = round(baseline, 1)
    result["peak_increase_mib"] = round(peak - baseline, 1)
    return result


def _ms(run: dict[str, float], what: str) -> str:
    """Wall time, and the process's CPU time beside it: on a busy machine the second is
    what the report itself cost."""
    return f"{run[what + '_s'] * 1000:.0f} ms (CPU {run[what + '_cpu_s'] * 1000:.0f} ms)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--save", type=Path, default=None, help="save the charts here")
    parser.add_argument("--measure", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure is not None:  # the child: measure one database
        charts: list[bytes] = []
        result = asyncio.run(_measure(args.measure, charts))
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            for number, chart in enumerate(charts, start=1):
                (args.save / f"chart-{number}.png").write_bytes(chart)
            (args.save / "report.txt").write_text(str(result["text"]), "utf-8")
        print(json.dumps(result, ensure_ascii=False))
        return
    command = " ".join([".venv/bin/python", "bench/report.py", *sys.argv[1:]])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.db"
        started = time.perf_counter()
        generate(path, args.tickets, args.weeks, args.seed)
        made = time.perf_counter() - started
        child = [sys.executable, __file__, "--measure", str(path)]
        if args.save is not None:
            child += ["--save", str(args.save)]
        output = subprocess.run(child, check=True, capture_output=True, text=True).stdout
    result = json.loads(output.strip().splitlines()[-1])
    first, warm = result["first"], result["warm"]
    print(f"$ {command}")
    print(
        f"database: {args.tickets:,} tickets over {args.weeks} weeks, made in {made:.1f} s; "
        f"the reported week has {result['complaints']:,} complaints"
    )
    print(
        f"figures (both periods, SQL): first {_ms(first, 'figures')}, "
        f"warm {_ms(warm, 'figures')}  (goal < 1000 ms)"
    )
    print(
        f"charts ({first['charts']} PNGs, {sum(first['png_kib'])} KiB): first "
        f"{_ms(first, 'charts')} (loads matplotlib), warm {_ms(warm, 'charts')}"
        "  (goal < 2000 ms)"
    )
    print(
        f"peak memory: +{result['peak_increase_mib']} MiB over {result['baseline_mib']} MiB "
        "after imports  (goal < +100 MB)"
    )
    if args.save is not None:
        print(f"charts and text saved in {args.save}")


if __name__ == "__main__":
    main()
