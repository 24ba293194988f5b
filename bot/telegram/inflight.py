"""Counts updates being handled so shutdown can let them finish before the database closes.

aiogram runs each update as a detached task and does not wait for them when polling stops;
without this a SIGTERM could cut a handler between its commit and its notification.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.telegram.access import Handler

log = logging.getLogger(__name__)


class InFlight(BaseMiddleware):
    def __init__(self) -> None:
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        self._count += 1
        self._idle.clear()
        try:
            return await handler(event, data)
        finally:
            self._count -= 1
            if self._count == 0:
                self._idle.set()

    async def drain(self, seconds: float) -> bool:
        """Wait until no update is being handled; False if some were still running at timeout."""
        try:
            await asyncio.wait_for(self._idle.wait(), seconds)
        except TimeoutError:
            log.warning("shutdown.drain_timeout in_flight=%d", self._count)
            return False
        return True
