"""The two signals between the notifier, the sender and whoever waits for a delivery.

Both are built first by the composition root and handed to each side, so the notifier never
holds the sender nor the sender the notifier's internals: the notifier rings `Wakeup` after
queuing rows; the sender settles `DeliveryWatch` when a watched row is sent or given up.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from enum import StrEnum


class Wakeup:
    """Rows are waiting: the sender stops idling. Setting it twice is the same as once."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def ring(self) -> None:
        self._event.set()

    def clear(self) -> None:
        self._event.clear()

    async def wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), seconds)


class Delivery(StrEnum):
    DELIVERED = "delivered"
    BLOCKED = "blocked"
    FAILED = "failed"
    QUEUED = "queued"


@dataclass(frozen=True)
class DeliveryResult:
    status: Delivery
    reason: str = ""


def delivery_result(outcome: tuple[str, str | None] | None) -> DeliveryResult:
    """What the person who replied is told: sent, blocked, failed, or still on its way."""
    if outcome is None:
        return DeliveryResult(Delivery.QUEUED)
    state, error = outcome
    if state == "sent":
        return DeliveryResult(Delivery.DELIVERED)
    if error and ("blocked" in error or "deactivated" in error):
        return DeliveryResult(Delivery.BLOCKED)
    if state == "pending":
        return DeliveryResult(Delivery.QUEUED)
    return DeliveryResult(Delivery.FAILED, error or "")


class DeliveryWatch:
    """Futures keyed by an outbox row's dedupe key, settled by the sender."""

    def __init__(self) -> None:
        self._waiters: dict[str, list[asyncio.Future[tuple[str, str | None]]]] = {}

    def expect(self, key: str) -> asyncio.Future[tuple[str, str | None]]:
        future: asyncio.Future[tuple[str, str | None]] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(key, []).append(future)
        return future

    def forget(self, key: str, future: asyncio.Future[tuple[str, str | None]]) -> None:
        waiting = self._waiters.get(key, [])
        if future in waiting:
            waiting.remove(future)
        if not waiting:
            self._waiters.pop(key, None)

    def settle(self, key: str, state: str, error: str | None) -> None:
        for future in self._waiters.get(key, []):
            if not future.done():
                future.set_result((state, error))
