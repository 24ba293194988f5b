"""Root cause is part of closing (ROOT_CAUSE_REQUIRED): every way to close asks for the cause
first when a ticket has none, keeps what was typed, and closes on the choice; /cause and the
card set or change it any time, "other" with a word."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from bot.core.tickets import needs_cause
from bot.telegram.desk import cause_note
from bot.telegram.handlers.staff_commands import parse_cause
from storage.models import RootCause, Status, Ticket
from tests.conftest import CLIENT, CLIENT2, DIRECTOR, MANAGER, StartBot
from tests.helpers import button, card_in, new_ticket
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
REQUIRED = {"ROOT_CAUSE_REQUIRED": "true"}
ASKED = "Прежде чем закрыть №1"
RESOLVED = "по обращению №1 решённым"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _current(tg: StandInTelegram, message: Any) -> Any:
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


def _labels(tg: StandInTelegram, message: Any) -> list[str]:
    return [label for label, _ in tg.buttons(_current(tg, message))]


async def _row(db_path: Path, ticket_id: int) -> tuple[Any, ...]:
    async with aiosqlite.connect(db_path) as conn:
        rows = await conn.execute_fetchall(
            "SELECT status, root_cause, root_cause_note, resolution FROM tickets WHERE id = ?",
            (ticket_id,),
        )
    return tuple(rows[0])


# --- the rules, pure ----------------------------------------------------------------------------


def test_a_cause_is_needed_only_when_required_missing_and_open() -> None:
    base = Ticket(
        *(1, "telegram", "x", 1, "Анна", 1, "t", None, Status.OPEN, None, None, None),
        *(NOW, NOW, None, None, None),
    )
    assert needs_cause(base, True)
    assert not needs_cause(base, False)
    assert not needs_cause(replace(base, root_cause=RootCause.INFORMING), True)
    assert not needs_cause(replace(base, status=Status.CLOSED), True)


def test_cause_words_in_both_languages_and_other_with_its_word() -> None:
    assert parse_cause("процесс") == (RootCause.PROCESS, None)
    assert parse_cause("Informing") == (RootCause.INFORMING, None)
    assert parse_cause("ожидания что-то ещё") == (RootCause.EXPECTATIONS, None)
    assert parse_cause("другое  парковка\nу входа") == (RootCause.OTHER, "парковка у входа")
    assert parse_cause("other") == (RootCause.OTHER, None)
    assert parse_cause("погода") is None
    assert cause_note("   ") is None
    assert cause_note("x" * 100) == "x" * 60


# --- the flows ----------------------------------------------------------------------------------


async def test_close_command_asks_for_the_cause_then_closes_with_the_typed_resolution(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(**REQUIRED)
    await new_ticket(tg, people[CLIENT], "Душ не работает третий день", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/close 1 Простите! Душ починили, проверил сам")
    asked = await tg.wait_message(DIRECTOR, contains=ASKED)
    assert _labels(tg, asked) == [
        "Сломан процесс",
        "Сломано информирование",
        "Не оправдали ожиданий",
        "Другое (назову словом)",
    ]
    await settle()
    assert count(tg, CLIENT, RESOLVED) == 0
    assert (await _row(db_path, 1))[:2] == ("open", None)
    tg.press(people[DIRECTOR], asked, button(tg, asked, "процесс"))
    told = await tg.wait_message(CLIENT, contains=RESOLVED)
    assert "Душ починили, проверил сам" in told.text
    await tg.wait_for(lambda: "закрыто" in _current(tg, asked).text)
    assert "Причина №1: Сломан процесс" in _current(tg, asked).text
    assert not tg.buttons(_current(tg, asked))
    await tg.wait_for(lambda: card_in(tg, DIRECTOR, 1).text.startswith("🟢"))
    assert "Причина: Сломан процесс" in card_in(tg, DIRECTOR, 1).text
    assert await _row(db_path, 1) == (
        "closed",
        "process",
        None,
        "Простите! Душ починили, проверил сам",
    )
    # a second press of the old picker changes nothing and sends nothing
    tg.forge_press(people[DIRECTOR], asked, "xc:1:informing:1:m")
    await settle()
    assert count(tg, CLIENT, RESOLVED) == 1
    assert (await _row(db_path, 1))[1] == "process"


async def test_the_cause_comes_before_the_phrase_check_of_the_resolution(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot(**REQUIRED)
    await new_ticket(tg, people[CLIENT], "Сломан шкафчик 12", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/close 1 Ваше обращение принято и будет рассмотрено.")
    asked = await tg.wait_message(DIRECTOR, contains=ASKED)
    tg.press(people[DIRECTOR], asked, button(tg, asked, "ожиданий"))
    await tg.wait_for(lambda: "казённая формула" in _current(tg, asked).text)
    assert "Причина №1: Не оправдали ожиданий" in _current(tg, asked).text
    assert "Решено" not in card_in(tg, DIRECTOR, 1).text
    tg.press(people[DIRECTOR], asked, button(tg, _current(tg, asked), "как написано"))
    await tg.wait_message(CLIENT, contains="Ваше обращение принято и будет рассмотрено.")


async def test_card_close_shows_the_picker_in_place_and_other_asks_for_its_word(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(**REQUIRED)
    card = await new_ticket(tg, people[CLIENT], "Негде поставить машину", DIRECTOR)
    tg.press(people[DIRECTOR], card, button(tg, card, "Закрыть"))
    await tg.wait_for(lambda: "✅ Закрыть без итога" in _labels(tg, card))
    tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "без итога"))
    await tg.wait_for(lambda: "Другое (назову словом)" in _labels(tg, card))
    assert _labels(tg, card)[-1] == "« Назад"
    await tg.wait_for(lambda: any(ASKED in (a.get("text") or "") for a in tg.callback_answers))
    tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "Другое"))
    prompt = await tg.wait_message(DIRECTOR, contains="назовите её одним-двумя словами")
    assert prompt.force_reply
    assert count(tg, CLIENT, RESOLVED) == 0
    tg.send_text(people[DIRECTOR], "  парковка ", reply_to=prompt)
    await tg.wait_message(CLIENT, contains=RESOLVED)
    await tg.wait_message(DIRECTOR, contains="Причина №1: Другое: парковка")
    await tg.wait_for(lambda: card_in(tg, DIRECTOR, 1).text.startswith("🟢"))
    assert "Причина: Другое: парковка" in card_in(tg, DIRECTOR, 1).text
    assert await _row(db_path, 1) == ("closed", "other", "парковка", None)


async def test_card_picker_can_go_back_and_a_named_cause_closes_in_place(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot(**REQUIRED)
    card = await new_ticket(tg, people[CLIENT], "Не предупредили о ремонте бассейна", DIRECTOR)
    for attempt in ("back", "close"):
        tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "Закрыть"))
        await tg.wait_for(lambda: "✅ Закрыть без итога" in _labels(tg, card))
        tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "без итога"))
        await tg.wait_for(lambda: "Сломано информирование" in _labels(tg, card))
        if attempt == "back":  # the ticket stays open, the card's own buttons return
            tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "Назад"))
            await tg.wait_for(lambda: "✅ Закрыть" in _labels(tg, card))
            assert card_in(tg, DIRECTOR, 1).text.startswith("🔴")
    tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "информирование"))
    await tg.wait_message(CLIENT, contains=RESOLVED)
    await tg.wait_for(lambda: _current(tg, card).text.startswith("🟢"))
    assert "Причина: Сломано информирование" in _current(tg, card).text


async def test_close_with_a_resolution_from_the_card_and_other_from_the_close_picker(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(**REQUIRED)
    card = await new_ticket(tg, people[CLIENT], "Музыка слишком громкая", DIRECTOR)
    tg.press(people[DIRECTOR], card, button(tg, card, "Закрыть"))
    await tg.wait_for(lambda: "📝 Закрыть с итогом" in _labels(tg, card))
    tg.press(people[DIRECTOR], card, button(tg, _current(tg, card), "с итогом"))
    prompt = await tg.wait_message(DIRECTOR, contains="Итог по обращению №1")
    tg.send_text(people[DIRECTOR], "Простите за шум. Снизили громкость до 70 дБ", reply_to=prompt)
    asked = await tg.wait_message(DIRECTOR, contains=ASKED)
    tg.press(people[DIRECTOR], asked, button(tg, asked, "Другое"))
    word = await tg.wait_message(DIRECTOR, contains="назовите её одним-двумя словами")
    await tg.wait_for(lambda: not tg.buttons(_current(tg, asked)))  # the picker is spent
    tg.send_text(people[DIRECTOR], "громкость", reply_to=word)
    told = await tg.wait_message(CLIENT, contains=RESOLVED)
    assert "Снизили громкость до 70 дБ" in told.text
    row = await _row(db_path, 1)
    assert row == ("closed", "other", "громкость", "Простите за шум. Снизили громкость до 70 дБ")


async def test_a_ticket_with_a_cause_closes_at_once_and_the_setting_can_turn_it_off(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    running = await start_bot(**REQUIRED)
    await new_ticket(tg, people[CLIENT], "Не тот размер формы", DIRECTOR)
    tg.send_command(people[MANAGER], "/cause 1 ожидания")
    await tg.wait_message(MANAGER, contains="Причина №1: Не оправдали ожиданий")
    tg.send_command(people[MANAGER], "/close 1")
    await tg.wait_message(MANAGER, contains="Обращение №1 закрыто")
    assert count(tg, MANAGER, "Прежде чем закрыть") == 0
    await running.stop()
    await start_bot(ROOT_CAUSE_REQUIRED="false")
    await new_ticket(tg, people[CLIENT2], "Холодно в раздевалке", DIRECTOR)
    tg.send_command(people[MANAGER], "/close 2")
    await tg.wait_message(MANAGER, contains="Обращение №2 закрыто")
    assert count(tg, MANAGER, "Прежде чем закрыть №2") == 0


async def test_the_reminders_done_asks_for_the_cause_in_place(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, **REQUIRED)
    await new_ticket(tg, people[CLIENT], "Тренер не пришёл на занятие", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/due 1 завтра в 10")
    await tg.wait_message(DIRECTOR, contains="Точка контроля №1")
    clock.advance(timedelta(days=1))
    reminder = await tg.wait_message(DIRECTOR, contains="Точка контроля по №1")
    tg.press(people[DIRECTOR], reminder, button(tg, reminder, "Готово"))
    await tg.wait_for(lambda: "Сломан процесс" in _labels(tg, reminder))
    assert "« Назад" not in _labels(tg, reminder)
    tg.press(people[DIRECTOR], reminder, button(tg, _current(tg, reminder), "информирование"))
    await tg.wait_message(CLIENT, contains=RESOLVED)
    await tg.wait_for(lambda: "закрыто" in _current(tg, reminder).text)
    now = _current(tg, reminder).text
    assert now.startswith("⏰ Точка контроля по №1") and "Причина №1: Сломано информирование" in now
    assert not tg.buttons(_current(tg, reminder))


async def test_cause_command_and_the_closed_card_set_or_change_the_cause(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot()
    await new_ticket(tg, people[CLIENT], "Расписание на сайте другое", DIRECTOR)
    tg.send_command(people[MANAGER], "/cause 1 погода")
    await tg.wait_message(MANAGER, contains="Не знаю причины «погода»")
    tg.send_command(people[MANAGER], "/cause 1")
    asked = await tg.wait_message(MANAGER, contains="🔎 Причина по №1")
    assert "« Назад" not in _labels(tg, asked)
    tg.press(people[MANAGER], asked, button(tg, asked, "информирование"))
    await tg.wait_for(lambda: "Причина: Сломано информирование" in _current(tg, asked).text)
    tg.send_command(people[MANAGER], "/cause 1 другое")
    prompt = await tg.wait_message(MANAGER, contains="назовите её одним-двумя словами")
    tg.send_text(people[MANAGER], "сайт", reply_to=prompt)
    await tg.wait_message(MANAGER, contains="Причина №1: Другое: сайт")
    tg.send_command(people[DIRECTOR], "/close 1")
    await tg.wait_for(lambda: card_in(tg, DIRECTOR, 1).text.startswith("🟢"))
    closed = card_in(tg, DIRECTOR, 1)
    assert "Причина: Другое: сайт" in closed.text
    tg.press(people[DIRECTOR], closed, button(tg, closed, "Причина"))
    await tg.wait_for(lambda: "Сломан процесс" in _labels(tg, closed))
    tg.press(people[DIRECTOR], closed, button(tg, _current(tg, closed), "процесс"))
    await tg.wait_for(lambda: "Причина: Сломан процесс" in card_in(tg, DIRECTOR, 1).text)
    assert await _row(db_path, 1) == ("closed", "process", None, None)
    async with aiosqlite.connect(db_path) as conn:
        trail = await conn.execute_fetchall(
            "SELECT detail FROM events WHERE kind = 'root_cause' ORDER BY id"
        )
    assert [row[0] for row in trail] == ["informing", "other: сайт", "process"]
