"""Fault injection and Telegram's flood control for the stand-in.

Why: the bot's retry, timeout and back-off code only runs when Telegram fails or pushes back.
Tests schedule those moments here (``fail_next``, ``hang_next``, ``slow_next``) or switch on
Telegram-like flood limits (``enforce_limits``); the HTTP front consults ``Faults.before_call``
before every method, and the sending methods consult ``Faults.check_flood`` before they post.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .state import JSON, Chat
from .wire import BLOCKED, POLL_CONFLICT, ApiError, too_many_requests

#: Description of an injected failure when the test gives none, by HTTP status.
DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: BLOCKED,
    409: POLL_CONFLICT,
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class Fault:
    """The next ``remaining`` calls of ``method`` (to ``chat_id``, if set) misbehave."""

    method: str
    status: int
    retry_after: int
    remaining: int
    chat_id: int | str | None
    description: str | None
    hang: float = 0.0  # > 0: answer nothing for this long, then drop the call unexecuted
    slow: bool = False  # with hang: after the wait, carry the call out as usual
    garble: bool = False  # carry the call out, then answer a result no client can parse
    late: bool = False  # with hang: carry the call out at once, answer after the wait


@dataclass
class FloodControl:
    """Telegram's documented broadcast limits, as token bucket + sliding windows.

    Private chats: about one message per second, with a small burst allowed.
    Groups: 20 messages per minute. Overall: 30 messages per second.
    """

    private_burst: float = 3.0
    private_rate: float = 1.0
    group_per_minute: int = 20
    global_per_second: int = 30
    buckets: dict[int, tuple[float, float]] = field(default_factory=dict)
    groups: dict[int, deque[float]] = field(default_factory=dict)
    overall: deque[float] = field(default_factory=deque)

    def check(self, chat_id: int, private: bool, now: float) -> int | None:
        """Return ``retry_after`` seconds if this send exceeds a limit, else record it."""
        while self.overall and self.overall[0] <= now - 1.0:
            self.overall.popleft()
        if len(self.overall) >= self.global_per_second:
            return max(1, math.ceil(self.overall[0] + 1.0 - now))
        if private:
            tokens, last = self.buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            if tokens < 1.0:
                self.buckets[chat_id] = (tokens, now)
                return max(1, math.ceil((1.0 - tokens) / self.private_rate))
            self.buckets[chat_id] = (tokens - 1.0, now)
        else:
            window = self.groups.setdefault(chat_id, deque())
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                return max(1, math.ceil(window[0] + 60.0 - now))
            window.append(now)
        self.overall.append(now)
        return None


class Faults:
    """Scheduled failures, hangs and slow calls, and the optional flood control.

    ``hung_calls`` counts calls that were held back (hung or slowed); ``too_many_requests``
    lists every 429 the flood control answered.
    """

    def __init__(self, too_many_requests: list[JSON]) -> None:
        self.too_many_requests = too_many_requests
        self.hung_calls = 0
        self.flood: FloodControl | None = None
        self._scheduled: list[Fault] = []

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        count: int = 1,
        *,
        chat_id: int | str | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (optionally to ``chat_id``) fail."""
        self._scheduled.append(
            Fault(method.lower(), status, retry_after, count, chat_id, description)
        )

    def hang_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` go unanswered for ``seconds`` and then
        fail unexecuted."""
        self._scheduled.append(
            Fault(method.lower(), 504, 0, count, chat_id, "Gateway Timeout", hang=seconds)
        )

    def slow_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` take ``seconds`` and then succeed."""
        self._scheduled.append(
            Fault(method.lower(), 200, 0, count, chat_id, None, hang=seconds, slow=True)
        )

    def enforce_limits(
        self,
        enabled: bool = True,
        *,
        private_burst: float = 3.0,
        private_rate: float = 1.0,
        group_per_minute: int = 20,
        global_per_second: int = 30,
    ) -> None:
        """Turn Telegram-like flood limits on/off."""
        self.flood = (
            FloodControl(private_burst, private_rate, group_per_minute, global_per_second)
            if enabled
            else None
        )

    def late_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` take effect at once but be answered
        ``seconds`` later."""
        self._scheduled.append(
            Fault(method.lower(), 200, 0, count, chat_id, None, hang=seconds, late=True)
        )

    def garble_next(self, method: str, count: int = 1, *, chat_id: int | str | None = None) -> None:
        """Make the next ``count`` calls of ``method`` succeed but answer a malformed result."""
        self._scheduled.append(Fault(method.lower(), 200, 0, count, chat_id, None, garble=True))

    def clear_faults(self) -> None:
        """Drop every failure, hang and slow call still scheduled (flood limits stay as they
        are), so a large ``count`` can stand for an outage that ends at a chosen moment."""
        self._scheduled.clear()

    async def after_call(self, method: str, params: JSON, outcome: Any) -> Any:
        """The result to answer: the real one, or a garbled one when so scheduled; a late
        answer waits first."""
        for fault in self._scheduled:
            if not fault.late or fault.method != method.lower() or fault.remaining <= 0:
                continue
            if fault.chat_id is not None and str(params.get("chat_id")) != str(fault.chat_id):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._scheduled.remove(fault)
            self.hung_calls += 1
            await asyncio.sleep(fault.hang)
            break
        for fault in self._scheduled:
            if not fault.garble or fault.method != method.lower() or fault.remaining <= 0:
                continue
            if fault.chat_id is not None and str(params.get("chat_id")) != str(fault.chat_id):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._scheduled.remove(fault)
            return {"garbled": True}
        return outcome

    async def before_call(self, method: str, params: JSON) -> None:
        """Carry out the fault scheduled for this call, if any: wait, then maybe fail."""
        fault = self._take(method, params)
        if fault is not None:
            error, hang = fault
            if hang:
                self.hung_calls += 1
                await asyncio.sleep(hang)
            if error is not None:
                raise error

    def _take(self, method: str, params: JSON) -> tuple[ApiError | None, float] | None:
        """The injected failure for this call, if any (None: only slow), and how long to hang
        before it."""
        for fault in self._scheduled:
            if fault.garble or fault.late or fault.method != method.lower():
                continue
            if fault.remaining <= 0:
                continue
            if fault.chat_id is not None and str(params.get("chat_id")) != str(fault.chat_id):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._scheduled.remove(fault)
            if fault.slow:
                return None, fault.hang
            if fault.status == 429:
                return too_many_requests(fault.retry_after), fault.hang
            default = DEFAULT_DESCRIPTIONS.get(fault.status, f"Error {fault.status}")
            return ApiError(fault.status, fault.description or default), fault.hang
        return None

    def check_flood(self, method: str, chat: Chat) -> None:
        """Raise 429 (and record it) if posting to ``chat`` now exceeds a flood limit."""
        if self.flood is None:
            return
        retry_after = self.flood.check(chat.id, chat.is_private, time.monotonic())
        if retry_after is not None:
            self.too_many_requests.append(
                {
                    "method": method,
                    "chat_id": chat.id,
                    "retry_after": retry_after,
                    "time": time.monotonic(),
                }
            )
            raise too_many_requests(retry_after)
