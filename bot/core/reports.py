"""The weekly report: which period, its figures, its charts and text, and sending it once a
week to each director (and at once, for /report).

The figures are read once (storage.report) and both the charts (bot.views.charts) and the
text (bot.views.report_text) are drawn from that one `Report`, so the picture and the words
under it never disagree. Charts are drawn off the event loop: matplotlib holds the thread
for a second or so, which would otherwise stall every chat the bot serves.

The weekly report rides the scheduler's tick like the morning digest (bot.core.digests):
a `report_marks` row per director and week is decided once, and stamped sent only after
Telegram took the album. It is sent straight from here, not through the outbox (which
carries text messages), in a task of its own, so that a slow upload never holds up the tick
and its reminders; a failed send is tried again later, and a report Telegram refuses for
good (the director blocked the bot) is given up. A clock jump forward sends only the latest
week's report, a jump back sends none that was already decided, and a restart none twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.views.report_text import render_report_text
from bot.views.texts import Texts
from storage import report as store
from storage.db import Database
from storage.report import Period, Report

log = logging.getLogger(__name__)

WEEK_DAYS = 7
MONTH_DAYS = 30
MAX_DAYS = 93  # a quarter: more days than that make the daily charts unreadable
RETRY_FIRST = timedelta(minutes=1)
RETRY_MAX = timedelta(hours=1)
STOP_WAIT = 5.0  # seconds a report being sent at shutdown may take to finish
EARLIEST = datetime.min.replace(tzinfo=UTC)


class PeriodError(ValueError):
    """/report's argument names no period we can report on; `key` is the text explaining it."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


class Undeliverable(Exception):
    """Telegram refused the report for good (blocked, no such chat): retrying cannot help."""


class ReportPoster(Protocol):
    """Puts a report into a chat: the charts as one album (or one photo), then the text.
    Raises `Undeliverable` for a refusal for good, anything else for a failure worth a retry."""

    async def post(self, chat_id: int, charts: list[bytes], text: str) -> None: ...


# --- periods ---------------------------------------------------------------------------------


def _local_midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)


def days_period(first: date, count: int, tz: ZoneInfo, now: datetime) -> Period:
    """`count` local days from `first`, none past `now`: the last day then ends at `now`."""
    bounds: list[tuple[datetime, datetime]] = []
    for offset in range(count):
        day = first + timedelta(days=offset)
        start = _local_midnight(day, tz)
        if start >= now:
            break
        bounds.append((start, min(_local_midnight(day + timedelta(days=1), tz), now)))
    if not bounds:
        raise PeriodError("report_future")
    return Period(first, first + timedelta(days=len(bounds) - 1), tuple(bounds))


def _shift(moment: datetime, days: int, tz: ZoneInfo) -> datetime:
    """The same wall-clock time `days` local days earlier (a DST change keeps 09:00 09:00)."""
    return (moment.astimezone(tz) - timedelta(days=days)).astimezone(UTC)


def previous_period(period: Period, tz: ZoneInfo) -> Period:
    """The period of as many days just before, cut at the same time of day when `period`
    ends mid-day: Monday to Thursday noon compares with the week before's, to its noon."""
    count = len(period.days)
    return Period(
        period.first - timedelta(days=count),
        period.last - timedelta(days=count),
        tuple((_shift(s, count, tz), _shift(e, count, tz)) for s, e in period.days),
    )


def weekly_period(report_day: date, tz: ZoneInfo) -> Period:
    """The seven whole days before the report day."""
    first = report_day - timedelta(days=WEEK_DAYS)
    return days_period(first, WEEK_DAYS, tz, _local_midnight(report_day, tz))


_DATE = r"(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?"
_RANGE = re.compile(rf"{_DATE}\s*[-–—]\s*{_DATE}")
WEEK_WORDS = ("", "week", "неделя", "неделю")
MONTH_WORDS = ("month", "месяц")


def _year(raw: str | None, default: int) -> int:
    if raw is None:
        return default
    return int(raw) + 2000 if len(raw) == 2 else int(raw)


def parse_period(arg: str, now: datetime, tz: ZoneInfo) -> Period:
    """`week` (the default: the last seven days to now), `month` (thirty) or `DD.MM-DD.MM`
    (whole days; without a year, the latest such days that are not in the future)."""
    text = arg.strip().lower()
    today = now.astimezone(tz).date()
    if text in WEEK_WORDS:
        return days_period(today - timedelta(days=WEEK_DAYS - 1), WEEK_DAYS, tz, now)
    if text in MONTH_WORDS:
        return days_period(today - timedelta(days=MONTH_DAYS - 1), MONTH_DAYS, tz, now)
    match = _RANGE.fullmatch(text)
    if match is None:
        raise PeriodError("report_usage")
    d1, m1, y1, d2, m2, y2 = match.groups()
    try:
        last = date(_year(y2, today.year), int(m2), int(d2))
        if y2 is None and last > today:
            last = last.replace(year=last.year - 1)
        first = date(_year(y1, last.year), int(m1), int(d1))
    except ValueError:
        raise PeriodError("report_usage") from None
    if y1 is None and first > last:
        first = first.replace(year=first.year - 1)  # 20.12-05.01: across the new year
    if first > last:
        raise PeriodError("report_usage")
    count = (last - first).days + 1
    if count > MAX_DAYS:
        raise PeriodError("report_too_long")
    return days_period(first, count, tz, now)


def report_day_due(
    now: datetime, weekday: int, at: time, tz: ZoneInfo, epoch: datetime
) -> date | None:
    """The report day whose report is due now: the latest REPORT_DAY whose REPORT_TIME has
    passed, unless that came before the scheduler first ran (a fresh install does not open
    with last week's report). It stays due all week, so a bot that was down on Monday sends
    it on Tuesday; only the latest week is ever due, so a long stop brings no pile."""
    today = now.astimezone(tz).date()
    day = today - timedelta(days=(today.weekday() - weekday) % 7)
    moment = datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
    if moment > now:
        day -= timedelta(days=WEEK_DAYS)
        moment = datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
    if moment < epoch:
        return None
    return day


# --- building and sending ------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    """A report ready to send: its figures, its charts as PNG bytes, and its text."""

    report: Report
    charts: list[bytes]
    text: str


def _retry_delay(attempts: int) -> timedelta:
    return min(RETRY_MAX, RETRY_FIRST * 2**attempts)


class Reports:
    """Builds reports, and sends the weekly one; a background part through the scheduler."""

    def __init__(
        self,
        db: Database,
        texts: Texts,
        config: Config,
        poster: ReportPoster,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._t = texts
        self._config = config
        self._poster = poster
        self._now = clock
        self._sending: asyncio.Task[None] | None = None
        # The latest weekly report drawn: a retry, or the next director, sends the same one.
        self._weekly: tuple[date, Built] | None = None
        self._decided: date | None = None  # the week this process has marked already

    @property
    def busy(self) -> bool:
        """A weekly report is being sent right now."""
        return self._sending is not None and not self._sending.done()

    async def build(self, period: Period) -> Built:
        """Read the figures, then draw the charts in a worker thread and write the text."""
        config = self._config
        previous = previous_period(period, config.timezone)
        async with self._db.read() as conn:
            report = await store.report(conn, period, previous, config.first_response_minutes)
        # Imported here: matplotlib takes a while to load, and only a report needs it.
        from bot.views.charts import render_charts

        loop = asyncio.get_running_loop()
        charts = await loop.run_in_executor(None, render_charts, report, self._t)
        return Built(report, charts, render_report_text(report, self._t))

    def period(self, arg: str) -> Period:
        """The period /report's argument names, as of now; PeriodError when it names none."""
        return parse_period(arg, self._now(), self._config.timezone)

    async def post(self, chat_id: int, built: Built) -> None:
        await self._poster.post(chat_id, built.charts, built.text)

    # --- the weekly report ------------------------------------------------------------------

    async def tick(self, now: datetime, epoch: datetime) -> None:
        """Decide this week's report for each director once, and send what is decided and
        due in a task of its own (one at a time)."""
        config = self._config
        day = report_day_due(now, config.report_day, config.report_time, config.timezone, epoch)
        if day is not None and day != self._decided:
            async with self._db.transaction() as conn:
                for director in sorted(config.director_ids):
                    if await store.mark(conn, director, day, now):
                        log.info("report.decided director=%d week=%s", director, day)
            self._decided = day  # no write on every tick of the week that follows
        if self.busy:
            return
        async with self._db.read() as conn:
            waiting = await store.unsent(conn)
        due = [m for m in waiting if m.next_try_at is None or m.next_try_at <= now]
        if due:
            self._sending = asyncio.create_task(self._deliver(due))

    async def _deliver(self, marks: list[store.Mark]) -> None:
        try:
            config = self._config
            current = report_day_due(
                self._now(), config.report_day, config.report_time, config.timezone, EARLIEST
            )
            for mark in marks:
                if mark.week != current or mark.director_id not in config.director_ids:
                    # decided before a long stop, or for someone no longer a director
                    await self._failed(mark, "stale", retry=False)
                    continue
                await self._send(mark)
        except Exception:
            log.exception("report.deliver_failed")

    async def _weekly_report(self, week: date) -> Built:
        if self._weekly is None or self._weekly[0] != week:
            period = weekly_period(week, self._config.timezone)
            self._weekly = (week, await self.build(period))
        return self._weekly[1]

    async def _send(self, mark: store.Mark) -> None:
        """Draw (once a week) and send one director's report; a failure is recorded on its
        mark, to be tried again later or, refused for good, given up."""
        try:
            built = await self._weekly_report(mark.week)
            await self.post(mark.director_id, built)
        except Undeliverable as error:
            log.warning("report.undeliverable director=%d: %s", mark.director_id, error)
            await self._failed(mark, str(error) or "undeliverable", retry=False)
            return
        except Exception as error:
            log.warning(
                "report.send_failed director=%d week=%s attempt=%d: %s",
                mark.director_id,
                mark.week,
                mark.attempts + 1,
                type(error).__name__,
                exc_info=True,
            )
            await self._failed(mark, type(error).__name__, retry=True)
            return
        async with self._db.transaction() as conn:
            await store.set_sent(conn, mark.director_id, mark.week, self._now())
        log.info(
            "report.sent director=%d week=%s charts=%d",
            mark.director_id,
            mark.week,
            len(built.charts),
        )

    async def _failed(self, mark: store.Mark, error: str, *, retry: bool) -> None:
        now = self._now()
        retry_at = now + _retry_delay(mark.attempts) if retry else None
        async with self._db.transaction() as conn:
            await store.set_failed(
                conn, mark.director_id, mark.week, error[:300], now, retry_at=retry_at
            )

    async def stop(self) -> None:
        """Let a report being sent finish for a few seconds, then cut it off: one cut off
        after Telegram took it but before it was stamped goes again after the restart."""
        task, self._sending = self._sending, None
        if task is None or task.done():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(task), STOP_WAIT)
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
