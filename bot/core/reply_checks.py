"""The phrase check between a staff member's reply and the client: what it found, the drafts
it holds back, the flags a director switched off, and the record of every choice.

The check itself (`phrase_check.check_reply`) is pure; this service adds what it needs from
the database: whether this is the first answer to a complaint, which flags are off for the
company, and a durable draft for a held reply, so "send as is" works after a restart too.
"""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.clock import Clock, utc_now
from bot.core.phrase_check import FLAGS, Check, check_reply
from bot.views.templates import first_name
from storage import events, reply_drafts, settings
from storage.db import Database
from storage.models import Ticket
from storage.reply_drafts import Draft

log = logging.getLogger(__name__)

DISABLED_SETTING = "phrase_check_off"


def is_first_answer_to_complaint(ticket: Ticket) -> bool:
    """A client who wrote to the bot complains unless a director said otherwise; a mention
    counts when the detector or the director called it a complaint."""
    if ticket.first_response_at is not None or ticket.verdict == "not_complaint":
        return False
    return not ticket.is_mention or "complaint" in (ticket.verdict, ticket.mention_kind)


class ReplyChecks:
    def __init__(self, db: Database, language: str, clock: Clock = utc_now) -> None:
        self._db = db
        self._language = language
        self._now = clock

    async def disabled(self) -> frozenset[str]:
        async with self._db.read() as conn:
            stored = await settings.get(conn, DISABLED_SETTING)
        return frozenset(flag for flag in (stored or "").split(",") if flag in FLAGS)

    async def switch(self, flag: str, on: bool) -> frozenset[str]:
        """Turn one flag on or off for the whole company; the flags now off."""
        async with self._db.transaction() as conn:
            stored = await settings.get(conn, DISABLED_SETTING)
            off = {f for f in (stored or "").split(",") if f in FLAGS}
            if on:
                off.discard(flag)
            elif flag in FLAGS:
                off.add(flag)
            await settings.set(conn, DISABLED_SETTING, ",".join(sorted(off)))
        log.info("phrase_check.switch flag=%s on=%s", flag, on)
        return frozenset(off)

    async def examine(self, ticket: Ticket, text: str) -> Check:
        return check_reply(
            text,
            language=self._language,
            first_reply=is_first_answer_to_complaint(ticket),
            disabled=await self.disabled(),
            client_name=first_name(ticket.author_name),
        )

    async def hold(
        self, ticket_id: int, actor_id: int, purpose: str, text: str, check: Check
    ) -> int:
        """Keep the reply until its author chooses; the flags go into the ticket's trail."""
        now = self._now()
        async with self._db.transaction() as conn:
            draft_id = await self._keep(conn, ticket_id, actor_id, purpose, text, check, now)
            await events.add(
                conn, ticket_id, actor_id, "phrase_check", f"held {','.join(check.flags)}", now
            )
        log.info("phrase_check.held ticket=%d draft=%d flags=%s", ticket_id, draft_id, check.flags)
        return draft_id

    @staticmethod
    async def _keep(
        conn: aiosqlite.Connection,
        ticket_id: int,
        actor_id: int,
        purpose: str,
        text: str,
        check: Check | None,
        now: datetime,
    ) -> int:
        return await reply_drafts.add(
            conn,
            ticket_id=ticket_id,
            actor_id=actor_id,
            purpose=purpose,
            text=text,
            suggestion=check.suggestion if check else None,
            flags=check.flags if check else (),
            now=now,
        )

    async def take(self, draft_id: int, actor_id: int, choice: str) -> Draft | None:
        """The held reply, once, with the choice made recorded; None if already used."""
        now = self._now()
        async with self._db.transaction() as conn:
            draft = await reply_drafts.take(conn, draft_id, now)
            if draft is not None:
                detail = f"{choice} {','.join(draft.flags)}"
                await events.add(conn, draft.ticket_id, actor_id, "phrase_check", detail, now)
        return draft

    # --- texts kept for one more step (a close waiting for its cause, a prepared message) ---

    async def park(self, ticket_id: int, actor_id: int, purpose: str, text: str) -> int:
        """Keep a text the check has not held, until its author's next tap decides it: a
        resolution typed with /close while the cause is still to be picked, or a message
        the bot prepared for the client (a new date). It lives in the drafts table, so the
        tap works after a restart and only once; nothing goes into the phrase check's trail,
        because the check did not stop it."""
        async with self._db.transaction() as conn:
            draft_id = await self._keep(conn, ticket_id, actor_id, purpose, text, None, self._now())
        log.info("draft.parked ticket=%d draft=%d purpose=%s", ticket_id, draft_id, purpose)
        return draft_id

    async def take_parked(self, draft_id: int) -> Draft | None:
        """The parked text, once; None if it was used already (a second tap)."""
        async with self._db.transaction() as conn:
            return await reply_drafts.take(conn, draft_id, self._now())
