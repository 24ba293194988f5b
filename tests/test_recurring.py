"""The recurring-cause alarm: the likeness it groups texts by (pure), which groups it tells the
directors of and only once, and the whole loop through the stand-in Bot API."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.core.recurring import (
    Recurrence,
    cause_key,
    content_words,
    find_recurrence,
    likeness,
    render_recurrence,
    stem,
)
from bot.views.texts import Texts
from storage.models import RootCause, Status, Ticket
from tests.conftest import CLIENT, CLIENT2, DIRECTOR, DIRECTOR2, MANAGER, STRANGER, StartBot
from tests.helpers import new_ticket
from tests.schedule_helpers import clock_at, count, settle
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ALARM = "Повторяется"

AIR = (
    "Опять не работает кондиционер в зале, очень жарко",
    "В зале снова сломался кондиционер",
    "Кондиционер в большом зале не работает уже неделю",
    "Кондиционер в зале так и не починили",
)


def ticket(ticket_id: int, text: str, **changes: Any) -> Ticket:
    base = Ticket(
        *(ticket_id, "telegram", f"x{ticket_id}", 1, "Анна", 1, text, None, Status.OPEN),
        *(None, None, RootCause.PROCESS, NOW + timedelta(minutes=ticket_id), NOW),
        *(None, None, None),
    )
    return replace(base, **changes)


# --- the likeness, pure ---------------------------------------------------------------------


def test_stems_fold_russian_and_english_endings() -> None:
    assert {stem(w) for w in ("кондиционер", "кондиционера", "кондиционером")} == {"кондиц"}
    assert {stem(w) for w in ("парковка", "Парковкой", "парковки")} == {"парков"}
    assert stem("опоздал") == stem("опоздание") == "опозда"
    assert stem("ёлка") == stem("елки")
    assert stem("working") == stem("worked") == "work"
    assert stem("зал") == "зал"  # nothing is cut below three letters


def test_content_words_drop_stop_words_digits_and_short_words() -> None:
    words = content_words("Опять не работает кондиционер в зале №5, очень жарко!")
    assert list(words.values()) == ["работает", "кондиционер", "зале", "жарко"]


def test_likeness_is_jaccard_over_stems_with_the_shared_words_named() -> None:
    first = likeness(AIR[0], AIR[1])
    assert first.shared == ("кондиционер", "зале")
    assert first.score == pytest.approx(2 / 5)
    assert first.alike
    # one shared word is not enough, however short the texts
    assert not likeness("Сломался кондиционер", "Кондиционер шумит").alike
    # nothing in common
    assert likeness(AIR[0], "Тренер не пришёл на занятие").score == 0
    # long texts sharing two generic words are not "about the same thing"
    long_one = "Цена в магазине выросла, ассортимент беднее, очереди длиннее, персонал хамит"
    long_two = "Магазин закрыли раньше, цена доставки странная, курьер опоздал, товар мятый"
    assert len(likeness(long_one, long_two).shared) == 2
    assert not likeness(long_one, long_two).alike


def test_cause_key_tells_other_causes_apart_by_their_word() -> None:
    assert cause_key(ticket(1, "x")) == "process"
    assert cause_key(ticket(1, "x", root_cause=None)) is None
    parking = ticket(1, "x", root_cause=RootCause.OTHER, root_cause_note="Парковка")
    also = ticket(2, "y", root_cause=RootCause.OTHER, root_cause_note="парковкой")
    rude = ticket(3, "z", root_cause=RootCause.OTHER, root_cause_note="грубость")
    assert cause_key(parking) == cause_key(also) != cause_key(rude)


def test_three_alike_texts_make_a_words_group_and_the_fourth_joins_it_silently() -> None:
    one, two, three, four = (ticket(n, text) for n, text in enumerate(AIR, start=1))
    assert find_recurrence(two, [one, two], set()) is None
    found = find_recurrence(three, [one, two, three], set())
    assert found is not None
    assert found.basis == "words"
    assert [t.id for t in found.tickets] == [1, 2, 3]
    assert found.words[:2] == ("кондиционер", "зале")
    # the fourth of a kind: the first three were told about already
    assert find_recurrence(four, [one, two, three, four], {1, 2, 3}) is None


def test_the_same_source_groups_unlike_texts_and_words_win_over_it() -> None:
    texts = ("Не дозвонилась до ресепшена", "Не прислали чек", "Не знала про перенос занятия")
    group = [ticket(n, text, source="tg:-100") for n, text in enumerate(texts, start=1)]
    found = find_recurrence(group[-1], group, set())
    assert found is not None and found.basis == "source" and len(found.tickets) == 3
    other_source = [*group[:2], replace(group[2], source="telegram")]
    assert find_recurrence(other_source[-1], other_source, set()) is None
    # a group both alike and from one source is reported by its words: the sharper signal
    air = [ticket(n, text) for n, text in enumerate(AIR[:3], start=1)]
    found = find_recurrence(air[-1], air, set())
    assert found is not None and found.basis == "words"


def test_three_fresh_ones_after_an_alarm_make_a_new_one() -> None:
    told = [ticket(n, text) for n, text in enumerate(AIR[:3], start=1)]
    fresh = [ticket(n, AIR[n - 4]) for n in (4, 5, 6)]
    assert find_recurrence(fresh[1], [*told, *fresh[:2]], {1, 2, 3}) is None
    found = find_recurrence(fresh[2], [*told, *fresh], {1, 2, 3})
    assert found is not None and [t.id for t in found.tickets] == [4, 5, 6]


def test_the_message_names_the_cause_the_reason_and_the_tickets() -> None:
    t = Texts("ru")
    group = tuple(ticket(n, text) for n, text in enumerate(AIR[:3], start=1))
    text = render_recurrence(Recurrence("process", "words", group, ("кондиционер", "зале")), t, UTC)
    assert text.startswith("🔁 <b>Повторяется: Сломан процесс</b> — 3 обращения за 30 дней")
    assert "общие слова: кондиционер, зале" in text
    assert "№1 · 23.11 09:01 · Опять не работает кондиционер" in text
    assert "№3 ·" in text and "процесс" in text.splitlines()[-1]
    source = render_recurrence(Recurrence("process", "source", group), t, UTC)
    assert "все из одного источника: Telegram, личные сообщения" in source
    many = tuple(ticket(n, f"Случай {n}") for n in range(1, 14))
    text = render_recurrence(Recurrence("process", "source", many), t, UTC)
    assert "№1 ·" not in text and "№13 ·" in text and "… и ещё 3 обращения" in text
    english = render_recurrence(Recurrence("process", "words", group, ("air",)), Texts("en"), UTC)
    assert "Recurring: Broken process</b> — 3 cases in 30 days, shared words: air" in english


# --- the loop, through the stand-in -----------------------------------------------------------


def _clients(tg: StandInTelegram, people: People) -> list[dict[str, Any]]:
    """Five different clients: a client's second message joins their open ticket."""
    extra = [tg.user(1003, "Вера"), tg.user(1004, "Глеб")]
    return [people[CLIENT], people[CLIENT2], people[STRANGER], *extra]


async def _alarms(db_path: Path) -> list[tuple[str, str, str]]:
    async with aiosqlite.connect(db_path) as conn:
        rows = await conn.execute_fetchall(
            """SELECT a.cause, a.basis, group_concat(t.ticket_id) FROM recurring_alarms a
               JOIN recurring_tickets t ON t.alarm_id = a.id GROUP BY a.id ORDER BY a.id"""
        )
    return [(row[0], row[1], row[2]) for row in rows]


async def test_the_third_alike_cause_tells_every_director_once_and_the_fourth_does_not(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(DIRECTOR_IDS=f"{DIRECTOR},{DIRECTOR2}")
    clients = _clients(tg, people)
    for number, text in enumerate(AIR, start=1):
        await new_ticket(tg, clients[number - 1], text, DIRECTOR)
    for number in (1, 2):
        tg.send_command(people[MANAGER], f"/cause {number} процесс")
        await tg.wait_message(MANAGER, contains=f"Причина №{number}: Сломан процесс")
    await settle()
    assert count(tg, DIRECTOR, ALARM) == 0
    tg.send_command(people[MANAGER], "/cause 3 процесс")
    for director in (DIRECTOR, DIRECTOR2):
        alarm = await tg.wait_message(director, contains=ALARM)
        assert "Повторяется: Сломан процесс</b> — 3 обращения за 30 дней" in alarm.html
        assert "общие слова: кондиционер, зале" in alarm.text
        assert all(f"№{n} ·" in alarm.text for n in (1, 2, 3))
    assert count(tg, MANAGER, ALARM) == 0  # the process is the directors' to fix
    tg.send_command(people[MANAGER], "/cause 4 процесс")
    await tg.wait_message(MANAGER, contains="Причина №4")
    tg.send_command(people[MANAGER], "/cause 3 процесс")  # set again: still the same group
    await settle()
    assert count(tg, DIRECTOR, ALARM) == 1 and count(tg, DIRECTOR2, ALARM) == 1
    assert await _alarms(db_path) == [("process", "words", "1,2,3")]


async def test_unlike_texts_of_one_cause_from_one_source_and_the_window(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    """Three "other: parking" in 30 days from DMs, whatever they say; the first one came 31
    days before the rest, so it takes a fourth to make three within the window."""
    clock = clock_at(2026, 10, 20, 9)
    await start_bot(clock=clock)
    clients = _clients(tg, people)
    texts = (
        "Негде встать у входа",
        "Шлагбаум не открылся",
        "Охранник не пустил машину",
        "Нет мест",
    )
    await new_ticket(tg, clients[0], texts[0], DIRECTOR)
    tg.send_command(people[DIRECTOR], "/cause 1 другое парковка")
    await tg.wait_message(DIRECTOR, contains="Причина №1: Другое: парковка")
    clock.advance(timedelta(days=31))
    for number, text in enumerate(texts[1:], start=2):
        await new_ticket(tg, clients[number - 1], text, DIRECTOR)
    tg.send_command(people[DIRECTOR], "/cause 2 другое Парковкой")
    tg.send_command(people[DIRECTOR], "/cause 3 other парковка")
    await tg.wait_message(DIRECTOR, contains="Причина №3: Другое: парковка")
    await settle()
    assert count(tg, DIRECTOR, ALARM) == 0
    tg.send_command(people[DIRECTOR], "/cause 4 другое парковка")
    alarm = await tg.wait_message(DIRECTOR, contains=ALARM)
    assert "Повторяется: Другое: парковка" in alarm.text
    assert "все из одного источника: Telegram, личные сообщения" in alarm.text
    assert "№1 ·" not in alarm.text and all(f"№{n} ·" in alarm.text for n in (2, 3, 4))
    assert await _alarms(db_path) == [("other:парков", "source", "2,3,4")]
