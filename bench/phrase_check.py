"""Benchmark: how long the phrase check adds to sending one reply.

Every staff reply is checked before it goes out, so the check must not be felt: the budget is
50 ms a reply. Measured on the guide's 15 cases and the tests' own cases (typical replies,
20 to 250 characters), and on replies of 4,000 characters (Telegram's limit is 4,096): one
realistic, repeated paragraph, and one dense with trigger words and dates. Each reply is run
``--repeat`` times; the figures are per call, after one warm-up call that compiles the rules
(its cost is printed separately). The date finder for the control-date offer is timed too,
since it runs on the same text right after a reply is sent.

    .venv/bin/python bench/phrase_check.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.core.phrase_check import check_reply
from bot.views.date_mentions import mentioned_due
from tests.test_phrase_check import GUIDE_CASES, OWN_CASES

BUDGET_MS = 50.0
TZ = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

PARAGRAPH = (
    "Анна, здравствуйте! Простите, что тренировка сорвалась: тренер заболел, а мы не успели "
    "вас предупредить. Я вернул занятие на ваш абонемент и продлил его на неделю. Завтра до "
    "12:00 администратор позвонит и предложит удобное время. "
)
DENSE = (
    "Вам нужно было прочитать договор, это не к нам, обращайтесь в банк. Решим в ближайшее "
    "время, постараемся до 15.12 или в пятницу до 18:00. Ваше обращение принято. "
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(call: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    print(
        f"{label:<34} mean {statistics.mean(samples):6.3f} ms   p95 "
        f"{percentile(samples, 0.95):6.3f} ms   max {max(samples):6.3f} ms   "
        f"({len(samples)} calls)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    print(f"command: .venv/bin/python bench/phrase_check.py --repeat {args.repeat}")

    started = time.perf_counter()
    check_reply("Прогрев", language="ru", first_reply=True)
    check_reply("Warm-up", language="en", first_reply=True)
    print(f"first calls, rules compiled: {(time.perf_counter() - started) * 1000:.1f} ms")

    typical = [(text, "ru", first) for text, first, _ in GUIDE_CASES]
    typical += [(text, language, first) for language, text, first, _ in OWN_CASES]
    samples: list[float] = []
    for text, language, first in typical:
        samples += timed(
            lambda t=text, lang=language, f=first: check_reply(
                t, language=lang, first_reply=f, client_name="Анна"
            ),
            args.repeat,
        )
    report(f"check, {len(typical)} typical replies", samples)

    for label, text in (
        ("check, 4,000 chars (realistic)", (PARAGRAPH * 40)[:4000]),
        ("check, 4,000 chars (dense)", (DENSE * 40)[:4000]),
    ):
        check = check_reply(text, language="ru", first_reply=True)
        long_samples = timed(
            lambda t=text: check_reply(t, language="ru", first_reply=True), args.repeat
        )
        report(label, long_samples)
        samples += long_samples
        print(f"{'':<34} {len(check.findings)} findings, flags {','.join(check.flags)}")

    dates: list[float] = []
    for text, language, _ in typical:
        dates += timed(lambda t=text, lang=language: mentioned_due(t, NOW, TZ, lang), args.repeat)
    report("mentioned_due, typical replies", dates)
    long_text = (DENSE * 40)[:4000]
    report(
        "mentioned_due, 4,000 chars (dense)",
        timed(lambda: mentioned_due(long_text, NOW, TZ, "ru"), args.repeat),
    )
    worst = max(samples)
    verdict = "kept" if worst < BUDGET_MS else "EXCEEDED"
    print(f"budget {BUDGET_MS:.0f} ms a reply: {verdict} (slowest check {worst:.2f} ms)")


if __name__ == "__main__":
    main()
