"""The ticket service: every rule about tickets, over storage, with no Telegram in it, and the
one writer of ticket rows.

Every insert or update of a ticket goes through here. Most methods are one transaction of
their own; the few that take `conn` run inside a caller's transaction (a mention stored with
its source's seen-mark, a follow-up answer with its reopening), so that the change, its
history and the notifications it causes (through `Fanout`) commit together or not at all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import aiosqlite

from bot.clock import Clock, utc_now
from bot.core.business import off_reason
from bot.core.events import (
    Actor,
    Assigned,
    ClientEdited,
    ClientWrote,
    EditResult,
    ExternalMessage,
    IncomingMessage,
    Intake,
    NewMention,
    ReplyRecorded,
    Resolved,
    StaffRemoved,
    TicketChanged,
    TicketEvent,
)
from bot.core.ports import Fanout
from collectors.complaints import classify
from storage import (
    attachments,
    business,
    director_settings,
    events,
    messages,
    outbox,
    posts,
    source_tags,
    staff,
    tickets,
)
from storage.db import Database
from storage.models import (
    ConversationEntry,
    Event,
    Post,
    Role,
    RootCause,
    StaffMember,
    Ticket,
)

log = logging.getLogger(__name__)

DIRECT_SOURCE = "telegram"
BUSINESS_SOURCE = "business"  # a client who wrote to a director's personal account
# A deep-link tag counts for a ticket opened this long after the client started the bot
# from that link (scanned the poster, then wrote).
TAG_FRESH = timedelta(days=7)


# SQLite's largest integer: a number past it (a forged button, a typo of forty digits) names
# no ticket, and binding it would raise OverflowError deep in a query.
MAX_TICKET_ID = 2**63 - 1


def known_id(ticket_id: int) -> int:
    """The id itself when a ticket could have it; TicketNotFound at once otherwise."""
    if not 1 <= ticket_id <= MAX_TICKET_ID:
        raise TicketNotFound(ticket_id)
    return ticket_id


EMAIL_RE = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def mail_address(ticket: Ticket) -> str | None:
    """The client's e-mail address: a letter's sender, or what the web form's contact field
    holds when it is an address."""
    if ticket.source in ("email", "web") and ticket.contact:
        contact = ticket.contact.strip()
        if EMAIL_RE.fullmatch(contact):
            return contact
    return None


def satisfied(text: str) -> bool:
    """Whether an answer to "is everything fine now?" says yes: plain thanks or praise with
    no grievance in it, read from the client's own lines (a quoted letter below is not
    theirs)."""
    own = []
    for line in text.splitlines():
        if line.lstrip().startswith(">") or line.strip().startswith("-----"):
            break
        own.append(line)
    verdict = classify("\n".join(own))
    return verdict.kind == "praise" and not verdict.card


def reply_channel(ticket: Ticket) -> str | None:
    """Where an answer to the client goes: "telegram" (the bot's chat, a director's personal
    chat, a group's thread), "email", "web" (the client's status page, and mail when they
    left an address), "review" (nowhere from here: a review is answered on its site), or
    None (a feed item: nobody to answer)."""
    if ticket.client_chat_id is not None:
        return "telegram"
    if ticket.source.startswith("review:"):
        return "review"
    if ticket.source == "email" and mail_address(ticket):
        return "email"
    if ticket.source == "web":
        return "web"
    return None


def external_id(chat_id: int, message_id: int, inbox: int | None) -> str:
    """A client ticket's key: the message that opened it, in its conversation."""
    own = f"{chat_id}:{message_id}"
    return own if inbox is None else f"{inbox}:{own}"


async def _store_line(
    conn: aiosqlite.Connection,
    ticket_id: int,
    direction: str,
    msg: IncomingMessage,
    now: datetime,
    *,
    author: tuple[int, str] | None = None,
    inbox: int | None = None,
) -> ConversationEntry:
    """A Telegram message in a ticket's history, by its (chat, message id) in its
    conversation: the client's own ("in"), or the director's typed in their personal chat
    ("out", with `author`)."""
    user_id, name = author or (msg.user_id, msg.author_name)
    return await messages.add(
        conn,
        ticket_id=ticket_id,
        direction=direction,
        author_id=user_id,
        author_name=name,
        text=msg.text,
        now=now,
        chat_id=msg.chat_id,
        message_id=msg.message_id,
        content_type=msg.content_type,
        file_id=msg.file_id,
        inbox=inbox if author else msg.inbox,
    )


async def _store_external(
    conn: aiosqlite.Connection, ticket_id: int, msg: ExternalMessage, now: datetime
) -> tuple[ConversationEntry, tuple[int, ...]]:
    """A letter or web message in a ticket's history, with the files it brought."""
    entry = await messages.add(
        conn,
        ticket_id=ticket_id,
        direction="in",
        author_id=None,
        author_name=msg.author_name,
        text=msg.text,
        now=now,
        mail_id=msg.mail_id,
    )
    stored = []
    for file in msg.attachments:
        stored.append(
            await attachments.add(
                conn,
                ticket_id=ticket_id,
                entry_id=entry.id,
                filename=file.filename,
                content_type=file.content_type,
                size=file.size,
                data=file.data,
                now=now,
            )
        )
    return entry, tuple(stored)


class TicketNotFound(LookupError):
    """Raised for a ticket number that does not exist; handlers answer it in one place."""

    def __init__(self, ticket_id: int) -> None:
        super().__init__(f"ticket {ticket_id} not found")
        self.ticket_id = ticket_id


# Runs inside the transaction that set a root cause, with the ticket as it now is: the
# recurring-cause check, whose alarm must commit with the cause that caused it.
AfterCause = Callable[[aiosqlite.Connection, Ticket, datetime], Awaitable[object]]


def needs_cause(ticket: Ticket, required: bool) -> bool:
    """Closing asks for the root cause first when the company wants one named for every
    complaint (ROOT_CAUSE_REQUIRED) and this ticket has none yet: the cause is what a director
    fixes the process by, and it is known best by whoever closes. A closed ticket asks
    nothing: there is nothing left to close."""
    return required and ticket.root_cause is None and not ticket.is_closed


class ClaimOutcome(StrEnum):
    CLAIMED = "claimed"
    TAKEN = "taken"
    CLOSED = "closed"


@dataclass(frozen=True)
class History:
    ticket: Ticket
    entries: list[ConversationEntry]
    events: list[Event]
    earlier_versions: dict[int, list[str]]


class TicketService:
    def __init__(
        self,
        db: Database,
        *,
        reopen_within: timedelta,
        fanout: Fanout,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._reopen_within = reopen_within
        self._planner = fanout
        self._now = clock

    # --- clients -------------------------------------------------------------------------

    async def intake_client_message(self, msg: IncomingMessage) -> Intake:
        """Join the client's open ticket, reopen a recently resolved one, or open a new one.

        One conversation is one line of tickets: the bot's chat with the client, or the
        client's chat with a director's personal account (`msg.inbox`). The (chat, message
        id, inbox) triple is the idempotency key: a redelivered update changes nothing.
        """
        now = self._now()
        async with self._db.transaction() as conn:
            seen = await messages.find_incoming(conn, msg.chat_id, msg.message_id, msg.inbox)
            if seen is not None:
                ticket = await tickets.get(conn, seen.ticket_id)
                assert ticket is not None
                return Intake(ticket, seen, opened=False, reopened=False, duplicate=True)
            ticket = await tickets.latest_for_client(conn, msg.chat_id, msg.inbox)
            opened = False
            ticket, reopened = await self._reopen_if_recent(conn, ticket, msg.user_id, now)
            went_on = None
            if msg.inbox is None and ticket is None:
                went_on = await tickets.continued_in_bot(conn, msg.chat_id)
            if went_on is not None:
                ticket = went_on  # a business case that went on in the bot stays one case
                await tickets.touch(conn, ticket.id, now)  # the director's chat stays shut
            elif ticket is None:
                ticket = await self._open_direct(conn, msg, now)
                opened = True
            if went_on is None:
                await tickets.client_wrote(conn, ticket.id, now, msg.sent_at)
            if msg.inbox is None:
                await source_tags.record_start(conn, msg.user_id, None, now)  # has the bot
            entry = await _store_line(conn, ticket.id, "in", msg, now)
            fresh = await tickets.get(conn, ticket.id)
            assert fresh is not None
            result = Intake(
                fresh, entry, opened=opened, reopened=reopened, duplicate=False, album=msg.album
            )
            await self._planner.publish(conn, ClientWrote(result))
        log.info(
            "ticket.intake id=%d opened=%s reopened=%s chat=%d inbox=%s",
            fresh.id,
            opened,
            reopened,
            msg.chat_id,
            msg.inbox,
        )
        return result

    async def _open_direct(
        self, conn: aiosqlite.Connection, msg: IncomingMessage, now: datetime
    ) -> Ticket:
        """A new ticket for a client's conversation; one written to the bot after a start
        from a poster's link keeps the poster's tag (and its title, for the card)."""
        source = DIRECT_SOURCE if msg.inbox is None else BUSINESS_SOURCE
        tag = title = None
        if msg.inbox is None:
            start = await source_tags.start_of(conn, msg.user_id)
            fresh = start is not None and start.tagged_at and now - start.tagged_at <= TAG_FRESH
            if start is not None and start.tag and fresh:
                tag = start.tag
                title = await source_tags.title(conn, tag) or tag
        external = external_id(msg.chat_id, msg.message_id, msg.inbox)
        ticket = await tickets.insert(
            conn,
            source=source,
            external_id=external,
            author_id=msg.user_id,
            author_name=msg.author_name,
            client_chat_id=msg.chat_id,
            text=msg.text,
            link=None,
            now=now,
            inbox=msg.inbox,
            source_tag=tag,
            source_title=title,
        )
        assert ticket is not None
        await events.add(conn, ticket.id, msg.user_id, "opened", tag or source, now)
        return ticket

    # --- clients outside Telegram (letters, review notices, the web page) ----------------

    async def intake_external(self, msg: ExternalMessage) -> Intake:
        """A letter or a web message: joins the ticket it answers (a letter's In-Reply-To or
        References, the status page's ticket), reopens it within REOPEN_HOURS of closing,
        or opens a new ticket. (source, external id) is the idempotency key."""
        now = self._now()
        async with self._db.transaction() as conn:
            same = await tickets.by_external_id(conn, msg.source, msg.external_id)
            if same is None and msg.mail_id:
                # a letter stored in a thread before a crash, fetched again
                found = await messages.letter_in_thread(conn, (msg.mail_id,))
                same = await tickets.get(conn, found[0]) if found else None
            if same is not None:
                entry = (await messages.for_ticket(conn, same.id))[0]
                return Intake(same, entry, opened=False, reopened=False, duplicate=True)
            ticket, always = await self._thread_of(conn, msg)
            opened = False
            to_followup = always and msg.ticket_id is None  # a letter answering our question
            if to_followup and ticket is not None and ticket.is_closed and satisfied(msg.text):
                # "всё хорошо, спасибо" to our follow-up: kept, not reopened
                return await self._keep_on_closed(conn, ticket, msg, now)
            ticket, reopened = await self._reopen_if_recent(conn, ticket, None, now, always)
            if ticket is None:
                ticket = await self._open_external(conn, msg, now)
                opened = True
            else:
                await tickets.client_wrote(conn, ticket.id, now)
            entry, stored = await _store_external(conn, ticket.id, msg, now)
            fresh = await tickets.get(conn, ticket.id)
            assert fresh is not None
            result = Intake(fresh, entry, opened, reopened, False, attachments=stored)
            await self._planner.publish(conn, ClientWrote(result))
        log.info(
            "ticket.external id=%d source=%s opened=%s reopened=%s files=%d",
            fresh.id,
            msg.source,
            opened,
            reopened,
            len(stored),
        )
        return result

    async def _reopen_if_recent(
        self,
        conn: aiosqlite.Connection,
        ticket: Ticket | None,
        user_id: int | None,
        now: datetime,
        always: bool = False,
    ) -> tuple[Ticket | None, bool]:
        """A client writing again: a ticket closed within REOPEN_HOURS (or `always`) opens
        again, (ticket, True); one closed longer ago is done with, (None, False)."""
        if ticket is None or not ticket.is_closed:
            return ticket, False
        closed_at = ticket.closed_at or ticket.updated_at
        if not always and now - closed_at > self._reopen_within:
            return None, False
        await tickets.reopen(conn, ticket.id, now)
        await events.add(conn, ticket.id, user_id, "reopened", "client wrote", now)
        return ticket, True

    async def _keep_on_closed(
        self, conn: aiosqlite.Connection, ticket: Ticket, msg: ExternalMessage, now: datetime
    ) -> Intake:
        """A satisfied answer to our follow-up: in the closed ticket's history, relayed to
        the staff (they like to know), the ticket left closed."""
        entry, stored = await _store_external(conn, ticket.id, msg, now)
        await events.add(conn, ticket.id, None, "followup_answer", "satisfied", now)
        result = Intake(ticket, entry, False, False, False, attachments=stored)
        await self._planner.publish(conn, ClientWrote(result))
        return result

    async def _thread_of(
        self, conn: aiosqlite.Connection, msg: ExternalMessage
    ) -> tuple[Ticket | None, bool]:
        """The ticket a message continues, and whether it reopens that ticket whenever it
        comes: the status page's own ticket (the client is on it), or a letter's thread when
        it answers a letter we wrote after closing (the follow-up question). A letter joins
        only a ticket with the same address: a stranger quoting an old letter does not get
        into someone else's case."""
        if msg.ticket_id is not None:
            return await tickets.get(conn, msg.ticket_id), True
        found = await messages.letter_in_thread(conn, msg.answers)
        if found is None:
            return None, False
        ticket = await tickets.get(conn, found[0])
        if ticket is None or (ticket.contact or "").lower() != (msg.contact or "").lower():
            return None, False
        after_closing = ticket.closed_at is not None and found[1] >= ticket.closed_at
        return ticket, after_closing

    async def _open_external(
        self, conn: aiosqlite.Connection, msg: ExternalMessage, now: datetime
    ) -> Ticket:
        ticket = await tickets.insert(
            conn,
            source=msg.source,
            external_id=msg.external_id,
            author_id=None,
            author_name=msg.author_name,
            client_chat_id=None,
            text=msg.text,
            link=msg.link,
            now=now,
            source_tag=msg.source_tag,
            source_title=msg.source_title,
            contact=msg.contact,
            web_token=msg.web_token,
            rating=msg.rating,
        )
        assert ticket is not None
        await events.add(conn, ticket.id, None, "opened", msg.source_tag or msg.source, now)
        await tickets.client_wrote(conn, ticket.id, now)
        return ticket

    async def by_web_token(self, token_hash: str) -> Ticket | None:
        async with self._db.read() as conn:
            return await tickets.by_web_token(conn, token_hash)

    async def record_client_edit(
        self, chat_id: int, message_id: int, new_text: str, inbox: int | None = None
    ) -> EditResult | None:
        """Keep both versions; the ticket's own text follows its first message."""
        now = self._now()
        async with self._db.transaction() as conn:
            entry = await messages.find_incoming(conn, chat_id, message_id, inbox)
            if entry is None or entry.text == new_text:
                return None
            await messages.record_edit(conn, entry, new_text, now)
            ticket = await tickets.get(conn, entry.ticket_id)
            assert ticket is not None
            if ticket.external_id == external_id(chat_id, message_id, inbox):
                await tickets.set_text(conn, ticket.id, new_text, now)
            await events.add(conn, ticket.id, entry.author_id, "client_edit", "", now)
            ticket = await tickets.get(conn, entry.ticket_id)
            assert ticket is not None
            result = EditResult(ticket, entry.text, new_text, entry.id)
            await self._planner.publish(conn, ClientEdited(result))
        return result

    # --- mentions (inside the intake's transaction) -----------------------------------------

    async def open_mention(
        self, conn: aiosqlite.Connection, mention: NewMention, now: datetime
    ) -> Ticket | None:
        """Store a mention as a ticket with its history; its card is queued when it is routed
        to a card. None when the same (source, external id) was stored before."""
        inserted = await tickets.insert(
            conn,
            source=mention.source,
            external_id=mention.external_id,
            author_id=mention.author_id,
            author_name=mention.author_name,
            client_chat_id=mention.chat_id,
            text=mention.text,
            link=mention.link,
            now=now,
        )
        if inserted is None:
            return None
        await tickets.set_mention_fields(
            conn,
            inserted.id,
            matched_keyword=mention.keyword,
            mention_kind=mention.kind,
            dedupe_key=mention.dedupe_key,
            source_title=mention.source_title,
            source_message_id=mention.message_id,
            mention_route=mention.route,
            possible_markers=mention.possible_markers,
            routed_by=mention.routed_by,
        )
        await events.add(conn, inserted.id, mention.author_id, "opened", mention.source, now)
        await messages.add(
            conn,
            ticket_id=inserted.id,
            direction="in",
            author_id=mention.author_id,
            author_name=mention.author_name,
            text=mention.text,
            now=now,
            chat_id=mention.chat_id,
            message_id=mention.message_id,
        )
        ticket = await tickets.get(conn, inserted.id)
        assert ticket is not None
        if mention.route == "card":
            await self._planner.publish(conn, TicketChanged(ticket))
        return ticket

    async def set_verdict(self, ticket_id: int, complaint: bool, actor: Actor) -> Ticket:
        """Keep the director's decision with the ticket. A mention waiting for the summary
        (or already summarised) that the director calls a complaint joins the loop at once:
        its card goes out. "Not a complaint" closes the ticket as such — left open it would
        count as an unanswered complaint in reminders and reports; the verdict event says why
        it closed. The client hears nothing: no Resolved, only the card is redrawn."""
        known_id(ticket_id)
        now = self._now()
        verdict = "complaint" if complaint else "not_complaint"
        async with self._db.transaction() as conn:
            ticket = await tickets.get(conn, ticket_id)
            if ticket is None:
                raise TicketNotFound(ticket_id)
            changed = await tickets.set_verdict(conn, ticket_id, verdict, now)
            if changed:
                await events.add(conn, ticket_id, actor.user_id, "verdict", verdict, now)
            if complaint and ticket.mention_route in ("summary", "summarized"):
                await tickets.set_route(conn, ticket_id, "card")
            if not complaint and await tickets.close(conn, ticket_id, None, now):
                await events.add(conn, ticket_id, actor.user_id, "closed", verdict, now)
            if complaint and changed and ticket.is_closed and ticket.verdict == "not_complaint":
                # the director changed their mind: the ticket closed as "not a complaint" reopens
                await tickets.reopen(conn, ticket_id, now)
                await events.add(conn, ticket_id, actor.user_id, "reopened", verdict, now)
            ticket = await tickets.get(conn, ticket_id)
            assert ticket is not None
            if ticket.mention_route not in ("summary", "summarized"):
                await self._planner.publish(conn, TicketChanged(ticket))
        log.info("mention.verdict id=%d verdict=%s actor=%d", ticket_id, verdict, actor.user_id)
        return ticket

    async def mark_summarized(self, ticket_ids: list[int]) -> None:
        async with self._db.transaction() as conn:
            await tickets.mark_summarized(conn, ticket_ids)

    # --- follow-ups (inside the answer's transaction) ---------------------------------------

    async def reopen_unhappy(
        self, conn: aiosqlite.Connection, ticket: Ticket, user_id: int, now: datetime
    ) -> Ticket:
        """A client answered "not really": the ticket is open again and everyone sees it."""
        if ticket.is_closed:
            await tickets.reopen(conn, ticket.id, now)
            await events.add(conn, ticket.id, user_id, "reopened", "follow-up", now)
        fresh = await tickets.get(conn, ticket.id)
        assert fresh is not None
        await self._planner.publish(conn, TicketChanged(fresh))
        return fresh

    # --- staff actions -------------------------------------------------------------------

    async def get(self, ticket_id: int) -> Ticket:
        known_id(ticket_id)
        async with self._db.read() as conn:
            ticket = await tickets.get(conn, ticket_id)
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return ticket

    async def claim(self, ticket_id: int, actor: Actor) -> tuple[ClaimOutcome, Ticket]:
        known_id(ticket_id)
        now = self._now()
        async with self._db.transaction() as conn:
            won = await tickets.claim(conn, ticket_id, actor.user_id, now)
            if won:
                await events.add(conn, ticket_id, actor.user_id, "claimed", "", now)
            ticket = await tickets.get(conn, ticket_id)
            if won and ticket is not None:
                await self._planner.publish(conn, TicketChanged(ticket))
        if ticket is None:
            raise TicketNotFound(ticket_id)
        if won:
            return ClaimOutcome.CLAIMED, ticket
        return (ClaimOutcome.CLOSED if ticket.is_closed else ClaimOutcome.TAKEN), ticket

    async def assign(self, ticket_id: int, owner_id: int, actor: Actor) -> Ticket:
        return await self._update(
            ticket_id,
            actor,
            "assigned",
            str(owner_id),
            lambda conn, now: tickets.set_owner(conn, ticket_id, owner_id, now),
        )

    async def set_due(self, ticket_id: int, due_at: datetime, actor: Actor) -> Ticket:
        return await self._update(
            ticket_id,
            actor,
            "due_set",
            due_at.isoformat(timespec="minutes"),
            lambda conn, now: tickets.set_due(conn, ticket_id, due_at, now),
        )

    async def set_root_cause(
        self,
        ticket_id: int,
        cause: RootCause,
        actor: Actor,
        note: str | None = None,
        *,
        then: AfterCause | None = None,
    ) -> Ticket:
        """Set or change the cause (OTHER with the staff's word in `note`). `then` runs in the
        same transaction with the updated ticket, so an alarm it queues and the cause that
        raised it commit together or not at all."""
        known_id(ticket_id)
        now = self._now()
        note = note if cause is RootCause.OTHER and note else None
        async with self._db.transaction() as conn:
            if await tickets.get(conn, ticket_id) is None:
                raise TicketNotFound(ticket_id)
            await tickets.set_root_cause(conn, ticket_id, cause, now, note)
            detail = f"{cause.value}: {note}" if note else cause.value
            await events.add(conn, ticket_id, actor.user_id, "root_cause", detail, now)
            ticket = await tickets.get(conn, ticket_id)
            assert ticket is not None
            await self._planner.publish(conn, TicketChanged(ticket))
            if then is not None:
                await then(conn, ticket, now)
        log.info("ticket.root_cause id=%d cause=%s actor=%d", ticket_id, cause, actor.user_id)
        return ticket

    async def reopen(self, ticket_id: int, actor: Actor) -> Ticket:
        return await self._update(
            ticket_id,
            actor,
            "reopened",
            "",
            lambda conn, now: tickets.reopen(conn, ticket_id, now),
        )

    async def close(
        self, ticket_id: int, resolution: str | None, actor: Actor
    ) -> tuple[bool, Ticket]:
        """Close once; a second close (double press, two managers) reports False. Whether a
        root cause must come first (`needs_cause`) is asked before, where the cause can be."""
        known_id(ticket_id)
        now = self._now()
        async with self._db.transaction() as conn:
            done = await tickets.close(conn, ticket_id, resolution or None, now)
            if done:
                await events.add(conn, ticket_id, actor.user_id, "closed", resolution or "", now)
            ticket = await tickets.get(conn, ticket_id)
            if done and ticket is not None and resolution and ticket.source == "web":
                # the client reads their case on its page: what was done stands there too
                await messages.add(
                    conn,
                    ticket_id=ticket_id,
                    direction="out",
                    author_id=actor.user_id,
                    author_name=actor.name,
                    text=resolution,
                    now=now,
                )
            if done and ticket is not None:
                await self._planner.publish(conn, Resolved(ticket))
        if ticket is None:
            raise TicketNotFound(ticket_id)
        return done, ticket

    async def add_note(self, ticket_id: int, text: str, actor: Actor) -> ConversationEntry:
        await self.get(ticket_id)
        now = self._now()
        async with self._db.transaction() as conn:
            entry = await messages.add(
                conn,
                ticket_id=ticket_id,
                direction="note",
                author_id=actor.user_id,
                author_name=actor.name,
                text=text,
                now=now,
            )
            await events.add(conn, ticket_id, actor.user_id, "note", "", now)
        return entry

    async def record_reply(
        self,
        ticket_id: int,
        text: str,
        actor: Actor,
        content_type: str = "text",
        copy_from: tuple[int, int] | None = None,
        *,
        via_bot: bool = False,
    ) -> ConversationEntry:
        """Store the reply and queue its delivery in one transaction: it is in the history
        and on its way to the client, or neither. `via_bot`: a business ticket answered in
        the bot's own chat with the client."""
        await self.get(ticket_id)
        now = self._now()
        async with self._db.transaction() as conn:
            entry = await messages.add(
                conn,
                ticket_id=ticket_id,
                direction="out",
                author_id=actor.user_id,
                author_name=actor.name,
                text=text,
                now=now,
                content_type=content_type,
            )
            await tickets.mark_first_response(conn, ticket_id, now)
            detail = "via bot" if via_bot else ""
            await events.add(conn, ticket_id, actor.user_id, "replied", detail, now)
            ticket = await tickets.get(conn, ticket_id)
            assert ticket is not None
            recorded = ReplyRecorded(ticket, entry, actor.name, copy_from, via_bot)
            await self._planner.publish(conn, recorded)
        return entry

    # --- the director's personal chats (Telegram Business) -------------------------------

    async def record_owner_line(
        self, inbox: int, msg: IncomingMessage, actor: Actor, *, answer: bool = True
    ) -> ConversationEntry | None:
        """The director's own answer typed in their chat with a client: kept in the open
        ticket's history and counted as the first response, never relayed (the client
        has it already). Chatter with no open ticket is the director's own business."""
        now = self._now()
        async with self._db.transaction() as conn:
            if await messages.find_sent_here(conn, msg.chat_id, msg.message_id, inbox):
                return None
            ticket = await tickets.latest_for_client(conn, msg.chat_id, inbox)
            if ticket is None or ticket.is_closed:
                return None
            entry = await _store_line(
                conn, ticket.id, "out", msg, now, author=(actor.user_id, actor.name), inbox=inbox
            )
            if answer:
                await tickets.mark_first_response(conn, ticket.id, now)
                await events.add(conn, ticket.id, actor.user_id, "replied", "in own chat", now)
            else:
                await events.add(conn, ticket.id, None, "auto_line", "away or greeting", now)
            fresh = await tickets.get(conn, ticket.id)
            assert fresh is not None
            await self._planner.publish(conn, TicketChanged(fresh))
        log.info("ticket.owner_line id=%d inbox=%d", ticket.id, inbox)
        return entry

    async def record_quiet(
        self, msg: IncomingMessage, *, opens_window: bool
    ) -> ConversationEntry | None:
        """A sticker, or a service message, in a director's chat: kept in the open ticket's
        history, with no card, relay or acknowledgement; none open, nothing kept. Only a
        message the client sent (a sticker, not a pin) lets the bot write there again."""
        now = self._now()
        async with self._db.transaction() as conn:
            if await messages.find_incoming(conn, msg.chat_id, msg.message_id, msg.inbox):
                return None
            ticket = await tickets.latest_for_client(conn, msg.chat_id, msg.inbox)
            if ticket is None or ticket.is_closed:
                return None
            if opens_window:
                await tickets.client_wrote(conn, ticket.id, now, msg.sent_at)
            return await _store_line(conn, ticket.id, "in", msg, now)

    async def mark_deleted(self, inbox: int, chat_id: int, message_ids: list[int]) -> list[int]:
        """The client deleted messages in the director's chat: the history says so (the
        text stays there, for the staff); the ticket itself is never removed."""
        now = self._now()
        async with self._db.transaction() as conn:
            touched = await messages.mark_deleted(conn, chat_id, message_ids, inbox, now)
            for ticket_id in touched:
                await events.add(conn, ticket_id, None, "client_deleted", "", now)
        return touched

    async def mark_undelivered(self, entry: ConversationEntry, reason: str) -> None:
        now = self._now()
        async with self._db.transaction() as conn:
            await messages.set_delivered(conn, entry.id, False)
            await events.add(conn, entry.ticket_id, None, "delivery_failed", reason, now)

    async def history(self, ticket_id: int) -> History:
        async with self._db.read() as conn:
            ticket = await tickets.get(conn, ticket_id)
            if ticket is None:
                raise TicketNotFound(ticket_id)
            entries = await messages.for_ticket(conn, ticket_id)
            trail = await events.for_ticket(conn, ticket_id)
            edits = await messages.edits_for_ticket(conn, ticket_id)
        earlier: dict[int, list[str]] = {}
        for message_id, old_text, _ in edits:
            earlier.setdefault(message_id, []).append(old_text)
        return History(ticket, entries, trail, earlier)

    async def file_names(self, ticket_id: int) -> list[str]:
        """What files came with a letter or the web form, for the card: whoever gets the
        card later (a manager made owner) knows they exist and asks /ticket for them."""
        async with self._db.read() as conn:
            return await attachments.names_for_ticket(conn, ticket_id)

    async def summary(self, ticket_id: int) -> tuple[int, bool]:
        async with self._db.read() as conn:
            return await messages.summary(conn, ticket_id)

    async def list_open(self, owner_id: int | None = None, limit: int = 50) -> list[Ticket]:
        async with self._db.read() as conn:
            return await tickets.list_open(conn, owner_id=owner_id, limit=limit)

    # --- posts: which bot message stands for which ticket ---------------------------------

    async def business_facts(
        self, ticket: Ticket, director_ids: frozenset[int]
    ) -> tuple[str, bool]:
        """For a card from a director's personal chat: why replies cannot go there at all
        ("" when they can), and whether the client has started the bot."""
        if ticket.inbox is None or ticket.client_chat_id is None:
            return "", False
        async with self._db.read() as conn:
            connection = await business.of_owner(conn, ticket.inbox)
            started = await source_tags.start_of(conn, ticket.client_chat_id) is not None
        return off_reason(connection, ticket.inbox in director_ids), started

    async def add_post(self, chat_id: int, message_id: int, ticket_id: int, kind: str) -> None:
        async with self._db.transaction() as conn:
            await posts.add(conn, chat_id, message_id, ticket_id, kind, self._now())

    async def find_post(self, chat_id: int, message_id: int) -> Post | None:
        async with self._db.read() as conn:
            return await posts.find(conn, chat_id, message_id)

    async def posts_for(self, ticket_id: int, kind: str) -> list[Post]:
        async with self._db.read() as conn:
            return await posts.for_ticket(conn, ticket_id, kind)

    async def forget_post(self, chat_id: int, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await posts.delete(conn, chat_id, message_id)

    # --- staff ---------------------------------------------------------------------------

    async def sync_staff(self, roles: dict[int, Role]) -> list[int]:
        """Make staff match the configuration. Whoever it no longer lists loses ticket data
        at once: nothing more is queued for them, their open tickets go back to the
        directors unowned, and the cards they hold are to be blanked. Their ids."""
        now = self._now()
        async with self._db.transaction() as conn:
            before = {m.user_id: m for m in await staff.all_members(conn)}
            removed = await staff.sync_roles(conn, roles, now)
            for user_id in removed:
                withdrawn = await outbox.withdraw_pending(conn, user_id, "access withdrawn", now)
                released: list[Ticket] = []
                for ticket_id in await tickets.release_owned(conn, user_id, now):
                    await events.add(conn, ticket_id, None, "owner_removed", str(user_id), now)
                    ticket = await tickets.get(conn, ticket_id)
                    assert ticket is not None
                    released.append(ticket)
                cards = await posts.in_chat(conn, user_id, "card")
                name = before[user_id].display_name if user_id in before else str(user_id)
                await self._planner.publish(conn, StaffRemoved(user_id, name, released, cards))
                log.warning(
                    "staff.removed user=%d released=%d cards=%d withdrawn=%d",
                    user_id,
                    len(released),
                    len(cards),
                    withdrawn,
                )
        return removed

    async def remember_names(
        self, user_id: int, first_name: str, last_name: str, username: str
    ) -> bool:
        async with self._db.transaction() as conn:
            return await staff.set_names(
                conn, user_id, first_name, last_name, username, self._now()
            )

    async def staff_members(self) -> list[StaffMember]:
        async with self._db.read() as conn:
            return await staff.all_members(conn)

    async def staff_member(self, user_id: int) -> StaffMember | None:
        async with self._db.read() as conn:
            return await staff.get(conn, user_id)

    async def signature(self, user_id: int) -> str | None:
        """How a director signs replies to clients; None for the default (name and role)."""
        async with self._db.read() as conn:
            return await director_settings.signature(conn, user_id)

    async def set_signature(self, user_id: int, signature: str | None) -> None:
        """Keep a director's own signature (from /settings); None goes back to the default.
        The notifier reads it when it plans each reply, so it applies from the next one."""
        async with self._db.transaction() as conn:
            await director_settings.set_signature(conn, user_id, signature)
        log.info("staff.signature user=%d custom=%s", user_id, signature is not None)

    # --- internals -----------------------------------------------------------------------

    async def _update(
        self,
        ticket_id: int,
        actor: Actor,
        kind: str,
        detail: str,
        change: Callable[[aiosqlite.Connection, datetime], Awaitable[None]],
    ) -> Ticket:
        known_id(ticket_id)
        now = self._now()
        async with self._db.transaction() as conn:
            if await tickets.get(conn, ticket_id) is None:
                raise TicketNotFound(ticket_id)
            await change(conn, now)
            await events.add(conn, ticket_id, actor.user_id, kind, detail, now)
            ticket = await tickets.get(conn, ticket_id)
            assert ticket is not None
            event: TicketEvent = (
                Assigned(ticket, actor) if kind == "assigned" else TicketChanged(ticket)
            )
            await self._planner.publish(conn, event)
        log.info("ticket.%s id=%d actor=%d", kind, ticket_id, actor.user_id)
        return ticket
