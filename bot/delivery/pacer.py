"""Telegram's flood limits as a pure, clock-driven pacer.

Telegram asks bots to send about one message a second to a private chat (short bursts are
tolerated), at most 20 a minute to a group, and about 30 a second overall. Staying a little
under those numbers means the sender almost never sees a 429 at all; `retry_after` from a 429
that still happens blocks the chat until then.

What a person just did goes first. Queued notifications (`background=True`, the sender) leave
a reserve in every limit untouched, so a button's in-place change, a prompt or a command's
answer finds a free slot at once even while twenty notifications wait for the same chat. The
sustained rate is the same either way: the reserve only keeps the bucket from running dry.
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
    # Slots queued notifications leave for what a person just did (see the module docstring).
    private_reserve: float = 1.0
    group_reserve: int = 2
    global_reserve: int = 3
    _buckets: dict[int, tuple[float, float]] = field(default_factory=dict)
    _groups: dict[int, deque[float]] = field(default_factory=dict)
    _overall: deque[float] = field(default_factory=deque)
    _blocked: dict[int, float] = field(default_factory=dict)

    def wait_for(self, chat_id: int, now: float, *, background: bool = False) -> float:
        """Seconds until one more message may go to this chat (0 when it may go now);
        `background` messages leave the reserve for what people do."""
        wait = self._blocked.get(chat_id, 0.0) - now
        wait = max(wait, self._overall_wait(now, background))
        if chat_id > 0:
            need = 1.0 + (min(self.private_reserve, self.private_burst - 1.0) if background else 0)
            tokens, last = self._buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            if tokens < need:
                wait = max(wait, (need - tokens) / self.private_rate)
        else:
            limit = self.group_per_minute
            if background:
                limit = max(1, limit - self.group_reserve)
            window = self._groups.get(chat_id)
            while window and window[0] <= now - 60.0:
                window.popleft()
            if window and len(window) >= limit:
                wait = max(wait, window[-limit] + 60.0 - now)
        return max(0.0, wait)

    def room(self, chat_id: int, now: float, *, background: bool = False) -> int:
        """How many messages may go to this chat at once right now (0 when none may)."""
        if self._blocked.get(chat_id, 0.0) > now:
            return 0
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()
        overall = self.global_per_second - (self.global_reserve if background else 0)
        room = overall - len(self._overall)
        if chat_id > 0:
            tokens, last = self._buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            if background:
                tokens -= min(self.private_reserve, self.private_burst - 1.0)
            room = min(room, int(min(tokens, 1e6)))
        else:
            limit = self.group_per_minute - (self.group_reserve if background else 0)
            window = self._groups.get(chat_id)
            while window and window[0] <= now - 60.0:
                window.popleft()
            room = min(room, max(1, limit) - len(window or ()))
        return max(0, min(room, 1_000_000))

    def _overall_wait(self, now: float, background: bool) -> float:
        while self._overall and self._overall[0] <= now - 1.0:
            self._overall.popleft()
        limit = self.global_per_second
        if background:
            limit = max(1, limit - self.global_reserve)
        if len(self._overall) >= limit:
            return self._overall[-limit] + 1.0 - now
        return 0.0

    def record(self, chat_id: int, now: float) -> None:
        """Count one message sent to the chat at `now`."""
        self._overall.append(now)
        if chat_id > 0:
            tokens, last = self._buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            self._buckets[chat_id] = (tokens - 1.0, now)
        else:
            self._groups.setdefault(chat_id, deque()).append(now)

    def refund(self, chat_id: int, now: float) -> None:
        """Give back the slot of a send Telegram refused with a 5xx: it never reached the
        chat, and counting it would keep the chat's first message after an outage waiting
        for a burst that the failures used up."""
        if self._overall:
            self._overall.pop()
        if chat_id > 0:
            tokens, last = self._buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            self._buckets[chat_id] = (min(self.private_burst, tokens + 1.0), now)
        else:
            window = self._groups.get(chat_id)
            if window:
                window.pop()

    def block(self, chat_id: int, until: float) -> None:
        """Telegram said 429 with retry_after: nothing goes to this chat before `until`."""
        self._blocked[chat_id] = max(self._blocked.get(chat_id, 0.0), until)

    def queue_time(self, chat_id: int, count: int) -> float:
        """How long `count` more messages to this chat would take at the sustained rate;
        used to decide when a burst is better shown as one summary."""
        if chat_id > 0:
            return max(0.0, (count - self.private_burst) / self.private_rate)
        return max(0.0, (count - self.group_per_minute) * 60.0 / self.group_per_minute)

    async def acquire(self, chat_id: int | None, *, background: bool = False) -> float:
        """Wait until a message may go to the chat, count it, and return how long it waited.

        Every send passes here (the request middleware calls it), direct answers included,
        so a burst of acknowledgements cannot push the bot over the overall limit either.
        """
        waited = 0.0
        while True:
            now = time.monotonic()
            if chat_id is not None:
                wait = self.wait_for(chat_id, now, background=background)
            else:
                wait = self._overall_wait(now, background)
            if wait <= 0:
                if chat_id is not None:
                    self.record(chat_id, now)
                else:
                    self._overall.append(now)
                return waited
            await asyncio.sleep(wait)
            waited += wait
