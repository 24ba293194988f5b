"""A control date is a promise: the card says when it was missed and by how much, and once the
owner moves a missed date the reminder offers, in one tap, a prepared apology with the new date
for the client; nothing reaches the client unless that tap is made."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from bot.core.phrase_check import check_reply
from bot.core.reminders import can_tell_client, promise_missed, promise_text
from bot.views.cards import promise_line, span
from bot.views.texts import Texts
from storage.models import Status, Ticket
from tests.conftest import CLIENT, DIRECTOR, MANAGER, Clock, StartBot
from tests.helpers import button, card_in, new_ticket
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
MSK = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DUE = "Точка контроля по №1"
SORRY = "к обещанному сроку мы не успели"


def ticket(**changes: Any) -> Ticket:
    base = Ticket(
        *(1, "telegram", "x", 1, "Анна (@anna)", 1001, "t", None, Status.IN_PROGRESS, 201),
        *(NOW - timedelta(days=2), None, NOW - timedelta(days=5), NOW, None, None, None),
    )
    return replace(base, **changes)


# --- the card's line and the prepared text, pure ---------------------------------------------


@pytest.mark.parametrize(
    ("late", "shown"),
    [
        (timedelta(minutes=1), "1 минуту"),
        (timedelta(minutes=25), "25 минут"),
        (timedelta(hours=1), "1 час"),
        (timedelta(hours=3, minutes=59), "3 часа"),
        (timedelta(hours=11), "11 часов"),
        (timedelta(hours=21), "21 час"),
        (timedelta(days=1, hours=23), "1 день"),
        (timedelta(days=2), "2 дня"),
        (timedelta(days=5), "5 дней"),
        (timedelta(days=21), "21 день"),
    ],
)
def test_span_reads_in_one_unit_with_russian_plurals(late: timedelta, shown: str) -> None:
    assert span(late, Texts("ru")) == shown


def test_span_in_english() -> None:
    t = Texts("en")
    assert [span(d, t) for d in (timedelta(minutes=1), timedelta(hours=2), timedelta(days=1))] == [
        "1 minute",
        "2 hours",
        "1 day",
    ]


def test_the_card_says_a_promise_was_missed_or_kept_late_and_nothing_when_kept() -> None:
    t = Texts("ru")
    missed = ticket()
    assert promise_line(missed, t, NOW) == "⏰ <b>Срок пропущен на 2 дня</b>"
    assert promise_line(missed, t, NOW - timedelta(days=2) + timedelta(minutes=20)) == (
        "⏰ Срок подошёл, а обращение ещё открыто"
    )
    assert promise_line(missed, t, NOW - timedelta(days=3)) is None  # not yet due
    assert promise_line(replace(missed, due_at=None), t, NOW) is None
    late = replace(missed, status=Status.CLOSED, closed_at=NOW - timedelta(hours=43))
    assert promise_line(late, t, NOW) == "Закрыто с опозданием на 5 часов"
    kept = replace(late, closed_at=NOW - timedelta(days=3))
    assert promise_line(kept, t, NOW) is None
    on_the_minute = replace(late, closed_at=missed.due_at + timedelta(seconds=30))
    assert promise_line(on_the_minute, t, NOW) is None
    assert promise_line(missed, Texts("en"), NOW) == "⏰ <b>Control date missed by 2 days</b>"


def test_who_can_be_told_and_when_a_promise_counts_as_missed() -> None:
    open_one = ticket()
    assert promise_missed(open_one, NOW) and can_tell_client(open_one)
    assert not promise_missed(open_one, NOW - timedelta(days=3))
    assert not promise_missed(replace(open_one, status=Status.CLOSED), NOW)
    assert not can_tell_client(replace(open_one, client_chat_id=None))  # a feed item
    assert not can_tell_client(replace(open_one, mention_kind="complaint"))  # a group's post
    assert not can_tell_client(replace(open_one, status=Status.CLOSED))


def test_the_prepared_text_is_personal_apologetic_and_passes_the_phrase_check() -> None:
    moved = ticket(due_at=datetime(2026, 12, 12, 15, 0, tzinfo=UTC))
    ru = promise_text(moved, Texts("ru"), MSK)
    assert ru == (
        "Анна, простите: к обещанному сроку мы не успели, и это наша ошибка. Я продолжаю "
        "заниматься вашим вопросом и вернусь к вам с результатом до 12 декабря, 18:00."
    )
    en = promise_text(moved, Texts("en"), MSK)
    assert en.startswith("Анна, I am sorry") and en.endswith("by 12 December, 18:00.")
    unnamed = promise_text(replace(moved, author_name="@anna_k"), Texts("ru"), MSK)
    assert unnamed.startswith("Простите: к обещанному сроку")
    quoted = promise_text(replace(moved, author_name="Д'Артаньян"), Texts("ru"), MSK)
    assert quoted.startswith("Д'Артаньян, простите")  # plain text, as the client reads it
    for language, text in (("ru", ru), ("en", en), ("ru", unnamed)):
        for first in (True, False):
            check = check_reply(
                text, language=language, first_reply=first, disabled=frozenset(), client_name="Анна"
            )
            assert check.flags == (), (language, first, check.flags)


# --- the flows ------------------------------------------------------------------------------------


def _current(tg: StandInTelegram, message: Any) -> Any:
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def _owned_ticket_with_due(tg: StandInTelegram, people: People) -> None:
    """Ticket 1, owned by the manager, answered, control date 24.11 10:00 Moscow."""
    await new_ticket(tg, people[CLIENT], "Тренер не пришёл на занятие", DIRECTOR)
    tg.send_command(people[MANAGER], "/claim 1")
    await tg.wait_message(MANAGER, contains="теперь ваше")
    tg.send_command(people[MANAGER], "/reply 1 Простите! Разберусь и отвечу до завтра")
    await tg.wait_message(CLIENT, contains="Разберусь")
    tg.send_command(people[MANAGER], "/due 1 завтра в 10")
    await tg.wait_message(MANAGER, contains="Точка контроля №1")


async def _replies(db_path: Path) -> list[str]:
    async with aiosqlite.connect(db_path) as conn:
        rows = await conn.execute_fetchall(
            "SELECT text FROM messages WHERE direction = 'out' ORDER BY id"
        )
    return [row[0] for row in rows]


async def test_a_missed_date_moved_from_the_reminder_offers_the_client_an_apology_in_one_tap(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    await _owned_ticket_with_due(tg, people)
    clock.advance(timedelta(hours=22, minutes=30))  # 10:30 on the 24th: half an hour late
    reminder = await tg.wait_message(MANAGER, contains=DUE)
    assert "подготовлю клиенту сообщение с извинением" in reminder.text
    await tg.wait_for(lambda: "Срок подошёл" in card_in(tg, DIRECTOR, 1).text)
    to_client = len(tg.bot_messages(CLIENT))
    tg.press(people[MANAGER], reminder, button(tg, reminder, "+1 день"))
    await tg.wait_for(lambda: SORRY in _current(tg, reminder).text)
    offer = _current(tg, reminder)
    assert "Точка контроля №1: 25.11 10:00, завтра" in offer.text
    assert "Анна, простите: к обещанному сроку мы не успели" in offer.text
    assert "вернусь к вам с результатом до 25 ноября, 10:00." in offer.text
    assert [label for label, _ in tg.buttons(offer)] == ["📨 Сообщить клиенту новый срок"]
    await settle()
    assert len(tg.bot_messages(CLIENT)) == to_client  # nothing goes without the tap
    data = button(tg, offer, "Сообщить клиенту")
    tg.press(people[MANAGER], offer, data)
    told = await tg.wait_message(CLIENT, contains=SORRY)
    assert "Мария" in told.text and "до 25 ноября, 10:00" in told.text
    await tg.wait_for(lambda: "Ответ доставлен клиенту (№1)" in _current(tg, reminder).text)
    assert not tg.buttons(_current(tg, reminder))
    again = tg.forge_press(people[MANAGER], reminder, data)
    await tg.wait_for(lambda: any(a["id"] == again for a in tg.callback_answers))
    answer = next(a for a in tg.callback_answers if a["id"] == again)
    assert answer["text"] == "Этот ответ уже отправлен или отменён."
    await settle()
    assert count(tg, CLIENT, SORRY) == 1
    assert sum(SORRY in text for text in await _replies(db_path)) == 1  # recorded as a reply


async def test_the_card_counts_a_missed_promise_and_a_late_close(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    await _owned_ticket_with_due(tg, people)
    assert "Срок пропущен" not in card_in(tg, DIRECTOR, 1).text
    clock.advance(timedelta(days=2))  # the overdue mark, a day after the date, redraws it
    await tg.wait_for(lambda: "⏰ Срок пропущен на 1 день" in card_in(tg, DIRECTOR, 1).text)
    tg.send_command(people[MANAGER], "/close 1")
    await tg.wait_for(lambda: card_in(tg, DIRECTOR, 1).text.startswith("🟢"))
    assert "Закрыто с опозданием на 1 день" in card_in(tg, DIRECTOR, 1).text


async def test_a_typed_or_picked_date_offers_too_and_an_offer_for_an_old_date_sends_nothing(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock: Clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    await _owned_ticket_with_due(tg, people)
    clock.advance(timedelta(hours=22, minutes=30))
    reminder = await tg.wait_message(DIRECTOR, contains=DUE)
    tg.press(people[DIRECTOR], reminder, button(tg, reminder, "Другая дата"))
    prompt = await tg.wait_message(DIRECTOR, contains="Точка контроля для №1")
    tg.send_text(people[DIRECTOR], "28.11 15:00", reply_to=prompt)
    typed = await tg.wait_message(DIRECTOR, contains="Точка контроля №1: 28.11 15:00")
    assert "до 28 ноября, 15:00" in typed.text
    first_offer = button(tg, typed, "Сообщить клиенту")
    # the date has come and gone again; moved from the card this time
    clock.advance(timedelta(days=4, hours=5))  # 28.11 15:30 in Moscow
    await tg.wait_for(lambda: count(tg, DIRECTOR, DUE) == 2)
    card = card_in(tg, DIRECTOR, 1)
    tg.press(people[DIRECTOR], card, button(tg, card, "Точка контроля"))
    await tg.wait_for(
        lambda: any("Через неделю" in b for b, _ in tg.buttons(card_in(tg, DIRECTOR, 1)))
    )
    card = card_in(tg, DIRECTOR, 1)
    tg.press(people[DIRECTOR], card, button(tg, card, "Через неделю"))
    picked = await tg.wait_for(
        lambda: next(
            (m for m in tg.bot_messages(DIRECTOR) if m.text.startswith("📨 Срок по №1")), None
        )
    )
    assert "до 30 ноября, 10:00" in picked.text  # next Monday: 28.11.2026 is a Saturday
    # the first offer named 28.11: pressing it now would tell the client a wrong date
    tg.press(people[DIRECTOR], typed, first_offer)
    await tg.wait_for(lambda: "с тех пор сменилась" in _current(tg, typed).text)
    await settle()
    assert count(tg, CLIENT, SORRY) == 0
    tg.press(people[DIRECTOR], picked, button(tg, picked, "Сообщить клиенту"))
    told = await tg.wait_message(CLIENT, contains=SORRY)
    assert "Ирина Петрова" in told.text
