"""The polled sources (feeds and public channels) inside the bot's lifetime.

Runs `collectors.poller.Poller` between start-up and shutdown, persists every source's state
after each poll, hands what it finds to the intake, and tells the directors once when a source
has been failing for a while and once when it works again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.mentions import Found, MentionIntake
from bot.core.ports import Notices
from bot.views.cards import format_moment
from bot.views.texts import Texts
from collectors.fetch import refuse_private
from collectors.mention import Mention
from collectors.poller import Poller, SourceState
from collectors.telegram_web import channel_page_url, source_for_channel
from storage import sources
from storage.db import Database
from storage.sources import SourceRecord

log = logging.getLogger(__name__)

# Consecutive failed polls before the directors hear about it. The poller backs off
# exponentially, so at the default interval the second failure comes ten minutes after the
# first: long enough to ignore a blip, short enough that nobody misses a day of reviews.
FAILING_AFTER = 2
# How far back a newly added source's items still count as news. A director who adds a review
# feed at noon wants this morning's complaints; last month's are history.
NEW_SOURCE_WINDOW = timedelta(hours=24)
_CHANNEL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def channel_name(raw: str) -> str | None:
    """'@name', 'name', 't.me/name' or 'https://t.me/s/name' -> 'name'; None if not a name."""
    text = raw.strip()
    if "/" in text:
        parts = [p for p in urlsplit(text if "//" in text else "//" + text).path.split("/") if p]
        if parts and parts[0] == "s":
            parts = parts[1:]
        text = parts[0] if parts else ""
    text = text.lstrip("@")
    return text if _CHANNEL_RE.match(text) else None


def split_history(
    found: list[Mention], now: datetime, window: timedelta = NEW_SOURCE_WINDOW
) -> tuple[list[Mention], list[Mention]]:
    """A new source's first poll as (recent, history): only recent items may become tickets.

    Recent means published within `window` of `now`, either side: a feed whose clock runs a
    little ahead is still today's, but one that dates everything years ahead is not believed.
    An item without a date is history, because a feed that dates nothing would otherwise
    flood the directors with its whole archive the moment it is added.
    """
    recent: list[Mention] = []
    history: list[Mention] = []
    for mention in found:
        published = mention.published
        if published is not None and abs(now - published) <= window:
            recent.append(mention)
        else:
            history.append(mention)
    return recent, history


def feed_url(raw: str) -> str | None:
    text = raw.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        return None
    return text


class Sources:
    def __init__(
        self,
        db: Database,
        intake: MentionIntake,
        notifier: Notices,
        texts: Texts,
        config: Config,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._intake = intake
        self._notifier = notifier
        self._t = texts
        self._config = config
        self._now = clock
        self._poller: Poller | None = None
        self._task: asyncio.Task[None] | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Returns at once, so the bot starts taking updates without waiting for the seeding."""
        self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        now = self._now()
        async with self._db.transaction() as conn:
            for url in self._config.feeds:
                await sources.seed(conn, key=url, kind="feed", url=url, now=now)
            for name in self._config.channels:
                await sources.seed(
                    conn,
                    key=source_for_channel(name),
                    kind="channel",
                    url=self._channel_url(name),
                    now=now,
                )
        try:
            await self._intake.warn_if_no_keywords()
        except Exception:  # a warning that cannot be queued must not stop the polling
            log.exception("sources.no_keywords_warning_failed")
        # Read the sources right before the poller exists: a source a director adds from here
        # on is handed to the poller by `_add`, one added earlier is in this list.
        async with self._db.read() as conn:
            records = [r for r in await sources.active(conn) if r.kind != "chat"]
        self._poller = Poller(
            [self._state(r) for r in records],
            on_mentions=self._on_mentions,
            on_state=self._on_state,
            interval=self._config.poll_interval,
            allow_private=self._config.allow_private_feeds,
        )
        await self._poller.run()

    async def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop()
        elif self._task is not None:
            self._task.cancel()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    def _channel_url(self, name: str) -> str:
        return channel_page_url(name, self._config.telegram_web_url)

    @staticmethod
    def _state(record: SourceRecord) -> SourceState:
        return SourceState(
            key=record.key,
            kind="channel" if record.kind == "channel" else "feed",
            url=record.url,
            etag=record.etag,
            last_modified=record.last_modified,
            failures=record.failures,
            last_ok_at=record.last_ok_at,
            last_error=record.last_error,
            last_error_at=record.last_error_at,
            mentions_total=record.mentions_total,
        )

    # --- the poller's callbacks --------------------------------------------------------------

    async def _on_mentions(
        self, state: SourceState, found: list[Mention], first_poll: bool
    ) -> None:
        """On a source's first poll its history is only recorded as seen, while the last day's
        items are taken as news; afterwards everything the poller finds is new."""
        if not first_poll:
            await self._intake.take(Found(m, source_title=m.source_title) for m in found)
            return
        recent, history = split_history(found, self._now())
        # History first: if taking the recent items fails, the next poll is a first poll again
        # and the split repeats; the history already seen is simply skipped as a duplicate.
        if history:
            await self._intake.take(
                (Found(m, source_title=m.source_title) for m in history), first_poll=True
            )
        if recent:
            await self._intake.take(Found(m, source_title=m.source_title) for m in recent)
        log.info(
            "source.first_poll key=%s recent=%d history=%d", state.key, len(recent), len(history)
        )

    async def _on_state(self, state: SourceState) -> None:
        """Persist the poll's outcome; on a flip of the failing flag, queue the alert in the
        same transaction, so a crash can neither lose the alert nor send it twice."""
        failing = state.failures >= FAILING_AFTER
        text: str | None = None
        name = self.display_name(state.key, "channel" if state.kind == "channel" else "feed")
        if failing:
            since = state.last_error_at or self._now()
            text = self._t(
                "source_failing",
                name=name,
                since=format_moment(since, self._config.timezone),
                error=state.last_error or "?",
            )
        elif state.failures == 0:
            text = self._t("source_recovered", name=name)
        async with self._db.transaction() as conn:
            await sources.save_state(
                conn,
                key=state.key,
                etag=state.etag,
                last_modified=state.last_modified,
                failures=state.failures,
                last_ok_at=state.last_ok_at,
                last_error=state.last_error,
                last_error_at=state.last_error_at,
                mentions_total=state.mentions_total,
            )
            changed = False
            if text is not None:
                changed = await sources.set_alerted(conn, state.key, failing)
            if changed and text is not None:
                await self._notifier.queue_for_directors(
                    conn,
                    text,
                    what="source_health",
                    dedupe_prefix=f"source:{'failing' if failing else 'recovered'}:{state.key}",
                )
        if not changed:
            return
        self._notifier.wake()
        log.warning("source.%s key=%s", "failing" if failing else "recovered", state.key)

    # --- what directors manage ---------------------------------------------------------------

    async def refusal(self, url: str) -> str | None:
        """Why this feed may not be watched (an address in a private network), or None.
        An early answer for `/feeds add`; every poll checks again, whatever it says."""
        return await refuse_private(url, allow_private=self._config.allow_private_feeds)

    async def add_feed(self, url: str) -> tuple[SourceRecord, bool]:
        return await self._add(url, "feed", url)

    async def add_channel(self, name: str) -> tuple[SourceRecord, bool]:
        return await self._add(source_for_channel(name), "channel", self._channel_url(name))

    async def _add(self, key: str, kind: str, url: str) -> tuple[SourceRecord, bool]:
        async with self._db.transaction() as conn:
            record, added = await sources.add(conn, key=key, kind=kind, url=url, now=self._now())
        if added and self._poller is not None:
            self._poller.add(self._state(record))
        log.info("source.added key=%s added=%s", key, added)
        return record, added

    async def remove(self, source_id: int, kind: str) -> SourceRecord | None:
        async with self._db.transaction() as conn:
            record = await sources.get(conn, source_id)
            if record is None or record.kind != kind:
                return None
            record = await sources.deactivate(conn, source_id)
        if record is not None and self._poller is not None:
            self._poller.remove(record.key)
        return record

    async def listed(self, kind: str | None = None) -> list[SourceRecord]:
        async with self._db.read() as conn:
            return await sources.active(conn, kind)

    async def mention_counts(self) -> dict[str, int]:
        async with self._db.read() as conn:
            return await sources.ticket_counts(conn)

    def display_name(self, key: str, kind: str, title: str | None = None) -> str:
        if kind == "chat":
            return title or key
        return key
