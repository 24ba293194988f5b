"""What is due, and what to send for it: control dates, overdue escalations, first-response
nudges, follow-ups to clients and the notice when a client is not satisfied.

Nothing is kept in memory. Each tick runs two steps:

1. `decide`: one transaction asks storage which tickets have reached a moment with no mark yet
   and writes the marks (and the ticket's history) — so a reminder is decided exactly once,
   across restarts and clock jumps, whatever the clock does.
2. `deliver`: every decided reminder not yet handed to the outbox is rendered from the ticket
   as it is now and queued, then marked queued. After a crash between the two, the next tick
   finishes the job; the outbox's own record of the dedupe key keeps it from going out twice.

The planning functions are pure (ticket + names + now → messages) and unit-tested.

A control date is a promise. When one passes, the card says so (the due and overdue marks
redraw it), and once the owner moves the date (the reminder's +1 day, +3 days or a typed date)
the bot offers the client a prepared apology with the new date, in the first person and
without gendered verbs; it goes only when a person presses it (see `promise_text`).
"""

from __future__ import annotations

import asyncio
import html
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import aiosqlite
from aiogram.types import InlineKeyboardMarkup

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.events import Actor, TicketChanged
from bot.core.ports import Notices
from bot.core.quiet import in_quiet_hours
from bot.core.tickets import BUSINESS_SOURCE, DIRECT_SOURCE, TicketService
from bot.views.cards import format_delay
from bot.views.dates import DEFAULT_HOUR, format_due
from bot.views.keyboards.card import card_keyboard
from bot.views.keyboards.followups import followup_keyboard, followup_question
from bot.views.keyboards.reminders import reminder_keyboard
from bot.views.templates import client_date, first_name
from bot.views.texts import Texts
from storage import (
    events,
    followups,
    messages,
    outbox,
    reminders,
    scheduler_state,
    source_tags,
)
from storage.db import Database
from storage.models import Ticket

log = logging.getLogger(__name__)

PREVIEW = 300
REPLYABLE_POST = "view"  # a reply to a reminder answers the ticket's client


# --- pure rules -------------------------------------------------------------------------------


def postponed(due_at: datetime | None, now: datetime, days: int, tz: ZoneInfo) -> datetime:
    """`days` days from today at the control date's own hour, so "+1 day" on a 10:00 reminder
    means tomorrow 10:00 whether it is pressed at once or in the afternoon."""
    local_now = now.astimezone(tz)
    clock = due_at.astimezone(tz).time() if due_at else time(DEFAULT_HOUR)
    target = datetime.combine(local_now.date() + timedelta(days=days), clock, tzinfo=tz)
    return target.astimezone(UTC)


def promise_missed(ticket: Ticket, now: datetime) -> bool:
    """An open ticket whose control date has passed: a promise not kept (yet)."""
    return not ticket.is_closed and ticket.due_at is not None and ticket.due_at <= now


def can_tell_client(ticket: Ticket) -> bool:
    """Whether the bot may offer to write to the client about a date: someone who wrote to
    the bot directly. A mention's "client" is a group or a channel, never told of dates."""
    return not ticket.is_closed and ticket.client_chat_id is not None and not ticket.is_mention


def promise_text(ticket: Ticket, t: Texts, tz: ZoneInfo) -> str:
    """The client's message about a missed date and the new one, plain text as it will be sent:
    by name when the name reads as one, an apology owned in the first person (phrase guide R2,
    R11, R16), the new date as the client reads dates."""
    assert ticket.due_at is not None
    due = client_date(ticket.due_at, tz, ticket.created_at, t.language)
    name = first_name(ticket.author_name)
    if name:
        return html.unescape(t("promise_client", name=name, due=due))
    return html.unescape(t("promise_client_unnamed", due=due))


@dataclass(frozen=True)
class Outgoing:
    chat_id: int
    text: str
    markup: InlineKeyboardMarkup | None = None
    post_kind: str | None = None
    silent: bool = False


@dataclass(frozen=True)
class Situation:
    """What the planner needs beyond the ticket, gathered by the caller."""

    now: datetime
    directors: list[int]
    owner_name: str
    tz: ZoneInfo
    quiet: bool = False


def staff_recipients(ticket: Ticket, directors: list[int], with_owner: bool) -> list[int]:
    chats = sorted(directors)
    if with_owner and ticket.owner_id is not None and ticket.owner_id not in chats:
        chats.append(ticket.owner_id)
    return chats


def plan(
    kind: str, moment: datetime, ticket: Ticket, s: Situation, t: Texts, followup_id: int
) -> list[Outgoing]:
    """The messages one decided reminder stands for, or none when the ticket has moved on
    since it was decided (closed, answered, given another control date)."""
    author = ticket.author_name or "?"
    if kind in ("due", "overdue"):
        if ticket.is_closed or ticket.due_at != moment:
            return []
        due = format_due(moment, s.tz, s.now, t.language)
        values: dict[str, object] = {"id": ticket.id, "due": due, "author": author}
        if kind == "due":
            text = _preview(t, "remind_due", ticket.text, owner=s.owner_name, **values)
            if can_tell_client(ticket):
                text += "\n" + t("remind_promise_hint")
            chats = staff_recipients(ticket, s.directors, with_owner=True)
        else:
            delay = format_delay(s.now - moment, t)
            text = _preview(
                t, "remind_overdue", ticket.text, owner=s.owner_name, delay=delay, **values
            )
            chats = staff_recipients(ticket, s.directors, with_owner=False)
        markup = reminder_keyboard(ticket.id, t)
        return [Outgoing(chat, text, markup, REPLYABLE_POST) for chat in chats]
    if kind == "first_response":
        if ticket.is_closed or ticket.first_response_at is not None:
            return []
        text = _preview(
            t,
            "remind_first_response",
            ticket.text,
            id=ticket.id,
            author=author,
            owner=s.owner_name,
            delay=format_delay(s.now - ticket.created_at, t),
        )
        markup = card_keyboard(ticket, t, can_assign=True)
        chats = staff_recipients(ticket, s.directors, with_owner=False)
        return [Outgoing(chat, text, markup, REPLYABLE_POST) for chat in chats]
    if kind == "followup":
        if not ticket.is_closed or ticket.closed_at != moment or ticket.client_chat_id is None:
            return []
        text = followup_question(ticket, t)
        return [Outgoing(ticket.client_chat_id, text, followup_keyboard(followup_id, t))]
    if kind == "unhappy":
        text = t("remind_unhappy", id=ticket.id, author=author, owner=s.owner_name)
        markup = card_keyboard(ticket, t, can_assign=True)
        chats = staff_recipients(ticket, s.directors, with_owner=True)
        return [Outgoing(c, text, markup, REPLYABLE_POST, silent=s.quiet) for c in chats]
    return []


def _preview(t: Texts, key: str, raw: str, **values: object) -> str:
    """The reminder with the client's words shortened to a glance, escaped."""
    short = " ".join(raw.split())
    if len(short) > PREVIEW:
        short = short[: PREVIEW - 1] + "…"
    return t(key, text=short or "…", **values)


# --- the service --------------------------------------------------------------------------------


class Reminders:
    """Decides and delivers reminders on each tick; see the module docstring for why two steps."""

    URGENT = frozenset({"unhappy"})

    def __init__(
        self,
        db: Database,
        service: TicketService,
        notifier: Notices,
        texts: Texts,
        config: Config,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._service = service
        self._notifier = notifier
        self._t = texts
        self._config = config
        self._now = clock
        self._delivering = asyncio.Lock()

    def quiet(self, moment: datetime | None = None) -> bool:
        return in_quiet_hours(
            moment or self._now(), self._config.quiet_hours, self._config.timezone
        )

    async def decide(self, now: datetime) -> datetime:
        """Mark everything that has come due; returns the scheduler's epoch."""
        config = self._config
        async with self._db.transaction() as conn:
            start = await scheduler_state.epoch(conn, now)
            for ticket in await reminders.control_date_passed(conn, "due", now):
                assert ticket.due_at is not None
                if await self._mark(conn, ticket, "due", ticket.due_at, now):
                    await self._notifier.publish(conn, TicketChanged(ticket))  # "срок подошёл"
            overdue_before = now - timedelta(hours=config.overdue_hours)
            for ticket in await reminders.control_date_passed(conn, "overdue", overdue_before):
                assert ticket.due_at is not None
                if await self._mark(conn, ticket, "overdue", ticket.due_at, now):
                    await self._notifier.publish(conn, TicketChanged(ticket))  # "пропущен на …"
            created_before = now - timedelta(minutes=config.first_response_minutes)
            for ticket in await reminders.unanswered(conn, created_before):
                await self._mark(conn, ticket, "first_response", ticket.created_at, now)
            wait = timedelta(days=config.follow_up_days)
            for ticket in await reminders.to_follow_up(
                conn, DIRECT_SOURCE, now - wait, start - wait
            ):
                await self._ask(conn, ticket, now)
            for ticket in await reminders.to_follow_up(
                conn, BUSINESS_SOURCE, now - wait, start - wait
            ):
                await self._ask_in_bot(conn, ticket, now)
            for ticket in await reminders.to_follow_up_outside(conn, now - wait, start - wait):
                await self._ask_outside(conn, ticket, now)
        return start

    async def _mark(
        self, conn: aiosqlite.Connection, ticket: Ticket, kind: str, moment: datetime, now: datetime
    ) -> int | None:
        reminder_id = await reminders.mark(conn, ticket.id, kind, moment, now)
        if reminder_id is not None:
            detail = moment.isoformat(timespec="minutes")
            await events.add(conn, ticket.id, None, f"reminder_{kind}", detail, now)
            log.info("reminder.decided kind=%s ticket=%d id=%d", kind, ticket.id, reminder_id)
        return reminder_id

    async def _ask(self, conn: aiosqlite.Connection, ticket: Ticket, now: datetime) -> None:
        """The follow-up goes into the conversation too, so /ticket shows what was asked."""
        assert ticket.closed_at is not None and ticket.client_chat_id is not None
        reminder_id = await self._mark(conn, ticket, "followup", ticket.closed_at, now)
        if reminder_id is None:
            return
        await followups.add(conn, reminder_id, ticket.id, ticket.client_chat_id)
        await messages.add(
            conn,
            ticket_id=ticket.id,
            direction="out",
            author_id=None,
            author_name=html.unescape(self._t("followup_author")),
            text=html.unescape(followup_question(ticket, self._t)),
            now=now,
        )

    async def _ask_in_bot(self, conn: aiosqlite.Connection, ticket: Ticket, now: datetime) -> None:
        """A complaint from a director's personal chat is followed up in the bot (days later
        the bot may no longer write in that chat), if the client started it; otherwise
        nobody is asked, and the ticket's history says why."""
        assert ticket.client_chat_id is not None and ticket.closed_at is not None
        if await source_tags.start_of(conn, ticket.client_chat_id) is not None:
            await self._ask(conn, ticket, now)
            return
        reminder_id = await self._mark(conn, ticket, "followup", ticket.closed_at, now)
        if reminder_id is None:
            return
        await reminders.set_queued(conn, reminder_id, now)  # nothing to send
        await events.add(conn, ticket.id, None, "followup_skipped", "no bot", now)
        log.info("followup.skipped ticket=%d: the client never started the bot", ticket.id)

    async def _ask_outside(self, conn: aiosqlite.Connection, ticket: Ticket, now: datetime) -> None:
        """A client who wrote by mail or on the web page is asked there: the question stands
        on their status page, and goes by mail when they have an address; their answer (a
        letter in the thread, a message on the page) reopens the ticket."""
        assert ticket.closed_at is not None
        reminder_id = await self._mark(conn, ticket, "followup", ticket.closed_at, now)
        if reminder_id is None:
            return
        await reminders.set_queued(conn, reminder_id, now)  # the letter goes via the outbox
        entry = await messages.add(
            conn,
            ticket_id=ticket.id,
            direction="out",
            author_id=None,
            author_name=html.unescape(self._t("followup_author")),
            text=html.unescape(followup_question(ticket, self._t)),
            now=now,
        )
        await self._notifier.queue_followup_letter(conn, ticket, entry.id)

    async def mark_unhappy(self, conn: aiosqlite.Connection, ticket: Ticket, now: datetime) -> None:
        """Called inside the client's answer's transaction: the staff notice is decided with it."""
        await self._mark(conn, ticket, "unhappy", now, now)

    async def deliver(self, *, urgent_only: bool = False) -> int:
        """Queue every decided reminder that is not queued yet; returns how many were handled.

        During quiet hours only urgent ones (a client who is not satisfied) go out, silently.
        """
        async with self._delivering:
            async with self._db.read() as conn:
                waiting = await reminders.unqueued(conn)
            handled = 0
            for item in waiting:
                if urgent_only and item.kind not in self.URGENT:
                    continue
                await self._deliver_one(item)
                handled += 1
            return handled

    async def _deliver_one(self, item: reminders.Reminder) -> None:
        now = self._now()
        ticket = await self._service.get(item.ticket_id)
        situation = Situation(
            now=now,
            directors=sorted(self._config.director_ids),
            owner_name=await self._owner_name(ticket.owner_id),
            tz=self._config.timezone,
            quiet=self.quiet(now),
        )
        for out in plan(item.kind, item.moment, ticket, situation, self._t, item.id):
            key = f"rem:{item.id}:{out.chat_id}"
            async with self._db.read() as conn:
                if await outbox.state_by_key(conn, key) is not None:
                    continue  # queued before a crash: never twice
            await self._notifier.send(
                out.chat_id,
                out.text,
                ticket_id=ticket.id,
                what=f"reminder_{item.kind}",
                reply_markup=out.markup,
                silent=out.silent,
                post_kind=out.post_kind,
                dedupe_key=key,
            )
        async with self._db.transaction() as conn:
            await reminders.set_queued(conn, item.id, now)

    async def postpone(self, ticket_id: int, days: int, actor: Actor) -> str:
        ticket = await self._service.get(ticket_id)
        if ticket.is_closed:
            return self._t("closed_already", id=ticket_id)
        now = self._now()
        due = postponed(ticket.due_at, now, days, self._config.timezone)
        await self._service.set_due(ticket_id, due, actor)
        shown = format_due(due, self._config.timezone, now, self._t.language)
        return self._t("due_set", id=ticket_id, due=shown)

    async def _owner_name(self, owner_id: int | None) -> str:
        if owner_id is None:
            return self._t("nobody")
        member = await self._service.staff_member(owner_id)
        return member.display_name if member else str(owner_id)
