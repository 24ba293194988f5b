"""/start and /help: the same words for everyone, answered according to who asks.

A client's /start may carry a start parameter: a poster's tag (`t.me/<bot>?start=hall2`),
recorded so the ticket they open next counts for that poster, or the bot's own `fh-chat`,
the link a client gets in the director's personal chat so the bot may ask them later how
things turned out. Staff starting the bot from a poster are testing it: nothing is recorded.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import Message

from bot.core.posters import CHAT_START, Posters
from bot.telegram.access import display_name
from bot.telegram.filters import COMMAND_LIKE
from bot.views.texts import Texts
from storage.models import Role


async def start(
    message: Message, command: CommandObject, role: Role, texts: Texts, posters: Posters
) -> None:
    if role.is_staff:
        await message.answer(texts("staff_help"))
        return
    user = message.from_user
    name = display_name(user) if user else ""
    payload = command.args
    if user is not None:
        await posters.started(user.id, payload)  # fh-chat and bad tags are kept as no tag
    key = "client_start_from_chat" if payload == CHAT_START else "client_start"
    await message.answer(texts(key, name=name))


async def help_(message: Message, role: Role, texts: Texts) -> None:
    await message.answer(texts("staff_help" if role.is_staff else "client_help"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="common")
    router.message.filter(F.chat.type == ChatType.PRIVATE, COMMAND_LIKE)
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    return router
