"""Clients writing to the bot in private: every message becomes part of a ticket."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import Message

from bot.core.events import IncomingMessage
from bot.core.tickets import TicketService
from bot.telegram.access import IsStaff, display_name
from bot.views.texts import Texts


def incoming_from(message: Message) -> IncomingMessage:
    """Flatten a Telegram message to what the ticket service stores."""
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
        author_name=display_name(user) + (f" (@{user.username})" if user.username else ""),
        content_type=ContentType(message.content_type).value,
        text=message.text or message.caption or "",
        file_id=file_id,
        album=message.media_group_id,
    )


async def unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("client_unknown_command"))


async def intake(message: Message, service: TicketService) -> None:
    """The acknowledgement is queued with the ticket (see the notifier), not answered here:
    an answer from the handler is lost whenever Telegram is down or the process dies."""
    await service.intake_client_message(incoming_from(message))


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
