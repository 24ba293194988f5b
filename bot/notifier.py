"""Everything the bot sends to someone other than the user who just acted goes through here:
cards, relays of client messages, staff replies to clients, assignments.

Keeping it in one place is what lets delivery guarantees be strengthened later without touching
handlers. A failure for one recipient never stops the others; it is logged with the ticket id.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import ForceReply, InlineKeyboardMarkup, Message, ReplyParameters

from bot.cards import CardFacts, fill_and_split, fill_to_fit, fit_escaped, render_card
from bot.config import Config
from bot.keyboards import card_keyboard
from bot.texts import Html, Texts
from bot.tickets import Actor, Clock, EditResult, Intake, TicketService, utc_now
from storage.models import ConversationEntry, Post, Ticket

log = logging.getLogger(__name__)

T = TypeVar("T")
CAPTIONED = frozenset({"photo", "video", "document", "audio", "voice", "animation"})
CAPTION_LIMIT = 1024
EDIT_SIDE_LIMIT = 1800


class Delivery(StrEnum):
    DELIVERED = "delivered"
    BLOCKED = "blocked"
    FAILED = "failed"
    NO_CLIENT = "no_client"


@dataclass(frozen=True)
class DeliveryResult:
    status: Delivery
    reason: str = ""


def is_not_modified(error: TelegramBadRequest) -> bool:
    return "message is not modified" in error.message


def is_gone(error: TelegramBadRequest) -> bool:
    text = error.message.lower()
    return "message to edit not found" in text or "message can't be edited" in text


class Notifier:
    def __init__(
        self,
        bot: Bot,
        service: TicketService,
        texts: Texts,
        config: Config,
        clock: Clock = utc_now,
        quiet: Callable[[], bool] = lambda: False,
    ) -> None:
        """`quiet` says whether it is quiet hours now: cards still go out, without sound."""
        self._quiet = quiet
        self._bot = bot
        self._service = service
        self._t = texts
        self._config = config
        self._now = clock
        self._locks: dict[int, asyncio.Lock] = {}

    @property
    def timezone(self) -> ZoneInfo:
        return self._config.timezone

    # --- who sees a ticket ---------------------------------------------------------------

    def audience(self, ticket: Ticket) -> list[int]:
        """Directors, the team chat and the owner: everyone who must see the card."""
        chats = sorted(self._config.director_ids)
        if self._config.team_chat_id is not None:
            chats.append(self._config.team_chat_id)
        if ticket.owner_id is not None and ticket.owner_id not in chats:
            chats.append(ticket.owner_id)
        return chats

    def can_assign_in(self, chat_id: int) -> bool:
        return chat_id in self._config.director_ids or chat_id == self._config.team_chat_id

    # --- cards ---------------------------------------------------------------------------

    async def render(self, ticket: Ticket, chat_id: int) -> tuple[str, InlineKeyboardMarkup]:
        count, failed = await self._service.summary(ticket.id)
        owner = None
        if ticket.owner_id is not None:
            member = await self._service.staff_member(ticket.owner_id)
            owner = member.display_name if member else str(ticket.owner_id)
        facts = CardFacts(owner_name=owner, message_count=count, last_reply_failed=failed)
        text = render_card(ticket, facts, self._t, self._config.timezone, self._now())
        markup = card_keyboard(ticket, self._t, can_assign=self.can_assign_in(chat_id))
        return text, markup

    async def sync_card(self, ticket: Ticket) -> None:
        """Post the card where it is missing and edit it in place everywhere it already is."""
        lock = self._locks.setdefault(ticket.id, asyncio.Lock())
        async with lock:
            ticket = await self._service.get(ticket.id)
            posted = await self._service.posts_for(ticket.id, "card")
            have = {post.chat_id for post in posted}
            for post in posted:
                await self._edit_card(ticket, post)
            for chat_id in self.audience(ticket):
                if chat_id not in have:
                    await self._post_card(ticket, chat_id)
        if not lock.locked():
            self._locks.pop(ticket.id, None)

    async def _post_card(self, ticket: Ticket, chat_id: int) -> Message | None:
        text, markup = await self.render(ticket, chat_id)
        sent = await self._safely(
            ticket.id,
            chat_id,
            "card",
            partial(
                self._bot.send_message,
                chat_id,
                text,
                reply_markup=markup,
                disable_notification=self._quiet(),
            ),
        )
        if sent is not None:
            await self._service.add_post(chat_id, sent.message_id, ticket.id, "card")
        return sent

    async def _edit_card(self, ticket: Ticket, post: Post) -> None:
        text, markup = await self.render(ticket, post.chat_id)
        try:
            await self._bot.edit_message_text(
                text=text, chat_id=post.chat_id, message_id=post.message_id, reply_markup=markup
            )
        except TelegramBadRequest as error:
            if is_not_modified(error):
                return
            if is_gone(error):
                log.info("card.gone ticket=%d chat=%d: reposting", ticket.id, post.chat_id)
                await self._service.forget_post(post.chat_id, post.message_id)
                await self._post_card(ticket, post.chat_id)
                return
            log.warning("card.edit_failed ticket=%d chat=%d: %s", ticket.id, post.chat_id, error)
        except TelegramAPIError as error:
            log.warning("card.edit_failed ticket=%d chat=%d: %s", ticket.id, post.chat_id, error)

    async def card_message_id(self, ticket_id: int, chat_id: int) -> int | None:
        for post in await self._service.posts_for(ticket_id, "card"):
            if post.chat_id == chat_id:
                return post.message_id
        return None

    # --- client → staff ------------------------------------------------------------------

    async def announce_intake(self, intake: Intake, source_message: Message) -> None:
        """A new ticket gets its card; a later message is relayed under the existing card."""
        if intake.duplicate:
            return
        await self.sync_card(intake.ticket)
        if intake.opened and intake.entry.content_type == "text":
            return
        for chat_id in self.audience(intake.ticket):
            if intake.reopened:
                notice = self._t("relay_reopened", id=intake.ticket.id)
                await self._to_staff(intake.ticket.id, chat_id, notice)
            await self._relay(intake.ticket, intake.entry, source_message, chat_id)

    async def _relay(
        self, ticket: Ticket, entry: ConversationEntry, source: Message, chat_id: int
    ) -> None:
        card_id = await self.card_message_id(ticket.id, chat_id)
        reply = (
            ReplyParameters(message_id=card_id, allow_sending_without_reply=True)
            if card_id
            else None
        )
        author = ticket.author_name or "?"
        call: Callable[[], Awaitable[Any]]
        if entry.content_type == "text":
            text = fill_to_fit(
                self._t, "relay_text", "text", entry.text, id=ticket.id, author=author
            )
            call = partial(self._bot.send_message, chat_id, text, reply_parameters=reply)
        else:
            caption: str | None = None
            if entry.content_type in CAPTIONED:
                caption = fill_to_fit(
                    self._t,
                    "relay_text",
                    "text",
                    entry.text,
                    CAPTION_LIMIT,
                    id=ticket.id,
                    author=author,
                )
            call = partial(
                self._bot.copy_message,
                chat_id,
                source.chat.id,
                source.message_id,
                caption=caption,
                reply_parameters=reply,
            )
        sent = await self._safely(ticket.id, chat_id, "relay", call)
        if sent is not None:
            await self._service.add_post(chat_id, sent.message_id, ticket.id, "relay")

    async def announce_edit(self, edit: EditResult) -> None:
        await self.sync_card(edit.ticket)
        old, _ = fit_escaped(edit.old_text, EDIT_SIDE_LIMIT)
        text = fill_to_fit(
            self._t,
            "relay_edit",
            "new",
            edit.new_text[:EDIT_SIDE_LIMIT],
            id=edit.ticket.id,
            author=edit.ticket.author_name or "?",
            old=Html(old),
        )
        for chat_id in self.audience(edit.ticket):
            card_id = await self.card_message_id(edit.ticket.id, chat_id)
            reply = (
                ReplyParameters(message_id=card_id, allow_sending_without_reply=True)
                if card_id
                else None
            )
            sent = await self._safely(
                edit.ticket.id,
                chat_id,
                "edit",
                partial(self._bot.send_message, chat_id, text, reply_parameters=reply),
            )
            if sent is not None:
                await self._service.add_post(chat_id, sent.message_id, edit.ticket.id, "relay")

    # --- staff → client ------------------------------------------------------------------

    async def deliver_reply(
        self, ticket: Ticket, entry: ConversationEntry, actor: Actor, source: Message | None
    ) -> DeliveryResult:
        """Send a staff reply to the client; the reply is already in the history."""
        if ticket.client_chat_id is None:
            return DeliveryResult(Delivery.NO_CLIENT)
        chat_id = ticket.client_chat_id
        try:
            if source is not None and entry.content_type != "text":
                await self._bot.copy_message(chat_id, source.chat.id, source.message_id)
            else:
                for part in fill_and_split(
                    self._t, "client_reply", "text", entry.text, name=actor.name
                ):
                    await self._bot.send_message(chat_id, part)
        except TelegramForbiddenError as error:
            await self._service.mark_undelivered(entry, "blocked")
            log.info("reply.blocked ticket=%d chat=%d: %s", ticket.id, chat_id, error.message)
            return DeliveryResult(Delivery.BLOCKED)
        except TelegramAPIError as error:
            await self._service.mark_undelivered(entry, error.message)
            log.warning("reply.failed ticket=%d chat=%d: %s", ticket.id, chat_id, error.message)
            return DeliveryResult(Delivery.FAILED, error.message)
        log.info("reply.delivered ticket=%d chat=%d", ticket.id, chat_id)
        return DeliveryResult(Delivery.DELIVERED)

    async def tell_client_resolved(self, ticket: Ticket) -> None:
        if ticket.client_chat_id is None:
            return
        resolution = ""
        if ticket.resolution:
            resolution = Html(
                fill_to_fit(self._t, "client_resolution", "text", ticket.resolution, 3500)
            )
        text = self._t("client_resolved", id=ticket.id, resolution=resolution)
        await self._safely(
            ticket.id,
            ticket.client_chat_id,
            "resolved",
            partial(self._bot.send_message, ticket.client_chat_id, text),
        )

    async def tell_owner_assigned(self, ticket: Ticket, actor: Actor) -> None:
        if ticket.owner_id is None or ticket.owner_id == actor.user_id:
            return
        await self._to_staff(
            ticket.id, ticket.owner_id, self._t("assigned_you", actor=actor.name, id=ticket.id)
        )

    async def prompt(
        self, chat_id: int, ticket_id: int, kind: str, text: str, placeholder: str
    ) -> None:
        """Ask for typed input with force-reply; the answer is routed by this prompt's id."""
        sent = await self._bot.send_message(
            chat_id,
            text,
            reply_markup=ForceReply(
                force_reply=True, selective=True, input_field_placeholder=placeholder[:64]
            ),
        )
        await self._service.add_post(chat_id, sent.message_id, ticket_id, kind)

    # --- plumbing ------------------------------------------------------------------------

    async def send(
        self,
        chat_id: int,
        text: str,
        *,
        ticket_id: int | None = None,
        what: str = "notice",
        reply_markup: InlineKeyboardMarkup | None = None,
        silent: bool = False,
        post_kind: str | None = None,
    ) -> Message | None:
        """Send one HTML message to someone other than the actor (reminders, digests, alerts).

        `text` must already be valid HTML (built with Texts). With `post_kind` the sent message
        is recorded as a post of the ticket, so replies to it and its buttons route back.
        Returns None when the recipient could not be reached; that is logged, not raised.
        """
        sent = await self._safely(
            ticket_id or 0,
            chat_id,
            what,
            partial(
                self._bot.send_message,
                chat_id,
                text,
                reply_markup=reply_markup,
                disable_notification=silent,
            ),
        )
        if sent is not None and ticket_id is not None and post_kind is not None:
            await self._service.add_post(chat_id, sent.message_id, ticket_id, post_kind)
        return sent

    async def _to_staff(self, ticket_id: int, chat_id: int, text: str) -> None:
        await self.send(chat_id, text, ticket_id=ticket_id)

    async def _safely(
        self, ticket_id: int, chat_id: int, what: str, call: Callable[[], Awaitable[T]]
    ) -> T | None:
        """One recipient's failure (blocked, chat not found) is logged and skipped, not raised."""
        try:
            result = await call()
        except TelegramAPIError as error:
            log.warning(
                "notify.failed what=%s ticket=%d chat=%d error=%s: %s",
                what,
                ticket_id,
                chat_id,
                type(error).__name__,
                error.message,
            )
            return None
        log.info("notify.sent what=%s ticket=%d chat=%d", what, ticket_id, chat_id)
        return result
