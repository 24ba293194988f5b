"""Control dates, overdue escalation, first-response nudges and quiet hours, driven by a
settable clock through the stand-in Bot API and a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, DIRECTOR2, MANAGER, Clock, StartBot
from tests.helpers import button, card_in, new_ticket
from tests.schedule_helpers import TICK, clock_at, count, settle, with_text
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
DUE = "Точка контроля по №1"


async def _owned_ticket_with_due(tg: StandInTelegram, people: People) -> None:
    """Ticket 1, owned by the manager, answered, control date tomorrow 10:00 Moscow."""
    await new_ticket(tg, people[CLIENT], "Тренер не пришёл на занятие", DIRECTOR)
    tg.send_command(people[MANAGER], "/claim 1")
    await tg.wait_message(MANAGER, contains="теперь ваше")
    tg.send_command(
        people[MANAGER], "/reply 1 Простите! Разберусь и перезвоню вам сегодня до 18:00"
    )
    await tg.wait_message(CLIENT, contains="Разберусь")
    tg.send_command(people[MANAGER], "/due 1 завтра в 10")
    await tg.wait_message(MANAGER, contains="Точка контроля №1")


async def _events(db_path: Path, kind: str) -> list[tuple[int, str]]:
    async with aiosqlite.connect(db_path) as conn:
        rows = await conn.execute_fetchall(
            "SELECT ticket_id, detail FROM events WHERE kind = ? ORDER BY id", (kind,)
        )
    return [(row[0], row[1]) for row in rows]


async def test_control_date_reminds_owner_and_directors_once_even_across_a_restart(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)  # 12:00 in Moscow
    env = {"DIRECTOR_IDS": f"{DIRECTOR},{DIRECTOR2}", "SCHEDULER_TICK_SECONDS": TICK}
    running = await start_bot(clock=clock, **env)
    await _owned_ticket_with_due(tg, people)
    clock.advance(timedelta(hours=21, minutes=59))  # 09:59 tomorrow in Moscow
    await settle()
    assert count(tg, MANAGER, DUE) == 0
    clock.advance(timedelta(minutes=1))
    for chat in (MANAGER, DIRECTOR, DIRECTOR2):
        reminder = await tg.wait_message(chat, contains=DUE)
        assert "Тренер не пришёл" in reminder.text
        assert "Ответственный: Мария" in reminder.text
        labels = [label for label, _ in tg.buttons(reminder)]
        assert labels == ["✅ Готово, закрыть", "+1 день", "+3 дня", "⌨️ Другая дата", "👤 Передать"]
    await running.stop()
    await start_bot(clock=clock, **env)
    clock.advance(timedelta(minutes=5))
    await settle()
    for chat in (MANAGER, DIRECTOR, DIRECTOR2):
        assert count(tg, chat, DUE) == 1, chat
    assert count(tg, CLIENT, DUE) == 0
    assert [t for t, _ in await _events(db_path, "reminder_due")] == [1]


async def test_postpone_then_done_from_the_reminder(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    await _owned_ticket_with_due(tg, people)
    clock.advance(timedelta(hours=22, minutes=30))  # 10:30 tomorrow, pressed half an hour late
    reminder = await tg.wait_message(MANAGER, contains=DUE)
    tg.press(people[MANAGER], reminder, button(tg, reminder, "+1 день"))
    await tg.wait_for(
        lambda: "Точка контроля №1: 25.11 10:00, завтра" in reminder_now(tg, reminder)
    )
    # the reminder's own buttons are gone; what stays is the offer to tell the client the new
    # date (the promise was missed), which sends nothing unless pressed (tests/test_promises.py)
    assert [label for label, _ in tg.buttons(_current(tg, reminder))] == [
        "📨 Сообщить клиенту новый срок"
    ]
    await tg.wait_for(lambda: "Контроль: 25.11 10:00, завтра" in card_in(tg, DIRECTOR, 1).text)
    clock.advance(timedelta(days=1))
    await tg.wait_for(lambda: count(tg, MANAGER, DUE) == 2)
    second = with_text(tg, MANAGER, DUE)[-1]
    tg.press(people[MANAGER], second, button(tg, second, "Готово"))
    await tg.wait_message(CLIENT, contains="по обращению №1 решённым")
    await tg.wait_for(lambda: "закрыто" in reminder_now(tg, second))
    await tg.wait_for(lambda: card_in(tg, DIRECTOR, 1).text.startswith("🟢"))


def _current(tg: StandInTelegram, message: Any) -> Any:
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


def reminder_now(tg: StandInTelegram, message: Any) -> str:
    return str(_current(tg, message).text)


async def test_typed_date_and_reassign_from_the_reminder(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    await _owned_ticket_with_due(tg, people)
    clock.advance(timedelta(hours=22))
    reminder = await tg.wait_message(DIRECTOR, contains=DUE)
    tg.press(people[DIRECTOR], reminder, button(tg, reminder, "Другая дата"))
    prompt = await tg.wait_message(DIRECTOR, contains="Точка контроля для №1")
    tg.send_text(people[DIRECTOR], "28.11 15:00", reply_to=prompt)
    await tg.wait_message(DIRECTOR, contains="Точка контроля №1: 28.11 15:00")
    tg.press(people[DIRECTOR], reminder, button(tg, reminder, "Передать"))
    picker = await tg.wait_for(
        lambda: (
            any("Денис" in b for b, _ in tg.buttons(_current(tg, reminder)))
            and _current(tg, reminder)
        )
    )
    tg.press(people[DIRECTOR], picker, button(tg, picker, "Денис"))
    await tg.wait_message(202, contains="назначил(а) вас ответственным за обращение №1")


async def test_overdue_escalates_to_directors_only(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, OVERDUE_HOURS="0.5")
    await _owned_ticket_with_due(tg, people)
    clock.advance(timedelta(hours=22, minutes=29))
    await tg.wait_message(MANAGER, contains=DUE)
    await settle()
    assert count(tg, DIRECTOR, "просрочено") == 0
    clock.advance(timedelta(minutes=2))
    escalation = await tg.wait_message(DIRECTOR, contains="№1 просрочено")
    assert "прошло 31 мин" in escalation.text or "прошло 30 мин" in escalation.text
    assert any("Готово" in label for label, _ in tg.buttons(escalation))
    await settle()
    assert count(tg, MANAGER, "просрочено") == 0
    assert count(tg, DIRECTOR, "просрочено") == 1
    assert [t for t, _ in await _events(db_path, "reminder_overdue")] == [1]


async def test_first_response_nudge_says_who_waits_and_how_long(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, FIRST_RESPONSE_MINUTES="0.1")
    await new_ticket(tg, people[CLIENT], "Сломан шкафчик в раздевалке", DIRECTOR)
    await new_ticket(tg, people[CLIENT2], "Нет горячей воды", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/reply 2 Простите! Уже чиним")
    await tg.wait_message(CLIENT2, contains="Уже чиним")
    clock.advance(timedelta(minutes=25))
    nudge = await tg.wait_message(DIRECTOR, contains="ждёт первого ответа")
    assert "№1: Анна (@anna) ждёт первого ответа уже 25 мин" in nudge.text
    assert "Сломан шкафчик" in nudge.text
    labels = [label for label, _ in tg.buttons(nudge)]
    assert "✍️ Ответить" in labels and "👤 Ответственный" in labels
    # a plain reply to the nudge answers the client, like a reply to the card
    tg.send_text(people[DIRECTOR], "Анна, простите, заменим шкафчик сегодня", reply_to=nudge)
    await tg.wait_message(CLIENT, contains="заменим шкафчик сегодня")
    clock.advance(timedelta(hours=2))
    await settle()
    assert count(tg, DIRECTOR, "ждёт первого ответа") == 1
    assert count(tg, MANAGER, "ждёт первого ответа") == 0


async def test_quiet_hours_hold_reminders_until_morning_and_silence_new_cards(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = Clock()
    env = {"SCHEDULER_TICK_SECONDS": TICK, "QUIET_HOURS": "22-08", "FIRST_RESPONSE_MINUTES": "30"}
    await start_bot(clock=clock, **env)
    card = await new_ticket(tg, people[CLIENT], "Днём шумно в зале", DIRECTOR)
    assert not card.disable_notification
    clock.advance(timedelta(hours=10, minutes=30))  # 22:30 in Moscow
    await settle()
    assert count(tg, DIRECTOR, "ждёт первого ответа") == 0
    night = await new_ticket(tg, people[CLIENT2], "Ночью не работает вход", DIRECTOR)
    assert night.disable_notification
    clock.advance(timedelta(hours=9, minutes=29))  # 07:59
    await settle()
    assert count(tg, DIRECTOR, "ждёт первого ответа") == 0
    clock.advance(timedelta(minutes=1, seconds=1))  # 08:00
    await tg.wait_for(lambda: count(tg, DIRECTOR, "ждёт первого ответа") == 2)
    assert all(not m.disable_notification for m in with_text(tg, DIRECTOR, "ждёт первого ответа"))
