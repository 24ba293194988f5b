"""/export's work: a period → its complaints from storage, page by page → a CSV and an XLSX
built in a worker thread.

The event loop only awaits: each page is one short read (storage.export.page), and every step
of building the files (turning rows into cells, csv, openpyxl's XML and zip) runs through
`run_in_executor`, so an export of 100,000 tickets leaves the bot answering everyone else
meanwhile. One export is built at a time: a second director asking at the same moment waits
for the first, rather than doubling the memory and the CPU the bot takes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.clock import Clock, utc_now
from bot.views.export import ExportBuilder, ExportLabels
from bot.views.texts import Texts
from storage import export
from storage.db import Database

log = logging.getLogger(__name__)

# A page's rows become records on the event loop (storage.export.page): a thousand keep that,
# and each worker-thread step holding the GIL in C (csv's writerows), to some 10-20 ms; the
# bench's event loop stalled up to twice as long with pages of 5,000 (bench/README.md).
PAGE_SIZE = 1000


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    ALL = "all"


#: How many local days, today included, each bounded period covers.
PERIOD_DAYS = {Period.WEEK: 7, Period.MONTH: 30}


@dataclass(frozen=True)
class Window:
    """A period on the company's calendar: whole local days from `first` to `last`, and the
    UTC moments [since, until) the tickets' created_at is compared with. `first` and `since`
    are None for "all"."""

    first: date | None
    last: date
    since: datetime | None
    until: datetime


def window(period: Period, now: datetime, tz: ZoneInfo) -> Window:
    """Today and the days before it in the company's time zone: the last 7 or 30 local days,
    or everything up to the end of today. A day starts at local midnight, so a complaint at
    00:30 Moscow time falls on the day the director calls it by."""
    today = now.astimezone(tz).date()
    until = _midnight(today + timedelta(days=1), tz)
    if period is Period.ALL:
        return Window(None, today, None, until)
    first = today - timedelta(days=PERIOD_DAYS[period] - 1)
    return Window(first, today, _midnight(first, tz), until)


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=tz)


@dataclass(frozen=True)
class ExportFiles:
    """What one /export gives: the files (empty bytes when there was nothing to export) and
    the days they cover, first being the earliest complaint's day for "all"."""

    first: date | None
    last: date
    count: int
    csv: bytes
    xlsx: bytes

    @property
    def name(self) -> str:
        """The files' name without extension, e.g. firsthand-2026-11-28_2026-12-04."""
        first = self.first or self.last
        return f"firsthand-{first.isoformat()}_{self.last.isoformat()}"


class Exports:
    """Builds the export files of a period; handlers get it from the dispatcher's data."""

    def __init__(
        self,
        db: Database,
        texts: Texts,
        tz: ZoneInfo,
        *,
        clock: Clock = utc_now,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self._db = db
        self._labels = ExportLabels.from_texts(texts)
        self._tz = tz
        self._now = clock
        self._page_size = page_size
        self._lock = asyncio.Lock()

    async def build(self, period: Period) -> ExportFiles:
        async with self._lock:
            return await self._build(period)

    async def _build(self, period: Period) -> ExportFiles:
        started = time.perf_counter()
        now = self._now()
        span = window(period, now, self._tz)
        loop = asyncio.get_running_loop()
        rows = await self._page(span, after=0)
        if not rows:
            return ExportFiles(span.first, span.last, 0, b"", b"")
        builder = await loop.run_in_executor(None, ExportBuilder, self._labels, self._tz, now)
        earliest = min(row.created_at for row in rows)
        while rows:
            await loop.run_in_executor(None, builder.add, rows)
            if len(rows) < self._page_size:
                break
            rows = await self._page(span, after=rows[-1].id)
            earliest = min([earliest, *(row.created_at for row in rows)])
        csv_bytes, xlsx_bytes = await loop.run_in_executor(None, builder.finish)
        first = span.first or earliest.astimezone(self._tz).date()
        log.info(
            "export.built period=%s rows=%d csv=%d xlsx=%d seconds=%.2f",
            period.value,
            builder.count,
            len(csv_bytes),
            len(xlsx_bytes),
            time.perf_counter() - started,
        )
        return ExportFiles(first, span.last, builder.count, csv_bytes, xlsx_bytes)

    async def _page(self, span: Window, *, after: int) -> list[export.ExportRow]:
        async with self._db.read() as conn:
            return await export.page(
                conn, span.since, span.until, after=after, limit=self._page_size
            )
