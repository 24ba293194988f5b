"""The team group's chat id as it is now, which is not always the configured one.

Telegram gives a group a new id when it becomes a supergroup (it grows, or an admin turns on
a setting only supergroups have). The old id then answers every call with "group chat was
upgraded to a supergroup chat" and the new id. The bot follows the move, keeps the new id in
the database so a restart still uses it, and everything that names the team chat (who sees
a card, where owners are picked, which group is not a customer group, /health) asks this
object instead of TEAM_CHAT_ID.
"""

from __future__ import annotations

import logging

import aiosqlite

from storage import settings
from storage.db import Database

log = logging.getLogger(__name__)


def _setting(configured: int) -> str:
    return f"team_chat_moved:{configured}"


class TeamChat:
    def __init__(self, configured: int | None) -> None:
        self.configured = configured
        self._current = configured

    @property
    def id(self) -> int | None:
        return self._current

    @property
    def moved(self) -> bool:
        return self._current != self.configured

    def is_team(self, chat_id: int | None) -> bool:
        return chat_id is not None and chat_id == self._current

    async def load(self, db: Database) -> None:
        """Take up a move recorded before this start."""
        if self.configured is None:
            return
        async with db.read() as conn:
            stored = await settings.get(conn, _setting(self.configured))
        if stored is not None:
            self._current = int(stored)
            log.info("team_chat.moved configured=%d now=%s", self.configured, stored)

    async def record_move(self, conn: aiosqlite.Connection, old: int, new: int) -> bool:
        """Store that the team chat `old` is now `new`, inside the caller's transaction;
        False when `old` is not the team chat (a customer group moved, say). Call `follow`
        once the transaction is committed."""
        if old != self._current or self.configured is None:
            return False
        await settings.set(conn, _setting(self.configured), str(new))
        return True

    def follow(self, new: int) -> None:
        log.warning("team_chat.moved old=%s new=%d", self._current, new)
        self._current = new
