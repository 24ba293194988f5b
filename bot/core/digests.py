"""The morning digest: which day's digest is due for whom, what it says, and queuing it once.

Decided and queued in two steps like the reminders (see bot.core.reminders), so a crash in
between neither loses a digest nor sends one twice, and after days of downtime only the
latest is sent.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.ports import Notices
from bot.core.quiet import in_quiet_hours
from bot.core.tickets import TicketService
from bot.views.digest import LIST_LIMIT, DigestFacts, render_digest, source_name
from bot.views.texts import Texts
from storage import digests, director_settings, outbox
from storage.db import Database

log = logging.getLogger(__name__)

EARLIEST = datetime.min.replace(tzinfo=UTC)


def digest_moment(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)


def digest_day(
    now: datetime,
    at: time,
    tz: ZoneInfo,
    epoch: datetime,
    quiet: tuple[time, time] | None = None,
) -> date | None:
    """The local day whose digest is due now, if any: its time has passed today, and it came
    after the scheduler first ran (a fresh install does not open with a digest at noon).

    Only the latest digest is ever due, so a clock jump or a long stop never brings a pile of
    old ones. Yesterday's digest is still due after midnight only when quiet hours held it
    back (DIGEST_TIME 23:00 with QUIET_HOURS 22-08 arrives at 08:00, not never).
    """
    today = now.astimezone(tz).date()
    for day in (today, today - timedelta(days=1)):
        moment = digest_moment(day, at, tz)
        if moment > now:
            continue
        if moment < epoch:
            return None
        if day == today or in_quiet_hours(moment, quiet, tz):
            return day
        return None
    return None


class Digests:
    """Decides each director's digest for the day, then renders and queues it."""

    def __init__(
        self,
        db: Database,
        service: TicketService,
        notifier: Notices,
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
            return await director_settings.digest_all_clear(conn, director)

    async def set_all_clear(self, director: int, value: bool) -> None:
        async with self._db.transaction() as conn:
            await director_settings.set_digest_all_clear(conn, director, value, self._now())
        log.info("digest.setting director=%d all_clear=%s", director, value)

    async def decide(self, now: datetime, epoch: datetime) -> None:
        config = self._config
        day = digest_day(now, config.digest_time, config.timezone, epoch, config.quiet_hours)
        if day is None:
            return
        async with self._db.transaction() as conn:
            for director in sorted(config.director_ids):
                if await digests.mark(conn, director, day, now):
                    log.info("digest.decided director=%d day=%s", director, day)

    async def deliver(self) -> None:
        async with self._db.read() as conn:
            waiting = await digests.unqueued(conn)
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
                await digests.set_queued(conn, director, day, now)

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
            new = await digests.new_by_source(conn, since, now)
            by_owner = await digests.open_by_owner(conn)
            overdue = await digests.overdue(conn, now, LIST_LIMIT)
            overdue_total = await digests.count_overdue(conn, now)
            waiting, waiting_total = await digests.waiting(conn, LIST_LIMIT)
            answers = await digests.answers(conn, since, now)

        def owner(owner_id: int | None) -> str:
            if owner_id is None:
                return nobody
            return names.get(owner_id, str(owner_id))

        return DigestFacts(
            day=day,
            new=[(source_name(s.source, s.title, self._t, s.tag), s.count) for s in new],
            open_by_owner=[(owner(owner_id), count) for owner_id, count in by_owner],
            overdue=[(ticket, owner(ticket.owner_id)) for ticket in overdue],
            overdue_total=overdue_total,
            waiting=waiting,
            waiting_total=waiting_total,
            answers=answers,
        )
