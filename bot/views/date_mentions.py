"""Dates a staff reply promises ("в пятницу до 18:00", "tomorrow by 6 pm"), found in free text.

When a reply names a day, the bot offers to make it the ticket's control date in one tap, and
the phrase check treats a named day or hour as a concrete next step. Both need to find a date
*inside* a longer message, which dateparser cannot do cheaply (its search mode tries every
substring), so this module reads a small, fixed set of shapes with regexes.

Pure like ``bot.views.dates``: ``now`` and the zone are passed in, nothing reads a clock, and
the result is aware UTC. Choices that differ from a typed control date:

* A day without an hour means the end of that working day (``END_OF_DAY_HOUR``, 18:00), not
  the 10:00 a typed control date gets: a promise for "завтра" is kept if it happens by the
  evening, so checking it in the morning would raise a false alarm.
* "сегодня"/"today" alone follows the "today" preset, exactly as a typed "сегодня" does.
* A day.month without a year is read only when it lies ahead within half a year: in a reply,
  "заказ от 15.11" written on 23.11 is the past, not next November, while "к 15.01" written
  in December is the coming January.
* A weekday is the next such day after today ("в пятницу" on a Friday is a week ahead: for
  today people say "сегодня"); "в следующую пятницу" is the Friday of next calendar week.
* A bare hour ("в 10") counts only when followed by an hour word, a part of the day or the end
  of a phrase, or right after a day ("завтра в 10 позвоню"), so "в 2 раза" and "в 3 этапа" are
  not times; without "утра"/"am" an hour from 1 to 7 is in the afternoon ("в 3" is 15:00).
  "до 10.10" is a date and "до 18.00" (no such month) a time, as in ``parse_due``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from bot.views.dates import END_OF_DAY_HOUR, preset_due

__all__ = [
    "HORIZON",
    "SAME_LENGTH_NORMALISATION",
    "Mention",
    "find_mentions",
    "mentioned_due",
    "mentions_time",
    "script_language",
]

HORIZON: Final[timedelta] = timedelta(days=183)
"""How far ahead a date written without a year may lie and still be read as a promise."""

# Same-length substitutions, so positions found in the normalised text hold in the original.
SAME_LENGTH_NORMALISATION: Final = str.maketrans({"ё": "е", "Ё": "Е", "’": "'", "\u00a0": " "})

_NUMBER_WORDS: Final[dict[str, int]] = {
    "один": 1,
    "одну": 1,
    "одного": 1,
    "два": 2,
    "две": 2,
    "пару": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "десять": 10,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "a couple of": 2,
    "couple of": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
}
_RU_NUMBER: Final = r"(\d{1,3}|один|одну|одного|два|две|пару|три|четыре|пять|шесть|семь|десять)"
_EN_NUMBER: Final = (
    r"(\d{1,3}|a\s+couple\s+of|couple\s+of|an?|one|two|three|four|five|six|seven|ten)"
)
_RU_MONTHS: Final[tuple[str, ...]] = (
    "январ",
    "феврал",
    "март",
    "апрел",
    "ма[яйе]",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
)
_EN_MONTHS: Final[tuple[str, ...]] = (
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)
# "среда" alone is left out: "в тестовой среде" is an environment far more often than a day.
_RU_WEEKDAYS: Final[tuple[str, ...]] = (
    "понедельник[аеуом]*",
    "вторник[аеуом]*",
    "сред[уы]",
    "четверг[аеуом]*",
    "пятниц[аеуы]",
    "суббот[аеуы]",
    "воскресень[еяю]",
)
_EN_WEEKDAYS: Final[tuple[str, ...]] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
_SENTENCE_END: Final = re.compile(r"[.!?…\n]+(?=\s|$)")
_CYRILLIC: Final = re.compile(r"[а-яё]", re.IGNORECASE)
_LATIN: Final = re.compile(r"[a-z]", re.IGNORECASE)

DayRule = Callable[[date], date | None]
"""Local date a day phrase means, given today; None when it cannot be ahead."""


@dataclass(frozen=True)
class Mention:
    """One date-like phrase: where it is and what it means.

    ``day`` resolves a day ("завтра", "15.12"); ``clock`` is a time of day ("до 18:00"), on
    its own or as a day phrase's own hour ("tonight"); ``after`` is a span from now ("через 2
    часа"). ``past`` marks a day named as gone ("в прошлую пятницу"), which promises nothing.
    """

    start: int
    end: int
    day: DayRule | None = None
    clock: time | None = None
    after: timedelta | None = None
    today_preset: bool = False
    past: bool = False
    weak: bool = False


def _count(word: str | None) -> int:
    """A count written as digits or a small number word; no count means one ("через час")."""
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(" ".join(word.lower().split()), 0)


def _weekday(index: int, which: str | None) -> DayRule:
    """The weekday after today, or in next calendar week for "следующ…"/"next"."""
    word = (which or "").lower()

    def resolve(today: date) -> date | None:
        if word.startswith(("следующ", "next")):
            return today + timedelta(days=7 - today.weekday() + index)
        return today + timedelta(days=(index - today.weekday()) % 7 or 7)

    return resolve


def _calendar(day: int, month: int, year: int | None) -> DayRule:
    """A written date; without a year, the next occurrence if it is within HORIZON."""

    def resolve(today: date) -> date | None:
        for candidate_year in (year,) if year else (today.year, today.year + 1):
            try:
                found = date(candidate_year, month, day)
            except ValueError:
                continue
            if year or today <= found <= today + HORIZON:
                return found
        return None

    return resolve


def _days_ahead(days: int) -> DayRule:
    return lambda today: today + timedelta(days=days)


def _week_end(weeks: int) -> DayRule:
    """Friday of this (0) or next (1) week: the last working day such a promise has."""

    def resolve(today: date) -> date | None:
        friday = today + timedelta(days=4 - today.weekday() + 7 * weeks)
        return friday if friday >= today else None

    return resolve


def _year(text: str | None) -> int | None:
    if not text:
        return None
    return int(text) + (2000 if len(text) == 2 else 0)


def _hour_24(hour: int, part: str | None) -> int:
    """Apply "вечера"/"pm"-like parts of the day to a 12-hour clock reading; with none, 1 to 7
    are afternoon hours ("перезвоню в 3" is 15:00 in business talk, not the middle of the night)."""
    part = (part or "").lower().replace(".", "")
    if not part:
        return hour + 12 if 1 <= hour <= 7 else hour
    if part in ("дня", "вечера", "p") and 1 <= hour <= 11:
        return hour + 12
    if part in ("a", "ночи", "утра") and hour == 12:
        return 0
    return hour


def _clock(hour: int, minute: int = 0) -> time | None:
    return time(hour, minute) if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def _which(match: re.Match[str], first: int, count: int) -> int:
    """Index of the alternative that matched among ``count`` groups starting at ``first``."""
    return next(i for i in range(count) if match[first + i])


# --- shapes -------------------------------------------------------------------------------
# A shape is a pattern and a builder from its match; patterns run on the normalised text, so
# they are written with "е" only. Builders return None for a match that is no date after all.

Builder = Callable[[re.Match[str]], Mention | None]


def _at_day(rule: DayRule, *, clock: time | None = None, today_preset: bool = False) -> Builder:
    return lambda m: Mention(m.start(), m.end(), day=rule, clock=clock, today_preset=today_preset)


def _at_clock(match: re.Match[str], clock: time | None) -> Mention | None:
    return Mention(match.start(), match.end(), clock=clock) if clock is not None else None


def _weekday_mention(match: re.Match[str]) -> Mention:
    which = match[1]
    past = bool(which) and which.lower().startswith(("прошл", "last"))
    return Mention(match.start(), match.end(), day=_weekday(_which(match, 2, 7), which), past=past)


def _date_mention(match: re.Match[str], day: int, month: int, year: int | None) -> Mention:
    return Mention(match.start(), match.end(), day=_calendar(day, month, year))


def _dotted_date(match: re.Match[str]) -> Mention | None:
    day, month = int(match[1]), int(match[2])
    if not 1 <= month <= 12:
        return None
    return _date_mention(match, day, month, _year(match[3]))


def _dotted_time(match: re.Match[str]) -> Mention | None:
    """ "до 18.00" is a time only where it cannot be a date: "до 10.10" is 10 October."""
    hour, minute = int(match[1]), int(match[2])
    if 1 <= minute <= 12:
        return None
    return _at_clock(match, _clock(hour, minute))


def _weak_hour(match: re.Match[str]) -> Mention | None:
    """A bare hour next to a day; 1 to 7 are afternoon hours, as in business talk."""
    clock = _clock(_hour_24(int(match[1]), None))
    if clock is None:
        return None
    return Mention(match.start(), match.end(), clock=clock, weak=True)


def _span(match: re.Match[str], delta: timedelta) -> Mention:
    return Mention(match.start(), match.end(), after=delta)


_DOTTED_DATE: Final = r"(?<![\d.:/])(\d{1,2})\.(\d{2})(?:\.(\d{4}|\d{2}))?(?![\d:]|\.\d)"
_COLON_TIME: Final = r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])"


def _ru_shapes() -> tuple[tuple[str, Builder], ...]:
    weekdays = "|".join(f"({name})" for name in _RU_WEEKDAYS)
    months = "|".join(f"({name})" for name in _RU_MONTHS)
    business = r"(?:(?:рабочих|календарных|банковских)\s+)?"
    before = r"(?:в|во|до|к|ко|около|не\s+позже|не\s+позднее)\s+"
    return (
        ("послезавтра", _at_day(_days_ahead(2))),
        ("завтра", _at_day(_days_ahead(1))),
        (
            r"сегодня|до\s+конца\s+(?:рабочего\s+)?дня|в\s+течение\s+(?:рабочего\s+)?дня",
            _at_day(_days_ahead(0), today_preset=True),
        ),
        (
            r"(?:(прошл\w*|следующ\w*|ближайш\w*|эт[уио]\w*)\s+)?(?:" + weekdays + ")",
            _weekday_mention,
        ),
        (
            r"(?:через|в\s+течение)\s+(?:"
            + _RU_NUMBER
            + r"\s+)?"
            + business
            + r"(дн(?:я|ей)|день|недел[юиь])",
            lambda m: Mention(
                m.start(),
                m.end(),
                day=_days_ahead(_count(m[1]) * (7 if m[2].lower().startswith("недел") else 1)),
            ),
        ),
        (
            r"(?:через|в\s+течение)\s+(?:" + _RU_NUMBER + r"\s+)?(час(?:а|ов)?|минут[уы]?)",
            lambda m: _span(
                m,
                timedelta(hours=_count(m[1]))
                if m[2].lower().startswith("час")
                else timedelta(minutes=_count(m[1])),
            ),
        ),
        (
            r"(?:через|в\s+течение)\s+получаса|через\s+полчаса",
            lambda m: _span(m, timedelta(minutes=30)),
        ),
        (
            r"(?:до\s+конца|к\s+концу)\s+(?:этой\s+)?недели|на\s+этой\s+неделе",
            _at_day(_week_end(0)),
        ),
        (r"на\s+следующей\s+неделе", _at_day(_week_end(1))),
        (
            r"(?<!\d)(\d{1,2})(?:-?го)?\s+(?:" + months + r")\w*(?:\s+(\d{4})(?:\s*г\.?)?)?",
            lambda m: _date_mention(m, int(m[1]), _which(m, 2, 12) + 1, _year(m[14])),
        ),
        (_DOTTED_DATE, _dotted_date),
        (before + r"(\d{1,2})\.(\d{2})(?!\d|\.\d)", _dotted_time),
        (_COLON_TIME, lambda m: _at_clock(m, _clock(int(m[1]), int(m[2])))),
        (
            before + r"(\d{1,2})(?:\s*час(?:а|ов|ам|у)?(?:\s+(утра|дня|вечера|ночи))?"
            r"|\s+(утра|дня|вечера|ночи)|(?=\s*(?:[,;!?]|\.(?!\d)|$)))",
            lambda m: _at_clock(m, _clock(_hour_24(int(m[1]), m[2] or m[3]))),
        ),
        (before + r"(\d{1,2})(?![\d:.,])", _weak_hour),
        (r"(?:в\s+)?полдень", lambda m: _at_clock(m, time(12))),
        (r"утром", lambda m: _at_clock(m, time(10))),
        (r"(?:до|к|перед)\s+обед(?:а|у|ом)", lambda m: _at_clock(m, time(13))),
        (r"к\s+вечеру|вечером", lambda m: _at_clock(m, time(END_OF_DAY_HOUR))),
    )


def _en_shapes() -> tuple[tuple[str, Builder], ...]:
    weekdays = "|".join(f"({name})" for name in _EN_WEEKDAYS)
    months = "|".join(f"({name})" for name in _EN_MONTHS)
    business = r"(?:(?:working|business|calendar)\s+)?"
    return (
        (r"(?:the\s+)?day\s+after\s+tomorrow", _at_day(_days_ahead(2))),
        ("tomorrow", _at_day(_days_ahead(1))),
        (r"tonight|this\s+evening", _at_day(_days_ahead(0), clock=time(20))),
        (
            r"today|(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the\s+|today\W?s\s+)?"
            r"(?:working\s+|business\s+)?day|eod|cob",
            _at_day(_days_ahead(0), today_preset=True),
        ),
        (r"(?:(last|next|this|coming)\s+)?(?:" + weekdays + r")", _weekday_mention),
        (
            r"(?:in|within)\s+" + _EN_NUMBER + r"\s+" + business + r"(days?|weeks?)",
            lambda m: Mention(
                m.start(),
                m.end(),
                day=_days_ahead(_count(m[1]) * (7 if m[2].lower().startswith("w") else 1)),
            ),
        ),
        (
            r"(?:in|within)\s+" + _EN_NUMBER + r"\s+(hours?|minutes?|mins?)",
            lambda m: _span(
                m,
                timedelta(hours=_count(m[1]))
                if m[2].lower().startswith("h")
                else timedelta(minutes=_count(m[1])),
            ),
        ),
        (r"(?:in|within)\s+half\s+an\s+hour", lambda m: _span(m, timedelta(minutes=30))),
        (
            r"(?:by\s+)?(?:the\s+)?end\s+of\s+(?:the|this)\s+week|this\s+week",
            _at_day(_week_end(0)),
        ),
        (r"next\s+week", _at_day(_week_end(1))),
        (
            r"(?:" + months + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(\d{4}))?",
            lambda m: _date_mention(m, int(m[13]), _which(m, 1, 12) + 1, _year(m[14])),
        ),
        (
            r"(?<![\d:])(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + months + r")\.?"
            r"(?:,?\s+(\d{4}))?",
            lambda m: _date_mention(m, int(m[1]), _which(m, 2, 12) + 1, _year(m[14])),
        ),
        (_DOTTED_DATE, _dotted_date),
        (
            r"(?<![\d:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\.?",
            lambda m: (
                _at_clock(m, _clock(_hour_24(int(m[1]), m[3]), int(m[2] or 0)))
                if 1 <= int(m[1]) <= 12
                else None
            ),
        ),
        (_COLON_TIME, lambda m: _at_clock(m, _clock(int(m[1]), int(m[2])))),
        (r"(\d{1,2})\s*o'?clock", lambda m: _at_clock(m, _clock(int(m[1])))),
        (
            r"(?:at|by|before|until)\s+(\d{1,2})(?=\s*(?:[,;!?]|\.(?!\d)|$))",
            lambda m: _at_clock(m, _clock(_hour_24(int(m[1]), None))),
        ),
        (r"(?:at|by|before|until)\s+(\d{1,2})(?![\d:.,])", _weak_hour),
        (r"noon|midday", lambda m: _at_clock(m, time(12))),
        (r"in\s+the\s+morning|morning", lambda m: _at_clock(m, time(10))),
    )


def _compile(
    shapes: tuple[tuple[str, Builder], ...],
) -> tuple[tuple[re.Pattern[str], Builder], ...]:
    """Whole words only: "завтра" must not fire inside "послезавтрашний", "may" inside "mayor"."""
    return tuple(
        (re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE), build)
        for pattern, build in shapes
    )


_SHAPES: Final[dict[str, tuple[tuple[re.Pattern[str], Builder], ...]]] = {
    "ru": _compile(_ru_shapes()),
    "en": _compile(_en_shapes()),
}


def script_language(text: str, default: str) -> str:
    """ "ru" or "en" by the letters a text is written in; ``default`` when mixed or too short.

    The company's language is only a default: a Russian company answering an English-speaking
    client writes in English, and then English dates (and phrase rules) are the ones to read.
    """
    fallback = "ru" if default.lower().startswith("ru") else "en"
    sample = text[:2000]
    cyrillic = len(_CYRILLIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if cyrillic + latin < 8:
        return fallback
    if cyrillic >= 4 * latin:
        return "ru"
    if latin >= 4 * cyrillic:
        return "en"
    return fallback


def find_mentions(text: str, language: str) -> list[Mention]:
    """Every date-like phrase, by position. Where two overlap the longer wins, so "к 15
    декабря" is a date rather than the hour "к 15", and "15.12.2026" one date, not two."""
    normalised = text.translate(SAME_LENGTH_NORMALISATION)
    found: list[Mention] = []
    for pattern, build in _SHAPES[script_language(text, language)]:
        for match in pattern.finditer(normalised):
            mention = build(match)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda m: (m.start - m.end, m.start))
    taken = bytearray(len(text))
    kept: list[Mention] = []
    for mention in found:
        if not any(taken[mention.start : mention.end]):
            taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def mentions_time(text: str, language: str) -> bool:
    """True when the text names a day or an hour that is not gone ("в прошлую пятницу" is):
    the phrase check's sign that a promise comes with a date."""
    return any(not (m.past or m.weak) for m in find_mentions(text, language))


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _distance(a: Mention, b: Mention) -> int:
    return max(a.start - b.end, b.start - a.end, 0)


ADJACENT: Final[int] = 2
"""Most characters between a day phrase and a weak hour that belongs to it ("завтра в 10")."""


def _own_clock(day: Mention, days: list[Mention], clocks: list[Mention]) -> time | None:
    """The time of day that goes with a day phrase: its own ("tonight"), else the nearest
    clock in its sentence that the neighbouring day phrases are not nearer to (a tie goes to
    the earlier day). A weak hour must stand right next to the day."""
    if day.clock is not None:
        return day.clock
    index = next(i for i, d in enumerate(days) if d is day)
    before = days[index - 1] if index > 0 else None
    after = days[index + 1] if index + 1 < len(days) else None
    best: tuple[int, time] | None = None
    for clock in clocks:
        distance = _distance(clock, day)
        if before is not None and _distance(clock, before) <= distance:
            continue
        if after is not None and _distance(clock, after) < distance:
            continue
        if clock.weak and distance > ADJACENT:
            continue
        if clock.clock is not None and (best is None or distance < best[0]):
            best = (distance, clock.clock)
    return best[1] if best else None


def _moments(mentions: list[Mention], text: str, now: datetime, tz: ZoneInfo) -> Iterator[datetime]:
    """Each mention as a moment, in text order. A day takes a time of day from its sentence;
    a time of day in a sentence with no day ahead is today's if still to come, else
    tomorrow's. Days already gone are skipped and leave their clocks free."""
    today = now.astimezone(tz).date()
    for start, end in _sentences(text):
        sentence = [m for m in mentions if start <= m.start < end]
        resolved = {id(m): m.day(today) for m in sentence if m.day is not None and not m.past}
        days = [m for m in sentence if resolved.get(id(m)) is not None]
        clocks = [m for m in sentence if m.day is None and m.clock is not None]
        for mention in sentence:
            if mention.after is not None:
                yield (now + mention.after).replace(second=0, microsecond=0)
            elif (day := resolved.get(id(mention))) is not None:
                clock = _own_clock(mention, days, clocks)
                if clock is None and mention.today_preset and day == today:
                    yield preset_due("today", now, tz)
                else:
                    yield _local(day, clock or time(END_OF_DAY_HOUR), tz)
            elif mention.clock is not None and not days and not mention.weak:
                moment = _local(today, mention.clock, tz)
                tomorrow = _local(today + timedelta(days=1), mention.clock, tz)
                yield moment if moment > now else tomorrow


def _local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """Wall-clock time in ``tz`` as aware UTC (zoneinfo keeps it right across DST)."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def mentioned_due(text: str, now: datetime, tz: ZoneInfo, language: str) -> datetime | None:
    """The first concrete moment a reply promises, as aware UTC, or None.

    Only moments after ``now`` count: a date already gone ("заказ от 15.11") is skipped and
    the next mention tried. ``language`` is the default for a reply whose letters do not make
    its language clear.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    mentions = find_mentions(text, language)
    normalised = text.translate(SAME_LENGTH_NORMALISATION)
    for moment in _moments(mentions, normalised, now, tz):
        if moment > now:
            return moment
    return None
