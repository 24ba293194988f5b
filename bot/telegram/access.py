"""Who may do what: one outer middleware decides the sender's role, one inner middleware
refuses staff-only handlers to everyone else, and one filter routes staff messages.

Staff are exactly the configured ids; nothing a user sends can change their role.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Any

from aiogram import BaseMiddleware
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from bot.config import Config
from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.views.texts import Texts

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class Role(StrEnum):
    DIRECTOR = "director"
    MANAGER = "manager"
    CLIENT = "client"

    @property
    def is_staff(self) -> bool:
        return self is not Role.CLIENT


def role_of(user_id: int, config: Config) -> Role:
    if user_id in config.director_ids:
        return Role.DIRECTOR
    if user_id in config.manager_ids:
        return Role.MANAGER
    return Role.CLIENT


def display_name(user: User) -> str:
    return user.full_name or (f"@{user.username}" if user.username else str(user.id))


class RoleMiddleware(BaseMiddleware):
    """Puts `role` and `actor` into handler data and keeps staff names fresh when they write."""

    def __init__(self, config: Config, service: TicketService) -> None:
        self._config = config
        self._service = service
        self._known: dict[int, tuple[str, str, str]] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None:
            data["role"] = Role.CLIENT
            return await handler(event, data)
        role = role_of(user.id, self._config)
        data["role"] = role
        data["actor"] = Actor(user.id, display_name(user))
        if role.is_staff:
            await self._refresh_names(user)
        return await handler(event, data)

    async def _refresh_names(self, user: User) -> None:
        names = (user.first_name or "", user.last_name or "", user.username or "")
        if self._known.get(user.id) == names:
            return
        self._known[user.id] = names
        if await self._service.remember_names(user.id, *names):
            log.info("staff.names_updated user=%d", user.id)


class StaffOnly(BaseMiddleware):
    """Inner middleware for staff routers: a matched handler runs only for staff.

    Strangers get a polite refusal instead of silence, so a client who types /close by
    accident, or presses a forwarded card's button, learns why nothing happened.
    """

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        role: Role = data.get("role", Role.CLIENT)
        if role.is_staff:
            return await handler(event, data)
        texts: Texts = data["texts"]
        user = data.get("event_from_user")
        log.warning(
            "access.refused user=%s event=%s", user.id if user else None, type(event).__name__
        )
        if isinstance(event, CallbackQuery):
            await event.answer(texts("staff_only_button"), show_alert=True)
        elif isinstance(event, Message):
            await event.answer(texts("staff_only_command"))
        return None


class IsStaff(Filter):
    async def __call__(self, event: TelegramObject, role: Role = Role.CLIENT) -> bool:
        return role.is_staff
