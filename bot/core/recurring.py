"""The recurring-cause alarm: when the same root cause comes back three times within 30 days,
from the same source or about the same thing, the directors hear it once, so that the fix goes
into the process, not into one more ticket.

"About the same thing" is a deliberately simple, explainable likeness, so the alarm can say
why it grouped the tickets ("общие слова: кондиционер, зал"): each text becomes its set of
content-word stems (letters only, no stop words, a common ending cut off, at most six letters
kept, so "кондиционер", "кондиционера" and "кондиционером" are one stem), and two texts are
alike when they share at least two stems and those are at least a fifth of both together
(Jaccard). No model, no dictionary: a director can check every grouping by eye.

A group is told once: every alarm records the tickets it listed, and a new one needs three
tickets no earlier alarm about that cause listed. The fourth complaint of a kind joins its
group silently; three fresh ones within the window make a new alarm.

The functions up to `find_recurrence` are pure and unit-tested; `RecurringCauses.check` runs
inside the transaction that set the cause (see TicketService.set_root_cause), so the alarm,
its record and the cause commit together.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import aiosqlite

from bot.core.ports import Notices
from bot.views.cards import card_source, cause_label, format_moment
from bot.views.texts import Html, Texts
from storage import recurring
from storage.models import RootCause, Ticket

log = logging.getLogger(__name__)

WINDOW = timedelta(days=30)
TIMES = 3  # this many of a kind within WINDOW is a pattern, not a case
MIN_SHARED = 2  # stems two texts must share to be about the same thing
MIN_JACCARD = 0.2  # ... and the share of their stems together those make up
SHOWN_WORDS = 5
LISTED = 10  # tickets named in one message; the rest are counted
PREVIEW = 80

STEM_MIN = 3  # an ending is cut only when at least this much of the word is left
STEM_MAX = 6  # and the stem is kept to this many letters
_WORD = re.compile(r"[^\W\d_]+")

# Words that say nothing about what went wrong: pronouns, prepositions, greetings, "again".
_STOP_TEXT = """
    и в во не на что это как уже опять снова очень вы мы я вас нас нам вам был была было были
    есть все всё весь вся всех когда где так там тут только еще ещё бы же ли или а но да нет
    у к с со о об по за из от до для при без про над под чтобы если то этот эта эти это тот
    мне меня мой моя моё мои ваш ваша ваше ваши наш наша наше наши его её ее их он она они оно
    который которая которое которые тоже также просто сегодня вчера завтра день раз здравствуйте
    добрый доброе добрый спасибо пожалуйста вообще даже можно нельзя надо нужно почему зачем
    какой какая какие сколько себя свой своя свои уже ещё вот ну всего всегда никогда очень
    the a an and or but is are was were be been being to of in on at for with from by my your
    our their it its this that these those not no again very i we you they he she me us him her
    have has had do does did can could will would should hello hi please thanks thank just also
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

# Russian inflections, longest first, so "ами" goes before "и"; English ones likewise.
_RU_ENDING_TEXT = """
        иями ями ами иях ях ах иям ям ам ием ем ом ой ей ий ый ая яя ое ее ые ие ого его ому ему
        ыми ими ую юю ов ев ия ья ье ью ию ии ешь ишь ете ите ет ит ут ют ат ят им ла ло ли ть
        ться тся лся лась лось лись ся сь а я о е ы и у ю ь й
"""
_RU_ENDINGS = tuple(sorted(_RU_ENDING_TEXT.split(), key=len, reverse=True))
_EN_ENDINGS = ("ing", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A crude stem: lower case, ё as е, one common ending cut off, six letters at most."""
    low = word.lower().replace("ё", "е")
    endings = _RU_ENDINGS if re.search("[а-я]", low) else _EN_ENDINGS
    for ending in endings:
        if low.endswith(ending) and len(low) - len(ending) >= STEM_MIN:
            low = low[: -len(ending)]
            break
    return low[:STEM_MAX]


def content_words(text: str) -> dict[str, str]:
    """Each content word's stem → the word as first written (lower case), in text order."""
    found: dict[str, str] = {}
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("ё", "е")
        if len(word) < STEM_MIN or word in STOP_WORDS:
            continue
        found.setdefault(stem(word), word)
    return found


@dataclass(frozen=True)
class Likeness:
    """How alike two texts are: Jaccard over their stems, and the shared words as the first
    text writes them."""

    score: float
    shared: tuple[str, ...]

    @property
    def alike(self) -> bool:
        return len(self.shared) >= MIN_SHARED and self.score >= MIN_JACCARD


def likeness(first: str, second: str) -> Likeness:
    mine, theirs = content_words(first), content_words(second)
    union = mine.keys() | theirs.keys()
    shared = tuple(word for key, word in mine.items() if key in theirs)
    return Likeness(len(shared) / len(union) if union else 0.0, shared)


def cause_key(ticket: Ticket) -> str | None:
    """What "the same cause" means: the cause itself, and for "other" also its word (by
    stems, so "парковка" and "Парковкой" agree). None for a ticket without a cause."""
    cause = ticket.root_cause
    if cause is None:
        return None
    if cause is RootCause.OTHER and ticket.root_cause_note:
        stems = sorted(content_words(ticket.root_cause_note)) or [
            " ".join(ticket.root_cause_note.lower().split())
        ]
        return f"other:{' '.join(stems)}"
    return cause.value


@dataclass(frozen=True)
class Recurrence:
    """A group the directors are to hear about: why it is one (the same `source`, or the same
    `words`) and its tickets, oldest first."""

    cause: str
    basis: str  # "words" or "source"
    tickets: tuple[Ticket, ...]
    words: tuple[str, ...] = ()


def _common_words(ticket: Ticket, likes: list[Likeness]) -> tuple[str, ...]:
    """The newest ticket's words the others share, the most shared first."""
    counts = Counter(word for like in likes for word in like.shared)
    order = {word: index for index, word in enumerate(content_words(ticket.text).values())}
    ranked = sorted(counts, key=lambda word: (-counts[word], order.get(word, 0)))
    return tuple(ranked[:SHOWN_WORDS])


def find_recurrence(ticket: Ticket, recent: list[Ticket], listed: set[int]) -> Recurrence | None:
    """Whether `ticket`, just given its cause, completes a group to tell the directors of.

    `recent` are the tickets of the same cause (by `cause_key`) within the window, `ticket`
    among them; `listed` those an earlier alarm about this cause named. The same words come
    first, being the sharper signal; then the same source. Either needs TIMES tickets not
    listed before, `ticket` one of them.
    """
    key = cause_key(ticket)
    if key is None or ticket.id in listed:
        return None
    fresh = [item for item in recent if item.id not in listed and item.id != ticket.id]
    pairs = [(item, likeness(ticket.text, item.text)) for item in fresh]
    alike = [(item, like) for item, like in pairs if like.alike]
    if len(alike) + 1 >= TIMES:
        group = sorted([ticket, *(item for item, _ in alike)], key=_age)
        words = _common_words(ticket, [like for _, like in alike])
        return Recurrence(key, "words", tuple(group), words)
    same_source = [item for item in fresh if item.source == ticket.source]
    if len(same_source) + 1 >= TIMES:
        return Recurrence(key, "source", tuple(sorted([ticket, *same_source], key=_age)))
    return None


def _age(ticket: Ticket) -> tuple[datetime, int]:
    return ticket.created_at, ticket.id


def render_recurrence(found: Recurrence, t: Texts, tz: ZoneInfo) -> str:
    """The directors' message: the cause, why these belong together, and the tickets."""
    newest = found.tickets[-1]
    if found.basis == "words":
        basis = t("recurring_basis_words", words=", ".join(found.words))
    else:
        basis = t("recurring_basis_source", source=Html(card_source(newest, t)))
    lines = [
        t(
            "recurring_head",
            cause=Html(cause_label(newest, t)),
            count=len(found.tickets),
            period=t("span_days", count=WINDOW.days),
            basis=Html(basis),
        )
    ]
    shown = found.tickets[-LISTED:]
    for item in shown:
        text = " ".join(item.text.split())
        if len(text) > PREVIEW:
            text = text[: PREVIEW - 1] + "…"
        lines.append(
            t("recurring_line", id=item.id, when=format_moment(item.created_at, tz), text=text)
        )
    if len(found.tickets) > len(shown):
        lines.append(t("recurring_more", count=len(found.tickets) - len(shown)))
    return "\n".join(lines) + "\n\n" + t("recurring_tail")


class RecurringCauses:
    """Runs the check where a cause is set, and tells the directors through the notifier."""

    def __init__(self, texts: Texts, tz: ZoneInfo) -> None:
        self._t = texts
        self._tz = tz

    async def check(
        self, conn: aiosqlite.Connection, ticket: Ticket, now: datetime, *, notices: Notices
    ) -> Recurrence | None:
        """Inside the cause's transaction: find a group `ticket` completes, record it, and
        queue one message to every director. A ticket older than the window completes none:
        a cause named late for an old case is no sign that it is coming back."""
        key = cause_key(ticket)
        since = now - WINDOW
        if key is None or ticket.root_cause is None or ticket.created_at < since:
            return None
        rows = await recurring.same_cause_since(conn, ticket.root_cause, since)
        recent = [item for item in rows if cause_key(item) == key and item.id != ticket.id]
        recent.append(ticket)
        listed = await recurring.already_listed(conn, key, [item.id for item in recent])
        found = find_recurrence(ticket, recent, listed)
        if found is None:
            return None
        alarm_id = await recurring.add(
            conn,
            cause=key,
            basis=found.basis,
            source=ticket.source if found.basis == "source" else None,
            words=", ".join(found.words) or None,
            ticket_ids=[item.id for item in found.tickets],
            now=now,
        )
        await notices.queue_for_directors(
            conn,
            render_recurrence(found, self._t, self._tz),
            what="recurring_cause",
            dedupe_prefix=f"recurring:{alarm_id}",
        )
        log.warning(
            "recurring.alarm id=%d cause=%s basis=%s tickets=%s",
            alarm_id,
            key,
            found.basis,
            ",".join(str(item.id) for item in found.tickets),
        )
        return found
