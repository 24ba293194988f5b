"""APScheduler wiring: one interval job, "tick", that asks the database what is due.

There is deliberately no job per reminder. Jobs kept in memory vanish on a crash, and a
persistent job store would be a second truth beside the tickets. Instead every tick derives
what is due from the tickets themselves by the app's clock (which tests can move), so a
restart, a crash or a clock jump changes nothing, and a tick of a few seconds keeps every
reminder within 15 seconds of its time.

The morning digest rides the same tick: "is it past DIGEST_TIME locally and has this
director not had today's digest". Quiet hours hold reminders and digests back; the first
tick after them sends what piled up.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.config import Config
from bot.digest import LIST_LIMIT, DigestFacts, render_digest, source_name
from bot.notifier import Notifier
from bot.reminders import Reminders, digest_day, digest_moment
from bot.texts import Texts
from bot.tickets import Clock, TicketService, utc_now
from storage import digest, outbox, reminders
from storage.db import Database

log = logging.getLogger(__name__)

EARLIEST = datetime.min.replace(tzinfo=UTC)


class Digests:
    """Decides each director's digest for the day, then renders and queues it."""

    def __init__(
        self,
        db: Database,
        service: TicketService,
        notifier: Notifier,
        texts: Texts,
        config: Config,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._service = service
        self._notifier = notifier
        self._t = texts
        self._config = config
        self._now = clock

    async def all_clear(self, director: int) -> bool:
        async with self._db.read() as conn:
            return await reminders.digest_all_clear(conn, director)

    async def set_all_clear(self, director: int, value: bool) -> None:
        async with self._db.transaction() as conn:
            await reminders.set_digest_all_clear(conn, director, value, self._now())
        log.info("digest.setting director=%d all_clear=%s", director, value)

    async def decide(self, now: datetime, epoch: datetime) -> None:
        config = self._config
        day = digest_day(now, config.digest_time, config.timezone, epoch, config.quiet_hours)
        if day is None:
            return
        async with self._db.transaction() as conn:
            for director in sorted(config.director_ids):
                if await reminders.mark_digest(conn, director, day, now):
                    log.info("digest.decided director=%d day=%s", director, day)

    async def deliver(self) -> None:
        async with self._db.read() as conn:
            waiting = await reminders.unqueued_digests(conn)
        config = self._config
        for director, day in waiting:
            now = self._now()
            # Decided but not queued (a crash in between): sent only while it is still the
            # digest that is due, never a stale one on a later day.
            current = digest_day(
                now, config.digest_time, config.timezone, EARLIEST, config.quiet_hours
            )
            if director in config.director_ids and day == current:
                await self._send(director, day, now)
            async with self._db.transaction() as conn:
                await reminders.set_digest_queued(conn, director, day, now)

    async def _send(self, director: int, day: date, now: datetime) -> None:
        facts = await self.facts(day, now)
        all_clear = await self.all_clear(director)
        parts = render_digest(facts, self._t, self._config.timezone, now, all_clear=all_clear)
        for index, part in enumerate(parts):
            key = f"digest:{director}:{day.isoformat()}:{index}"
            async with self._db.read() as conn:
                if await outbox.state_by_key(conn, key) is not None:
                    continue  # queued before a crash: never twice
            await self._notifier.send(director, part, what="digest", dedupe_key=key)

    async def facts(self, day: date, now: datetime) -> DigestFacts:
        """Everything since yesterday's digest time, as of `now`."""
        config = self._config
        since = digest_moment(day, config.digest_time, config.timezone) - timedelta(days=1)
        names = {m.user_id: m.display_name for m in await self._service.staff_members()}
        nobody = self._t("nobody")
        async with self._db.read() as conn:
            new = await digest.new_by_source(conn, since, now)
            by_owner = await digest.open_by_owner(conn)
            overdue = await digest.overdue(conn, now, LIST_LIMIT)
            overdue_total = await digest.count_overdue(conn, now)
            waiting, waiting_total = await digest.waiting(conn, LIST_LIMIT)
            answers = await digest.answers(conn, since, now)

        def owner(owner_id: int | None) -> str:
            if owner_id is None:
                return nobody
            return names.get(owner_id, str(owner_id))

        return DigestFacts(
            day=day,
            new=[(source_name(s.source, s.title, self._t), s.count) for s in new],
            open_by_owner=[(owner(owner_id), count) for owner_id, count in by_owner],
            overdue=[(ticket, owner(ticket.owner_id)) for ticket in overdue],
            overdue_total=overdue_total,
            waiting=waiting,
            waiting_total=waiting_total,
            answers=answers,
        )


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
    ) -> None:
        self._reminders = reminders_
        self._digests = digests
        self._config = config
        self._now = clock
        self._scheduler: AsyncIOScheduler | None = None
        self._busy = asyncio.Lock()
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

    async def _run(self) -> None:
        try:
            await self.tick()
        except Exception:
            log.exception("scheduler.tick_failed")

    async def tick(self) -> None:
        """One pass: decide and deliver reminders, then the digest. Quiet hours let only a
        dissatisfied client's notice through (silently); the rest waits for the morning."""
        async with self._busy:
            if self._stopped:
                return
            now = self._now()
            if self._reminders.quiet(now):
                await self._reminders.deliver(urgent_only=True)
                return
            epoch = await self._reminders.decide(now)
            await self._reminders.deliver()
            await self._digests.decide(now, epoch)
            await self._digests.deliver()
