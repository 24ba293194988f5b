"""Telegram's flood limits as a pure, clock-driven pacer.

Telegram asks bots to send about one message a second to a private chat (short bursts are
tolerated), at most 20 a minute to a group, and about 30 a second overall. Staying a little
under those numbers means the sender almost never sees a 429 at all; `retry_after` from a 429
that still happens blocks the chat until then.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field


@dataclass
class Pacer:
    private_burst: float = 3.0
    private_rate: float = 0.95
    group_per_minute: int = 19
    # A third under Telegram's 30: the pacer counts when a send is granted, Telegram when it
    # arrives, and on a loaded machine sends granted over 1.3 s can arrive within one.
    global_per_second: int = 20
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)
    _groups: dict[int, deque[float]] = field(default_factory=dict)
    _overall: deque[float] = field(default_factory=deque)
    _blocked: dict[int, float] = field(default_factory=dict)

    def wait_for(self, chat_id: int, now: float) -> float:
        """Seconds until one more message may go to this chat (0 when it may go now)."""
        wait = self._blocked.get(chat_id, 0.0) - now
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()
        if len(self._overall) >= self.global_per_second:
            wait = max(wait, self._overall[0] + 1.0 - now)
        if chat_id > 0:
            tokens, last = self._buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            if tokens < 1.0:
                wait = max(wait, (1.0 - tokens) / self.private_rate)
        else:
            window = self._groups.get(chat_id)
            while window and window[0] <= now - 60.0:
                window.popleft()
            if window and len(window) >= self.group_per_minute:
                wait = max(wait, window[0] + 60.0 - now)
        return max(0.0, wait)

    def record(self, chat_id: int, now: float) -> None:
        """Count one message sent to the chat at `now`."""
        self._overall.append(now)
        if chat_id > 0:
            tokens, last = self._buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            self._buckets[chat_id] = (tokens - 1.0, now)
        else:
            self._groups.setdefault(chat_id, deque()).append(now)

    def block(self, chat_id: int, until: float) -> None:
        """Telegram said 429 with retry_after: nothing goes to this chat before `until`."""
        self._blocked[chat_id] = max(self._blocked.get(chat_id, 0.0), until)

    def queue_time(self, chat_id: int, count: int) -> float:
        """How long `count` more messages to this chat would take at the sustained rate;
        used to decide when a burst is better shown as one summary."""
        if chat_id > 0:
            return max(0.0, (count - self.private_burst) / self.private_rate)
        return max(0.0, (count - self.group_per_minute) * 60.0 / self.group_per_minute)

    async def acquire(self, chat_id: int | None) -> float:
        """Wait until a message may go to the chat, count it, and return how long it waited.

        Every send passes here (the request middleware calls it), direct answers included,
        so a burst of acknowledgements cannot push the bot over the overall limit either.
        """
        waited = 0.0
        while True:
            now = time.monotonic()
            wait = self.wait_for(chat_id, now) if chat_id is not None else self._global_wait(now)
            if wait <= 0:
                if chat_id is not None:
                    self.record(chat_id, now)
                else:
                    self._overall.append(now)
                return waited
            await asyncio.sleep(wait)
            waited += wait

    def _global_wait(self, now: float) -> float:
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()
        if len(self._overall) >= self.global_per_second:
            return self._overall[0] + 1.0 - now
        return 0.0
