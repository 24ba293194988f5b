"""What core needs from delivery, as protocols, so that core never imports it.

The composition root passes the real notifier (bot.delivery.notifier.Notifier) wherever these
are asked for; scripts and unit tests may pass `Silent`.
"""

from __future__ import annotations

from typing import Protocol

import aiosqlite
from aiogram.types import InlineKeyboardMarkup

from bot.core.events import TicketEvent
from storage.models import Ticket


class Fanout(Protocol):
    """Turns what happened into notifications, inside the transaction of the change itself,
    so a change and the messages it causes are committed together or not at all."""

    async def publish(self, conn: aiosqlite.Connection, event: TicketEvent) -> None: ...


class Notices(Fanout, Protocol):
    """Messages to staff that are not a ticket change: reminders, alerts, digests."""

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        ticket_id: int | None = None,
        what: str = "notice",
        reply_markup: InlineKeyboardMarkup | None = None,
        silent: bool = False,
        post_kind: str | None = None,
        dedupe_key: str | None = None,
    ) -> None: ...

    async def queue_for_directors(
        self, conn: aiosqlite.Connection, text: str, *, what: str, dedupe_prefix: str
    ) -> None: ...

    async def queue_followup_letter(
        self, conn: aiosqlite.Connection, ticket: Ticket, entry_id: int
    ) -> bool: ...

    def wake(self) -> None: ...


class Silent:
    """The fanout of a service nobody listens to (scripts, unit tests)."""

    async def publish(self, conn: aiosqlite.Connection, event: TicketEvent) -> None:
        return None
