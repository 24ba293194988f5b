"""Poller with real sockets: scheduling, conditional GET, backoff and isolation of failures."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from collectors.feeds import FeedError
from collectors.fetch import FetchError
from collectors.mention import Mention
from collectors.poller import Poller, SourceState, backoff_seconds, poll_once


class Recorder:
    """The caller's side: what intake and storage would receive."""

    def __init__(self) -> None:
        self.mentions: list[tuple[str, list[Mention], bool]] = []
        self.states: list[tuple[str, int, str | None]] = []
        self.changed = asyncio.Event()

    async def on_mentions(self, state: SourceState, mentions: list[Mention], first: bool) -> None:
        self.mentions.append((state.key, mentions, first))
        self.changed.set()

    async def on_state(self, state: SourceState) -> None:
        self.states.append((state.key, state.failures, state.last_error))
        self.changed.set()

    def polls(self, key: str) -> int:
        return sum(1 for k, _, _ in self.states if k == key)

    async def until(self, done: Callable[[], bool]) -> None:
        """Wake on every callback instead of polling the condition on a timer."""
        while not done():
            self.changed.clear()
            await self.changed.wait()


async def run_until(
    poller: Poller, rec: Recorder, done: Callable[[], bool], limit: float = 1.8
) -> None:
    task = asyncio.create_task(poller.run())
    try:
        async with asyncio.timeout(limit):
            await rec.until(done)
    finally:
        poller.stop()
        await task


async def test_broken_sources_never_stop_the_others(server, session) -> None:
    rec = Recorder()
    states = [
        SourceState("rss", "feed", server.url("/rss")),
        SourceState("atom", "feed", server.url("/atom")),
        SourceState("tg", "channel", server.url("/s/fitmoscow_talk")),
        SourceState("hang", "feed", server.url("/hang")),
        SourceState("malformed", "feed", server.url("/malformed")),
        SourceState("html", "feed", server.url("/html")),
        SourceState("refused", "feed", "http://127.0.0.1:9/feed"),
        SourceState("huge", "feed", server.url("/huge")),
        SourceState("500", "feed", server.url("/status/500")),
    ]
    poller = Poller(
        states,
        on_mentions=rec.on_mentions,
        on_state=rec.on_state,
        interval=0.25,
        jitter=0.0,
        concurrency=4,
        timeout=0.4,
        max_bytes=256 * 1024,
        session=session,
    )
    started = time.monotonic()
    await run_until(poller, rec, lambda: all(rec.polls(k) >= 2 for k in ("rss", "atom", "tg")))
    assert time.monotonic() - started < 1.8

    by_key = {s.key: s for s in poller.states}
    for key in ("rss", "atom", "tg"):
        assert by_key[key].failures == 0 and by_key[key].last_ok_at is not None
        assert by_key[key].last_error is None
    for key in ("malformed", "html", "refused", "huge", "500"):
        assert by_key[key].failures >= 1, key
        assert by_key[key].last_error and by_key[key].last_error_at, key
        assert by_key[key].last_ok_at is None
    assert "an HTML page" in (by_key["html"].last_error or "")
    assert "too large" in (by_key["huge"].last_error or "")

    # First successful poll of each good source is flagged so history is marked seen.
    firsts: dict[str, bool] = {}
    for key, _, first in rec.mentions:
        firsts.setdefault(key, first)
    assert firsts == {"rss": True, "atom": True, "tg": True}
    # A page without validators is delivered again in full; the caller dedupes by id.
    assert [first for key, _, first in rec.mentions if key == "tg"][1] is False
    assert by_key["rss"].mentions_total == 3 and by_key["tg"].mentions_total >= 8

    # The second poll of the RSS feed was a single 304 and produced no mentions.
    assert [s for p, s in server.statuses if p == "/rss"][:2] == [200, 304]
    assert [k for k, _, _ in rec.mentions].count("rss") == 1


async def test_new_items_after_first_poll_are_not_first(server, session) -> None:
    rec = Recorder()
    state = SourceState("rss", "feed", server.url("/rss"))
    poller = Poller(
        [state],
        on_mentions=rec.on_mentions,
        on_state=rec.on_state,
        interval=0.1,
        jitter=0.0,
        session=session,
        timeout=1,
    )

    def bump_after_first() -> bool:
        if len(rec.mentions) == 1:
            server.rss_version[0] = 2
        return len(rec.mentions) >= 2

    await run_until(poller, rec, bump_after_first)
    (_, _, first), (_, second_batch, second) = rec.mentions
    assert first is True and second is False
    assert "review-200" in {m.external_id for m in second_batch}
    assert state.etag == '"rss-v2"'


async def test_sources_added_and_removed_while_running(server, session) -> None:
    rec = Recorder()
    poller = Poller(
        [SourceState("atom", "feed", server.url("/atom"))],
        on_mentions=rec.on_mentions,
        on_state=rec.on_state,
        interval=0.2,
        jitter=0.0,
        session=session,
        timeout=1,
    )
    task = asyncio.create_task(poller.run())
    try:
        async with asyncio.timeout(1.5):
            await rec.until(lambda: rec.polls("atom") >= 1)
            poller.remove("atom")
            poller.add(SourceState("rss", "feed", server.url("/rss")))
            await rec.until(lambda: rec.polls("rss") >= 1)
            atom_polls = rec.polls("atom")
            await asyncio.sleep(0.4)  # two intervals: a removed source stays quiet
    finally:
        poller.stop()
        await task
    assert rec.polls("atom") == atom_polls == 1
    assert [k for k, _, _ in rec.mentions] == ["atom", "rss"]


async def test_failure_backoff_and_recovery_with_controlled_clock(server, session) -> None:
    clock = [datetime(2025, 1, 1, tzinfo=UTC)]
    rec = Recorder()
    state = SourceState("flaky", "feed", server.url("/status/503"))
    poller = Poller(
        [state],
        on_mentions=rec.on_mentions,
        on_state=rec.on_state,
        interval=60,
        jitter=0.0,
        session=session,
        now=lambda: clock[0],
        timeout=1,
    )
    for failures in (1, 2, 3):
        await poller.poll_and_record(state, session)
        assert state.failures == failures
        assert state.last_error == "HTTP 503 Service Unavailable"
        assert state.next_poll_at == clock[0] + timedelta(seconds=60 * 2**failures)

    state.url = server.url("/rss")  # the source comes back
    clock[0] += timedelta(minutes=10)
    await poller.poll_and_record(state, session)
    assert state.failures == 0
    assert state.last_ok_at == clock[0]
    assert state.next_poll_at == clock[0] + timedelta(seconds=60)
    assert state.last_error == "HTTP 503 Service Unavailable"  # history kept for the UI
    assert rec.mentions[-1][2] is True  # never succeeded before: still a first poll


async def test_failing_intake_keeps_validators_so_nothing_is_lost(server, session) -> None:
    async def broken_intake(state: SourceState, mentions: list[Mention], first: bool) -> None:
        raise RuntimeError("database is locked")

    rec = Recorder()
    state = SourceState("rss", "feed", server.url("/rss"))
    poller = Poller([state], on_mentions=broken_intake, on_state=rec.on_state, session=session)
    await poller.poll_and_record(state, session)
    assert state.failures == 1
    assert state.last_error and "database is locked" in state.last_error
    assert state.etag is None  # next poll downloads the feed again instead of a 304
    assert rec.states == [("rss", 1, state.last_error)]


def test_backoff_is_capped() -> None:
    assert backoff_seconds(300, 1) == 600
    assert backoff_seconds(300, 3) == 2400
    assert backoff_seconds(300, 10) == 3600
    assert backoff_seconds(1, 20) == 24  # short intervals cap at 24 intervals
    assert backoff_seconds(7200, 5) == 7200  # never shorter than the interval
    assert backoff_seconds(60, 10, cap=100) == 100


async def test_poll_once_sets_validators_only_on_success(server, session) -> None:
    state = SourceState("rss", "feed", server.url("/rss"))
    assert len(await poll_once(state, session, timeout=1)) == 3
    assert state.etag == '"rss-v1"'
    assert await poll_once(state, session, timeout=1) == []

    bad = SourceState("html", "feed", server.url("/html"))
    with pytest.raises(FeedError):
        await poll_once(bad, session, timeout=1)
    with pytest.raises(FetchError):
        await poll_once(SourceState("x", "feed", server.url("/status/404")), session)


async def test_poller_owns_a_session_when_none_given(server) -> None:
    rec = Recorder()
    poller = Poller(
        [SourceState("atom", "feed", server.url("/atom"))],
        on_mentions=rec.on_mentions,
        on_state=rec.on_state,
        interval=1,
        timeout=1,
        allow_private=True,
    )
    await run_until(poller, rec, lambda: rec.polls("atom") >= 1)
    assert rec.mentions and rec.mentions[0][0] == "atom"


def test_interval_must_be_positive() -> None:
    async def noop(*_: object) -> None:
        return None

    with pytest.raises(ValueError):
        Poller([], on_mentions=noop, on_state=noop, interval=0)
