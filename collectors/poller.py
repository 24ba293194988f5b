"""A small explicit polling scheduler, in the spirit of Miniflux's.

Each source carries its own `next_poll_at`; the loop sleeps until the earliest one, polls
what is due under a concurrency bound, and writes the outcome back onto the source's state.
Nothing is persisted here: the caller gets `on_state` after every poll and stores it, and
gets `on_mentions` with what was found and decides what to notify.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import random
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import aiohttp

from collectors.feeds import parse_feed
from collectors.fetch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    CollectorError,
    fetch,
    make_session,
)
from collectors.mention import Mention
from collectors.telegram_web import channel_from_url, parse_channel

log = logging.getLogger(__name__)

SourceKind = Literal["feed", "channel"]
OnMentions = Callable[["SourceState", list[Mention], bool], Awaitable[None]]
OnState = Callable[["SourceState"], Awaitable[None]]
Now = Callable[[], datetime]

MAX_BACKOFF_SECONDS = 3600.0
BACKOFF_INTERVALS = 24


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SourceState:
    """Everything the scheduler needs to know about one source, and all it learns about it.

    Plain data so storage can map it to a row without knowing about the poller.
    """

    key: str
    kind: SourceKind
    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll_at: datetime | None = None  # None: due now
    failures: int = 0
    last_ok_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    mentions_total: int = 0


def backoff_seconds(interval: float, failures: int, cap: float | None = None) -> float:
    """interval * 2**failures, capped at an hour (or 24 intervals, if that is shorter).

    A dead source costs one request an hour instead of one per interval, and a source that
    comes back is noticed within the cap. Never shorter than the interval itself.
    """
    if cap is None:
        cap = min(MAX_BACKOFF_SECONDS, BACKOFF_INTERVALS * interval)
    cap = max(cap, interval)
    return min(interval * (2 ** min(failures, 30)), cap)


async def poll_once(
    state: SourceState,
    session: aiohttp.ClientSession,
    *,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109 - a per-source budget, part of the API
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Mention]:
    """Fetch and parse one source; raise CollectorError (FetchError/FeedError) on failure.

    On success the new validators (ETag/Last-Modified) are written to `state`, and only
    then: storing them for a document we failed to parse would turn the next poll into a 304
    and silently skip its entries. Scheduling fields are left to the caller.
    """
    result = await fetch(
        session,
        state.url,
        etag=state.etag,
        last_modified=state.last_modified,
        timeout=timeout,
        max_bytes=max_bytes,
    )
    if result.body is None:
        mentions: list[Mention] = []
    elif state.kind == "channel":
        found = await parse_channel(
            result.body,
            channel=channel_from_url(state.url),
            base_url=result.final_url,
            charset=_charset(result.content_type),
        )
        mentions = [dataclasses.replace(m, source=state.key) for m in found]
    else:
        mentions = await parse_feed(
            result.body,
            source=state.key,
            base_url=result.final_url,
            content_type=result.content_type,
        )
    state.etag = result.etag
    state.last_modified = result.last_modified
    return mentions


def _charset(content_type: str | None) -> str | None:
    if not content_type or "charset=" not in content_type:
        return None
    charset = content_type.split("charset=", 1)[1].split(";")[0].strip().strip("\"'")
    try:
        "".encode(charset)
    except LookupError:
        return None
    return charset


class Poller:
    """Runs until `stop()`; one broken source never delays or stops the others."""

    def __init__(
        self,
        states: Iterable[SourceState],
        *,
        on_mentions: OnMentions,
        on_state: OnState,
        interval: float = 300.0,
        jitter: float = 0.1,
        concurrency: int = 8,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_backoff: float | None = None,
        session: aiohttp.ClientSession | None = None,
        allow_private: bool = False,
        now: Now = utc_now,
        rng: Callable[[], float] = random.random,
    ) -> None:
        """`jitter` is a fraction of the delay added at random (0.1 = up to +10%), so sources
        added together drift apart instead of hitting the network in one burst forever.

        `allow_private` (ALLOW_PRIVATE_FEEDS) shapes the session the poller makes for itself;
        a `session` given from outside carries its own policy (see `make_session`)."""
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._states: dict[str, SourceState] = {s.key: s for s in states}
        self._on_mentions = on_mentions
        self._on_state = on_state
        self.interval = interval
        self.jitter = jitter
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_backoff = max_backoff
        self._semaphore = asyncio.Semaphore(concurrency)
        self._session = session
        self._allow_private = allow_private
        self._now = now
        self._rng = rng
        self._in_flight: dict[str, asyncio.Task[None]] = {}
        self._wake = asyncio.Event()
        self._stopped = False

    @property
    def states(self) -> list[SourceState]:
        return list(self._states.values())

    def add(self, state: SourceState) -> None:
        """Start polling `state` (replacing a source with the same key); safe while running."""
        self._states[state.key] = state
        self._wake.set()

    def remove(self, key: str) -> None:
        """Stop polling `key`; a poll already under way finishes but reports nothing."""
        self._states.pop(key, None)
        self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    async def run(self) -> None:
        own_session = self._session is None
        session = self._session or make_session(allow_private=self._allow_private)
        log.info("poller started sources=%d interval=%gs", len(self._states), self.interval)
        try:
            while not self._stopped:
                now = self._now()
                for state in list(self._states.values()):
                    if state.key in self._in_flight:
                        continue
                    if state.next_poll_at is None or state.next_poll_at <= now:
                        task = asyncio.create_task(self._poll(state, session))
                        self._in_flight[state.key] = task
                        task.add_done_callback(lambda _t, key=state.key: self._done(key))
                await self._sleep(self._seconds_to_next(now))
        finally:
            tasks = list(self._in_flight.values())
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._in_flight.clear()
            if own_session:
                await session.close()
            log.info("poller stopped")

    def _done(self, key: str) -> None:
        self._in_flight.pop(key, None)
        self._wake.set()

    def _seconds_to_next(self, now: datetime) -> float:
        waiting = [
            s.next_poll_at
            for s in self._states.values()
            if s.key not in self._in_flight and s.next_poll_at is not None
        ]
        if not waiting:
            return self.interval
        return max(0.0, min((t - now).total_seconds() for t in waiting))

    async def _sleep(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=seconds)
        self._wake.clear()

    def _delay(self, base: float) -> timedelta:
        return timedelta(seconds=base * (1.0 + self.jitter * self._rng()))

    async def _poll(self, state: SourceState, session: aiohttp.ClientSession) -> None:
        async with self._semaphore:
            if state.key not in self._states:
                return
            await self.poll_and_record(state, session)

    async def poll_and_record(self, state: SourceState, session: aiohttp.ClientSession) -> None:
        """One poll with all bookkeeping and callbacks; the loop's unit of work."""
        first_poll = state.last_ok_at is None
        old_validators = (state.etag, state.last_modified)
        try:
            mentions = await poll_once(
                state, session, timeout=self.timeout, max_bytes=self.max_bytes
            )
            if state.key not in self._states:
                return
            if mentions:
                await self._on_mentions(state, mentions, first_poll)
        except CollectorError as exc:
            self._record_failure(state, exc.reason, retry_after=exc.retry_after)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug in a parser or in the caller's intake
            state.etag, state.last_modified = old_validators
            log.exception("poll crashed key=%s", state.key)
            self._record_failure(state, f"internal error: {type(exc).__name__}: {exc}"[:200])
        else:
            now = self._now()
            state.failures = 0
            state.last_ok_at = now
            state.mentions_total += len(mentions)
            state.next_poll_at = now + self._delay(self.interval)
            log.info("poll ok key=%s mentions=%d first=%s", state.key, len(mentions), first_poll)
        if state.key in self._states:
            try:
                await self._on_state(state)
            except Exception:
                log.exception("on_state failed key=%s", state.key)

    def _record_failure(
        self, state: SourceState, reason: str, *, retry_after: float | None = None
    ) -> None:
        """Back off exponentially; a server that said how long to wait is taken at its word
        when that is longer."""
        now = self._now()
        state.failures += 1
        state.last_error = reason
        state.last_error_at = now
        delay = backoff_seconds(self.interval, state.failures, self.max_backoff)
        if retry_after is not None:
            delay = max(delay, retry_after)
        state.next_poll_at = now + self._delay(delay)
        log.warning(
            "poll failed key=%s failures=%d retry_in=%.1fs reason=%s",
            state.key,
            state.failures,
            delay,
            reason,
        )
