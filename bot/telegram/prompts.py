"""Asking the person who pressed a button for typed input.

A prompt answers the actor at once (it is not a notification, so it skips the outbox) with
force-reply; the answer is routed back by this prompt's (chat, message id), stored as a post.
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import ForceReply

from bot.core.tickets import TicketService

PLACEHOLDER_LIMIT = 64


async def ask(
    bot: Bot,
    service: TicketService,
    chat_id: int,
    ticket_id: int,
    kind: str,
    text: str,
    placeholder: str,
) -> None:
    sent = await bot.send_message(
        chat_id,
        text,
        reply_markup=ForceReply(
            force_reply=True,
            selective=True,
            input_field_placeholder=placeholder[:PLACEHOLDER_LIMIT],
        ),
    )
    await service.add_post(chat_id, sent.message_id, ticket_id, kind)
