"""Who may do what, decided in this one module.

- `RoleMiddleware` (outer, on every update) puts the sender's `role` and `actor` into the
  handler data. The role is read from the dispatcher's current config on every update, so
  someone removed from DIRECTOR_IDS or MANAGER_IDS loses access at once.
- `StaffOnly()` and `DirectorOnly()` guard whole routers: each handler module's `build()`
  attaches one to its router, and a matched handler then runs only for those it admits.
  Everyone else gets a polite refusal instead of silence, so a client who types /close by
  accident, or presses a forwarded card's button, learns why nothing happened.
- `IsStaff()` is a filter for routing, not refusing: it sends staff and clients' messages to
  different routers.

Staff are exactly the configured ids; nothing a user sends can change their role.
"""

from __future__ import annotations

import logging
import unicodedata
from abc import abstractmethod
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message, TelegramObject, User

from bot.config import Config
from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.views.texts import Texts
from storage.models import Role

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


def role_of(user_id: int, config: Config) -> Role:
    if user_id in config.director_ids:
        return Role.DIRECTOR
    if user_id in config.manager_ids:
        return Role.MANAGER
    return Role.CLIENT


# Characters that draw nothing: a name made only of these shows as a blank on a card.
_BLANKS = frozenset("\u115f\u1160\u2800\u3164\uffa0\u180e")
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})


def visible(text: str) -> bool:
    """Whether `text` has at least one character a person can see."""
    return any(ch not in _BLANKS and unicodedata.category(ch) not in _INVISIBLE for ch in text)


def display_name(user: User) -> str:
    """The name staff see on cards: the Telegram name, else @username, else the id; a name
    made only of invisible characters counts as none."""
    if visible(user.full_name):
        return user.full_name
    return f"@{user.username}" if user.username else str(user.id)


class RoleMiddleware(BaseMiddleware):
    """Puts `role` and `actor` into handler data and keeps staff names fresh when they write.

    The config is the dispatcher's `config` of this very update (the one given here only
    when the dispatcher has none), never a copy taken at start.
    """

    def __init__(self, config: Config, service: TicketService) -> None:
        self._config = config
        self._service = service
        self._known: dict[int, tuple[str, str, str]] = {}

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None:
            data["role"] = Role.CLIENT
            return await handler(event, data)
        config: Config = data.get("config") or self._config
        role = role_of(user.id, config)
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


class _Guard(BaseMiddleware):
    """Inner middleware for one router: a matched handler runs only for the roles admitted.

    A stranger is told the bot's commands and buttons are for staff; a staff member without
    the right role, that this is for directors. Without a `role` (no RoleMiddleware) nobody
    is admitted.
    """

    name = "guard"

    @abstractmethod
    def admits(self, role: Role) -> bool:
        """Whether this role may use the router's handlers."""

    def attach(self, router: Router) -> Router:
        """Guard every message and button handler of `router` (and of routers included in it)."""
        router.message.middleware(self)
        router.callback_query.middleware(self)
        return router

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        role: Role = data.get("role", Role.CLIENT)
        if self.admits(role):
            return await handler(event, data)
        user = data.get("event_from_user")
        log.warning(
            "access.refused guard=%s user=%s role=%s event=%s",
            self.name,
            user.id if user else None,
            role.value,
            type(event).__name__,
        )
        texts: Texts = data["texts"]
        if isinstance(event, CallbackQuery):  # an alert only the presser sees
            await event.answer(texts(self._refusal(role, button=True)), show_alert=True)
        elif isinstance(event, Message) and event.chat.type == ChatType.PRIVATE:
            # In a customer group a refusal would be a public message about the company's
            # staff tools: the stranger's command is only logged there.
            await event.answer(texts(self._refusal(role, button=False)))
        return None

    @staticmethod
    def _refusal(role: Role, *, button: bool) -> str:
        if role.is_staff:
            return "directors_only"
        return "staff_only_button" if button else "staff_only_command"


class StaffOnly(_Guard):
    """Directors and managers."""

    name = "staff"

    def admits(self, role: Role) -> bool:
        return role.is_staff


class DirectorOnly(_Guard):
    """Directors: what changes the whole company's setup or shows the bot's own health."""

    name = "director"

    def admits(self, role: Role) -> bool:
        return role is Role.DIRECTOR


class IsStaff(Filter):
    async def __call__(self, event: TelegramObject, role: Role = Role.CLIENT) -> bool:
        return role.is_staff
