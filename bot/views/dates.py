"""Control dates ("точка контроля"): presets, free-text parsing and short display.

A control point is the moment the owner wants to look at a ticket again. Managers set it
either with a preset button or by typing something like "завтра в 10" / "friday 15:00",
so this module turns both into an aware UTC datetime (what storage keeps) and renders it
back in the chat's local time.

Pure on purpose: no I/O, no clock reads (``now`` is always passed in, which makes every
result reproducible in tests) and no mutable module state. It must not import aiogram so
the scheduler and tests can use it without the bot stack.

Rules worth knowing:

* A date without a time gets 10:00 local (``DEFAULT_HOUR``): a control point is a nudge
  the owner should see at the start of the working day, not at midnight when nobody
  reads Telegram and a 00:00 point would already look "overdue" all day.
* Day-first order: "25.11" is 25 November, as in Russia.
* A bare day.month without a year is the next such date (today counts), so "01.01" typed
  in November means the coming New Year. An explicit past year, "вчера"/"yesterday" or a
  time earlier today are refused with ``DueParseError("past")`` instead of being guessed.
* "сегодня"/"today" without a time behaves like the "today" preset (18:00, or the next
  full hour at least an hour ahead if it is already evening), because 10:00 today is
  usually gone by the time someone types it.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

import dateparser

__all__ = [
    "DEFAULT_HOUR",
    "PRESETS",
    "DueParseError",
    "format_due",
    "parse_due",
    "preset_due",
]

PRESETS: tuple[str, ...] = ("today", "tomorrow", "in3days", "nextweek")

DEFAULT_HOUR: Final[int] = 10
"""Local hour for dates typed without a time: the owner sees it in the morning."""

END_OF_DAY_HOUR: Final[int] = 18
"""Local hour the "today" preset points at: still today, before people leave work."""

_LANGUAGES: Final[list[str]] = ["ru", "en"]

_BASE_SETTINGS: Final[dict[str, Any]] = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DATES_FROM": "future",
    "DATE_ORDER": "DMY",
}
"""Constant part of the dateparser settings; per-call keys are added to a copy."""

# "25.11", "25.11.2026", "25.11.26", also "15.30" which may turn out to be a time.
_DOTTED = re.compile(r"(?<![\d.:])(\d{1,2})\.(\d{1,2})(?:\.(\d{4}|\d{2}))?(?![\d.:])")
# "3pm", "3:30 p.m." → 24-hour clock before dateparser sees it (it reads "3 pm" alone fine,
# but mixing with the "at HH" rule below is easier when there is one canonical form).
_AM_PM = re.compile(r"(?<![\d:])(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?")
# "в 10", "во 2", "в 10:30", "в 3 часа дня", "в 9 утра", "at 10", "at 10:30".
_AT_HOUR = re.compile(
    r"(?<!\w)(?:в|во|at)\s+(\d{1,2})(?::(\d{2}))?(?![\d:.])"
    r"(?:\s*час(?:а|ов)?)?(?:\s*(утра|дня|вечера|ночи))?(?!\w)"
)
# Something that fixes the time of day, so the 10:00 default must not be applied.
_HAS_TIME = re.compile(
    r"\d{1,2}:\d{2}|\bnoon\b|\bmidnight\b|полдень|полночь"
    r"|час|минут|\bhours?\b|\bmin(?:ute)?s?\b|\bhrs?\b"
)
_LEADING_PREPOSITION = re.compile(r"^(?:до|к|ко|by|until|till|before)\s+")
# "до пятницы" / "к пятнице": dateparser knows weekdays only in the nominative/accusative.
_WEEKDAY_CASES: Final[dict[str, str]] = {
    "понедельника": "понедельник",
    "понедельнику": "понедельник",
    "вторника": "вторник",
    "вторнику": "вторник",
    "среды": "среда",
    "среде": "среда",
    "четверга": "четверг",
    "четвергу": "четверг",
    "пятницы": "пятница",
    "пятнице": "пятница",
    "субботы": "суббота",
    "субботе": "суббота",
    "воскресенья": "воскресенье",
    "воскресенью": "воскресенье",
}
_WEEKDAY_CASE_WORD = re.compile(r"(?<!\w)(" + "|".join(_WEEKDAY_CASES) + r")(?!\w)")
_EDGE_PUNCTUATION = " \t\n.,;!?()«»\"'"


# The longest text read as a date (dateparser's time grows with the text), and how far ahead
# a typed date may lie before the bot asks whether it was meant.
MAX_TYPED_DATE = 100
FAR_AHEAD = timedelta(days=366)


def is_far(due: datetime, now: datetime) -> bool:
    """More than a year ahead: "31.12.9999" is more likely a slip than a plan."""
    return due - now > FAR_AHEAD


class DueParseError(ValueError):
    """Typed text is not a usable control date.

    ``reason`` is a stable code the bot maps to a message in the chat's language:
    ``"unparsed"`` (we could not read a date) or ``"past"`` (we read it, but it is gone).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason: str = reason


def _require_aware(now: datetime) -> None:
    """Refuse naive ``now``: silently treating it as local or UTC shifts every due date."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")


def _local_at(day: date, hour: int, tz: ZoneInfo, minute: int = 0) -> datetime:
    """Wall-clock ``hour:minute`` on ``day`` in ``tz`` as aware UTC (DST-safe via zoneinfo)."""
    return datetime.combine(day, time(hour, minute), tzinfo=tz).astimezone(UTC)


def _today_due(now_local: datetime, tz: ZoneInfo) -> datetime:
    """18:00 today, or — if that is no longer ahead — the first full hour ≥ 1 hour away.

    Rounding up to a full hour keeps due times tidy ("21:00", not "20:47") and the one-hour
    floor still leaves the owner time to act; late in the evening this may roll past
    midnight, which is still the nearest sensible "today" point.
    """
    end_of_day = datetime.combine(now_local.date(), time(END_OF_DAY_HOUR), tzinfo=tz)
    if now_local < end_of_day:
        return end_of_day.astimezone(UTC)
    later = now_local.astimezone(UTC) + timedelta(hours=1)
    floored = later.replace(minute=0, second=0, microsecond=0)
    return floored if floored == later else floored + timedelta(hours=1)


def preset_due(preset: str, now: datetime, tz: ZoneInfo) -> datetime:
    """Due date for a preset button, as aware UTC.

    * ``today``: today 18:00 local; from 18:00 on, now + 1 hour rounded up to a full hour.
    * ``tomorrow``: tomorrow 10:00 local.
    * ``in3days``: the local date three days ahead, 10:00.
    * ``nextweek``: next Monday 10:00 local (on a Monday that is a week ahead) — the start
      of the next working week.

    Raises ``ValueError`` for an unknown preset or a naive ``now``.
    """
    _require_aware(now)
    now_local = now.astimezone(tz)
    today = now_local.date()
    if preset == "today":
        return _today_due(now_local, tz)
    if preset == "tomorrow":
        return _local_at(today + timedelta(days=1), DEFAULT_HOUR, tz)
    if preset == "in3days":
        return _local_at(today + timedelta(days=3), DEFAULT_HOUR, tz)
    if preset == "nextweek":
        return _local_at(today + timedelta(days=7 - today.weekday()), DEFAULT_HOUR, tz)
    raise ValueError(f"unknown preset: {preset!r}")


def _valid_time(hour: int, minute: int) -> bool:
    """True for a real 24-hour clock time."""
    return 0 <= hour <= 23 and 0 <= minute <= 59


def _valid_date(year: int, month: int, day: int) -> bool:
    """True when the calendar has this day (so "31.02" and "32.13" are rejected)."""
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _resolve_dotted(text: str, today: date) -> str:
    """Rewrite "DD.MM[.YY[YY]]" as ISO and "HH.MM" times as "HH:MM".

    dateparser reads a bare "01.01" as the time 01:01 and "32.13" as 13 Nov 2032, so we
    settle dotted numbers ourselves: the first one that is a real day.month is a date (a
    missing year means the next occurrence, today included), a later one or an invalid
    date that is a valid clock time ("15.30") is a time, anything else is unreadable.
    """
    seen_date = False

    def replace(match: re.Match[str]) -> str:
        nonlocal seen_date
        first, second, year_text = int(match[1]), int(match[2]), match[3]
        if year_text is not None:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            if not _valid_date(year, second, first):
                raise DueParseError("unparsed")
            seen_date = True
            return date(year, second, first).isoformat()
        if not seen_date and 1 <= second <= 12:
            # Next occurrence of day.month; a few years ahead covers 29.02.
            for year in range(today.year, today.year + 9):
                if _valid_date(year, second, first) and date(year, second, first) >= today:
                    seen_date = True
                    return date(year, second, first).isoformat()
            raise DueParseError("unparsed")
        if _valid_time(first, second):
            return f"{first:02d}:{second:02d}"
        raise DueParseError("unparsed")

    return _DOTTED.sub(replace, text)


def _to_24h(hour: int, minute: int, suffix: str | None) -> str:
    """Apply a Russian day-part or am/pm suffix and return "HH:MM", validating the result."""
    if suffix in ("дня", "вечера", "p") and 1 <= hour <= 11:
        hour += 12
    elif suffix in ("a", "ночи", "утра") and hour == 12:
        hour = 0
    if suffix in ("a", "p") and not 1 <= hour <= 23:
        raise DueParseError("unparsed")
    if not _valid_time(hour, minute):
        raise DueParseError("unparsed")
    return f"{hour:02d}:{minute:02d}"


def _normalise(text: str, today: date) -> str:
    """Bring free text into a shape dateparser reads reliably.

    Lower-cases, trims punctuation around the phrase ("завтра." is fine), drops a leading
    "до"/"к"/"by" and puts a weekday after it back into the nominative ("до пятницы"),
    settles dotted dates, and turns "в 10" / "at 10" / "3pm" / "в 9 вечера" into
    "HH:MM" — dateparser reads "в 10" as the 10th of the month and "at 10" likewise.
    """
    text = " ".join(text.lower().replace("ё", "е").split()).strip(_EDGE_PUNCTUATION)
    text = _LEADING_PREPOSITION.sub("", text)
    text = _WEEKDAY_CASE_WORD.sub(lambda m: _WEEKDAY_CASES[m[1]], text)
    text = _resolve_dotted(text, today)
    text = _AM_PM.sub(lambda m: _to_24h(int(m[1]), int(m[2] or 0), m[3]), text)
    text = _AT_HOUR.sub(lambda m: _to_24h(int(m[1]), int(m[2] or 0), m[3]), text)
    return text


def parse_due(text: str, now: datetime, tz: ZoneInfo) -> datetime:
    """Parse a control date typed by a manager (Russian or English) into aware UTC.

    ``now`` is aware; relative phrases ("завтра", "in 3 hours") count from it in ``tz``.
    A date without a time gets 10:00 local; "сегодня"/"today" alone means the "today"
    preset. Seconds are dropped so "через 3 часа" lands on a whole minute.

    Raises ``DueParseError("unparsed")`` when nothing date-like could be read and
    ``DueParseError("past")`` when the result is not after ``now``.
    """
    _require_aware(now)
    if len(text) > MAX_TYPED_DATE:
        raise DueParseError("unparsed")  # nobody types a date this long; don't make it costly
    now_local = now.astimezone(tz)
    normalised = _normalise(text, now_local.date())
    if not normalised or normalised.isdigit():
        # A lone number ("5") is far more likely a slip than "the 5th of this month".
        raise DueParseError("unparsed")

    settings = dict(_BASE_SETTINGS)
    settings["RELATIVE_BASE"] = now_local.replace(tzinfo=None)
    settings["TIMEZONE"] = str(tz)
    parsed = dateparser.parse(normalised, languages=_LANGUAGES, settings=settings)
    if parsed is None:
        raise DueParseError("unparsed")

    local = parsed.astimezone(tz) if parsed.tzinfo else parsed.replace(tzinfo=tz)
    if _HAS_TIME.search(normalised):
        due = local.replace(second=0, microsecond=0).astimezone(UTC)
    else:
        due = _local_at(local.date(), DEFAULT_HOUR, tz)
        if due <= now and local.date() == now_local.date():
            due = _today_due(now_local, tz)
    if due <= now:
        raise DueParseError("past")
    return due


_NEAR_DAYS: Final[dict[int, tuple[str, str]]] = {
    -1: ("вчера", "yesterday"),
    0: ("сегодня", "today"),
    1: ("завтра", "tomorrow"),
}
"""Days from today that `format_due` names after the date: (Russian, English)."""


def format_due(due: datetime, tz: ZoneInfo, now: datetime, lang: str) -> str:
    """Short local form for chat messages: "24.11 10:00, завтра", "25.11 15:00".

    The date is always there, because a card or a reminder stays in the chat: a bare
    "завтра 10:00" is wrong the next day. Yesterday, today and tomorrow add the word after
    the date. The year is shown only when it differs from the current local year, so the
    common case stays short and a point set for January is still unambiguous in December.
    ``lang`` starting with "ru" gives Russian words, anything else English.
    """
    _require_aware(now)
    local = due.astimezone(tz)
    today = now.astimezone(tz).date()
    shown = f"{local:%d.%m} " if local.year == today.year else f"{local:%d.%m.%Y} "
    shown += local.strftime("%H:%M")
    word = _NEAR_DAYS.get((local.date() - today).days)
    if word is None:
        return shown
    return f"{shown}, {word[0] if lang.lower().startswith('ru') else word[1]}"
