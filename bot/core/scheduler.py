"""APScheduler wiring: one interval job, "tick", that asks the database what is due.

There is deliberately no job per reminder. Jobs kept in memory vanish on a crash, and a
persistent job store would be a second truth beside the tickets. Instead every tick derives
what is due from the tickets themselves by the app's clock (which tests can move), so a
restart, a crash or a clock jump changes nothing, and a tick of a few seconds keeps every
reminder within 15 seconds of its time.

The morning digest rides the same tick: "is it past DIGEST_TIME locally and has this
director not had today's digest", and so does the weekly report (bot.core.reports). Quiet
hours hold reminders, digests and the report back; the first tick after them sends what
piled up.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.business import BusinessChats
from bot.core.digests import Digests
from bot.core.reminders import Reminders
from bot.core.reports import Reports

log = logging.getLogger(__name__)

EARLIEST = datetime.min.replace(tzinfo=UTC)


class Scheduler:
    """A background part of the app (see bot.app.Background): started after `prepare`,
    stopped before the sender's last flush and the database's close."""

    JOB_ID = "tick"

    def __init__(
        self,
        reminders_: Reminders,
        digests: Digests,
        config: Config,
        clock: Clock = utc_now,
        reports: Reports | None = None,
        business: BusinessChats | None = None,
    ) -> None:
        self._reminders = reminders_
        self._business = business
        self._digests = digests
        self._reports = reports
        self._config = config
        self._now = clock
        self._scheduler: AsyncIOScheduler | None = None
        self._busy = asyncio.Lock()
        # Ticks begun and finished: lets a caller wait for whole ticks rather than seconds.
        self.ticks_started = 0
        self.ticks_done = 0
        self._stopped = False

    async def start(self) -> None:
        scheduler = AsyncIOScheduler(timezone=UTC, event_loop=asyncio.get_running_loop())
        scheduler.add_job(
            self._run,
            IntervalTrigger(seconds=self._config.scheduler_tick_seconds, timezone=UTC),
            id=self.JOB_ID,
            max_instances=1,
            coalesce=True,
            misfire_grace_time=None,
            next_run_time=datetime.now(UTC),  # catch up at once after a restart
        )
        scheduler.start()
        self._scheduler = scheduler
        log.info("scheduler.start tick=%.2fs", self._config.scheduler_tick_seconds)

    async def stop(self) -> None:
        """Let a tick in progress finish, then stop. The order matters: APScheduler's asyncio
        executor cancels running jobs on shutdown, and a tick cancelled halfway through a
        transaction is an error in the log at every stop (and a rollback of work done)."""
        self._stopped = True  # ticks from now on return at once
        async with self._busy:
            if self._scheduler is not None:
                self._scheduler.shutdown(wait=False)
                self._scheduler = None
        if self._reports is not None:
            await self._reports.stop()  # a report being sent, started by a tick

    async def _run(self) -> None:
        self.ticks_started += 1
        try:
            await self.tick()
        except Exception:
            log.exception("scheduler.tick_failed")
        finally:
            self.ticks_done += 1

    async def tick(self) -> None:
        """One pass: decide and deliver reminders, then the digest. Quiet hours let only a
        dissatisfied client's notice through (silently); the rest waits for the morning."""
        async with self._busy:
            if self._stopped:
                return
            now = self._now()
            if self._business is not None:
                # before quiet hours: a chat closing to the bot at night cannot wait
                await self._business.tick(now)
            if self._reminders.quiet(now):
                await self._reminders.deliver(urgent_only=True)
                return
            epoch = await self._reminders.decide(now)
            await self._reminders.deliver()
            await self._digests.decide(now, epoch)
            await self._digests.deliver()
            if self._reports is not None:
                await self._reports.tick(now, epoch)
