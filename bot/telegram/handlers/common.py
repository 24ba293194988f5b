"""/start and /help: the same words for everyone, answered according to who asks."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandStart
from aiogram.types import Message

from bot.telegram.access import display_name
from bot.telegram.filters import COMMAND_LIKE
from bot.views.texts import Texts
from storage.models import Role


async def start(message: Message, role: Role, texts: Texts) -> None:
    if role.is_staff:
        await message.answer(texts("staff_help"))
        return
    name = display_name(message.from_user) if message.from_user else ""
    await message.answer(texts("client_start", name=name))


async def help_(message: Message, role: Role, texts: Texts) -> None:
    await message.answer(texts("staff_help" if role.is_staff else "client_help"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="common")
    router.message.filter(F.chat.type == ChatType.PRIVATE, COMMAND_LIKE)
    router.message.register(start, CommandStart())
    router.message.register(help_, Command("help"))
    return router
