"""Tests for bot.views.date_mentions: the date a reply promises, for a fixed ``now``.

``NOW`` is Monday 2026-11-23 12:00 in Moscow (09:00 UTC), as in test_dates.py; expectations
are Moscow wall-clock times, so they can be checked against a calendar directly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.views.date_mentions import mentioned_due, mentions_time, script_language

MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Mon 23.11.2026 12:00 MSK


def msk(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=MSK).astimezone(UTC)


RUSSIAN: list[tuple[str, datetime]] = [
    ("Книгу привезу сам в пятницу до 18:00.", msk(2026, 11, 27, 18)),
    ("Дмитрий, простите! Привезу книгу в пятницу в 15:30.", msk(2026, 11, 27, 15, 30)),
    ("До 12:00 в среду пришлю отчёт.", msk(2026, 11, 25, 12)),
    ("Перезвоню завтра.", msk(2026, 11, 24, 18)),
    ("Завтра в 10 позвоню и всё расскажу.", msk(2026, 11, 24, 10)),
    ("Завтра в 3 перезвоню.", msk(2026, 11, 24, 15)),
    ("Завтра утром проверю кондиционер.", msk(2026, 11, 24, 10)),
    ("Послезавтра привезём новый тренажёр.", msk(2026, 11, 25, 18)),
    ("Деньги вернём к 15.12.", msk(2026, 12, 15, 18)),
    ("Вернём к 15 декабря.", msk(2026, 12, 15, 18)),
    ("Пришлём до 10 января 2027 г.", msk(2027, 1, 10, 18)),
    ("Сделаем через 2 дня.", msk(2026, 11, 25, 18)),
    ("Сделаем через пару дней.", msk(2026, 11, 25, 18)),
    ("Перезвоню через два часа.", msk(2026, 11, 23, 14)),
    ("Перезвоню через полчаса.", msk(2026, 11, 23, 12, 30)),
    ("Вернём в течение 10 рабочих дней.", msk(2026, 12, 3, 18)),
    ("Отвечу сегодня.", msk(2026, 11, 23, 18)),
    ("Отвечу до конца дня.", msk(2026, 11, 23, 18)),
    ("Разберусь до конца недели.", msk(2026, 11, 27, 18)),
    ("Починим на следующей неделе.", msk(2026, 12, 4, 18)),
    ("Занятие перенесём на следующую субботу.", msk(2026, 12, 5, 18)),
    ("Позвоню до 6 вечера.", msk(2026, 11, 23, 18)),
    ("Позвоню к 15 часам.", msk(2026, 11, 23, 15)),
    ("Перезвоню в 10:00.", msk(2026, 11, 24, 10)),  # gone today → tomorrow
    ("Привезу до 18.00.", msk(2026, 11, 23, 18)),
    ("Ёлку поставим в четверг.", msk(2026, 11, 26, 18)),
]

ENGLISH: list[tuple[str, datetime]] = [
    ("I'll bring it on Friday by 6 pm.", msk(2026, 11, 27, 18)),
    ("We'll call you tomorrow.", msk(2026, 11, 24, 18)),
    ("Tomorrow at 10 I'll call you.", msk(2026, 11, 24, 10)),
    ("The refund arrives by Dec 15.", msk(2026, 12, 15, 18)),
    ("The refund arrives by 15th December.", msk(2026, 12, 15, 18)),
    ("Done within 2 business days.", msk(2026, 11, 25, 18)),
    ("I'll call you in an hour.", msk(2026, 11, 23, 13)),
    ("I'll call you at 5pm.", msk(2026, 11, 23, 17)),
    ("I'll call you at 3.", msk(2026, 11, 23, 15)),
    ("I'll come back to you tonight.", msk(2026, 11, 23, 20)),
    ("We'll ship it next Monday.", msk(2026, 11, 30, 18)),
    ("Fixed by the end of the week.", msk(2026, 11, 27, 18)),
]


@pytest.mark.parametrize(("text", "expected"), RUSSIAN, ids=[c[0] for c in RUSSIAN])
def test_russian(text: str, expected: datetime) -> None:
    result = mentioned_due(text, NOW, MSK, "ru")
    assert result == expected
    assert result is not None and result.utcoffset() is not None
    assert result.utcoffset().total_seconds() == 0


@pytest.mark.parametrize(("text", "expected"), ENGLISH, ids=[c[0] for c in ENGLISH])
def test_english(text: str, expected: datetime) -> None:
    assert mentioned_due(text, NOW, MSK, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Мы вышлем вам книгу.",
        "Решим в ближайшее время.",
        "Скорость выросла в 2 раза.",
        "Работы пройдут в 3 этапа.",
        "В прошлую пятницу тренер заболел.",
        "Заказ от 15.11 потерялся.",  # a week ago: the past, not next November
        "Перенесли сервер в тестовой среде.",
        "We may need some time.",
        "",
    ],
)
def test_no_promised_date(text: str) -> None:
    assert mentioned_due(text, NOW, MSK, "ru") is None


def test_a_past_date_is_skipped_for_the_next_one() -> None:
    text = "По заказу от 15.11 вернём деньги до 18.00."
    assert mentioned_due(text, NOW, MSK, "ru") == msk(2026, 11, 23, 18)


def test_the_first_promise_wins_and_each_day_keeps_its_own_time() -> None:
    text = "Завтра в 11:00 проверю, а в пятницу до 18:00 привезу."
    assert mentioned_due(text, NOW, MSK, "ru") == msk(2026, 11, 24, 11)
    text = "Завтра проверю, а в пятницу до 16:00 привезу."
    assert mentioned_due(text, NOW, MSK, "ru") == msk(2026, 11, 24, 18)


def test_a_weekday_today_means_next_week() -> None:
    assert mentioned_due("Привезём в понедельник.", NOW, MSK, "ru") == msk(2026, 11, 30, 18)


def test_a_year_end_date_rolls_into_january() -> None:
    december = msk(2026, 12, 20, 12)
    assert mentioned_due("Вернём до 10.01.", december, MSK, "ru") == msk(2027, 1, 10, 18)


def test_today_in_the_evening_follows_the_today_preset() -> None:
    evening = msk(2026, 11, 23, 19, 20)
    assert mentioned_due("Отвечу сегодня.", evening, MSK, "ru") == msk(2026, 11, 23, 21)


def test_the_replys_letters_decide_its_language() -> None:
    assert mentioned_due("We'll call you tomorrow.", NOW, MSK, "ru") == msk(2026, 11, 24, 18)
    assert script_language("We'll call you tomorrow.", "ru") == "en"
    assert script_language("Перезвоню завтра, ok?", "en") == "ru"
    assert script_language("ok", "ru") == "ru"


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        mentioned_due("завтра", datetime(2026, 11, 23, 12), MSK, "ru")


def test_mentions_time() -> None:
    assert mentions_time("Книгу отправим в пятницу курьером.", "ru")
    assert mentions_time("Отвечу до 17:00.", "ru")
    assert not mentions_time("Мы вышлем вам книгу.", "ru")
    assert not mentions_time("В прошлую пятницу тренер заболел.", "ru")
    assert not mentions_time("Скорость выросла в 2 раза.", "ru")
    assert mentions_time("I'll call you by 3 pm today.", "en")
