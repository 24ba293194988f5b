"""Clients writing to the bot in private: every message becomes part of a ticket."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import (
    Chat,
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    User,
)

from bot.config import Config
from bot.core.events import IncomingMessage
from bot.core.tickets import TicketService
from bot.telegram.access import IsStaff, display_name, visible
from bot.views.forwarded import Origin, with_origin
from bot.views.texts import Texts


def person(user: User) -> str:
    """A person as staff tell people apart: the name, and the @username when there is one."""
    return display_name(user) + (f" (@{user.username})" if user.username else "")


def chat_name(chat: Chat) -> str | None:
    return chat.title or (f"@{chat.username}" if chat.username else None)


def readable(text: str | None) -> str | None:
    """A name made only of invisible characters would render as a blank: treat it as none."""
    return text if text and visible(text) else None


def origin_of(message: Message) -> Origin | None:
    """Who first wrote a forwarded message, read off whichever kind of origin Telegram gives."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        return Origin(person(origin.sender_user), origin.date)
    if isinstance(origin, MessageOriginHiddenUser):
        return Origin(readable(origin.sender_user_name), origin.date)
    if isinstance(origin, MessageOriginChannel):
        name = readable(chat_name(origin.chat))
        return Origin(name, origin.date, readable(origin.author_signature))
    if isinstance(origin, MessageOriginChat):
        name = readable(chat_name(origin.sender_chat))
        return Origin(name, origin.date, readable(origin.author_signature))
    return None


def incoming_from(
    message: Message, texts: Texts, config: Config, *, inbox: int | None = None
) -> IncomingMessage:
    """Flatten a Telegram message to what the ticket service stores; a forwarded message
    carries the line naming its origin, so nobody reads it as the client's own words.
    `inbox`: the director whose personal chat it was written in (Telegram Business)."""
    user = message.from_user
    assert user is not None
    file_id = None
    if message.photo:
        file_id = message.photo[-1].file_id
    else:
        for kind in ("document", "voice", "video", "audio", "animation", "video_note", "sticker"):
            media = getattr(message, kind, None)
            if media is not None:
                file_id = media.file_id
                break
    return IncomingMessage(
        chat_id=message.chat.id,
        message_id=message.message_id,
        user_id=user.id,
        author_name=person(user),
        content_type=ContentType(message.content_type).value,
        text=with_origin(
            message.text or message.caption or "", origin_of(message), texts, config.timezone
        ),
        file_id=file_id,
        album=message.media_group_id,
        inbox=inbox,
        sent_at=message.date,
    )


async def unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("client_unknown_command"))


async def intake(message: Message, service: TicketService, texts: Texts, config: Config) -> None:
    """The acknowledgement is queued with the ticket (see the notifier), not answered here:
    an answer from the handler is lost whenever Telegram is down or the process dies."""
    await service.intake_client_message(incoming_from(message, texts, config))


async def edited(message: Message, service: TicketService) -> None:
    await service.record_client_edit(
        message.chat.id, message.message_id, message.text or message.caption or ""
    )


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="client")
    router.message.filter(F.chat.type == ChatType.PRIVATE, ~IsStaff())
    router.edited_message.filter(F.chat.type == ChatType.PRIVATE, ~IsStaff())
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(intake, F.from_user)
    router.edited_message.register(edited, F.from_user)
    return router
