"""The director's personal chats through Telegram Business: connections, clients' messages
(new, edited, deleted) and the director's own replies typed there.

Business updates have update types of their own, so nothing here overlaps the routers for
the bot's own chats. What the bot itself sent through a connection comes back as a business
message too (`sender_business_bot` set) and is never taken in again.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import BusinessConnection, BusinessMessagesDeleted, Message

from bot.config import Config
from bot.core.business import BusinessChats
from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.telegram.access import display_name
from bot.telegram.handlers.client import incoming_from
from bot.views.texts import Texts

log = logging.getLogger(__name__)

# What a client may send that is worth a card and a relay; anything else (a sticker, a
# service message, a poll...) is only kept in the client's open ticket's history.
KEPT = frozenset(
    {
        ContentType.TEXT,
        ContentType.PHOTO,
        ContentType.DOCUMENT,
        ContentType.VOICE,
        ContentType.VIDEO,
        ContentType.AUDIO,
        ContentType.ANIMATION,
        ContentType.VIDEO_NOTE,
    }
)


async def connection(update: BusinessConnection, business: BusinessChats) -> None:
    rights = update.rights
    can_reply = bool(rights.can_reply) if rights is not None else bool(update.can_reply)
    await business.connection_changed(update.id, update.user.id, update.is_enabled, can_reply)


async def written(
    message: Message,
    business: BusinessChats,
    service: TicketService,
    texts: Texts,
    config: Config,
) -> None:
    user = message.from_user
    if message.sender_business_bot is not None or user is None:
        return  # the bot's own message, echoed back
    inbox = await business.inbox_of(message.business_connection_id or "")
    if inbox is None or message.chat.type != ChatType.PRIVATE:
        return
    if user.id == inbox:
        line = incoming_from(message, texts, config, inbox=inbox)
        await service.record_owner_line(inbox, line, Actor(user.id, display_name(user)))
        return
    if user.id in config.staff_ids:
        return  # a colleague writing to the director is not a client
    line = incoming_from(message, texts, config, inbox=inbox)
    if ContentType(message.content_type) not in KEPT:
        kept = await service.record_quiet(line)
        log.info("business.quiet inbox=%d content=%s kept=%s", inbox, line.content_type, bool(kept))
        return
    await service.intake_client_message(line)


async def edited(message: Message, business: BusinessChats, service: TicketService) -> None:
    user = message.from_user
    if message.sender_business_bot is not None or user is None:
        return
    inbox = await business.inbox_of(message.business_connection_id or "")
    if inbox is None or user.id == inbox:
        return
    text = message.text or message.caption or ""
    await service.record_client_edit(message.chat.id, message.message_id, text, inbox)


async def deleted(
    update: BusinessMessagesDeleted, business: BusinessChats, service: TicketService
) -> None:
    inbox = await business.inbox_of(update.business_connection_id)
    if inbox is None:
        return
    await service.mark_deleted(inbox, update.chat.id, list(update.message_ids))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="business")
    router.business_connection.register(connection)
    router.business_message.register(written, F.chat)
    router.edited_business_message.register(edited, F.chat)
    router.deleted_business_messages.register(deleted)
    return router
