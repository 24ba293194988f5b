"""Asking the person who pressed a button for typed input.

A prompt answers the actor at once (it is not a notification, so it skips the outbox) with
force-reply; the answer is routed back by this prompt's (chat, message id), stored as a post.
The reply prompt also offers ready-made answers, on a message of its own (`offer_templates`).
"""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import ForceReply

from bot.core.tickets import TicketService
from bot.views.keyboards.templates import entry_keyboard
from bot.views.texts import Texts

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


async def offer_templates(
    bot: Bot, service: TicketService, chat_id: int, ticket_id: int, texts: Texts
) -> None:
    """The way to the reply templates ("📋 Шаблон") beside a reply prompt. A force-reply
    message cannot also carry inline buttons, so it is a second message, stored as a
    "prompt_reply" post like the prompt: a reply to it answers the client too."""
    sent = await bot.send_message(
        chat_id,
        texts("tpl_entry", id=ticket_id),
        reply_markup=entry_keyboard(ticket_id, texts),
    )
    await service.add_post(chat_id, sent.message_id, ticket_id, "prompt_reply")
