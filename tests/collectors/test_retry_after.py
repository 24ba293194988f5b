"""A feed server's 429 or 503 with Retry-After is honoured: the source waits at least that long
(capped at a day), never less than its own backoff."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from collectors.fetch import MAX_RETRY_AFTER, retry_after_seconds
from collectors.poller import Poller, SourceState

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Mon, 30 Nov 2026 09:10:00 GMT", 600.0),
        ("Mon, 30 Nov 2026 08:00:00 GMT", 0.0),  # already past
        ("99999999", MAX_RETRY_AFTER),
        ("soon", None),
        ("", None),
        (None, None),
        ("-5", None),
    ],
)
def test_retry_after_values(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, NOW) == seconds


@pytest.mark.parametrize(("code", "after", "wait"), [(429, "3600", 3600), (503, "900", 900)])
async def test_a_poll_told_to_wait_waits(server, session, code: int, after: str, wait: int) -> None:
    clock = [NOW]
    state = SourceState("busy", "feed", server.url(f"/busy/{code}?after={after}"))
    poller = Poller(
        [state],
        on_mentions=_nothing,
        on_state=_nothing,
        interval=60,
        jitter=0.0,
        session=session,
        now=lambda: clock[0],
        timeout=1,
    )
    await poller.poll_and_record(state, session)
    assert state.failures == 1
    assert state.next_poll_at == NOW + timedelta(seconds=wait)


async def test_a_short_retry_after_never_shortens_the_backoff(server, session) -> None:
    state = SourceState("busy", "feed", server.url("/busy/503?after=1"))
    poller = Poller(
        [state],
        on_mentions=_nothing,
        on_state=_nothing,
        interval=60,
        jitter=0.0,
        session=session,
        now=lambda: NOW,
        timeout=1,
    )
    await poller.poll_and_record(state, session)
    assert state.next_poll_at == NOW + timedelta(seconds=120)


async def _nothing(*args: object) -> None:
    return None
