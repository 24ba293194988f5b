"""One intake for every mention found outside the bot's DMs: feeds, public channels, and the
groups and channels the bot sits in.

Each mention is matched against the keywords, minus-words and blocked authors and classified
off the event loop, before any transaction starts; then it is deduplicated (the same item seen
again, the same text cross-posted by feeds or channels within CROSS_POST_WINDOW) and stored as
a ticket in the same transaction that queues its card, so a crash can lose neither nor send
one without the other. Complaints get a card at once; praise, questions and neutral mentions
wait for one summary every MENTION_SUMMARY_MINUTES, unless the director asked for cards for
everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiosqlite

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.events import Actor, NewMention
from bot.core.learning import NO_CARD, Learner, Route, detector_route
from bot.core.ports import Notices
from bot.core.tickets import TicketService
from bot.views.cards import LIST_PREVIEW, pack_blocks, source_label
from bot.views.keyboards.sources import SUMMARY_BUTTONS, summary_keyboard
from bot.views.texts import Html, Texts
from collectors.complaints import Verdict, classify
from collectors.keywords import KeywordMatcher, compile_keyword
from collectors.keywords import normalise as normalise_words
from collectors.mention import Mention, dedupe_key
from storage import mentions, settings, sources, spikes, watch
from storage.db import Database
from storage.models import Ticket, from_db, to_db

log = logging.getLogger(__name__)

INSTANT_ALL = "instant_all"
SPIKE_ALERTED_AT = "spike_alerted_at"
# A spike is the last hour holding SPIKE_FACTOR times the usual hourly rate, and never fewer
# than SPIKE_MIN mentions: three mentions after a quiet week is news, not an incident.
SPIKE_FACTOR = 4.0
SPIKE_MIN = 10
SPIKE_BASELINE = timedelta(days=7)
SPIKE_QUIET = timedelta(hours=1)
# The same text from two feeds or channels within this window is one story cross-posted; after
# it, the same words are news again. People in chats are never merged by text: two customers
# writing "FitStudio, верните деньги" are two complaints.
CROSS_POST_WINDOW = timedelta(hours=48)
NO_KEYWORDS_WARNED = "no_keywords_warned"
TOP_WORDS = 5
_WORD_RE = re.compile(r"[a-zа-я][a-zа-я\-]{3,}")
_FILLER = (
    "это этот эта эти что как так уже или когда где если было были быть есть нету очень "
    "всего всем все всех ещё еще только тоже чтобы потому почему который которые можно "
    "нельзя сегодня вчера спасибо просто меня мне мной тебя вас нас они она оно него неё "
    "with that this have from they were there about just what when your will would been "
    "their them then than very also into only"
)
_STOP_WORDS = frozenset(_FILLER.split())


@dataclass(frozen=True)
class Found:
    """A mention and, for one in a chat the bot is in, where a reply to it must go."""

    mention: Mention
    chat_id: int | None = None
    message_id: int | None = None
    author_id: int | None = None
    source_title: str | None = None


@dataclass(frozen=True)
class Analysed:
    """What intake decided about a mention before touching the database."""

    found: Found
    keyword: str | None  # None: recorded as seen, nothing more
    dedupe_key: str = ""
    verdict: Verdict | None = None
    route: Route = NO_CARD  # a card at once? (the detector, or what it learned)


def analyse(
    found: list[Found],
    matcher: KeywordMatcher,
    blocked: frozenset[str],
    first_poll: bool,
    route: Callable[[str, Verdict], Route] = detector_route,
) -> list[Analysed]:
    """Match, hash, classify and route: pure CPU work, run in a worker thread by `take` so a
    batch of long entries never stalls the event loop nor holds the database's write lock."""
    out: list[Analysed] = []
    for item in found:
        text = item.mention.searchable
        keyword = None if first_poll else matcher.match(text)
        if keyword is None or is_blocked(item.mention.author, blocked):
            out.append(Analysed(item, None))
            continue
        verdict = classify(text)
        out.append(Analysed(item, keyword, dedupe_key(text), verdict, route(text, verdict)))
    return out


def is_blocked(author: str | None, blocked: frozenset[str]) -> bool:
    if not author or not blocked:
        return False
    key = _author_key(author)
    handles = set(re.findall(r"@\w+", key))
    return key in blocked or bool(handles & blocked)


class MentionIntake:
    def __init__(
        self,
        db: Database,
        service: TicketService,
        notifier: Notices,
        texts: Texts,
        config: Config,
        clock: Clock = utc_now,
        learner: Learner | None = None,
    ) -> None:
        self._db = db
        self._learner = learner
        self._service = service
        self._notifier = notifier
        self._t = texts
        self._config = config
        self._now = clock
        self._matcher = KeywordMatcher(())
        self._blocked: frozenset[str] = frozenset()
        self._instant_all = False
        self._summary_task: asyncio.Task[None] | None = None
        self._spike_lock = asyncio.Lock()
        self._ready = asyncio.Event()

    # --- lifecycle (a Background part of the app) -------------------------------------------

    async def load(self) -> None:
        """Seed the configured words and read what directors changed; safe to call again."""
        now = self._now()
        async with self._db.transaction() as conn:
            for word in self._config.keywords:
                await watch.seed(conn, "keyword", word, now)
            for word in self._config.exclude_keywords:
                await watch.seed(conn, "exclude", word, now)
            self._instant_all = await settings.get(conn, INSTANT_ALL) == "1"
        await self.reload_words()
        if self._learner is not None:
            await self._learner.load()

    async def start(self) -> None:
        """Returns at once: polling must not wait for the database; `take` waits instead."""
        self._summary_task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._learner is not None:
            await self._learner.stop()
        if self._summary_task is not None:
            self._summary_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._summary_task
            self._summary_task = None

    async def _run(self) -> None:
        try:
            await self.load()
        except Exception:
            log.exception("mentions.load_failed")
            self._matcher = KeywordMatcher(self._config.keywords, self._config.exclude_keywords)
        finally:
            self._ready.set()
        period = self._config.mention_summary_minutes * 60
        while True:
            await asyncio.sleep(period)
            try:
                await self.flush_summary()
            except Exception:
                log.exception("mentions.summary_failed")

    # --- keywords, minus-words, blocked authors ----------------------------------------------

    async def reload_words(self) -> None:
        async with self._db.read() as conn:
            lists = await watch.current(conn)
        self._matcher = KeywordMatcher(lists["keyword"], lists["exclude"])
        self._blocked = frozenset(_author_key(a) for a in lists["author"])

    async def watch_lists(self) -> dict[str, list[str]]:
        async with self._db.read() as conn:
            return await watch.current(conn)

    async def add_word(self, kind: str, word: str) -> bool:
        """False when the word was already listed; ValueError when it cannot be matched."""
        word = " ".join(word.split())
        if kind != "author":
            compile_keyword(word)
        async with self._db.transaction() as conn:
            added = await watch.add(conn, kind, word, self._now())
            if kind == "keyword":  # removing them all again later deserves a new warning
                await settings.set(conn, NO_KEYWORDS_WARNED, "0")
        await self.reload_words()
        return added

    async def remove_word(self, word: str) -> list[str]:
        async with self._db.transaction() as conn:
            kinds = await watch.remove(conn, " ".join(word.split()))
        await self.reload_words()
        return kinds

    @property
    def keywords(self) -> tuple[str, ...]:
        """The keywords in effect: without any, no mention from outside becomes a ticket."""
        return self._matcher.keywords

    async def warn_if_no_keywords(self) -> bool:
        """Tell the directors, once, that mentions are being dropped for want of keywords.

        Called at start-up and when a chat the bot is in speaks. Only warns when something
        is listened to (a feed, a channel, a chat the bot is in): a bot used for direct
        messages alone needs no keywords. The flag and the message commit together; the flag
        is cleared once keywords exist, so removing them all again warns again.
        """
        await self._ready.wait()
        if self.keywords:
            async with self._db.read() as conn:
                warned = await settings.get(conn, NO_KEYWORDS_WARNED) == "1"
            if warned:
                async with self._db.transaction() as conn:
                    await settings.set(conn, NO_KEYWORDS_WARNED, "0")
            return False
        async with self._db.read() as conn:
            if await settings.get(conn, NO_KEYWORDS_WARNED) == "1":
                return False
        async with self._db.transaction() as conn:
            if not await sources.active(conn):
                return False
            if await settings.get(conn, NO_KEYWORDS_WARNED) == "1":
                return False
            if (await watch.current(conn))["keyword"]:
                return False  # one was added since the matcher above was loaded
            await settings.set(conn, NO_KEYWORDS_WARNED, "1")
            await self._notifier.queue_for_directors(
                conn,
                self._t("no_keywords_alert"),
                what="no_keywords",
                dedupe_prefix="no_keywords",
            )
        self._notifier.wake()
        log.warning("mentions.no_keywords: mentions are recorded as seen and dropped")
        return True

    # --- instant cards for everything --------------------------------------------------------

    @property
    def instant_all(self) -> bool:
        return self._instant_all

    async def set_instant_all(self, on: bool) -> None:
        async with self._db.transaction() as conn:
            await settings.set(conn, INSTANT_ALL, "1" if on else "0")
        self._instant_all = on

    # --- intake ------------------------------------------------------------------------------

    async def take(self, found: Iterable[Found], *, first_poll: bool = False) -> list[Ticket]:
        """Store what is new and queue its notification; the tickets opened.

        On a source's first successful poll everything is only recorded as seen: a new feed's
        history is not news. Matching and classifying happen in a worker thread before the
        transaction (`analyse`), so neither the event loop nor the database lock waits on them.
        """
        await self._ready.wait()
        items = list(found)
        if not items:
            return []
        loop = asyncio.get_running_loop()
        route = self._learner.route if self._learner is not None else detector_route
        prepared = await loop.run_in_executor(
            None, analyse, items, self._matcher, self._blocked, first_poll, route
        )
        opened: list[Ticket] = []
        now = self._now()
        async with self._db.transaction() as conn:
            for analysed in prepared:
                ticket = await self._store(conn, analysed, now)
                if ticket is not None:
                    opened.append(ticket)
        if not self.keywords and any(item.chat_id is not None for item in items):
            await self.warn_if_no_keywords()  # a chat the bot was added to since start-up
        for ticket in opened:
            log.info(
                "mention.ticket id=%d source=%s kind=%s route=%s",
                ticket.id,
                ticket.source,
                ticket.mention_kind,
                ticket.mention_route,
            )
        if opened:
            try:
                await self.check_spike()
            except Exception:  # the tickets are stored; a failed alert must not undo a poll
                log.exception("mentions.spike_check_failed")
        return opened

    async def _store(
        self, conn: aiosqlite.Connection, analysed: Analysed, now: datetime
    ) -> Ticket | None:
        item, keyword, verdict = analysed.found, analysed.keyword, analysed.verdict
        m = item.mention
        if item.chat_id is not None:
            await sources.ensure_chat(
                conn, key=m.source, url=m.link or m.source, title=item.source_title, now=now
            )
        if not await sources.mark_seen(conn, m.source, m.external_id, now):
            return None
        if keyword is None or verdict is None:
            return None
        text = m.searchable
        key = analysed.dedupe_key
        if item.author_id is None:  # a feed, a channel: the same story re-posted is one ticket
            earlier = await mentions.find_cross_post(conn, key, since=now - CROSS_POST_WINDOW)
            if earlier is not None:
                log.info(
                    "mention.cross_post source=%s id=%s ticket=%d", m.source, m.external_id, earlier
                )
                return None
        route = "card" if analysed.route.card or self._instant_all else "summary"
        ticket = await self._service.open_mention(
            conn,
            NewMention(
                source=m.source,
                external_id=m.external_id,
                author_id=item.author_id,
                author_name=m.author or "",
                chat_id=item.chat_id,
                message_id=item.message_id,
                text=text,
                link=m.link,
                keyword=keyword,
                kind=verdict.kind,
                dedupe_key=key,
                source_title=item.source_title,
                route=route,
                possible_markers=(
                    ", ".join(verdict.markers) or "—"
                    if route == "card" and verdict.possible_complaint
                    else None
                ),
                # Only when what was learned decided the route: with every mention a card
                # ("instant all"), a text learned to wait is no card raised by learning.
                routed_by=(
                    analysed.route.learned if (route == "card") == analysed.route.card else None
                ),
            ),
            now,
        )
        if ticket is not None:
            await sources.link_seen(conn, m.source, m.external_id, ticket.id)
        return ticket

    # --- the director's decision -------------------------------------------------------------

    async def set_verdict(self, ticket_id: int, complaint: bool, actor: Actor) -> Ticket:
        """The director's decision; on a mention it is also an example to learn from."""
        ticket = await self._service.set_verdict(ticket_id, complaint, actor)
        if self._learner is not None and ticket.is_mention:
            try:
                await self._learner.record(ticket.id, ticket.text, complaint)
            except Exception:  # the verdict stands; a lost example only delays learning
                log.exception("mentions.example_failed id=%d", ticket_id)
        return ticket

    @property
    def learner(self) -> Learner | None:
        return self._learner

    # --- the summary of everything that is not a complaint -----------------------------------

    async def flush_summary(self) -> int:
        """Send one summary of the mentions waiting for it; how many it listed.

        Queued first, marked after: a crash in between repeats a summary rather than losing
        one, and the outbox's dedupe key keeps the repeat from going out twice while queued.
        """
        async with self._db.read() as conn:
            waiting = await mentions.waiting_for_summary(conn)
        if not waiting:
            return 0
        lines = [self._t("mention_summary_title", count=len(waiting))]
        likeliest: list[tuple[float, int]] = []
        for ticket in waiting:
            preview = " ".join(ticket.text.split())
            if len(preview) > LIST_PREVIEW:
                preview = preview[: LIST_PREVIEW - 1] + "…"
            # Why it waited: the detector's kind and whatever evidence it saw, so the director
            # can judge at a glance whether "praise" was sarcasm. Classified again (well under
            # a millisecond a text) rather than stored with the ticket.
            verdict = classify(ticket.text)
            why = ""
            if ticket.routed_by is not None:  # the director's earlier verdicts held it back
                why = self._t(f"mention_summary_{ticket.routed_by}")
            elif verdict.markers:
                why = self._t("mention_summary_why", markers=", ".join(verdict.markers))
            likeliest.append((-len(verdict.markers), ticket.id))
            lines.append(
                self._t(
                    "mention_summary_line",
                    id=ticket.id,
                    kind=Html(self._t(f"kind_{ticket.mention_kind}")),
                    why=Html(why),
                    source=Html(source_label(ticket.source, self._t, ticket.source_title)),
                    text=preview,
                )
            )
        if len(waiting) > SUMMARY_BUTTONS:
            lines.append(self._t("mention_summary_more", shown=SUMMARY_BUTTONS))
        parts = pack_blocks(lines, separator="\n")
        span = f"{waiting[0].id}-{waiting[-1].id}"
        # the buttons go to the mentions with the most grievance evidence, then the oldest
        picked = [tid for _, tid in sorted(likeliest)]
        markup = summary_keyboard(picked, self._instant_all, self._t)
        for chat_id in sorted(self._config.director_ids):
            for index, part in enumerate(parts):
                last = index == len(parts) - 1
                await self._notifier.send(
                    chat_id,
                    part,
                    what="mention_summary",
                    reply_markup=markup if last else None,
                    silent=True,
                    dedupe_key=f"mentions:{span}:{chat_id}:{index}",
                )
        await self._service.mark_summarized([t.id for t in waiting])
        log.info("mentions.summary count=%d", len(waiting))
        return len(waiting)

    # --- spike alert -------------------------------------------------------------------------

    async def check_spike(self) -> bool:
        """Alert the directors once when the last hour is far above the usual hourly rate."""
        async with self._spike_lock:
            now = self._now()
            hour_ago = now - timedelta(hours=1)
            async with self._db.read() as conn:
                last_alert = from_db(await settings.get(conn, SPIKE_ALERTED_AT))
                if last_alert is not None and now - last_alert < SPIKE_QUIET:
                    return False
                recent = await spikes.recent(conn, hour_ago)
                before = await spikes.count_since(conn, now - SPIKE_BASELINE, hour_ago)
                first = await spikes.first_since(conn, now - SPIKE_BASELINE)
            hours = 1.0
            if first is not None and first < hour_ago:
                hours = max(1.0, (hour_ago - first).total_seconds() / 3600)
            usual = before / hours
            if len(recent) < max(SPIKE_MIN, SPIKE_FACTOR * usual):
                return False
            by_source = Counter(
                source_label(t.source, self._t, t.source_title) for t in recent
            ).most_common(3)
            shown_sources = ", ".join(f"{name} ({n})" for name, n in by_source)
            words = ", ".join(top_words(t.text for t in recent)) or "—"
            text = self._t(
                "spike_alert",
                count=len(recent),
                usual=f"{usual:.1f}".rstrip("0").rstrip("."),
                sources=Html(shown_sources),
                words=words,
            )
            # The flag and the alert commit together: a crash between two transactions used
            # to leave the flag set and the alert lost, silencing spikes for an hour.
            async with self._db.transaction() as conn:
                await settings.set(conn, SPIKE_ALERTED_AT, to_db(now) or "")
                await self._notifier.queue_for_directors(
                    conn,
                    text,
                    what="spike_alert",
                    dedupe_prefix=f"spike:{to_db(now)}",
                )
        self._notifier.wake()
        log.warning("mentions.spike count=%d usual=%.2f", len(recent), usual)
        return True


def _author_key(author: str) -> str:
    return " ".join(author.casefold().split())


def top_words(texts: Iterable[str], count: int = TOP_WORDS) -> list[str]:
    """The words a spike is about: frequent words of four letters or more, minus filler."""
    counter: Counter[str] = Counter()
    for text in texts:
        words = set(_WORD_RE.findall(normalise_words(text)))
        counter.update(w for w in words if w not in _STOP_WORDS)
    return [word for word, _ in counter.most_common(count)]
