"""The one place where Telegram calls are retried (aiogram itself never retries).

A request middleware on the bot's session sees every API call: on 429 it waits exactly the
`retry_after` Telegram asked for; on 5xx and network errors it backs off exponentially with
jitter. Permanent errors (400, 403) go straight back to the caller. getUpdates is left to
aiogram's polling loop, which has its own backoff.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramNetworkError, TelegramRetryAfter, TelegramServerError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.methods.base import Response

from bot.delivery.pacer import Pacer

log = logging.getLogger(__name__)

_ONCE: contextvars.ContextVar[bool] = contextvars.ContextVar("telegram_call_once", default=False)


@contextmanager
def single_attempt() -> Iterator[None]:
    """Calls made inside go out once: the outbox sender schedules its own retries so that
    one chat waiting out a 429 never holds up deliveries to everyone else."""
    token = _ONCE.set(True)
    try:
        yield
    finally:
        _ONCE.reset(token)


def backoff_delay(attempt: int, base: float, cap: float, rng: random.Random) -> float:
    """Full-jitter exponential backoff: spreads retries so a recovering server is not stampeded."""
    return rng.uniform(0, min(cap, base * 2**attempt))


PACED = frozenset(
    {
        "SendMessage",
        "CopyMessage",
        "ForwardMessage",
        "SendPhoto",
        "SendDocument",
        "SendVoice",
        "SendVideo",
        "SendAudio",
        "SendAnimation",
        "SendSticker",
        "SendMediaGroup",
        "EditMessageText",
        "EditMessageReplyMarkup",
        "EditMessageCaption",
    }
)


def chat_of(method: TelegramMethod[Any]) -> int | None:
    chat_id = getattr(method, "chat_id", None)
    return chat_id if isinstance(chat_id, int) else None


class RetryMiddleware(BaseRequestMiddleware):
    """Paces every message under Telegram's limits, then retries what Telegram refused for a
    while. Pacing first means a 429 is the exception, not the way the bot learns the limits."""

    def __init__(
        self,
        pacer: Pacer | None = None,
        *,
        attempts: int = 6,
        base_delay: float = 0.5,
        max_delay: float = 20.0,
        max_retry_after: float = 120.0,
        rng: random.Random | None = None,
    ) -> None:
        self._attempts = attempts
        self._base = base_delay
        self._cap = max_delay
        self._max_retry_after = max_retry_after
        self._rng = rng or random.Random()
        self.pacer = pacer or Pacer()

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Response[Any]:
        name = type(method).__name__
        if name in PACED:
            # The sender's calls (single_attempt) are queued notifications: they leave the
            # pacer's reserve to what a person just did.
            waited = await self.pacer.acquire(chat_of(method), background=_ONCE.get())
            if waited > 1.0:
                log.info(
                    "telegram.paced method=%s chat=%s waited=%.1fs", name, chat_of(method), waited
                )
        if isinstance(method, GetUpdates) or _ONCE.get():
            return await make_request(bot, method)
        for attempt in range(self._attempts):
            last = attempt == self._attempts - 1
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as error:
                if last or error.retry_after > self._max_retry_after:
                    raise
                delay: float = error.retry_after
                chat_id = chat_of(method)
                if chat_id is not None:
                    self.pacer.block(chat_id, time.monotonic() + delay)
                log.warning("telegram.retry_after method=%s wait=%ss", name, delay)
            except (TelegramServerError, TelegramNetworkError) as error:
                if last:
                    raise
                delay = backoff_delay(attempt, self._base, self._cap, self._rng)
                log.warning(
                    "telegram.retry method=%s attempt=%d wait=%.2fs error=%s",
                    name,
                    attempt + 1,
                    delay,
                    type(error).__name__,
                )
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover
