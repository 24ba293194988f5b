"""The client's side of a follow-up: "is everything fine now?", and an optional rating.

An answer is stored once, written into the ticket's conversation (so /ticket shows it) and,
when the client is not satisfied, reopens the ticket and decides the staff notice in the
same transaction: the answer, the reopening and the notice happen together or not at all.

A low rating (1-3) tells the ticket's owner and the directors too, as the "not really" notice
does, with its card's buttons. It is queued right after the rating is committed: the reminders
table that makes the "not really" notice crash-proof has no kind for a rating, so a crash in
that moment loses the notice, never the rating or its line in the history.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Collection
from datetime import datetime
from enum import StrEnum

import aiosqlite

from bot.clock import Clock, utc_now
from bot.core.ports import Notices
from bot.core.reminders import REPLYABLE_POST, Reminders, staff_recipients
from bot.core.tickets import TicketService
from bot.views.keyboards.card import card_keyboard
from bot.views.texts import Texts
from storage import events, followups, messages, tickets
from storage.db import Database
from storage.models import Ticket

log = logging.getLogger(__name__)

# Ratings up to this one are a complaint in their own right: the client is asked what went
# wrong and the ticket's people are told.
LOW_RATING = 3


def is_low(rating: int) -> bool:
    return rating <= LOW_RATING


class Outcome(StrEnum):
    STORED = "stored"
    ALREADY = "already"
    UNKNOWN = "unknown"  # no such follow-up, or it was not asked of this user


class FollowUps:
    def __init__(
        self,
        db: Database,
        service: TicketService,
        reminders_: Reminders,
        texts: Texts,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._service = service
        self._reminders = reminders_
        self._t = texts
        self._now = clock

    async def answer(self, followup_id: int, user_id: int, ok: bool) -> tuple[Outcome, int]:
        """(outcome, ticket id). "Not really" reopens the ticket and tells its people."""
        now = self._now()
        async with self._db.transaction() as conn:
            item = await followups.get(conn, followup_id)
            if item is None or item.chat_id != user_id:
                return Outcome.UNKNOWN, 0
            ticket = await tickets.get(conn, item.ticket_id)
            assert ticket is not None
            if not await followups.answer(conn, followup_id, "yes" if ok else "no", now):
                return Outcome.ALREADY, ticket.id
            key = "history_followup_yes" if ok else "history_followup_no"
            await self._history(conn, ticket.id, user_id, ticket.author_name, self._t(key), now)
            await events.add(
                conn, ticket.id, user_id, "followup_answer", "yes" if ok else "no", now
            )
            if not ok:
                fresh = await self._service.reopen_unhappy(conn, ticket, user_id, now)
                await self._reminders.mark_unhappy(conn, fresh, now)
        log.info("followup.answer ticket=%d ok=%s", ticket.id, ok)
        if not ok:
            await self._reminders.deliver(urgent_only=True)
        return Outcome.STORED, ticket.id

    async def rate(
        self,
        followup_id: int,
        user_id: int,
        rating: int,
        notices: Notices,
        directors: Collection[int],
    ) -> Outcome:
        """Store the rating once; a low one is also told to the owner and the directors."""
        now = self._now()
        async with self._db.transaction() as conn:
            item = await followups.get(conn, followup_id)
            if item is None or item.chat_id != user_id:
                return Outcome.UNKNOWN
            if not await followups.rate(conn, followup_id, rating, now):
                return Outcome.ALREADY
            ticket = await tickets.get(conn, item.ticket_id)
            assert ticket is not None
            text = self._t("history_rating", rating=rating)
            await self._history(conn, ticket.id, user_id, ticket.author_name, text, now)
            await events.add(conn, ticket.id, user_id, "followup_rating", str(rating), now)
        log.info("followup.rating ticket=%d rating=%d", item.ticket_id, rating)
        if is_low(rating):
            await self._tell_low_rating(followup_id, ticket, rating, notices, directors)
        return Outcome.STORED

    async def _tell_low_rating(
        self,
        followup_id: int,
        ticket: Ticket,
        rating: int,
        notices: Notices,
        directors: Collection[int],
    ) -> None:
        """The same people and buttons as the "not really" notice; at night, without sound."""
        owner = self._t("nobody")
        if ticket.owner_id is not None:
            member = await self._service.staff_member(ticket.owner_id)
            owner = member.display_name if member else str(ticket.owner_id)
        text = self._t(
            "remind_low_rating",
            id=ticket.id,
            author=ticket.author_name or "?",
            rating=rating,
            owner=owner,
        )
        markup = card_keyboard(ticket, self._t, can_assign=True)
        quiet = self._reminders.quiet()
        for chat in staff_recipients(ticket, list(directors), with_owner=True):
            await notices.send(
                chat,
                text,
                ticket_id=ticket.id,
                what="low_rating",
                reply_markup=markup,
                silent=quiet,
                post_kind=REPLYABLE_POST,
                dedupe_key=f"low_rating:{followup_id}:{chat}",
            )

    @staticmethod
    async def _history(
        conn: aiosqlite.Connection,
        ticket_id: int,
        user_id: int,
        author: str,
        text: str,
        now: datetime,
    ) -> None:
        await messages.add(
            conn,
            ticket_id=ticket_id,
            direction="in",
            author_id=user_id,
            author_name=author,
            text=html.unescape(text),
            now=now,
        )
