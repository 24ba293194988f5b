"""A group the bot is in became a supergroup: follow it to its new id at once.

Telegram posts a service message with `migrate_to_chat_id` in the old group. The sender
would learn the same from its next failed send; hearing it here means nothing fails first.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import Message

from bot.delivery.sender import Sender


async def group_moved(message: Message, sender: Sender) -> None:
    assert message.migrate_to_chat_id is not None
    await sender.follow_move(message.chat.id, message.migrate_to_chat_id)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="group_moves")
    router.message.register(group_moved, F.migrate_to_chat_id)
    return router
