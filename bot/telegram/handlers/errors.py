"""Errors answered in one place: a missing ticket number, and anything unexpected.

The person who acted always gets a clear sentence; the details go to the log, never to chat.
"""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.core.tickets import TicketNotFound
from bot.views.texts import Texts

log = logging.getLogger(__name__)


async def _answer(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.answer(text)


async def ticket_not_found(event: ErrorEvent, texts: Texts) -> None:
    assert isinstance(event.exception, TicketNotFound)
    await _answer(event, texts("ticket_not_found", id=event.exception.ticket_id))


async def unexpected(event: ErrorEvent, texts: Texts) -> None:
    log.error(
        "update.failed update=%d error=%s",
        event.update.update_id,
        type(event.exception).__name__,
        exc_info=event.exception,
    )
    try:
        await _answer(event, texts("error_generic"))
    except Exception:  # the chat itself may be what failed
        log.warning("update.failed_to_answer update=%d", event.update.update_id)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="errors")
    router.errors.register(ticket_not_found, ExceptionTypeFilter(TicketNotFound))
    router.errors.register(unexpected)
    return router
