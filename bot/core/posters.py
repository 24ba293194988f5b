"""Deep links and posters: the tags a `t.me/<bot>?start=<tag>` link carries, their titles,
who started the bot from which, and how many tickets each brought.

A tag is whatever the director typed, as long as Telegram carries it in a start link
(`tag_problem`); the bot keeps tags starting with "fh-" for links of its own, such as the
one a client gets in the director's personal chat to open the bot (`CHAT_START`). A client's
start is recorded here; the ticket service copies the tag onto the ticket the client opens
after it, and `links` counts tickets by that copy, so a title changed later renames a tag
without losing what it brought.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import UTC, datetime, tzinfo

from bot.clock import Clock, utc_now
from storage import director_settings, source_tags
from storage.db import Database
from storage.source_tags import TagCount

log = logging.getLogger(__name__)

# What Telegram passes as a start parameter: https://core.telegram.org/bots/features#deep-linking
TAG_LIMIT = 64
_TAG = re.compile(r"[A-Za-z0-9_-]+")
# The bot's own links start with this; a director's poster may not use it.
RESERVED_PREFIX = "fh-"
# The start a client makes from the link in the director's personal chat (Telegram Business).
CHAT_START = "fh-chat"


def tag_problem(tag: str) -> str | None:
    """Why `tag` cannot be a poster's tag, as a text key; None when it can. Case is kept:
    Telegram passes the parameter exactly as the link spells it."""
    if not tag:
        return "poster_tag_empty"
    if len(tag) > TAG_LIMIT:
        return "poster_tag_too_long"
    if not _TAG.fullmatch(tag):
        return "poster_tag_chars"
    if tag.startswith(RESERVED_PREFIX):
        return "poster_tag_reserved"
    return None


def deep_link(username: str, tag: str) -> str:
    """The link a poster's QR code carries: opens the bot and starts it with `tag`."""
    return f"https://t.me/{username}?start={tag}"


def month_start(now: datetime, timezone: tzinfo) -> datetime:
    """Midnight of the first day of `now`'s month where the company is, in UTC: "this month"
    is the calendar month the director lives in, not the server's."""
    local = now.astimezone(timezone)
    return datetime(local.year, local.month, 1, tzinfo=timezone).astimezone(UTC)


def sort_links(found: list[TagCount]) -> list[TagCount]:
    """The tags that brought most first; ties (and the silent ones) by tag."""
    return sorted(found, key=lambda link: (-link.tickets, link.tag))


class Posters:
    """Tags, their titles and counts, each director's poster line and personal-chat choice.

    `timezone` decides where "this month" begins; without it, UTC.
    """

    def __init__(
        self, db: Database, *, clock: Clock = utc_now, timezone: tzinfo | None = None
    ) -> None:
        self._db = db
        self._now = clock
        self._tz = timezone or UTC

    async def started(self, user_id: int, tag: str | None) -> None:
        """A client started the bot, from a link carrying `tag` or from none. A tag no poster
        could carry (hand-typed, the bot's own) is recorded as no tag, so a count never shows
        a tag nobody can print."""
        kept = tag if tag is not None and tag_problem(tag) is None else None
        async with self._db.transaction() as conn:
            await source_tags.record_start(conn, user_id, kept, self._now())
        log.info("posters.start user=%d tagged=%s", user_id, kept is not None)

    async def set_title(self, tag: str, title: str) -> None:
        async with self._db.transaction() as conn:
            await source_tags.set_title(conn, tag, title, self._now())
        log.info("posters.titled tag=%s", tag)

    async def title(self, tag: str) -> str | None:
        async with self._db.read() as conn:
            return await source_tags.title(conn, tag)

    async def links(self, now: datetime | None = None) -> list[TagCount]:
        """Every tag worth listing: the titled ones, and any that brought a ticket or a start
        this month; each with the tickets it brought this month, most first."""
        since = month_start(now or self._now(), self._tz)
        async with self._db.read() as conn:
            titled = await source_tags.all_tags(conn)
            tickets = await source_tags.tickets_by_tag(conn, since)
            starts = await source_tags.starts_by_tag(conn, since)
        titles: dict[str, str | None] = dict(titled)
        for tag in (*tickets, *starts):
            titles.setdefault(tag, None)
        return sort_links(
            [TagCount(tag, title, tickets.get(tag, 0)) for tag, title in titles.items()]
        )

    async def render(
        self, link: str, username: str, headline: str, title: str | None
    ) -> tuple[bytes, bytes]:
        """The poster as (PDF, PNG), drawn in a worker thread: it takes a few hundred
        milliseconds the event loop should spend answering others."""
        # Imported here: matplotlib takes a while to load, and only a poster needs it.
        from bot.views.poster import render_poster

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, render_poster, link, username, headline, title)

    async def poster_text(self, user_id: int) -> str | None:
        """The line this director's posters say; None for the default."""
        async with self._db.read() as conn:
            return await director_settings.poster_text(conn, user_id)

    async def set_poster_text(self, user_id: int, text: str | None) -> None:
        """Keep the director's poster line; None goes back to the default. Posters already
        printed keep theirs: it applies from the next /poster."""
        async with self._db.transaction() as conn:
            await director_settings.set_poster_text(conn, user_id, text)
        log.info("posters.text user=%d custom=%s", user_id, text is not None)
