"""The one sender: delivers outbox rows to Telegram, in order per ticket, under its limits.

A chat's queue is a set of lanes, one per ticket (see `lanes`): each round the first row of
every lane that may go is sent, new cards first, as many side by side as the pacer has room
for (at most PIPELINE), and the batch is marked sent in one transaction. Rows about one
ticket keep their order; a new complaint's card never waits behind another ticket's backlog,
and rows that piled up in one lane fold into one message (a client's rapid lines, edits of
one message, an album). Different chats are served side by side. A 429 blocks only that chat
for `retry_after`; 5xx and network errors postpone the row with capped exponential backoff,
cleared by the first success after them; only a permanent error (blocked, chat not found)
gives up on a row, which is then recorded on the ticket and, the first time for that chat,
told to the directors.

When more new cards wait for one chat than it could receive in `BURST_SECONDS`, they are
folded into summaries, one message filled to the limit each time the chat can take one,
each line opening with /ticket N, instead of a queue that would take minutes.

Rows sent just before a crash but not yet marked are sent again after restart (at least
once: at most the batch in flight for a chat); a row committed but not yet sent always goes
out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramMigrateToChat,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardMarkup,
    InputMediaAudio,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
    ReplyParameters,
)

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.business import BOT_LINK
from bot.core.posters import CHAT_START
from bot.core.tickets import TicketNotFound, TicketService
from bot.delivery.card_view import CardView, ShownCards, drawn
from bot.delivery.lanes import Renderer, fold_with, folded, lane_heads
from bot.delivery.mail import MailError, MailSender, OutgoingLetter
from bot.delivery.notifier import Notifier
from bot.delivery.pacer import Pacer
from bot.delivery.retry import backoff_delay, single_attempt
from bot.delivery.signals import DeliveryWatch, Wakeup
from bot.delivery.team_chat import TeamChat
from bot.delivery.telegram_errors import is_gone, is_not_modified, is_unreachable
from bot.views.cards import MESSAGE_LIMIT, utf16_len
from bot.views.texts import Texts
from storage import attachments, business, events, messages, outbox, posts
from storage.db import Database
from storage.models import Ticket
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

BURST_SECONDS = 10.0
CONCURRENCY = 8
IDLE_WAIT = 1.0
BACKOFF_BASE = 1.0
BACKOFF_CAP = 300.0
PREVIEW = 50
# How a postponement's reason starts when Telegram (or the way to it) was down.
OUTAGE_REASONS = (TelegramServerError.__name__, TelegramNetworkError.__name__)
PIPELINE = 8  # rows about different tickets in flight to one chat at once
# A client writing fast takes at most one of every RELAY_SLOTS messages a chat may receive:
# the rest of their lines fold into the next relay, and other tickets keep the other slots.
RELAY_SLOTS = 3.0
MediaUnion = InputMediaPhoto | InputMediaVideo | InputMediaDocument | InputMediaAudio
ALBUM_MEDIA: dict[str, type[MediaUnion]] = {
    "photo": InputMediaPhoto,
    "video": InputMediaVideo,
    "document": InputMediaDocument,
    "audio": InputMediaAudio,
}


class Sent(NamedTuple):
    """What one row became in Telegram: the message id, and for a card, what it showed."""

    message_id: int | None
    drawn: str | None = None
    generation: int = 0  # the notifier's count of the ticket's changes when it was drawn
    folded: tuple[int, ...] = ()  # rows of the same lane that went in this message


def ready_chats(
    queues: dict[int, list[OutboxItem]],
    pacer: Pacer,
    now: datetime,
    now_mono: float,
    held: Callable[[OutboxItem], float] = lambda item: 0.0,
) -> tuple[list[list[OutboxItem]], list[float]]:
    """The chats with a row that may go now, in queue order, and how long the others wait.

    Only ready chats take a round's slots: chats backing off after errors or blocked by a
    429 must not hold up a director's new card queued behind them."""
    ready: list[list[OutboxItem]] = []
    waits: list[float] = []
    for queue in queues.values():
        wait = pacer.wait_for(queue[0].chat_id, now_mono, background=True)
        heads, lanes_wait = lane_heads(queue, now, held)
        if not heads:
            wait = max(wait, lanes_wait or IDLE_WAIT)
        if wait > 0:
            waits.append(wait)
        else:
            ready.append(queue)
    return ready, waits


# A letter the mail server keeps refusing for later (or that cannot reach it) fails after
# this many tries: with the backoff capped at five minutes, a few hours.
MAIL_ATTEMPTS = 40

# Rows that carry a staff reply (a Telegram message or a letter): their author waits to
# hear whether it arrived, and a failure marks the reply undelivered on the card.
REPLY_KINDS = frozenset({"reply", "email"})


class Permanent(Exception):
    """The row cannot be delivered, ever; carries the reason to record."""


class Transient(Exception):
    """The row could not go now (a mail server down or saying "later"): retried with
    backoff, like a 5xx from Telegram."""


class Sender:
    def __init__(
        self,
        bot: Bot,
        db: Database,
        service: TicketService,
        view: CardView,
        notifier: Notifier,
        texts: Texts,
        config: Config,
        wakeup: Wakeup,
        watch: DeliveryWatch,
        shown: ShownCards,
        team: TeamChat,
        *,
        clock: Clock = utc_now,
        pacer: Pacer | None = None,
        burst_seconds: float = BURST_SECONDS,
        backoff_base: float = BACKOFF_BASE,
        mail: MailSender | None = None,
    ) -> None:
        """`notifier` is used one way: to plan a card again that changed while in flight."""
        self._bot = bot
        self._db = db
        self._service = service
        self._view = view
        self._notifier = notifier
        self._t = texts
        self._config = config
        self._wakeup = wakeup
        self._watch = watch
        self._shown = shown
        self._team = team
        self._mail = mail
        self._now = clock
        self._pacer = pacer or Pacer()
        self._burst_seconds = burst_seconds
        self._backoff_base = backoff_base
        self._relay_gap = RELAY_SLOTS / self._pacer.private_rate
        self._relayed: dict[tuple[int, int], float] = {}  # (chat, ticket) -> last relay sent
        self._render = Renderer(notifier.relay_text, notifier.edit_notice)
        self._stopping = False
        self._outage = False  # a server or network error since the last success
        self._task: asyncio.Task[None] | None = None
        self._rng = random.Random()
        self.last_loop_at = time.monotonic()

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-sender")

    @property
    def alive(self) -> bool:
        return self._task is not None and not self._task.done()

    async def stop(self, flush_seconds: float) -> None:
        """Deliver what can be delivered within `flush_seconds`, then stop; the rest stays
        in the outbox and goes out after the next start."""
        if self._task is None:
            return
        self._stopping = True
        self._wakeup.ring()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), flush_seconds)
        except TimeoutError:
            log.warning("sender.flush_timeout: the rest is sent after restart")
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def stats(self) -> tuple[int, datetime | None, int]:
        """(rows waiting, when the oldest was queued, rows given up on) for /health."""
        async with self._db.read() as conn:
            return await outbox.stats(conn)

    async def wait_for(self, dedupe_key: str, seconds: float) -> tuple[str, str | None] | None:
        """Wait until the row with this key is sent or failed; None if still pending."""
        future = self._watch.expect(dedupe_key)
        try:
            async with self._db.read() as conn:
                known = await outbox.state_by_key(conn, dedupe_key)
            if known is not None and known[0] != "pending":
                return known
            return await asyncio.wait_for(future, seconds)
        except TimeoutError:
            return None
        finally:
            self._watch.forget(dedupe_key, future)

    # --- the loop ------------------------------------------------------------------------

    async def _run(self) -> None:
        while True:
            self.last_loop_at = time.monotonic()
            self._wakeup.clear()
            try:
                delay = await self._round()
            except Exception:
                log.exception("sender.round_failed")
                delay = IDLE_WAIT
            if self._stopping and delay is None:
                return
            if delay is None:
                delay = IDLE_WAIT
            if delay > 0:
                await self._wakeup.wait(min(delay, IDLE_WAIT))

    async def _round(self) -> float | None:
        """Send what may go now; return how long to wait, or None when nothing is pending."""
        async with self._db.read() as conn:
            items = await outbox.pending(conn)
        if not items:
            return None
        if await self._fold_bursts(items):
            return 0.0
        queues: dict[int, list[OutboxItem]] = {}
        for item in items:
            queues.setdefault(item.chat_id, []).append(item)
        ready, waits = ready_chats(queues, self._pacer, self._now(), time.monotonic(), self._held)
        if not ready:
            return min(waits) if waits else IDLE_WAIT
        results = await asyncio.gather(*(self._drain_chat(q) for q in ready[:CONCURRENCY]))
        if any(sent for sent, _ in results):
            return 0.0
        waits += [wait for _, wait in results if wait is not None]
        return min(waits) if waits else IDLE_WAIT

    async def _drain_chat(self, queue: list[OutboxItem]) -> tuple[int, float | None]:
        """Send one chat's rows while the chat may receive; (sent, wait if stopped).

        Each round takes the first row of every lane (ticket) that may go, new cards first,
        as many side by side as the pacer has room for (at most PIPELINE), each folded with
        the lane-mates that fit in the same message; the batch is marked sent in one
        transaction. Order within a ticket is kept, and a flood about one ticket costs one
        message per slot while every other ticket's rows still find theirs."""
        sent = 0
        rows = list(queue)
        while rows:
            now_utc = self._now()
            room = self._pacer.room(rows[0].chat_id, time.monotonic(), background=True)
            if room == 0:
                return sent, self._pacer.wait_for(
                    rows[0].chat_id, time.monotonic(), background=True
                )
            heads, wait = lane_heads(rows, now_utc, self._held)
            if not heads:
                return sent, wait
            batch = heads[: min(room, PIPELINE)]
            extras = [fold_with(item, rows) for item in batch]
            gone = {item.id for item in batch} | {r.id for more in extras for r in more}
            rows = [item for item in rows if item.id not in gone]
            await self._starting(batch)
            outcomes = await asyncio.gather(
                *(self._attempt(item, more) for item, more in zip(batch, extras, strict=True))
            )
            sent += len(batch)
            if not await self._settle(batch, outcomes):
                return sent, None
        return sent, None

    async def _starting(self, batch: list[OutboxItem]) -> None:
        """Note on a summary that its send begins. Should the process die or the request time
        out before the outcome is known, the next attempt says the list may have arrived
        already, instead of repeating fifty complaints unannounced. Summaries only: they are
        rare, and this costs a write."""
        summaries = [item.id for item in batch if item.payload.get("summary")]
        if summaries:
            async with self._db.transaction() as conn:
                await outbox.mark_started(conn, summaries, self._now())

    def _held(self, item: OutboxItem) -> float:
        """Seconds a relay waits after the previous one of its ticket in its chat: a client
        writing fast reaches the director as one message every few seconds, not one per
        line (RELAY_SLOTS of the chat's pace; about 3 s at Telegram's)."""
        if item.payload.get("fold") != "relay" or item.ticket_id is None:
            return 0.0
        last = self._relayed.get((item.chat_id, item.ticket_id))
        if last is None:
            return 0.0
        return max(0.0, last + self._relay_gap - time.monotonic())

    # --- rows ----------------------------------------------------------------------------

    async def _attempt(self, item: OutboxItem, extras: list[OutboxItem]) -> Sent | Exception:
        """One try at one row (with the lane-mates folded into it): what Telegram made of
        it, or why not."""
        try:
            with single_attempt():
                sent = await self._perform(folded(item, extras, self._render))
        except (TelegramAPIError, Permanent, Transient, TicketNotFound) as error:
            return error
        return sent._replace(folded=tuple(extra.id for extra in extras))

    async def _settle(self, batch: list[OutboxItem], outcomes: list[Sent | Exception]) -> bool:
        """Record what became of a batch; False when a row was postponed (the chat's later
        rows must wait for it)."""
        done = [(item, o) for item, o in zip(batch, outcomes, strict=True) if isinstance(o, Sent)]
        if done:
            await self._done(done)
            if self._outage:
                await self._recovered()
        flowing = True
        for item, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Exception):
                flowing = await self._failed(item, outcome) and flowing
        for item, sent in done:
            moved_on = sent.generation != self._notifier.generation(item.ticket_id or 0)
            if sent.drawn is not None and moved_on:
                await self._recheck(item, sent.drawn)
        return flowing

    async def _failed(self, item: OutboxItem, error: Exception) -> bool:
        """Postpone or give up on one row; False when it was postponed."""
        if isinstance(error, TelegramMigrateToChat):
            await self.follow_move(item.chat_id, error.migrate_to_chat_id)
            return False
        if isinstance(error, TelegramRetryAfter):
            self._pacer.block(item.chat_id, time.monotonic() + error.retry_after)
            await self._postpone(item, error.retry_after, f"429 retry after {error.retry_after}")
            return False
        if isinstance(error, TelegramServerError | TelegramNetworkError):
            if isinstance(error, TelegramServerError):
                self._pacer.refund(item.chat_id, time.monotonic())
            delay = backoff_delay(item.attempts, self._backoff_base, BACKOFF_CAP, self._rng)
            reason = f"{type(error).__name__}: {error.message}"
            # A network error or timeout may hide a message that arrived; a 5xx did not.
            uncertain = isinstance(error, TelegramNetworkError)
            await self._postpone(item, max(delay, 0.2), reason, uncertain=uncertain)
            self._outage = True
            return False
        if isinstance(error, Transient) and item.attempts + 1 >= MAIL_ATTEMPTS:
            # a mail server down for hours: the reply is marked undelivered on the card
            # and its author told, instead of waiting in silence for ever
            await self._fail(item, f"mail: {error}", unreachable=False)
            return True
        if isinstance(error, Transient):
            delay = backoff_delay(item.attempts, self._backoff_base, BACKOFF_CAP, self._rng)
            await self._postpone(item, max(delay, 0.2), f"mail: {error}")
            return False
        if isinstance(error, TelegramAPIError):
            await self._fail(item, error.message, unreachable=is_unreachable(error))
        else:
            await self._fail(item, str(error), unreachable=False)
        return True

    async def follow_move(self, old: int, new: int) -> None:
        """A group became a supergroup with a new id: what still waits for the old id goes
        to the new one; a card edit cannot (message ids do not carry over), so the card is
        posted anew there. The team chat's new id is kept for good and the directors are
        told once; /health says which id is in use."""
        now = self._now()
        async with self._db.transaction() as conn:
            team = await self._team.record_move(conn, old, new)
            moved, stranded = await outbox.move_chat(conn, old, new, now)
            if team:
                text = self._t("team_chat_moved", old=old, new=new)
                await self._notifier.queue_for_directors(
                    conn, text, what="team_chat_moved", dedupe_prefix=f"moved:{old}:{new}"
                )
        if team:
            self._team.follow(new)
        log.warning("chat.moved old=%d new=%d rows=%d team=%s", old, new, moved, team)
        for ticket_id in stranded:
            with contextlib.suppress(TicketNotFound):
                await self._notifier.sync_card(await self._service.get(ticket_id))
        self._notifier.wake()

    async def _recheck(self, item: OutboxItem, shown: str) -> None:
        """A card is drawn just before it is sent; a change committed while it was in flight
        found its row still pending and queued nothing (the pending row's dedupe key, or no
        posted message to edit yet). Now that the row is sent and the post recorded, compare
        what the chat shows with the ticket as it is, and queue an edit if they differ.
        Called only when the ticket's cards were planned again meanwhile, so the common case
        costs no extra read."""
        assert item.ticket_id is not None
        try:
            ticket = await self._service.get(item.ticket_id)
        except TicketNotFound:
            return
        text, markup = await self._view.render(ticket, item.chat_id)
        if drawn(text, markup) != shown:
            log.info("card.stale ticket=%d chat=%d: queueing an edit", ticket.id, item.chat_id)
            await self._notifier.sync_card(ticket)

    async def _perform(self, item: OutboxItem) -> Sent:
        handlers: dict[str, Callable[[OutboxItem], Awaitable[Sent]]] = {
            "card": self._send_card,
            "edit_card": self._edit_card,
            "text": self._send_text,
            "ack": self._send_text,
            "copy": self._send_copy,
            "reply": self._send_reply,
            "withdraw": self._withdraw,
            "album": self._send_album,
            "email": self._send_letter,
            "file": self._send_stored_file,
        }
        handler = handlers.get(item.kind)
        if handler is None:
            raise Permanent(f"unknown outbox kind {item.kind!r}")
        return await handler(item)

    async def _send_card(self, item: OutboxItem) -> Sent:
        assert item.ticket_id is not None
        generation = self._notifier.generation(item.ticket_id)
        ticket = await self._service.get(item.ticket_id)
        text, markup = await self._view.render(ticket, item.chat_id)
        sent = await self._bot.send_message(
            item.chat_id,
            text,
            reply_markup=markup,
            disable_notification=bool(item.payload.get("silent")),
        )
        look = drawn(text, markup)
        self._shown.remember(item.chat_id, sent.message_id, look)
        return Sent(sent.message_id, look, generation)

    async def _edit_card(self, item: OutboxItem) -> Sent:
        assert item.ticket_id is not None
        generation = self._notifier.generation(item.ticket_id)
        ticket = await self._service.get(item.ticket_id)
        text, markup = await self._view.render(ticket, item.chat_id)
        message_id = int(item.payload["message_id"])
        if self._shown.picker(item.chat_id, message_id) is not None:
            # Someone is choosing in this card right now: leave it alone. Their choice (or
            # "back") redraws the card as it is then; checked and decided with no await in
            # between, so it cannot overwrite a redraw that lands meanwhile.
            return Sent(message_id)
        look = drawn(text, markup)
        if self._shown.same(item.chat_id, message_id, look):
            return Sent(message_id, look, generation)  # the chat already shows it: no call
        try:
            await self._bot.edit_message_text(
                text=text, chat_id=item.chat_id, message_id=message_id, reply_markup=markup
            )
        except TelegramBadRequest as error:
            if is_not_modified(error):
                self._shown.remember(item.chat_id, message_id, look)
                return Sent(message_id, look, generation)
            if not is_gone(error):
                raise
            log.info("card.gone ticket=%d chat=%d: reposting", ticket.id, item.chat_id)
            async with self._db.transaction() as conn:
                await posts.delete(conn, item.chat_id, message_id)
            self._shown.forget(item.chat_id, message_id)
            await self._notifier.sync_card(ticket)
            return Sent(message_id)
        self._shown.remember(item.chat_id, message_id, look)
        return Sent(message_id, look, generation)

    async def _withdraw(self, item: OutboxItem) -> Sent:
        """Replace a card held by someone no longer staff with a stub, without buttons."""
        message_id = int(item.payload["message_id"])
        self._shown.forget(item.chat_id, message_id)
        try:
            await self._bot.edit_message_text(
                text=item.payload["text"], chat_id=item.chat_id, message_id=message_id
            )
        except TelegramBadRequest as error:
            if not (is_not_modified(error) or is_gone(error)):
                raise
        return Sent(message_id)

    async def _send_text(self, item: OutboxItem) -> Sent:
        markup = item.payload.get("markup")
        text = item.payload["text"]
        if item.payload.get("summary") and item.started_at is not None:
            text = self._t("summary_repeat") + "\n\n" + text
        if item.payload.get("bot_link"):
            username = (await self._bot.me()).username or ""
            text = text.replace(BOT_LINK, f"https://t.me/{username}?start={CHAT_START}")
        connection = await self._business_route(item)
        async with self._business_refusals(connection):
            sent = await self._bot.send_message(
                item.chat_id,
                text,
                reply_markup=InlineKeyboardMarkup.model_validate(markup) if markup else None,
                reply_parameters=await self._under_card(item),
                disable_notification=bool(item.payload.get("silent")),
                business_connection_id=connection,
            )
        return Sent(sent.message_id)

    async def _business_route(self, item: OutboxItem) -> str | None:
        """The connection a row to a director's personal chat goes through; None for the
        bot's own chats. No usable connection: the row cannot go, and says why."""
        inbox = item.payload.get("business_inbox")
        if inbox is None:
            return None
        async with self._db.read() as conn:
            connection = await business.of_owner(conn, int(inbox))
        if connection is None or int(inbox) not in self._config.director_ids:
            raise Permanent(self._t("business_off_none"))
        if not connection.enabled:
            raise Permanent(self._t("business_off_disabled"))
        if not connection.can_reply:
            raise Permanent(self._t("business_off_rights"))
        return connection.id

    @contextlib.asynccontextmanager
    async def _business_refusals(self, connection: str | None) -> AsyncIterator[None]:
        """Telegram refusing a send into a director's chat means the 24-hour window closed
        or the connection lost its rights: the client did not block anyone, and the row
        fails with that reason, plainly."""
        try:
            yield
        except (TelegramForbiddenError, TelegramBadRequest) as error:
            if connection is None:
                raise
            window = "PEER_USAGE" in error.message.upper()
            key = "business_window_closed_reason" if window else "business_refused"
            raise Permanent(self._t(key, reason=error.message)) from error

    async def _send_copy(self, item: OutboxItem) -> Sent:
        if item.payload.get("by_file"):
            return await self._send_file(item)
        sent = await self._bot.copy_message(
            item.chat_id,
            int(item.payload["from_chat_id"]),
            int(item.payload["message_id"]),
            caption=item.payload.get("caption"),
            reply_parameters=await self._under_card(item),
        )
        return Sent(sent.message_id)

    async def _send_file(self, item: OutboxItem) -> Sent:
        """A client's file passed on by its file id: what came through a director's personal
        chat cannot be copied from there (the bot is not in that chat)."""
        file_id = str(item.payload["file_id"])
        caption = item.payload.get("caption")
        under = await self._under_card(item)
        chat = item.chat_id
        kind = item.payload.get("content_type")
        sent: Message
        if kind == "photo":
            sent = await self._bot.send_photo(
                chat, file_id, caption=caption, reply_parameters=under
            )
        elif kind == "voice":
            sent = await self._bot.send_voice(
                chat, file_id, caption=caption, reply_parameters=under
            )
        elif kind == "video":
            sent = await self._bot.send_video(
                chat, file_id, caption=caption, reply_parameters=under
            )
        elif kind == "audio":
            sent = await self._bot.send_audio(
                chat, file_id, caption=caption, reply_parameters=under
            )
        else:
            sent = await self._bot.send_document(
                chat, file_id, caption=caption, reply_parameters=under
            )
        return Sent(sent.message_id)

    async def _send_letter(self, item: OutboxItem) -> Sent:
        """A letter to a client who wrote by mail: a temporary refusal (the server is down, a
        4xx) is retried with backoff like a 5xx from Telegram; a permanent one fails."""
        if self._mail is None:
            raise Permanent(self._t("mail_off"))
        p = item.payload
        letter = OutgoingLetter(
            to_addr=str(p["to"]),
            to_name=str(p.get("name") or ""),
            subject=str(p["subject"]),
            text=str(p["text"]),
            in_reply_to=p.get("in_reply_to"),
            references=tuple(p.get("references") or ()),
            message_id=str(p["message_id"]),
        )
        try:
            await self._mail.send(letter, await self._mail_name())
        except MailError as error:
            if error.permanent:
                raise Permanent(error.reason) from error
            raise Transient(error.reason) from error
        return Sent(None)

    async def _mail_name(self) -> str | None:
        """Letters go out under the first director's name: the client wrote to them."""
        if not self._config.director_ids:
            return None
        member = await self._service.staff_member(min(self._config.director_ids))
        return member.display_name if member else None

    async def _send_stored_file(self, item: OutboxItem) -> Sent:
        """A file kept from a letter or the web form, uploaded as a document under the card."""
        async with self._db.read() as conn:
            file = await attachments.get(conn, int(item.payload["attachment_id"]))
        if file is None or file.data is None:
            raise Permanent("attachment gone")
        sent = await self._bot.send_document(
            item.chat_id,
            BufferedInputFile(file.data, file.filename or "file"),
            caption=item.payload.get("caption"),
            reply_parameters=await self._under_card(item),
        )
        return Sent(sent.message_id)

    async def _send_album(self, item: OutboxItem) -> Sent:
        """An album the client sent, passed on as one album under the card; the first part
        carries the relay caption, as a single copied photo would."""
        media: list[MediaUnion] = []
        for number, part in enumerate(item.payload["media"]):
            caption = item.payload.get("caption") if number == 0 else None
            kind = ALBUM_MEDIA[part["type"]]
            media.append(kind(media=part["media"], caption=caption))
        sent = await self._bot.send_media_group(
            item.chat_id, media, reply_parameters=await self._under_card(item)
        )
        return Sent(sent[0].message_id if sent else None)

    async def _send_reply(self, item: OutboxItem) -> Sent:
        """A staff reply to a client: several parts for a very long text, or a copied file."""
        copy_from = item.payload.get("copy_from")
        reply_to = item.payload.get("reply_to")
        thread = (
            ReplyParameters(message_id=int(reply_to), allow_sending_without_reply=True)
            if reply_to
            else None
        )
        connection = await self._business_route(item)
        if copy_from:
            if connection is not None:
                raise Permanent(self._t("business_text_only"))
            sent = await self._bot.copy_message(
                item.chat_id, int(copy_from[0]), int(copy_from[1]), reply_parameters=thread
            )
            return Sent(sent.message_id)
        message_id = None
        async with self._business_refusals(connection):
            for part in item.payload.get("parts", []):
                message = await self._bot.send_message(
                    item.chat_id, part, reply_parameters=thread, business_connection_id=connection
                )
                message_id = message.message_id
                thread = None  # the rest of a long reply follows the first part
        return Sent(message_id)

    async def _under_card(self, item: OutboxItem) -> ReplyParameters | None:
        if not item.payload.get("under_card") or item.ticket_id is None:
            return None
        for post in await self._service.posts_for(item.ticket_id, "card"):
            if post.chat_id == item.chat_id:
                return ReplyParameters(message_id=post.message_id, allow_sending_without_reply=True)
        return None

    # --- outcomes ------------------------------------------------------------------------

    async def _done(self, done: list[tuple[OutboxItem, Sent]]) -> None:
        """Mark a batch sent in one transaction (group commit): a burst costs one write, not
        one per row, and a crash before it resends at most the batch in flight."""
        now = self._now()
        async with self._db.transaction() as conn:
            for item, sent in done:
                await outbox.mark_sent(conn, item.id, sent.message_id, now)
                if sent.folded:
                    await outbox.mark_summarized(conn, list(sent.folded), now)
                if item.post_kind and item.ticket_id is not None and sent.message_id is not None:
                    await posts.add(
                        conn, item.chat_id, sent.message_id, item.ticket_id, item.post_kind, now
                    )
        for item, sent in done:
            if item.payload.get("fold") == "relay" and item.ticket_id is not None:
                self._relayed[(item.chat_id, item.ticket_id)] = time.monotonic()
            log.info(
                "outbox.sent id=%d kind=%s ticket=%s chat=%d message=%s attempts=%d folded=%d",
                item.id,
                item.kind,
                item.ticket_id,
                item.chat_id,
                sent.message_id,
                item.attempts + 1,
                len(sent.folded),
            )
            self._resolve(item, "sent", None)

    async def _recovered(self) -> None:
        """Telegram answers again after server or network errors: rows that drew a long
        backoff during the outage go now, not minutes later (429s keep their retry_after)."""
        self._outage = False
        async with self._db.transaction() as conn:
            count = await outbox.retry_now(conn, OUTAGE_REASONS)
        if count:
            log.info("outbox.recovered rows=%d: retrying now", count)

    async def _postpone(
        self, item: OutboxItem, seconds: float, reason: str, *, uncertain: bool = False
    ) -> None:
        until = self._now() + timedelta(seconds=seconds)
        async with self._db.transaction() as conn:
            await outbox.postpone(conn, item.id, until, reason, uncertain=uncertain)
        log.warning(
            "outbox.retry id=%d kind=%s ticket=%s chat=%d in=%.1fs reason=%s",
            item.id,
            item.kind,
            item.ticket_id,
            item.chat_id,
            seconds,
            reason,
        )

    async def _fail(self, item: OutboxItem, reason: str, *, unreachable: bool) -> None:
        now = self._now()
        async with self._db.transaction() as conn:
            first = not await outbox.failed_before(conn, item.chat_id, item.id)
            await outbox.mark_failed(conn, item.id, reason, now)
            if item.ticket_id is not None:
                await events.add(
                    conn,
                    item.ticket_id,
                    None,
                    "delivery_failed",
                    f"chat={item.chat_id} {reason}",
                    now,
                )
            entry_id = item.payload.get("entry_id")
            if item.kind in REPLY_KINDS and entry_id is not None:
                await messages.set_delivered(conn, int(entry_id), False)
            tell = unreachable and first and item.chat_id not in self._config.director_ids
            tell = tell and item.kind != "reply"
            if tell:
                text = self._t(
                    "delivery_unreachable",
                    chat=item.chat_id,
                    reason=reason,
                    id=item.ticket_id or "—",
                )
                for director in sorted(self._config.director_ids):
                    await outbox.enqueue(
                        conn,
                        chat_id=director,
                        kind="text",
                        ticket_id=item.ticket_id,
                        now=now,
                        payload={"text": text},
                        dedupe_key=f"unreachable:{item.chat_id}:{director}",
                    )
        log.warning(
            "outbox.failed id=%d kind=%s ticket=%s chat=%d reason=%s",
            item.id,
            item.kind,
            item.ticket_id,
            item.chat_id,
            reason,
        )
        self._resolve(item, "failed", reason)
        if item.kind in REPLY_KINDS and item.ticket_id is not None:
            with contextlib.suppress(TicketNotFound):
                await self._notifier.sync_card(await self._service.get(item.ticket_id))

    def _resolve(self, item: OutboxItem, state: str, error: str | None) -> None:
        if item.kind in REPLY_KINDS and item.payload.get("entry_id") is not None:
            self._watch.settle(f"reply:{item.payload.get('entry_id')}", state, error)

    # --- bursts --------------------------------------------------------------------------

    async def _fold_bursts(self, items: list[OutboxItem]) -> bool:
        """Fold the new cards waiting for one chat into a summary when they would take longer
        than `burst_seconds` to arrive one by one; and while a summary still waits for the
        chat, fold what came after it (cards, other summaries) into it, so a chat that was
        unreachable for a minute gets one list, oldest first, not several messages in an
        order nobody chose. True when something was folded."""
        cards: dict[int, list[OutboxItem]] = {}
        summaries: dict[int, list[OutboxItem]] = {}
        for item in items:
            if item.kind == "card" and item.ticket_id is not None:
                cards.setdefault(item.chat_id, []).append(item)
            elif item.payload.get("tickets") and item.started_at is None:
                summaries.setdefault(item.chat_id, []).append(item)
        folded = False
        now = time.monotonic()
        for chat_id in cards.keys() | summaries.keys():
            if self._pacer.wait_for(chat_id, now, background=True) > 0:
                continue  # fold when the chat can take a message, with all that piled up
            waiting, earlier = cards.get(chat_id, []), summaries.get(chat_id, [])
            merge = earlier and len(earlier) + len(waiting) >= 2
            if merge and await self._summarize(chat_id, waiting, earlier):
                folded = True
                continue
            if (
                len(waiting) >= 2
                and self._pacer.queue_time(chat_id, len(waiting)) > self._burst_seconds
            ):
                await self._summarize(chat_id, waiting)
                folded = True
        return folded

    async def _summarize(
        self, chat_id: int, waiting: list[OutboxItem], earlier: list[OutboxItem] | None = None
    ) -> bool:
        """Fold as many of the waiting cards as one message can hold, filled to Telegram's
        4,096 characters; the rest wait for the chat's next free slot, when more may have
        piled up. Every message a burst costs is then as full as it can be. Summaries still
        waiting (`earlier`) are rewritten into this one, their tickets first, but only when
        all of them fit: False, and nothing changed, when they do not."""
        room = MESSAGE_LIMIT - utf16_len(self._t("burst_title", count=10**6)) - 2
        room -= utf16_len(self._t("summary_repeat")) + 2  # should it have to be sent again
        lines: list[str] = []
        shown: list[int] = []
        taken: list[int] = []
        used = 0
        queued = [(int(t), None) for row in earlier or [] for t in row.payload["tickets"]]
        rows: list[tuple[int, OutboxItem | None]] = queued + [
            (item.ticket_id or 0, item) for item in waiting
        ]
        for ticket_id, item in rows:
            try:
                ticket = await self._service.get(ticket_id)
            except TicketNotFound:
                if item is not None:
                    taken.append(item.id)  # nothing to show, nothing to send
                continue
            line = self._burst_line(ticket)
            cost = utf16_len(line) + (1 if lines else 0)
            if lines and used + cost > room:
                if item is None:
                    return False  # the earlier summaries do not fit in one: leave them
                break
            lines.append(line)
            shown.append(ticket_id)
            if item is not None:
                taken.append(item.id)
            used += cost
        if earlier is not None and len(earlier) == 1 and len(shown) == len(queued):
            return False  # the waiting summary is full: nothing to gain by rewriting it
        taken += [row.id for row in earlier or []]
        text = self._t("burst_title", count=len(lines)) + "\n\n" + "\n".join(lines)
        now = self._now()
        async with self._db.transaction() as conn:
            if lines:
                await outbox.enqueue(
                    conn,
                    chat_id=chat_id,
                    kind="text",
                    now=now,
                    payload={"text": text, "summary": True, "tickets": shown},
                )
            await outbox.mark_summarized(conn, taken, now)
        log.info(
            "outbox.burst chat=%d tickets=%d folded into one message (%d summaries merged), "
            "%d wait",
            chat_id,
            len(lines),
            len(earlier or []),
            len(waiting) - (len(taken) - len(earlier or [])),
        )
        return True

    def _burst_line(self, ticket: Ticket) -> str:
        preview = " ".join(ticket.text.split())
        if len(preview) > PREVIEW:
            preview = preview[: PREVIEW - 1] + "…"
        author = ticket.author_name or str(ticket.client_chat_id or "—")
        return self._t("burst_line", id=ticket.id, author=author, text=preview)


def health(sender: Sender | None) -> dict[str, Any]:
    """Whether the sender loop is running and when it last went round."""
    if sender is None:
        return {"alive": False}
    return {"alive": sender.alive, "idle_seconds": round(time.monotonic() - sender.last_loop_at, 1)}
