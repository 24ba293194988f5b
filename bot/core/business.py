"""The director's personal chats (Telegram Business): which connections count, when the bot
may still write into a chat, and the nudge before that chance is gone.

Telegram lets a business bot write into a chat only within 24 hours of the other person's
last message. A complaint left unanswered that long would have to be answered by hand, so
the directors are nudged four hours before, and the card shows until when a reply can go.
Only a connection made by one of DIRECTOR_IDS is ever stored or used: anyone else who
connects the bot to their own account gets nothing (a warning in the log), and a director
removed from the configuration stops counting at once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.events import TicketChanged
from bot.core.ports import Notices
from bot.views.dates import format_due
from bot.views.texts import Texts
from storage import business, director_settings, events, source_tags, tickets
from storage.business import Connection
from storage.db import Database
from storage.models import Ticket, to_db

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=24)
NUDGE_BEFORE = timedelta(hours=4)
# The bot's own link in a text to a client, put in at send time (the bot's username is
# known only then); it carries bot.core.posters.CHAT_START.
BOT_LINK = "{bot_link}"


def window_closes(ticket: Ticket) -> datetime | None:
    """When the bot stops being able to write into the ticket's business chat."""
    if ticket.inbox is None or ticket.last_client_at is None:
        return None
    return ticket.last_client_at + WINDOW


def window_open(ticket: Ticket, now: datetime) -> bool:
    closes = window_closes(ticket)
    return closes is not None and now < closes


@dataclass(frozen=True)
class Route:
    """Whether a reply to a business ticket can go into the director's chat now, and if
    not, why (a text key) and whether the client can be answered in the bot instead."""

    ok: bool
    reason: str = ""
    closed_at: datetime | None = None
    client_has_bot: bool = False


class BusinessChats:
    def __init__(
        self,
        db: Database,
        notices: Notices,
        texts: Texts,
        config: Config,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self._db = db
        self._notices = notices
        self._t = texts
        self._config = config
        self._now = clock
        self._unknown_logged: set[str] = set()
        self._asked: set[str] = set()

    @property
    def tz(self) -> ZoneInfo:
        return self._config.timezone

    # --- connections ---------------------------------------------------------------------

    async def connection_changed(
        self, connection_id: str, owner_id: int, enabled: bool, can_reply: bool
    ) -> bool:
        """Store a director's connection as Telegram describes it now and redraw the cards
        of their open business tickets (a reply may have become possible or impossible);
        the owner is told in a line. False, and nothing stored, for anyone else's."""
        if owner_id not in self._config.director_ids:
            log.warning("business.foreign_connection id=%s owner=%d", connection_id, owner_id)
            return False
        now = self._now()
        async with self._db.transaction() as conn:
            before = await business.save(conn, connection_id, owner_id, enabled, can_reply, now)
            state = _state(enabled, can_reply)
            changed = before is None or _state(before.enabled, before.can_reply) != state
            for ticket in await tickets.open_in_inbox(conn, owner_id):
                await self._notices.publish(conn, TicketChanged(ticket))
        self._notices.wake()
        if changed:  # said to the owner only: it is their own account
            await self._notices.send(owner_id, self._t(f"business_{state}"), what="business")
        log.info(
            "business.connection id=%s owner=%d enabled=%s can_reply=%s",
            connection_id,
            owner_id,
            enabled,
            can_reply,
        )
        return True

    async def known_inbox(self, connection_id: str) -> int | None:
        """The director of a stored connection, quietly; None when not stored (or no longer
        a director's)."""
        async with self._db.read() as conn:
            connection = await business.get(conn, connection_id)
        if connection is not None and connection.owner_id in self._config.director_ids:
            return connection.owner_id
        return None

    def worth_asking(self, connection_id: str) -> bool:
        """Ask Telegram about an unknown connection once per run, not at every message."""
        if connection_id in self._asked:
            return False
        self._asked.add(connection_id)
        return True

    async def inbox_of(self, connection_id: str) -> int | None:
        """The director whose personal chats a business update comes from; None (logged once
        per connection) for a connection the bot does not act on."""
        async with self._db.read() as conn:
            connection = await business.get(conn, connection_id)
        if connection is not None and connection.owner_id in self._config.director_ids:
            return connection.owner_id
        if connection_id not in self._unknown_logged:
            self._unknown_logged.add(connection_id)
            log.warning("business.unknown_connection id=%s: updates dropped", connection_id)
        return None

    async def connection(self, inbox: int) -> Connection | None:
        async with self._db.read() as conn:
            return await business.of_owner(conn, inbox)

    async def has_bot(self, user_id: int) -> bool:
        """Whether the client ever started the bot, so it can write to them there."""
        async with self._db.read() as conn:
            return await source_tags.start_of(conn, user_id) is not None

    async def ack(self, owner_id: int) -> bool:
        """Whether clients are acknowledged at once in this director's personal chats."""
        async with self._db.read() as conn:
            return await director_settings.business_ack(conn, owner_id)

    async def set_ack(self, owner_id: int, on: bool) -> None:
        async with self._db.transaction() as conn:
            await director_settings.set_business_ack(conn, owner_id, on)
        log.info("business.ack owner=%d on=%s", owner_id, on)

    # --- replies -------------------------------------------------------------------------

    async def route(self, ticket: Ticket) -> Route:
        """Can a reply go into the director's chat now; if not, why, and what is left."""
        assert ticket.inbox is not None and ticket.client_chat_id is not None
        has_bot = await self.has_bot(ticket.client_chat_id)
        connection = await self.connection(ticket.inbox)
        reason = off_reason(connection, ticket.inbox in self._config.director_ids)
        if reason:
            return Route(False, reason, client_has_bot=has_bot)
        if not window_open(ticket, self._now()):
            return Route(False, "window", window_closes(ticket), has_bot)
        return Route(True, client_has_bot=has_bot)

    # --- the scheduler's step -----------------------------------------------------------

    async def tick(self, now: datetime) -> None:
        """Nudge the directors four hours before an unanswered business chat closes to the
        bot, once per client message (marked by an event committed with the notice, so once
        across ticks and restarts), and redraw the cards of chats that have just closed."""
        async with self._db.transaction() as conn:
            closing = await tickets.awaiting_in_window(
                conn, now - WINDOW, now - WINDOW + NUDGE_BEFORE
            )
            for ticket in closing:
                closes = window_closes(ticket)
                assert closes is not None
                text = self._t(
                    "business_window_nudge",
                    id=ticket.id,
                    author=ticket.author_name or "—",
                    until=format_due(closes, self.tz, now, self._t.language),
                )
                moment = to_db(ticket.last_client_at) or ""
                await events.add(conn, ticket.id, None, "window_nudge", moment, now)
                await self._notices.queue_for_directors(
                    conn, text, what="business_window", dedupe_prefix=f"window:{ticket.id}:{moment}"
                )
            for ticket in await tickets.window_just_closed(conn, now - WINDOW):
                detail = to_db(ticket.last_client_at) or ""
                await events.add(conn, ticket.id, None, "window_closed", detail, now)
                await self._notices.publish(conn, TicketChanged(ticket))
        self._notices.wake()


def _state(enabled: bool, can_reply: bool) -> str:
    if not enabled:
        return "disabled"
    return "connected" if can_reply else "read_only"


def off_reason(connection: Connection | None, owner_is_director: bool) -> str:
    """Why replies cannot go through the director's chat at all ("" when they can)."""
    if connection is None or not owner_is_director:
        return "none"
    if not connection.enabled:
        return "disabled"
    if not connection.can_reply:
        return "rights"
    return ""
