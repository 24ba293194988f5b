"""Tests for bot.views.dates: exact datetimes for a fixed ``now`` so any drift in parsing fails.

``NOW`` is Monday 2026-11-23 12:00 in Moscow (UTC+3, no DST), i.e. 09:00 UTC. Expected
values are written as Moscow wall-clock times and converted, so a reader can check them
against a calendar without doing offset arithmetic.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.views.dates import PRESETS, DueParseError, format_due, parse_due, preset_due

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Mon 23.11.2026 12:00 MSK


def msk(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """Moscow wall-clock time as aware UTC, the form every function here returns."""
    return datetime(year, month, day, hour, minute, tzinfo=MSK).astimezone(UTC)


def test_now_is_monday_noon_in_moscow() -> None:
    """Guard the fixture itself: every weekday expectation below depends on it."""
    local = NOW.astimezone(MSK)
    assert (local.weekday(), local.hour) == (0, 12)


# --- parse_due: successes -------------------------------------------------------------

RUSSIAN_CASES: list[tuple[str, datetime]] = [
    ("25.11 15:00", msk(2026, 11, 25, 15)),
    ("25.11", msk(2026, 11, 25, 10)),
    ("25.11.2026 9:30", msk(2026, 11, 25, 9, 30)),
    ("25.11.26 15:00", msk(2026, 11, 25, 15)),
    ("2026-11-25 15:00", msk(2026, 11, 25, 15)),
    ("25.11 15.30", msk(2026, 11, 25, 15, 30)),
    ("завтра", msk(2026, 11, 24, 10)),
    ("завтра в 10", msk(2026, 11, 24, 10)),
    ("завтра в 10:30", msk(2026, 11, 24, 10, 30)),
    ("завтра в 15.00", msk(2026, 11, 24, 15)),
    ("завтра в 10 часов", msk(2026, 11, 24, 10)),
    ("завтра в 9 утра", msk(2026, 11, 24, 9)),
    ("завтра в 3 часа дня", msk(2026, 11, 24, 15)),
    ("в 7 вечера", msk(2026, 11, 23, 19)),
    ("послезавтра", msk(2026, 11, 25, 10)),
    ("через 2 дня", msk(2026, 11, 25, 10)),
    ("через 3 дня в 12", msk(2026, 11, 26, 12)),
    ("через 3 часа", msk(2026, 11, 23, 15)),
    ("через 30 минут", msk(2026, 11, 23, 12, 30)),
    ("через неделю", msk(2026, 11, 30, 10)),
    ("в пятницу", msk(2026, 11, 27, 10)),
    ("в пятницу в 15:00", msk(2026, 11, 27, 15)),
    ("до пятницы", msk(2026, 11, 27, 10)),
    ("к пятнице", msk(2026, 11, 27, 10)),
    ("в пн", msk(2026, 11, 30, 10)),
    ("сегодня в 18", msk(2026, 11, 23, 18)),
    ("сегодня", msk(2026, 11, 23, 18)),
    ("23.11", msk(2026, 11, 23, 18)),
    ("25 ноября в 15", msk(2026, 11, 25, 15)),
    ("в 10", msk(2026, 11, 24, 10)),
    ("завтра.", msk(2026, 11, 24, 10)),
    ("  Завтра   в 10:30! ", msk(2026, 11, 24, 10, 30)),
    ("до 25.11", msk(2026, 11, 25, 10)),
]

ENGLISH_CASES: list[tuple[str, datetime]] = [
    ("tomorrow", msk(2026, 11, 24, 10)),
    ("tomorrow 3pm", msk(2026, 11, 24, 15)),
    ("tomorrow at 3 pm", msk(2026, 11, 24, 15)),
    ("tomorrow at 3:30 p.m.", msk(2026, 11, 24, 15, 30)),
    ("tomorrow at 10", msk(2026, 11, 24, 10)),
    ("Tomorrow at 10:00.", msk(2026, 11, 24, 10)),
    ("tomorrow noon", msk(2026, 11, 24, 12)),
    ("in 2 days", msk(2026, 11, 25, 10)),
    ("in 3 hours", msk(2026, 11, 23, 15)),
    ("in a week", msk(2026, 11, 30, 10)),
    ("friday 15:00", msk(2026, 11, 27, 15)),
    ("Friday, 3pm", msk(2026, 11, 27, 15)),
    ("by friday", msk(2026, 11, 27, 10)),
    ("next monday", msk(2026, 11, 30, 10)),
    ("today", msk(2026, 11, 23, 18)),
    ("at 10", msk(2026, 11, 24, 10)),
    ("nov 25 3pm", msk(2026, 11, 25, 15)),
]

# Language-neutral numeric forms.
NUMERIC_CASES: list[tuple[str, datetime]] = [
    ("15:00", msk(2026, 11, 23, 15)),  # still ahead today → today
    ("10:00", msk(2026, 11, 24, 10)),  # already gone today → tomorrow
    ("01.01", msk(2027, 1, 1, 10)),  # bare past day.month → next occurrence
    ("29.02", msk(2028, 2, 29, 10)),  # next year that has the day
    ("25/11", msk(2026, 11, 25, 10)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    RUSSIAN_CASES + ENGLISH_CASES + NUMERIC_CASES,
    ids=[case[0] for case in RUSSIAN_CASES + ENGLISH_CASES + NUMERIC_CASES],
)
def test_parse_due(text: str, expected: datetime) -> None:
    """Each phrase resolves to one exact UTC instant, returned aware in UTC."""
    result = parse_due(text, NOW, MSK)
    assert result == expected
    assert result.utcoffset() is not None and result.utcoffset().total_seconds() == 0


def test_parse_due_drops_seconds() -> None:
    """Relative hours keep whole minutes even when ``now`` carries seconds."""
    now = datetime(2026, 11, 23, 9, 0, 37, 123456, tzinfo=UTC)
    assert parse_due("через 3 часа", now, MSK) == msk(2026, 11, 23, 15)


def test_parse_due_today_in_the_evening_follows_today_preset() -> None:
    """A bare "сегодня" after 18:00 is the next full hour at least one hour away."""
    evening = msk(2026, 11, 23, 19, 20)
    assert parse_due("сегодня", evening, MSK) == msk(2026, 11, 23, 21)
    assert parse_due("today", evening, MSK) == msk(2026, 11, 23, 21)


def test_parse_due_uses_the_given_timezone() -> None:
    """The same words mean a different UTC instant in Vladivostok (UTC+10)."""
    vvo = ZoneInfo("Asia/Vladivostok")
    expected = datetime(2026, 11, 24, 10, tzinfo=vvo).astimezone(UTC)
    assert parse_due("завтра", NOW, vvo) == expected  # NOW is 19:00 on 23.11 there


# --- parse_due: errors ------------------------------------------------------------------

PAST_CASES: list[str] = [
    "вчера",
    "yesterday",
    "25.11.2025",
    "01.01.2026",
    "сегодня в 11",
    "23.11 11:00",
    "today at 9am",
]

UNPARSED_CASES: list[str] = [
    "asdf",
    "",
    "   ",
    "когда-нибудь",
    "someday",
    "32.13",
    "31.02",
    "25.11 25:00",
    "в 25",
    "5",
]


@pytest.mark.parametrize("text", PAST_CASES)
def test_parse_due_past(text: str) -> None:
    """Readable but already gone: the bot says "that's in the past", not "didn't get it"."""
    with pytest.raises(DueParseError) as info:
        parse_due(text, NOW, MSK)
    assert info.value.reason == "past"
    assert str(info.value) == "past"


@pytest.mark.parametrize("text", UNPARSED_CASES, ids=[repr(t) for t in UNPARSED_CASES])
def test_parse_due_unparsed(text: str) -> None:
    """Garbage and impossible dates are refused rather than guessed."""
    with pytest.raises(DueParseError) as info:
        parse_due(text, NOW, MSK)
    assert info.value.reason == "unparsed"


def test_due_parse_error_is_value_error() -> None:
    """Callers that only catch ValueError still handle bad input."""
    assert issubclass(DueParseError, ValueError)


def test_naive_now_is_rejected() -> None:
    """A naive ``now`` would silently shift every date, so it is a programming error."""
    with pytest.raises(ValueError, match="aware"):
        parse_due("завтра", datetime(2026, 11, 23, 12), MSK)
    with pytest.raises(ValueError, match="aware"):
        preset_due("tomorrow", datetime(2026, 11, 23, 12), MSK)


# --- presets ------------------------------------------------------------------------------


def test_presets_constant() -> None:
    """The keyboard builds its buttons from this tuple; order is the display order."""
    assert PRESETS == ("today", "tomorrow", "in3days", "nextweek")


@pytest.mark.parametrize(
    ("preset", "now", "expected"),
    [
        ("today", NOW, msk(2026, 11, 23, 18)),
        ("today", msk(2026, 11, 23, 17, 59), msk(2026, 11, 23, 18)),
        ("today", msk(2026, 11, 23, 18), msk(2026, 11, 23, 19)),
        ("today", msk(2026, 11, 23, 19, 20), msk(2026, 11, 23, 21)),
        ("today", msk(2026, 11, 23, 23, 30), msk(2026, 11, 24, 1)),
        ("tomorrow", NOW, msk(2026, 11, 24, 10)),
        ("tomorrow", msk(2026, 11, 23, 23, 59), msk(2026, 11, 24, 10)),
        ("in3days", NOW, msk(2026, 11, 26, 10)),
        ("nextweek", NOW, msk(2026, 11, 30, 10)),  # Monday → the following Monday
        ("nextweek", msk(2026, 11, 29, 20), msk(2026, 11, 30, 10)),  # Sunday → tomorrow
        ("nextweek", msk(2026, 11, 26, 9), msk(2026, 11, 30, 10)),  # Thursday
    ],
)
def test_preset_due(preset: str, now: datetime, expected: datetime) -> None:
    """Each preset lands on the documented local wall-clock time."""
    assert preset_due(preset, now, MSK) == expected


def test_preset_due_local_date_not_utc_date() -> None:
    """At 01:00 MSK the UTC date is still yesterday; "tomorrow" must follow the local date."""
    assert preset_due("tomorrow", msk(2026, 11, 24, 1), MSK) == msk(2026, 11, 25, 10)


def test_preset_due_across_dst() -> None:
    """10:00 stays 10:00 local on the day US clocks spring forward (8 March 2026)."""
    ny = ZoneInfo("America/New_York")
    now = datetime(2026, 3, 7, 15, 0, tzinfo=UTC)  # Sat 10:00 EST
    assert preset_due("tomorrow", now, ny) == datetime(2026, 3, 8, 14, 0, tzinfo=UTC)


def test_preset_due_unknown() -> None:
    """A stale callback with an unknown preset is an error, not a silent default."""
    with pytest.raises(ValueError, match="unknown preset"):
        preset_due("someday", NOW, MSK)


# --- format_due ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "lang", "expected"),
    [
        (msk(2026, 11, 23, 18), "ru", "23.11 18:00, сегодня"),
        (msk(2026, 11, 23, 18), "en", "23.11 18:00, today"),
        (msk(2026, 11, 24, 10), "ru", "24.11 10:00, завтра"),
        (msk(2026, 11, 24, 10), "en", "24.11 10:00, tomorrow"),
        (msk(2026, 11, 25, 15), "ru", "25.11 15:00"),
        (msk(2026, 11, 25, 15), "en", "25.11 15:00"),
        (msk(2026, 11, 22, 9, 5), "ru", "22.11 09:05, вчера"),
        (msk(2026, 11, 22, 9, 5), "en", "22.11 09:05, yesterday"),
        (msk(2026, 11, 21, 9, 5), "ru", "21.11 09:05"),
        (msk(2027, 1, 1, 10), "ru", "01.01.2027 10:00"),
        (msk(2027, 1, 1, 10), "en", "01.01.2027 10:00"),
        (msk(2025, 11, 24, 10), "ru", "24.11.2025 10:00"),
        (msk(2026, 11, 24, 10), "ru-RU", "24.11 10:00, завтра"),
        (msk(2026, 11, 24, 10), "de", "24.11 10:00, tomorrow"),
    ],
)
def test_format_due(due: datetime, lang: str, expected: str) -> None:
    """Always the local date and time; the word for yesterday/today/tomorrow after it;
    the year only when it is not the current one."""
    assert format_due(due, MSK, NOW, lang) == expected


def test_format_due_uses_local_day_boundaries() -> None:
    """23:30 UTC on 23.11 is already 24.11 02:30 in Moscow, i.e. "tomorrow" there."""
    due = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert format_due(due, MSK, NOW, "ru") == "24.11 02:30, завтра"


@pytest.mark.parametrize(("text", "expected"), [("завтра в 10", "24.11 10:00, завтра")])
def test_parse_then_format_round_trip(text: str, expected: str) -> None:
    """What the manager typed comes back in the confirmation as they would say it."""
    assert format_due(parse_due(text, NOW, MSK), MSK, NOW, "ru") == expected


def test_format_due_across_new_year_keeps_year_and_word() -> None:
    """On 31 December a point set for tomorrow shows next year's date and "завтра"."""
    now = msk(2026, 12, 31, 12)
    assert format_due(msk(2027, 1, 1, 10), MSK, now, "ru") == "01.01.2027 10:00, завтра"
