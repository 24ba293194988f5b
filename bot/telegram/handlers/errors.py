"""Errors answered in one place: a missing ticket number, and anything unexpected.

The person who acted always gets a clear sentence; the details go to the log, never to chat.
A client is told the truth: their message may not have reached the director and is worth
sending again (a message the intake stored is kept whatever failed after it). The directors
are told too, so that "we have a fault" is not said into the void: once per kind of failure
every few minutes, through the durable outbox, with the failure's type and never a client's
words. Should telling them fail as well (the database itself may be what broke), the log has it.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent, User

from bot.config import Config
from bot.core.ports import Notices
from bot.core.tickets import TicketNotFound
from bot.telegram.access import role_of
from bot.views.texts import Html, Texts

log = logging.getLogger(__name__)

# The same failure repeating (a broken disk fails every update) reaches the directors once in
# this long, not once per update.
ALERT_EVERY = timedelta(minutes=5)


async def _answer(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


async def ticket_not_found(event: ErrorEvent, texts: Texts) -> None:
    assert isinstance(event.exception, TicketNotFound)
    await _answer(event, texts("ticket_not_found", id=event.exception.ticket_id))


class Unexpected:
    """Answers any other failure, and remembers (in this process) when each kind of failure
    was last told to the directors; a restart may tell one once more, which is harmless."""

    def __init__(self, every: timedelta = ALERT_EVERY) -> None:
        self._every = every.total_seconds()
        self._told: dict[str, float] = {}

    async def handle(
        self, event: ErrorEvent, texts: Texts, config: Config, notifier: Notices
    ) -> None:
        update = event.update
        kind = type(event.exception).__name__
        log.error(
            "update.failed update=%d error=%s",
            update.update_id,
            kind,
            exc_info=event.exception,
        )
        user = _sender(event)
        staff = user is not None and role_of(user.id, config).is_staff
        if update.callback_query is not None:
            key, what = "error_button", "error_what_button"
        elif staff:
            key, what = "error_staff", "error_what_staff"
        else:
            key, what = "error_generic", "error_what_client"
        try:
            await _answer(event, texts(key))
        except Exception:  # the chat itself may be what failed
            log.warning("update.failed_to_answer update=%d", update.update_id)
        if self._due(kind):
            await self._tell_directors(Html(texts(what)), kind, texts, config, notifier)

    def _due(self, kind: str) -> bool:
        now = time.monotonic()
        last = self._told.get(kind)
        if last is not None and now - last < self._every:
            return False
        self._told[kind] = now
        return True

    async def _tell_directors(
        self, what: Html, kind: str, texts: Texts, config: Config, notifier: Notices
    ) -> None:
        minutes = round(self._every / 60)
        text = texts("error_alert", what=what, error=kind, minutes=minutes)
        try:
            for director in sorted(config.director_ids):
                await notifier.send(director, text, what="error_alert")
        except Exception:
            log.warning("update.failed_alert error=%s", kind, exc_info=True)


def _sender(event: ErrorEvent) -> User | None:
    update = event.update
    if update.callback_query is not None:
        return update.callback_query.from_user
    if update.message is not None:
        return update.message.from_user
    return None


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="errors")
    router.errors.register(ticket_not_found, ExceptionTypeFilter(TicketNotFound))
    router.errors.register(Unexpected().handle)
    return router
