"""The staff's actions, shared by commands, card buttons and typed replies.

Each action changes the ticket through the service, whose transaction also queues every
notification it causes (cards, the client's copy); this module only decides what to tell the
person who acted. Commands and buttons differ only in how they ask and how they answer.

Closing asks for the root cause first when the company requires one and the ticket has none:
the picker's choice sets the cause and then closes, with the resolution typed with /close kept
as a parked draft meanwhile. A control date moved after it was missed offers, in one tap, a
prepared apology with the new date to the client; nothing is sent unless that tap is made.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import aiosqlite
from aiogram.types import InlineKeyboardMarkup, Message

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.business import BusinessChats
from bot.core.events import Actor
from bot.core.phrase_check import Check
from bot.core.ports import Notices
from bot.core.recurring import RecurringCauses
from bot.core.reminders import can_tell_client, promise_missed, promise_text
from bot.core.reply_checks import ReplyChecks
from bot.core.tickets import (
    ClaimOutcome,
    TicketService,
    mail_address,
    needs_cause,
    reply_channel,
)
from bot.delivery.sender import Sender
from bot.delivery.signals import Delivery, delivery_result
from bot.views.cards import cause_label
from bot.views.date_mentions import mentioned_due
from bot.views.dates import DueParseError, format_due, is_far, parse_due, preset_due
from bot.views.keyboards.card import close_cause_keyboard, due_confirm_keyboard
from bot.views.keyboards.phrases import held_keyboard, via_bot_keyboard
from bot.views.keyboards.reminders import promise_keyboard
from bot.views.phrases import render_held
from bot.views.texts import Html, Texts
from storage.models import RootCause, Ticket

log = logging.getLogger(__name__)

# How long a reply's sender waits to hear "delivered" before being told "on its way".
REPLY_WAIT_SECONDS = 5.0
# The word an "other" cause keeps: a word or two, on one line, for the card and the report.
NOTE_LIMIT = 60


def cause_note(raw: str) -> str | None:
    """The staff's word for an "other" cause, on one line and short; None when empty."""
    note = " ".join(raw.split())[:NOTE_LIMIT].strip()
    return note or None


@dataclass(frozen=True)
class Closing:
    """What closing needs from the configuration and the notifier: whether a root cause is
    required (ROOT_CAUSE_REQUIRED) and who hears of a cause that keeps coming back. Built once
    in the composition root and given to the Desk."""

    cause_required: bool
    notices: Notices

    @classmethod
    def of(cls, config: Config, notices: Notices) -> Closing:
        return cls(config.root_cause_required, notices)


@dataclass(frozen=True)
class Answer:
    """What the person who acted is told, with buttons when a choice is left to them."""

    text: str
    markup: InlineKeyboardMarkup | None = None


class Desk:
    def __init__(
        self,
        service: TicketService,
        sender: Sender,
        checks: ReplyChecks,
        texts: Texts,
        tz: ZoneInfo,
        closing: Closing,
        business: BusinessChats,
        clock: Clock = utc_now,
        *,
        mail_enabled: bool = False,
    ) -> None:
        self._service = service
        self._business = business
        self._mail_enabled = mail_enabled
        self._sender = sender
        self._checks = checks
        self._closing = closing
        self._t = texts
        self._tz = tz
        self._now = clock
        self._recurring = RecurringCauses(texts, tz)

    async def offer_reply(
        self,
        ticket_id: int,
        actor: Actor,
        text: str,
        source: Message | None = None,
        content_type: str = "text",
    ) -> Answer:
        """A staff reply on its way to the client: checked first. Nothing noticed: it goes at
        once, no extra tap. Something noticed: it is held, and its author sees what and a
        suggested rewrite, with buttons to send either or write again."""
        ticket = await self._service.get(ticket_id)
        if ticket.client_chat_id is None:
            refused = self._outside_refusal(ticket, content_type)
            if refused is not None:
                return Answer(refused)
        if ticket.inbox is not None:
            refused = await self._business_refusal(ticket, actor, text, content_type)
            if refused is not None:
                return refused
        if content_type == "text":
            check = await self._checks.examine(ticket, text)
            if check.findings:
                return await self._hold(ticket_id, actor, "reply", text, check)
        result = await self.reply(ticket_id, actor, text, source, content_type)
        return await self._offer_due(ticket_id, text, result)

    async def _business_refusal(
        self, ticket: Ticket, actor: Actor, text: str, content_type: str
    ) -> Answer | None:
        """Why a reply cannot go into the director's personal chat now, said plainly, with
        the ways that remain: writing there by hand, or (a client who started the bot)
        answering in the bot, in one tap. None: it can go."""
        route = await self._business.route(ticket)
        if route.ok:
            if content_type != "text":
                return Answer(self._t("business_reply_text_only", id=ticket.id))
            return None
        now = self._now()
        if route.reason == "window":
            assert route.closed_at is not None
            when = format_due(route.closed_at, self._tz, now, self._t.language)
            said = self._t("business_reply_window_closed", id=ticket.id, when=when)
        else:
            said = self._t(f"business_reply_off_{route.reason}", id=ticket.id)
        if not route.client_has_bot or content_type != "text" or not text.strip():
            return Answer(said + "\n" + self._t("business_reply_by_hand"))
        draft_id = await self._checks.park(ticket.id, actor.user_id, "reply", text)
        said += "\n" + self._t("business_reply_by_hand_or_bot")
        return Answer(said, via_bot_keyboard(draft_id, self._t))

    def _outside_refusal(self, ticket: Ticket, content_type: str = "text") -> str | None:
        """Why a reply to a client outside Telegram cannot be taken (None: it can): a review
        is answered on its site, a letter needs the mail server, files do not go there."""
        channel = reply_channel(ticket)
        if channel == "review":
            if ticket.link:
                return self._t("reply_review_elsewhere", id=ticket.id, link=ticket.link)
            return self._t("reply_review_elsewhere_nolink", id=ticket.id)
        if channel is None:
            return self._t("reply_no_client", id=ticket.id)
        if channel == "email" and not self._mail_enabled:
            return self._t("reply_no_mail", id=ticket.id, contact=ticket.contact or "—")
        if content_type != "text":
            return self._t("reply_text_only", id=ticket.id)
        return None

    async def nothing_to_ask(self, ticket_id: int) -> str | None:
        """Said at once when Reply is pressed on a ticket whose answer could go nowhere from
        the bot (the director's chat is closed to it and the client has no bot): nobody
        types a reply only to hear it cannot be sent. None: ask for the reply."""
        ticket = await self._service.get(ticket_id)
        if ticket.client_chat_id is None and reply_channel(ticket) != "telegram":
            return self._outside_refusal(ticket)
        if ticket.inbox is None or ticket.client_chat_id is None:
            return None
        route = await self._business.route(ticket)
        if route.ok or route.client_has_bot:
            return None
        refused = await self._business_refusal(ticket, Actor(0, ""), "", "text")
        return refused.text if refused is not None else None

    async def send_via_bot(self, draft_id: int, actor: Actor) -> Answer | None:
        """The reply the director's chat no longer took, sent in the bot's own chat with
        the client; None when that tap was made already."""
        draft = await self._checks.take_parked(draft_id)
        if draft is None:
            return None
        result = await self.reply(draft.ticket_id, actor, draft.text, via_bot=True)
        return Answer(result)

    async def offer_close(self, ticket_id: int, resolution: str | None, actor: Actor) -> Answer:
        """Close; without a root cause where one is required, ask for it first (the typed
        resolution waits, parked); a resolution the client will read is checked like a reply."""
        ticket = await self._service.get(ticket_id)
        if needs_cause(ticket, self._closing.cause_required):
            draft_id = 0
            if resolution:
                draft_id = await self._checks.park(ticket_id, actor.user_id, "close", resolution)
            return self.cause_question(ticket_id, draft_id, "m")
        return await self._checked_close(ticket, resolution, actor)

    async def close_or_ask(self, ticket_id: int, actor: Actor, where: str) -> Answer:
        """Close without a resolution (a card's or a reminder's button); an Answer with buttons
        is the cause picker to show in place of the pressed ones instead."""
        ticket = await self._service.get(ticket_id)
        if needs_cause(ticket, self._closing.cause_required):
            return self.cause_question(ticket_id, 0, where)
        return Answer(await self.close(ticket_id, None, actor))

    def cause_question(self, ticket_id: int, draft_id: int, where: str) -> Answer:
        return Answer(
            self._t("close_cause_first", id=ticket_id),
            close_cause_keyboard(ticket_id, draft_id, where, self._t),
        )

    async def cause_then_close(
        self,
        ticket_id: int,
        cause: RootCause,
        draft_id: int,
        actor: Actor,
        note: str | None = None,
    ) -> Answer:
        """The cause picked on the way to closing: set it, then close with the resolution
        parked as `draft_id` (0: none), which is checked like any resolution. A second tap
        finds the draft used and changes nothing."""
        resolution = None
        if draft_id:
            draft = await self._checks.take_parked(draft_id)
            if draft is None or draft.ticket_id != ticket_id:
                return Answer(self._t("close_pending_used", id=ticket_id))
            resolution = draft.text
        said = await self.set_cause(ticket_id, cause, actor, note)
        ticket = await self._service.get(ticket_id)
        closed = await self._checked_close(ticket, resolution, actor)
        return Answer(said + "\n" + closed.text, closed.markup)

    async def _checked_close(self, ticket: Ticket, resolution: str | None, actor: Actor) -> Answer:
        channel = reply_channel(ticket)
        tells_client = channel in ("telegram", "email", "web") and not ticket.is_mention
        if resolution and tells_client and not ticket.is_closed:
            check = await self._checks.examine(ticket, resolution)
            if check.findings:
                return await self._hold(ticket.id, actor, "close", resolution, check)
        return Answer(await self.close(ticket.id, resolution, actor))

    async def decide(self, draft_id: int, use_suggestion: bool, actor: Actor) -> Answer | None:
        """Send a held reply (or close with a held resolution) as written or as suggested;
        None when it was sent or dropped already."""
        choice = "suggested" if use_suggestion else "as_is"
        draft = await self._checks.take(draft_id, actor.user_id, choice)
        if draft is None:
            return None
        text = draft.suggestion if use_suggestion and draft.suggestion else draft.text
        if draft.purpose == "close":
            return Answer(await self.close(draft.ticket_id, text, actor))
        result = await self.reply(draft.ticket_id, actor, text)
        return await self._offer_due(draft.ticket_id, text, result)

    async def rewrite(self, draft_id: int, actor: Actor) -> tuple[int, str] | None:
        """Drop a held reply to write it again: (ticket, the prompt kind to ask with)."""
        draft = await self._checks.take(draft_id, actor.user_id, "rewrite")
        if draft is None:
            return None
        return draft.ticket_id, "prompt_close" if draft.purpose == "close" else "prompt_reply"

    async def _hold(
        self, ticket_id: int, actor: Actor, purpose: str, text: str, check: Check
    ) -> Answer:
        draft_id = await self._checks.hold(ticket_id, actor.user_id, purpose, text, check)
        return Answer(
            render_held(ticket_id, check.findings, check.suggestion, self._t),
            held_keyboard(draft_id, check.suggestion is not None, self._t),
        )

    async def _offer_due(self, ticket_id: int, text: str, result: str) -> Answer:
        """A reply that promises a date ("в пятницу до 18:00") offers to make it the control
        date, in one tap; nothing changes unless pressed."""
        now = self._now()
        due = mentioned_due(text, now, self._tz, self._t.language)
        if due is None:
            return Answer(result)
        ticket = await self._service.get(ticket_id)
        if ticket.is_closed or (ticket.due_at is not None and ticket.due_at == due):
            return Answer(result)
        shown = format_due(due, self._tz, now, self._t.language)
        minute = int(due.timestamp() // 60)
        return Answer(
            result + "\n\n" + self._t("reply_due_offer", id=ticket_id, due=shown),
            due_confirm_keyboard(ticket_id, minute, shown, self._t),
        )

    async def reply(
        self,
        ticket_id: int,
        actor: Actor,
        text: str,
        source: Message | None = None,
        content_type: str = "text",
        *,
        via_bot: bool = False,
    ) -> str:
        ticket = await self._service.get(ticket_id)
        if ticket.client_chat_id is None:
            refused = self._outside_refusal(ticket, content_type)
            if refused is not None:
                return refused
        copy_from = None
        if source is not None and content_type != "text":
            copy_from = (source.chat.id, source.message_id)
        entry = await self._service.record_reply(
            ticket_id, text, actor, content_type, copy_from, via_bot=via_bot
        )
        web = reply_channel(ticket) == "web"
        if web and not (self._mail_enabled and mail_address(ticket)):
            return self._t("reply_on_page", id=ticket_id, contact=ticket.contact or "—")
        outcome = await self._sender.wait_for(f"reply:{entry.id}", REPLY_WAIT_SECONDS)
        result = delivery_result(outcome)
        if web and result.status is Delivery.DELIVERED:
            return self._t("reply_on_page_mailed", id=ticket_id)
        if result.status is Delivery.QUEUED:
            return self._t("reply_queued", id=ticket_id)
        if result.status is Delivery.DELIVERED:
            return self._t("reply_delivered", id=ticket_id)
        if result.status is Delivery.BLOCKED:
            return self._t("reply_blocked", id=ticket_id)
        return self._t("reply_failed", id=ticket_id, reason=result.reason)

    async def claim(self, ticket_id: int, actor: Actor) -> str:
        outcome, ticket = await self._service.claim(ticket_id, actor)
        if outcome is ClaimOutcome.CLAIMED:
            return self._t("claimed", id=ticket_id)
        if outcome is ClaimOutcome.CLOSED:
            return self._t("claim_closed", id=ticket_id)
        owner = await self._owner_name(ticket.owner_id)
        return self._t("claim_taken", id=ticket_id, owner=owner)

    async def assign(self, ticket_id: int, owner_id: int, actor: Actor) -> str:
        await self._service.assign(ticket_id, owner_id, actor)
        return self._t("assigned", id=ticket_id, owner=await self._owner_name(owner_id))

    async def set_due_text(self, ticket_id: int, text: str, actor: Actor) -> Answer:
        """Set a typed control date; one more than a year ahead is only proposed, with
        buttons to confirm it."""
        await self._service.get(ticket_id)
        now = self._now()
        try:
            due = parse_due(text, now, self._tz)
        except DueParseError as error:
            key = "due_past" if str(error) == "past" else "due_unparsed"
            return Answer(self._t(key, text=text[:100]))
        if is_far(due, now):
            shown = format_due(due, self._tz, now, self._t.language)
            minute = int(due.timestamp() // 60)
            return Answer(
                self._t("due_far_confirm", id=ticket_id, due=shown),
                due_confirm_keyboard(ticket_id, minute, shown, self._t),
            )
        said, offer = await self._set_due(ticket_id, due, actor)
        if offer is None:
            return Answer(said)
        return Answer(said + "\n\n" + offer.text, offer.markup)

    async def confirm_due(self, ticket_id: int, minute: int, actor: Actor) -> str:
        """The answer to a far date's question: set it, or keep what there was (0). No new
        date is offered to the client here: this date came from what was just written."""
        await self._service.get(ticket_id)
        if minute <= 0:
            return self._t("due_far_kept", id=ticket_id)
        due = datetime.fromtimestamp(minute * 60, UTC)
        if due <= self._now():
            shown = format_due(due, self._tz, self._now(), self._t.language)
            return self._t("due_past", text=shown)
        said, _ = await self._set_due(ticket_id, due, actor)
        return said

    async def set_due_preset(
        self, ticket_id: int, preset: str, actor: Actor
    ) -> tuple[str, Answer | None]:
        """What to say, and the offer to tell the client the new date when one was missed."""
        return await self._set_due(ticket_id, preset_due(preset, self._now(), self._tz), actor)

    async def _set_due(
        self, ticket_id: int, due: datetime, actor: Actor
    ) -> tuple[str, Answer | None]:
        before = await self._service.get(ticket_id)
        await self._service.set_due(ticket_id, due, actor)
        shown = format_due(due, self._tz, self._now(), self._t.language)
        return self._t("due_set", id=ticket_id, due=shown), await self.promise_offer(before, actor)

    # --- promises: a missed control date, and the client told of the new one ---------------

    async def promise_offer(self, before: Ticket, actor: Actor) -> Answer | None:
        """After the control date of `before` was missed and a new one set: the apology with
        the new date, prepared for the client and parked, with one button to send it. None
        when the promise was not missed or nobody can be written to."""
        now = self._now()
        if not promise_missed(before, now) or not can_tell_client(before):
            return None
        ticket = await self._service.get(before.id)
        if ticket.is_closed or ticket.due_at is None or ticket.due_at <= now:
            return None
        text = promise_text(ticket, self._t, self._tz)
        draft_id = await self._checks.park(ticket.id, actor.user_id, "reply", text)
        minute = int(ticket.due_at.timestamp() // 60)
        return Answer(
            self._t("promise_offer", id=ticket.id, text=text),
            promise_keyboard(draft_id, minute, self._t),
        )

    async def tell_promise(self, draft_id: int, minute: int, actor: Actor) -> str | None:
        """Send the prepared new-date message as shown, once, as the presser's reply; None
        when it was sent already. A date changed since the offer sends nothing."""
        draft = await self._checks.take_parked(draft_id)
        if draft is None:
            return None
        ticket = await self._service.get(draft.ticket_id)
        if ticket.is_closed:
            return self._t("closed_already", id=ticket.id)
        if ticket.due_at is None or int(ticket.due_at.timestamp() // 60) != minute:
            return self._t("promise_outdated", id=ticket.id)
        return await self.reply(ticket.id, actor, draft.text)

    # --- root causes ---------------------------------------------------------------------

    async def set_cause(
        self,
        ticket_id: int,
        cause: RootCause,
        actor: Actor,
        note: str | None = None,
    ) -> str:
        """Set or change the cause; a cause that completes a recurring group tells the
        directors in the same transaction."""

        async def recurring(conn: aiosqlite.Connection, ticket: Ticket, now: datetime) -> None:
            await self._recurring.check(conn, ticket, now, notices=self._closing.notices)

        ticket = await self._service.set_root_cause(ticket_id, cause, actor, note, then=recurring)
        self._closing.notices.wake()
        return self._t("cause_set", id=ticket_id, cause=Html(cause_label(ticket, self._t)))

    async def close(self, ticket_id: int, resolution: str | None, actor: Actor) -> str:
        done, ticket = await self._service.close(ticket_id, resolution, actor)
        if not done:
            return self._t("closed_already", id=ticket_id)
        channel = reply_channel(ticket)
        if ticket.is_mention or channel in (None, "review"):
            return self._t("closed_quietly", id=ticket_id)  # nobody to tell: say so
        if channel == "web" and not (self._mail_enabled and mail_address(ticket)):
            return self._t("closed_on_page", id=ticket_id)
        if channel == "email" and not self._mail_enabled:
            return self._t("closed_untold", id=ticket_id)
        return self._t("closed", id=ticket_id)

    async def reopen(self, ticket_id: int, actor: Actor) -> str:
        await self._service.reopen(ticket_id, actor)
        return self._t("reopened", id=ticket_id)

    async def note(self, ticket_id: int, text: str, actor: Actor) -> str:
        await self._service.add_note(ticket_id, text, actor)
        return self._t("note_saved", id=ticket_id)

    async def _owner_name(self, owner_id: int | None) -> str:
        if owner_id is None:
            return self._t("nobody")
        member = await self._service.staff_member(owner_id)
        return member.display_name if member else str(owner_id)
