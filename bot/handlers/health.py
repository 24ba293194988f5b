"""/health for directors: is delivery keeping up, and is anything stuck or given up on."""

from __future__ import annotations

from datetime import datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.access import Role, StaffOnly
from bot.cards import format_delay, format_moment
from bot.notifier import Notifier
from bot.sender import Sender, health
from bot.texts import Texts


async def show_health(
    message: Message, role: Role, sender: Sender, notifier: Notifier, texts: Texts
) -> None:
    if role is not Role.DIRECTOR:
        await message.answer(texts("directors_only"))
        return
    depth, oldest, failed = await sender.stats()
    state = health(sender)
    lines = [
        texts("health_title"),
        texts("health_sender_ok" if state["alive"] else "health_sender_down"),
        texts("health_outbox", depth=depth, failed=failed),
    ]
    if oldest is not None:
        waited = datetime.now(oldest.tzinfo) - oldest
        lines.append(
            texts(
                "health_oldest",
                when=format_moment(oldest, notifier.timezone),
                delay=format_delay(waited, texts),
            )
        )
    await message.answer("\n".join(lines))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="health")
    router.message.middleware(StaffOnly())
    router.message.register(show_health, Command("health"))
    return router
