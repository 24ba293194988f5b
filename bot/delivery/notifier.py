"""The outbox planner: everything the bot sends to someone other than the user who just acted
(cards, relays of client messages, staff replies to clients, assignments, reminders, alerts).

Nothing is sent from here. Each notification becomes a row of the durable outbox, written in
the same transaction as the change that caused it (`publish`), then `Wakeup` is rung and the
sender delivers the rows under Telegram's limits. Cards are queued by ticket and drawn by
`CardView` when they are sent. Implements bot.core.ports.Notices.
"""

from __future__ import annotations

import html
import logging
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import aiosqlite
from aiogram.types import InlineKeyboardMarkup

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.business import BOT_LINK, window_open
from bot.core.events import (
    Assigned,
    ClientEdited,
    ClientWrote,
    ReplyRecorded,
    Resolved,
    StaffRemoved,
    TicketChanged,
    TicketEvent,
)
from bot.core.tickets import mail_address
from bot.delivery.signals import Wakeup
from bot.delivery.team_chat import TeamChat
from bot.views.cards import fill_and_split, fill_to_fit, fit_escaped
from bot.views.templates import first_name
from bot.views.texts import Html, Texts
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
)
from storage.db import Database
from storage.models import Post, Ticket, to_db

log = logging.getLogger(__name__)

CAPTIONED = frozenset({"photo", "video", "document", "audio", "voice", "animation"})
CAPTION_LIMIT = 1024
EDIT_SIDE_LIMIT = 1800
REPLY_WAIT_SECONDS = 5.0
# A client who writes ten messages in a row (or sends an album) hears "got it" once, not ten
# times; after this long without one, the next message is acknowledged again.
ACK_EVERY = timedelta(minutes=3)


def display_only(author: str) -> str:
    """The person's name without their address: "Анна Смирнова <anna@…>" → "Анна Смирнова";
    a bare address → ""."""
    name = author.partition(" <")[0].strip()
    return "" if "@" in name else name


def client_first_name(ticket: Ticket) -> str | None:
    """How a letter greets the client: by first name, never by an address ("Здравствуйте,
    petr@mail.ru!" reads as a form letter)."""
    return (
        first_name(display_only(ticket.author_name)) if display_only(ticket.author_name) else None
    )


def human_size(size: int) -> str:
    """A file's size as people say it: 30 МБ, 740 КБ (units are the same in ru and en)."""
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.0f} MB"
    return f"{max(1, size // 1024)} KB"


# The outbox's "chat" of letters: they wait and retry like every message, paced apart from
# any Telegram chat.
MAIL_CHAT = 0
ALBUM_WAIT = timedelta(seconds=2)


class Notifier:
    def __init__(
        self,
        db: Database,
        texts: Texts,
        config: Config,
        wakeup: Wakeup,
        team: TeamChat,
        clock: Clock = utc_now,
        quiet: Callable[[], bool] = lambda: False,
    ) -> None:
        """`quiet` says whether it is quiet hours now: cards still go out, without sound."""
        self._db = db
        self._t = texts
        self._config = config
        self._team = team
        self._wakeup = wakeup
        self._now = clock
        self._quiet = quiet
        # How many times each ticket's cards were planned in this process: lets the sender
        # tell, cheaply, whether a ticket changed while its card was in flight.
        self._generations: dict[int, int] = {}

    # --- who sees a ticket ---------------------------------------------------------------

    def audience(self, ticket: Ticket) -> list[int]:
        """Directors, the team chat and the owner: everyone who must see the card."""
        chats = sorted(self._config.director_ids)
        if self._team.id is not None:
            chats.append(self._team.id)
        if self.is_staff_chat(ticket.owner_id) and ticket.owner_id not in chats:
            chats.append(ticket.owner_id)
        return chats

    def is_staff_chat(self, chat_id: int | None) -> bool:
        """Whether ticket data may go to this chat now: current staff and the team chat.
        Read from the configuration each time, so someone removed from it gets nothing."""
        if chat_id is None:
            return False
        return chat_id in self._config.staff_ids or self._team.is_team(chat_id)

    def generation(self, ticket_id: int) -> int:
        return self._generations.get(ticket_id, 0)

    # --- texts the sender may write again when it folds rows ------------------------------

    def relay_text(self, ticket_id: int, author: str, bodies: list[str]) -> str:
        """A client's message (or several in a row) under the ticket's number and name."""
        return fill_to_fit(
            self._t, "relay_text", "text", "\n".join(bodies), id=ticket_id, author=author
        )

    def edit_notice(self, ticket_id: int, author: str, old_text: str, new_text: str) -> str:
        """The client changed a message: what it said before and what it says now."""
        old, _ = fit_escaped(old_text, EDIT_SIDE_LIMIT)
        return fill_to_fit(
            self._t,
            "relay_edit",
            "new",
            new_text[:EDIT_SIDE_LIMIT],
            id=ticket_id,
            author=author,
            old=Html(old),
        )

    # --- events → outbox rows (inside the change's transaction) ---------------------------

    async def publish(self, conn: aiosqlite.Connection, event: TicketEvent) -> None:
        match event:
            case TicketChanged(ticket):
                await self._plan_cards(conn, ticket)
            case ClientWrote(intake):
                await self._plan_ack(conn, intake)
                await self._plan_cards(conn, intake.ticket, new=intake.opened)
                if not (intake.opened and intake.entry.content_type == "text"):
                    await self._plan_relay(conn, intake)
                await self._plan_files(conn, intake)
            case ClientEdited(edit):
                await self._plan_cards(conn, edit.ticket)
                author = edit.ticket.author_name or "?"
                text = self.edit_notice(edit.ticket.id, author, edit.old_text, edit.new_text)
                fold = {
                    "edit_of": edit.entry_id,
                    "author": author,
                    "old": edit.old_text[:EDIT_SIDE_LIMIT],
                    "new": edit.new_text[:EDIT_SIDE_LIMIT],
                }
                for chat_id in self.audience(edit.ticket):
                    await self._queue_text(
                        conn, chat_id, text, edit.ticket.id, under_card=True, fold=fold
                    )
            case ReplyRecorded(ticket, entry, author, copy_from, via_bot):
                await self._plan_cards(conn, ticket)
                await self._plan_reply(
                    conn, ticket, entry.id, entry.text, author, copy_from, via_bot=via_bot
                )
            case Resolved(ticket):
                await self._plan_cards(conn, ticket)
                await self._plan_resolved(conn, ticket)
            case Assigned(ticket, actor):
                await self._plan_cards(conn, ticket)
                if ticket.owner_id is not None and ticket.owner_id != actor.user_id:
                    text = self._t("assigned_you", actor=actor.name, id=ticket.id)
                    await self._queue_text(conn, ticket.owner_id, text, ticket.id)
            case StaffRemoved(user_id, name, released, cards):
                await self._plan_removal(conn, user_id, name, released, cards)
        self._db.after_commit(self._wakeup.ring)

    async def _plan_cards(
        self, conn: aiosqlite.Connection, ticket: Ticket, *, new: bool = False
    ) -> None:
        """Edit every posted copy of the card; post it where it is missing. A ticket opened in
        this very transaction has no copies and no queued card yet: nothing to look up."""
        self._generations[ticket.id] = self._generations.get(ticket.id, 0) + 1
        now = self._now()
        have: set[int] = set()
        for post in [] if new else await posts.for_ticket(conn, ticket.id, "card"):
            if not self.is_staff_chat(post.chat_id):
                continue  # a copy held by someone no longer staff: never updated again
            have.add(post.chat_id)
            await outbox.enqueue(
                conn,
                chat_id=post.chat_id,
                kind="edit_card",
                ticket_id=ticket.id,
                now=now,
                payload={"message_id": post.message_id},
                dedupe_key=f"edit:{post.chat_id}:{post.message_id}",
            )
        for chat_id in self.audience(ticket):
            if chat_id in have or (not new and await outbox.card_state(conn, ticket.id, chat_id)):
                continue
            await outbox.enqueue(
                conn,
                chat_id=chat_id,
                kind="card",
                ticket_id=ticket.id,
                now=now,
                payload={"silent": self._quiet()},
                dedupe_key=f"card:{ticket.id}:{chat_id}",
                post_kind="card",
            )

    async def _plan_removal(
        self,
        conn: aiosqlite.Connection,
        user_id: int,
        name: str,
        released: list[Ticket],
        cards: list[Post],
    ) -> None:
        """Blank the cards someone no longer staff holds, update the released tickets' cards
        and tell the directors which tickets are theirs again."""
        now = self._now()
        for post in cards:
            await outbox.enqueue(
                conn,
                chat_id=post.chat_id,
                kind="withdraw",
                ticket_id=post.ticket_id,
                now=now,
                payload={"message_id": post.message_id, "text": self._t("card_withdrawn")},
                dedupe_key=f"withdraw:{post.chat_id}:{post.message_id}",
            )
        for ticket in released:
            await self._plan_cards(conn, ticket)
        if released:
            numbers = ", ".join(f"№{ticket.id}" for ticket in released)
            text = self._t("staff_removed_tickets", name=name, tickets=numbers)
            await self.queue_for_directors(
                conn, text, what="staff_removed", dedupe_prefix=f"removed:{user_id}:{now}"
            )

    async def _plan_ack(self, conn: aiosqlite.Connection, intake: Any) -> None:
        """Tell the client their message reached the company, through the outbox like every
        other message, so an outage or a crash after the commit cannot swallow it. A new or
        reopened ticket is always acknowledged; more messages only every ACK_EVERY."""
        ticket, chat_id = intake.ticket, intake.entry.chat_id
        if chat_id is None:
            return
        payload: dict[str, Any] = {}
        if intake.entry.inbox is not None and ticket.inbox is not None:
            # a director's personal chat: only if they asked for it in /settings
            if not await director_settings.business_ack(conn, ticket.inbox):
                return
            payload["business_inbox"] = ticket.inbox
        now = self._now()
        if intake.opened:
            key = "ack_new"
        elif intake.reopened:
            key = "ack_reopened"
        else:
            key = "ack_more"
            last = await outbox.last_queued(conn, ticket.id, chat_id, "ack")
            if last is not None and now - last < ACK_EVERY:
                return
        await outbox.enqueue(
            conn,
            chat_id=chat_id,
            kind="ack",
            ticket_id=ticket.id,
            now=now,
            payload={"text": self._t(key, id=ticket.id)} | payload,
            dedupe_key=f"ack:{intake.entry.id}",
        )

    async def _plan_files(self, conn: aiosqlite.Connection, intake: Any) -> None:
        """Files that came with a letter or the web form, as documents under the card; one
        over the size limit is named, with its size, instead."""
        ticket = intake.ticket
        for attachment_id in intake.attachments:
            file = await attachments.get(conn, attachment_id)
            if file is None:
                continue
            for chat_id in self.audience(ticket):
                if file.data is None:
                    text = self._t(
                        "file_too_big", id=ticket.id, name=file.filename, size=human_size(file.size)
                    )
                    await self._queue_text(conn, chat_id, text, ticket.id, under_card=True)
                    continue
                caption = self._t("file_caption", id=ticket.id, name=file.filename)
                await outbox.enqueue(
                    conn,
                    chat_id=chat_id,
                    kind="file",
                    ticket_id=ticket.id,
                    now=self._now(),
                    payload={
                        "attachment_id": attachment_id,
                        "caption": caption,
                        "under_card": True,
                    },
                    post_kind="relay",
                )

    async def _plan_relay(self, conn: aiosqlite.Connection, intake: Any) -> None:
        ticket, entry = intake.ticket, intake.entry
        author = ticket.author_name or "?"
        for chat_id in self.audience(ticket):
            if intake.reopened:
                notice = self._t("relay_reopened", id=ticket.id)
                await self._queue_text(conn, chat_id, notice, ticket.id)
            if entry.content_type == "text":
                text = self.relay_text(ticket.id, author, [entry.text])
                fold = {"fold": "relay", "author": author, "body": entry.text}
                await self._queue_text(
                    conn, chat_id, text, ticket.id, under_card=True, post_kind="relay", fold=fold
                )
                continue
            caption = None
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
            payload: dict[str, Any] = {
                "from_chat_id": entry.chat_id,
                "message_id": entry.message_id,
                "caption": caption,
                "under_card": True,
            }
            if entry.inbox is not None and entry.file_id:
                # not copyable: the bot is not in the director's chat with the client
                payload |= {
                    "by_file": True,
                    "file_id": entry.file_id,
                    "content_type": entry.content_type,
                }
            not_before = None
            if intake.album and entry.file_id:
                # The parts of an album arrive as separate updates a moment apart: wait that
                # moment, so they go on as one album rather than one message per photo.
                payload |= {
                    "album": intake.album,
                    "file_id": entry.file_id,
                    "content_type": entry.content_type,
                }
                not_before = self._now() + ALBUM_WAIT
            await outbox.enqueue(
                conn,
                chat_id=chat_id,
                kind="copy",
                ticket_id=ticket.id,
                now=self._now(),
                payload=payload,
                post_kind="relay",
                not_before=not_before,
            )

    async def _plan_reply(
        self,
        conn: aiosqlite.Connection,
        ticket: Ticket,
        entry_id: int,
        text: str,
        author: str,
        copy_from: tuple[int, int] | None,
        *,
        via_bot: bool = False,
    ) -> None:
        """The reply goes out under its author's signature, "name, role" (R2 of the phrase
        guide): a director's own from /settings, else their name and the role the
        configuration gives them now, so a director who became a manager stops signing as one.
        """
        if ticket.client_chat_id is None:
            await self._plan_mail_reply(conn, ticket, entry_id, text)
            return
        payload: dict[str, Any] = {"entry_id": entry_id}
        if ticket.inbox is not None and not via_bot:
            payload["business_inbox"] = ticket.inbox  # into the director's own chat
        if ticket.is_mention and ticket.source_message_id is not None:
            payload["reply_to"] = ticket.source_message_id  # answer the post in its thread
        if copy_from is not None:
            payload["copy_from"] = list(copy_from)
        else:
            entry = await messages.get(conn, entry_id)
            user_id = entry.author_id if entry is not None else None
            signature = Html(await self._signature(conn, user_id, author))
            payload["parts"] = fill_and_split(
                self._t, "client_reply", "text", text, signature=signature
            )
        await outbox.enqueue(
            conn,
            chat_id=ticket.client_chat_id,
            kind="reply",
            ticket_id=ticket.id,
            now=self._now(),
            payload=payload,
            dedupe_key=f"reply:{entry_id}",
        )

    async def _signature(self, conn: aiosqlite.Connection, user_id: int | None, name: str) -> str:
        """How a reply is signed: a director's own signature from /settings, else the name
        and the role the configuration gives them now."""
        own, role = None, Html(self._t("signature_role_manager"))
        if user_id is not None and user_id in self._config.director_ids:
            own = await director_settings.signature(conn, user_id)
            role = Html(self._t("signature_role_director"))
        return own or self._t("signature_default", name=name, role=role)

    async def _plan_mail_reply(
        self, conn: aiosqlite.Connection, ticket: Ticket, entry_id: int, text: str
    ) -> None:
        """A reply to a client who wrote by mail (or left an address on the web page) goes
        as a letter in the same thread; one who only left a phone reads it on their page."""
        entry = await messages.get(conn, entry_id)
        if entry is None:
            return
        signature = await self._signature(conn, entry.author_id, entry.author_name)
        body = html.unescape(self._t("mail_reply", text=text, signature=Html(signature)))
        await self._queue_letter(conn, ticket, body, dedupe_key=f"reply:{entry_id}", entry=entry_id)

    async def _queue_letter(
        self,
        conn: aiosqlite.Connection,
        ticket: Ticket,
        body: str,
        *,
        dedupe_key: str,
        entry: int | None = None,
    ) -> bool:
        """Queue a plain-text letter to the ticket's client, threaded under their letters
        and ours; False when there is no address or no mail server."""
        address = mail_address(ticket)
        if address is None or not self._config.smtp_url or not self._config.mail_from:
            return False
        thread = await messages.mail_thread(conn, ticket.id)
        domain = self._config.mail_from.rpartition("@")[2]
        message_id = f"<{uuid.uuid4().hex}@{domain}>"
        if entry is not None:
            await messages.set_mail_id(conn, entry, message_id)
        subject = ticket.source_title if ticket.source == "email" else None
        payload = {
            "entry_id": entry,
            "to": address,
            "name": display_only(ticket.author_name),
            "subject": subject or html.unescape(self._t("mail_subject", id=ticket.id)),
            "text": body,
            "in_reply_to": thread[-1] if thread else None,
            "references": thread,
            "message_id": message_id,
        }
        await outbox.enqueue(
            conn,
            chat_id=MAIL_CHAT,
            kind="email",
            ticket_id=ticket.id,
            now=self._now(),
            payload=payload,
            dedupe_key=dedupe_key,
        )
        return True

    async def _plan_resolved(self, conn: aiosqlite.Connection, ticket: Ticket) -> None:
        """Only a client who wrote to the bot (or a letter, or on the web page) hears
        "resolved": a group or a channel where the brand was mentioned gets the staff's own
        reply, never a form letter."""
        if ticket.client_chat_id is None and not ticket.is_mention:
            await self._plan_mail_resolved(conn, ticket)
            return
        if ticket.client_chat_id is None or ticket.is_mention:
            return
        resolution = ""
        if ticket.resolution:
            resolution = Html(
                fill_to_fit(self._t, "client_resolution", "text", ticket.resolution, 3500)
            )
        text = self._t("client_resolved", id=ticket.id, resolution=resolution)
        if ticket.inbox is None:
            await self._queue_text(conn, ticket.client_chat_id, text, ticket.id)
            return
        await self._plan_business_resolved(conn, ticket, text)

    async def queue_followup_letter(
        self, conn: aiosqlite.Connection, ticket: Ticket, entry_id: int
    ) -> bool:
        """The follow-up question by mail, inside the reminders' transaction."""
        name = client_first_name(ticket)
        body = self._t(
            "mail_followup",
            id=ticket.id,
            name=f", {name}" if name else "",
            signature=Html(await self._directors_signature(conn)),
        )
        key = f"followup:{ticket.id}:{to_db(ticket.closed_at)}"
        return await self._queue_letter(
            conn, ticket, html.unescape(body), dedupe_key=key, entry=entry_id
        )

    async def _plan_mail_resolved(self, conn: aiosqlite.Connection, ticket: Ticket) -> None:
        resolution = ""
        if ticket.resolution:
            resolution = self._t("mail_resolution", text=ticket.resolution)
        name = client_first_name(ticket)
        body = self._t(
            "mail_resolved",
            id=ticket.id,
            name=f", {name}" if name else "",
            resolution=Html(resolution),
            signature=Html(await self._directors_signature(conn)),
        )
        key = f"resolved:{ticket.id}:{to_db(ticket.closed_at)}"
        await self._queue_letter(conn, ticket, html.unescape(body), dedupe_key=key)

    async def _directors_signature(self, conn: aiosqlite.Connection) -> str:
        """A letter the bot writes on the company's behalf is signed by the first director."""
        if not self._config.director_ids:
            return ""
        director = min(self._config.director_ids)
        member = await staff.get(conn, director)
        name = member.display_name if member else str(director)
        return await self._signature(conn, director, name)

    async def _plan_business_resolved(
        self, conn: aiosqlite.Connection, ticket: Ticket, text: str
    ) -> None:
        """Closing a complaint from a director's personal chat: said there while the bot may
        still write there, with the way to the bot for a client who has not started it (the
        follow-up can be asked only there); else in the bot, if the client started it."""
        assert ticket.client_chat_id is not None
        started = await source_tags.start_of(conn, ticket.client_chat_id) is not None
        assert ticket.inbox is not None
        connection = await business.of_owner(conn, ticket.inbox)
        usable = connection is not None and connection.usable
        if usable and window_open(ticket, self._now()):
            payload: dict[str, Any] = {"text": text, "business_inbox": ticket.inbox}
            if not started:
                payload["text"] = text + "\n\n" + self._t("client_bot_offer", link=BOT_LINK)
                payload["bot_link"] = True
            await outbox.enqueue(
                conn,
                chat_id=ticket.client_chat_id,
                kind="text",
                ticket_id=ticket.id,
                now=self._now(),
                payload=payload,
            )
        elif started:
            await self._queue_text(conn, ticket.client_chat_id, text, ticket.id)
        else:
            reason = "window closed" if usable else "no connection"
            await events.add(conn, ticket.id, None, "resolved_untold", reason, self._now())

    async def _queue_text(
        self,
        conn: aiosqlite.Connection,
        chat_id: int,
        text: str,
        ticket_id: int | None,
        *,
        under_card: bool = False,
        post_kind: str | None = None,
        reply_markup: InlineKeyboardMarkup | None = None,
        silent: bool = False,
        dedupe_key: str | None = None,
        fold: dict[str, Any] | None = None,
    ) -> int | None:
        """`fold` carries what the sender needs to merge this row with its lane-mates."""
        payload: dict[str, Any] = {"text": text, "under_card": under_card, "silent": silent}
        payload |= fold or {}
        if reply_markup is not None:
            payload["markup"] = reply_markup.model_dump(mode="json", exclude_none=True)
        return await outbox.enqueue(
            conn,
            chat_id=chat_id,
            kind="text",
            ticket_id=ticket_id,
            now=self._now(),
            payload=payload,
            post_kind=post_kind,
            dedupe_key=dedupe_key,
        )

    # --- for callers with a transaction of their own (alerts committed with their flag) ----

    async def queue_for_directors(
        self, conn: aiosqlite.Connection, text: str, *, what: str, dedupe_prefix: str
    ) -> None:
        """Queue an HTML notice to every director inside the caller's transaction, so the
        fact that caused it (a flag, a state) and the message commit together or not at all.
        Call `wake` once the transaction is committed."""
        for chat_id in sorted(self._config.director_ids):
            await self._queue_text(
                conn, chat_id, text, None, dedupe_key=f"{dedupe_prefix}:{chat_id}"
            )
            log.info("notify.queued what=%s ticket=None chat=%d", what, chat_id)

    def wake(self) -> None:
        """Nudge the sender after rows were queued in a caller's transaction."""
        self._wakeup.ring()

    # --- for callers outside a ticket transaction (reminders, alerts, digests) -------------

    async def sync_card(self, ticket: Ticket) -> None:
        """Bring every copy of the ticket's card up to date (queued, rendered when sent)."""
        async with self._db.transaction() as conn:
            await self._plan_cards(conn, ticket)
        self._wakeup.ring()

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
        dedupe_key: str | None = None,
    ) -> None:
        """Queue one HTML message to someone other than the actor (reminders, digests, alerts).

        `text` must already be valid HTML (built with Texts). With `post_kind` the sent message
        is recorded as a post of the ticket, so replies to it and its buttons route back.
        Delivery is asynchronous and durable; `dedupe_key` suppresses a repeat while queued.
        """
        async with self._db.transaction() as conn:
            await self._queue_text(
                conn,
                chat_id,
                text,
                ticket_id,
                post_kind=post_kind,
                reply_markup=reply_markup,
                silent=silent,
                dedupe_key=dedupe_key,
            )
        log.info("notify.queued what=%s ticket=%s chat=%d", what, ticket_id, chat_id)
        self._wakeup.ring()
