"""The company's own reply templates: stored, listed, changed by directors.

Who may change them is the handlers' business (bot/telegram/access.py decides roles); what a
template may say is bot/views/templates.py's (`check_title`, `check_body`). This service keeps
the one rule that needs the database: how many there may be, counted in the same transaction
that adds one, so two directors adding at once cannot pass the limit together.
"""

from __future__ import annotations

import logging

from bot.clock import Clock, utc_now
from bot.core.events import Actor
from bot.views.templates import COMPANY_LIMIT
from storage import templates
from storage.db import Database
from storage.templates import CompanyTemplate

log = logging.getLogger(__name__)

MAX_ID = 2**63 - 1  # SQLite's largest rowid: a longer number from a forged button names none


class ReplyTemplates:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self._db = db
        self._now = clock

    async def company(self) -> list[CompanyTemplate]:
        async with self._db.read() as conn:
            return await templates.all_templates(conn)

    async def get(self, template_id: int) -> CompanyTemplate | None:
        if not 1 <= template_id <= MAX_ID:
            return None
        async with self._db.read() as conn:
            return await templates.get(conn, template_id)

    async def add(self, title: str, body: str, actor: Actor) -> CompanyTemplate | None:
        """The new template; None when the company already has COMPANY_LIMIT of them."""
        async with self._db.transaction() as conn:
            if await templates.count(conn) >= COMPANY_LIMIT:
                return None
            template_id = await templates.add(conn, title, body, actor.user_id, self._now())
            added = await templates.get(conn, template_id)
        log.info("templates.added id=%d by=%d", template_id, actor.user_id)
        return added

    async def edit(
        self, template_id: int, title: str | None, body: str, actor: Actor
    ) -> CompanyTemplate | None:
        """The template as changed (its title kept unless one is given); None if there is none."""
        if not 1 <= template_id <= MAX_ID:
            return None
        async with self._db.transaction() as conn:
            now = self._now()
            if not await templates.update(conn, template_id, title, body, actor.user_id, now):
                return None
            edited = await templates.get(conn, template_id)
        log.info("templates.edited id=%d by=%d", template_id, actor.user_id)
        return edited

    async def delete(self, template_id: int, actor: Actor) -> CompanyTemplate | None:
        """The template that was deleted; None if there was none."""
        if not 1 <= template_id <= MAX_ID:
            return None
        async with self._db.transaction() as conn:
            found = await templates.get(conn, template_id)
            if found is not None:
                await templates.delete(conn, template_id)
        if found is not None:
            log.info("templates.deleted id=%d by=%d", template_id, actor.user_id)
        return found
