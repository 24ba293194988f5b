"""The director's personal chats through Telegram Business: connections, clients' messages
(new, edited, deleted) and the director's own replies typed there.

Business updates have update types of their own, so nothing here overlaps the routers for
the bot's own chats. What the bot itself sent through a connection comes back as a business
message too (`sender_business_bot` set) and is never taken in again.
"""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.exceptions import TelegramAPIError
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
    await business.connection_changed(
        update.id, update.user.id, update.is_enabled, _can_reply(update)
    )


def _can_reply(update: BusinessConnection) -> bool:
    rights = update.rights
    return bool(rights.can_reply) if rights is not None else bool(update.can_reply)


async def _inbox(bot: Bot, business: BusinessChats, connection_id: str | None) -> int | None:
    """The director whose chat this is. A connection not stored yet is asked of Telegram
    once: its update may be handled just after the first message (updates are handled side
    by side), or it was made before the bot asked for business updates at all."""
    if not connection_id:
        return None
    inbox = await business.known_inbox(connection_id)
    if inbox is not None or not business.worth_asking(connection_id):
        return inbox if inbox is not None else await business.inbox_of(connection_id)
    with contextlib.suppress(TelegramAPIError):
        found = await bot.get_business_connection(connection_id)
        await business.connection_changed(
            found.id, found.user.id, found.is_enabled, _can_reply(found)
        )
    return await business.inbox_of(connection_id)


async def written(
    message: Message,
    bot: Bot,
    business: BusinessChats,
    service: TicketService,
    texts: Texts,
    config: Config,
) -> None:
    user = message.from_user
    if message.sender_business_bot is not None or user is None:
        return  # the bot's own message, echoed back
    inbox = await _inbox(bot, business, message.business_connection_id)
    if inbox is None or message.chat.type != ChatType.PRIVATE:
        return
    content = ContentType(message.content_type)
    if user.id == inbox:
        if content not in KEPT:
            return  # the director pinning a message is no answer
        line = incoming_from(message, texts, config, inbox=inbox)
        # a greeting or away message Telegram sends in the director's name is no answer
        answer = not message.is_from_offline
        actor = Actor(user.id, display_name(user))
        await service.record_owner_line(inbox, line, actor, answer=answer)
        return
    if user.id in config.staff_ids:
        return  # a colleague writing to the director is not a client
    line = incoming_from(message, texts, config, inbox=inbox)
    if content not in KEPT:
        opens = content == ContentType.STICKER
        kept = await service.record_quiet(line, opens_window=opens)
        log.info("business.quiet inbox=%d content=%s kept=%s", inbox, line.content_type, bool(kept))
        return
    await service.intake_client_message(line)


async def edited(
    message: Message, bot: Bot, business: BusinessChats, service: TicketService
) -> None:
    user = message.from_user
    if message.sender_business_bot is not None or user is None:
        return
    inbox = await _inbox(bot, business, message.business_connection_id)
    if inbox is None or user.id == inbox:
        return
    text = message.text or message.caption or ""
    await service.record_client_edit(message.chat.id, message.message_id, text, inbox)


async def deleted(
    update: BusinessMessagesDeleted, bot: Bot, business: BusinessChats, service: TicketService
) -> None:
    inbox = await _inbox(bot, business, update.business_connection_id)
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
