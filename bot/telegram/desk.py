"""The staff's actions, shared by commands, card buttons and typed replies.

Each action changes the ticket through the service, whose transaction also queues every
notification it causes (cards, the client's copy); this module only decides what to tell the
person who acted. Commands and buttons differ only in how they ask and how they answer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup, Message

from bot.clock import Clock, utc_now
from bot.core.events import Actor
from bot.core.phrase_check import Check
from bot.core.reply_checks import ReplyChecks
from bot.core.tickets import ClaimOutcome, TicketService
from bot.delivery.sender import Sender
from bot.delivery.signals import Delivery, delivery_result
from bot.views.date_mentions import mentioned_due
from bot.views.dates import DueParseError, format_due, is_far, parse_due, preset_due
from bot.views.keyboards.card import due_confirm_keyboard
from bot.views.keyboards.phrases import held_keyboard
from bot.views.phrases import render_held
from bot.views.texts import Texts
from storage.models import RootCause

log = logging.getLogger(__name__)

# How long a reply's sender waits to hear "delivered" before being told "on its way".
REPLY_WAIT_SECONDS = 5.0


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
        clock: Clock = utc_now,
    ) -> None:
        self._service = service
        self._sender = sender
        self._checks = checks
        self._t = texts
        self._tz = tz
        self._now = clock

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
            return Answer(self._t("reply_no_client", id=ticket_id))
        if content_type == "text":
            check = await self._checks.examine(ticket, text)
            if check.findings:
                return await self._hold(ticket_id, actor, "reply", text, check)
        result = await self.reply(ticket_id, actor, text, source, content_type)
        return await self._offer_due(ticket_id, text, result)

    async def offer_close(self, ticket_id: int, resolution: str | None, actor: Actor) -> Answer:
        """Close; a resolution the client will read is checked like a reply first."""
        ticket = await self._service.get(ticket_id)
        tells_client = ticket.client_chat_id is not None and not ticket.is_mention
        if resolution and tells_client and not ticket.is_closed:
            check = await self._checks.examine(ticket, resolution)
            if check.findings:
                return await self._hold(ticket_id, actor, "close", resolution, check)
        return Answer(await self.close(ticket_id, resolution, actor))

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
    ) -> str:
        ticket = await self._service.get(ticket_id)
        if ticket.client_chat_id is None:
            return self._t("reply_no_client", id=ticket_id)
        copy_from = None
        if source is not None and content_type != "text":
            copy_from = (source.chat.id, source.message_id)
        entry = await self._service.record_reply(ticket_id, text, actor, content_type, copy_from)
        outcome = await self._sender.wait_for(f"reply:{entry.id}", REPLY_WAIT_SECONDS)
        result = delivery_result(outcome)
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
        return Answer(await self._set_due(ticket_id, due, actor))

    async def confirm_due(self, ticket_id: int, minute: int, actor: Actor) -> str:
        """The answer to a far date's question: set it, or keep what there was (0)."""
        await self._service.get(ticket_id)
        if minute <= 0:
            return self._t("due_far_kept", id=ticket_id)
        due = datetime.fromtimestamp(minute * 60, UTC)
        if due <= self._now():
            shown = format_due(due, self._tz, self._now(), self._t.language)
            return self._t("due_past", text=shown)
        return await self._set_due(ticket_id, due, actor)

    async def set_due_preset(self, ticket_id: int, preset: str, actor: Actor) -> str:
        return await self._set_due(ticket_id, preset_due(preset, self._now(), self._tz), actor)

    async def _set_due(self, ticket_id: int, due: datetime, actor: Actor) -> str:
        await self._service.set_due(ticket_id, due, actor)
        shown = format_due(due, self._tz, self._now(), self._t.language)
        return self._t("due_set", id=ticket_id, due=shown)

    async def set_cause(self, ticket_id: int, cause: RootCause, actor: Actor) -> str:
        await self._service.set_root_cause(ticket_id, cause, actor)
        return self._t("cause_set", id=ticket_id, cause=self._t(f"cause_{cause.value}"))

    async def close(self, ticket_id: int, resolution: str | None, actor: Actor) -> str:
        done, ticket = await self._service.close(ticket_id, resolution, actor)
        if not done:
            return self._t("closed_already", id=ticket_id)
        if ticket.client_chat_id is None or ticket.is_mention:
            return self._t("closed_quietly", id=ticket_id)  # nobody to tell: say so
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
