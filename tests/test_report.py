"""The weekly report end to end, through the stand-in Bot API and a real SQLite file: /report
as an album of charts and a text whose numbers were counted by hand, for directors only,
one line for an empty period, and the weekly one once a week at REPORT_DAY / REPORT_TIME
across a restart, quiet hours and a director who blocked the bot.

The tickets are written straight into the database before the bot starts (a week of
history cannot be played through the bot in a test): in Moscow time,

    previous week 9-15.11: D  DM 10.11 10:00, answered +10 min, closed +1 h, cause process
    reported week 16-22.11:
        A  DM    16.11 10:00, answered +20 min, closed 14:00 (4 h), process, Мария,
                 control date 17.11 10:00 (kept); the client: "all fine", 5 stars
        B  DM    17.11 11:00, answered +40 min, closed 19.11 11:00 (48 h), informing,
                 Мария, control date 18.11 12:00 (missed)
        C  group 18.11 09:00, answered +90 min, still open
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite
import pytest

from bot.core.reports import (
    PeriodError,
    parse_period,
    previous_period,
    report_day_due,
    weekly_period,
)
from bot.views.report_text import render_report_text, worst_change
from bot.views.texts import Texts
from storage import events, followups, reminders, tickets
from storage.db import Database
from storage.models import RootCause
from storage.report import Figures, Report
from tests.conftest import DIRECTOR, DIRECTOR2, MANAGER, RunningBot, StartBot
from tests.schedule_helpers import TICK, clock_at, settle
from tests.standin import BotMessage, StandInTelegram
from tests.standin.messages import IMAGE_MAGIC

People = dict[int, dict[str, Any]]
ENV = {"SCHEDULER_TICK_SECONDS": TICK, "FIRST_RESPONSE_MINUTES": "60"}
TITLE = "📊 Отчёт за 16.11–22.11.2026 (сравнение с 09.11–15.11)"


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A Moscow wall-clock moment in November 2026, as UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=ZoneInfo("Europe/Moscow")).astimezone(UTC)


async def _seed(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        async with db.transaction() as conn:
            await _ticket(conn, "d", msk(10, 10), answered=10, closed=msk(10, 11), cause="process")
            a = await _ticket(
                conn, "a", msk(16, 10), answered=20, closed=msk(16, 14), cause="process",
                owner=MANAGER, due=msk(17, 10),
            )  # fmt: skip
            await _ticket(
                conn, "b", msk(17, 11), answered=40, closed=msk(19, 11), cause="informing",
                owner=MANAGER, due=msk(18, 12),
            )  # fmt: skip
            await _ticket(conn, "c", msk(18, 9), answered=90, source="tg:-100500")
            reminder_id = await reminders.mark(conn, a, "followup", msk(16, 14), msk(19, 14))
            assert reminder_id is not None
            await reminders.set_queued(conn, reminder_id, msk(19, 14))  # asked long ago
            await followups.add(conn, reminder_id, a, 1)
            await followups.answer(conn, reminder_id, "yes", msk(19, 15))
            await followups.rate(conn, reminder_id, 5, msk(19, 15, 1))
    finally:
        await db.close()


async def _ticket(
    conn: aiosqlite.Connection,
    name: str,
    created: datetime,
    *,
    answered: int,
    closed: datetime | None = None,
    cause: str | None = None,
    owner: int | None = None,
    due: datetime | None = None,
    source: str = "telegram",
) -> int:
    made = await tickets.insert(
        conn,
        source=source,
        external_id=name,
        author_id=5000,
        author_name="Клиент",
        client_chat_id=5000,
        text=f"жалоба {name}",
        link=None,
        now=created,
    )
    assert made is not None
    if source != "telegram":
        await tickets.set_mention_fields(
            conn,
            made.id,
            matched_keyword="фитстудия",
            mention_kind="complaint",
            dedupe_key=name,
            source_title="Соседи",
            source_message_id=None,
            mention_route="card",
        )
    reply = created + timedelta(minutes=answered)
    await tickets.mark_first_response(conn, made.id, reply)
    await events.add(conn, made.id, owner, "replied", "", reply)
    if owner is not None:
        await tickets.set_owner(conn, made.id, owner, created)
    if due is not None:
        await tickets.set_due(conn, made.id, due, created)
    if cause is not None:
        await tickets.set_root_cause(conn, made.id, RootCause(cause), created)
    if closed is not None:
        await tickets.close(conn, made.id, None, closed)
    return made.id


def _photos(tg: StandInTelegram, chat: int) -> list[BotMessage]:
    return [m for m in tg.bot_messages(chat) if m.kind == "photo"]


def _reports(tg: StandInTelegram, chat: int) -> list[str]:
    return [m.text for m in tg.bot_messages(chat) if m.text.startswith("📊")]


async def _idle(running: RunningBot) -> None:
    """Let the bot finish: the weekly report is sent outside the outbox, so settle alone
    does not wait for it."""
    await settle(running)
    reports = running.app.dispatcher["reports"]
    await running.tg.wait_for(lambda: not reports.busy, timeout=30)
    await settle(running)


async def test_report_on_demand_is_an_album_of_charts_then_the_numbers(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await _seed(db_path)
    await start_bot(clock=clock_at(2026, 11, 26, 9), **ENV)
    tg.send_command(people[DIRECTOR], "/report 16.11-22.11")
    text = await tg.wait_message(DIRECTOR, contains="Отчёт за", timeout=30)
    photos = _photos(tg, DIRECTOR)
    assert len(photos) == 6
    assert all(p.method == "sendMediaGroup" for p in photos)
    assert len({p.message["media_group_id"] for p in photos}) == 1
    assert all(p.message_id < text.message_id for p in photos)  # the album, then the text
    assert all(tg._world.files[p.file_id].data.startswith(IMAGE_MAGIC[0]) for p in photos)
    assert text.text.splitlines() == [
        TITLE,
        "Жалоб: 3 (было 1, +200%)",
        "Откуда: Личные 2, Группы 1",
        "Первый ответ: медиана 40 мин, 9 из 10 — быстрее 1,5 ч; в норму 60 мин — 67%"
        " (было: медиана 10 мин, в норму 100%)",
        "Закрыто: 2, медиана до закрытия 4 ч (было 60 мин)",
        "Открыто на конец периода: 1 (было 0), из них дольше 3 дней: 1",
        "Причины (было): процесс 1 (1), информирование 1 (0), ожидания 0 (0), другое 0 (0)",
        "Обещания: в срок 1 из 2 (50%); сорвали: Мария 1",
        "Клиенты после закрытия: «всё хорошо» 1, «не совсем» 0; средняя оценка 5 (оценок: 1)",
        "Проверка ответов: ответов клиентам 3, замечаний не было.",
        "⚠️ Хуже всего — 9 из 10 первых ответов: 1,5 ч против 10 мин.",
    ]
    assert any(c.method == "sendChatAction" for c in tg.calls)


async def test_report_is_for_directors_and_says_so_when_a_period_is_empty(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await _seed(db_path)
    await start_bot(clock=clock_at(2026, 11, 26, 9), **ENV)
    tg.send_command(people[MANAGER], "/report")
    await tg.wait_message(MANAGER, contains="Эта команда только для директоров.")
    tg.send_command(people[DIRECTOR], "/report 01.10-07.10")
    await tg.wait_message(
        DIRECTOR,
        contains="За 01.10–07.10 жалоб, закрытий, обещаний и ответов клиентов не было",
    )
    tg.send_command(people[DIRECTOR], "/report вчера")
    await tg.wait_message(DIRECTOR, contains="Формат: /report")
    tg.send_command(people[DIRECTOR], "/report 01.01.2026-30.06.2026")
    await tg.wait_message(DIRECTOR, contains="Слишком длинный период")
    await settle()
    assert _photos(tg, DIRECTOR) == [] and _photos(tg, MANAGER) == []
    assert tg.calls_to("sendMediaGroup") == []


async def test_weekly_report_comes_once_at_report_time_across_a_restart(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await _seed(db_path)
    clock = clock_at(2026, 11, 23, 5, 30)  # Monday 08:30 in Moscow
    env = {**ENV, "DIRECTOR_IDS": f"{DIRECTOR},{DIRECTOR2}"}
    running = await start_bot(clock=clock, **env)
    await _idle(running)
    assert _reports(tg, DIRECTOR) == []
    clock.advance(timedelta(minutes=30))  # 09:00
    for chat in (DIRECTOR, DIRECTOR2):
        text = await tg.wait_message(chat, contains=TITLE, timeout=30)
        assert "Жалоб: 3 (было 1, +200%)" in text.text
        assert len(_photos(tg, chat)) == 6
    await _idle(running)
    clock.advance(timedelta(hours=2))
    await _idle(running)
    await running.stop()

    running = await start_bot(clock=clock, **env)
    await _idle(running)
    clock.advance(timedelta(days=1))  # Tuesday
    await _idle(running)
    for chat in (DIRECTOR, DIRECTOR2):
        assert len(_reports(tg, chat)) == 1, _reports(tg, chat)
        assert len(_photos(tg, chat)) == 6
    assert len(tg.calls_to("sendMediaGroup")) == 2

    clock.advance(timedelta(days=6, hours=-2))  # the next Monday, 09:00
    second = await tg.wait_message(DIRECTOR, contains="За 23.11–29.11 жалоб", timeout=30)
    assert "Открытых на конец периода: 1." in second.text  # C is still open
    await _idle(running)
    assert len(_reports(tg, DIRECTOR)) == 2
    async with aiosqlite.connect(db_path) as conn:
        marks = await conn.execute_fetchall(
            "SELECT director_id, week, sent_at IS NOT NULL FROM report_marks ORDER BY week, 1"
        )
    assert [tuple(m) for m in marks] == [
        (DIRECTOR, "2026-11-23", 1),
        (DIRECTOR2, "2026-11-23", 1),
        (DIRECTOR, "2026-11-30", 1),
        (DIRECTOR2, "2026-11-30", 1),
    ]


async def test_weekly_report_waits_for_quiet_hours_and_retries_a_failed_send(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await _seed(db_path)
    clock = clock_at(2026, 11, 22, 9)  # Sunday noon in Moscow
    env = {**ENV, "DIRECTOR_IDS": f"{DIRECTOR},{DIRECTOR2}", "QUIET_HOURS": "22-10"}
    running = await start_bot(clock=clock, **env)
    await _idle(running)  # the scheduler has run outside quiet hours: its epoch is set
    tg.block(DIRECTOR2)  # refused for good: given up, not retried
    # Telegram asks to wait longer than the bot waits in a call: tried again a minute later
    tg.fail_next("sendMediaGroup", 429, retry_after=600, chat_id=DIRECTOR)
    clock.advance(timedelta(hours=21))  # Monday 09:00: quiet hours until 10:00
    await _idle(running)
    assert tg.calls_to("sendMediaGroup") == []
    clock.advance(timedelta(hours=1))  # 10:00
    await tg.wait_for(lambda: tg.calls_to("sendMediaGroup"), timeout=30)
    await _idle(running)
    assert _reports(tg, DIRECTOR) == []
    clock.advance(timedelta(minutes=1))
    await tg.wait_message(DIRECTOR, contains=TITLE, timeout=30)
    await _idle(running)
    async with aiosqlite.connect(db_path) as conn:
        marks = await conn.execute_fetchall(
            "SELECT director_id, attempts, sent_at IS NOT NULL, given_up_at IS NOT NULL"
            " FROM report_marks ORDER BY director_id"
        )
    assert [tuple(m) for m in marks] == [(DIRECTOR, 1, 1, 0), (DIRECTOR2, 1, 0, 1)]
    assert len(_reports(tg, DIRECTOR)) == 1


# --- pure rules: periods, when the weekly report is due, the text ------------------------

MOSCOW = ZoneInfo("Europe/Moscow")


def test_report_periods_from_the_command() -> None:
    now = msk(26, 12)  # Thursday noon
    week = parse_period("", now, MOSCOW)
    assert (week.first, week.last, len(week.days)) == (date(2026, 11, 20), date(2026, 11, 26), 7)
    assert week.start == msk(20, 0) and week.end == now  # today counts up to now
    month = parse_period("month", now, MOSCOW)
    assert (month.first, month.last) == (date(2026, 10, 28), date(2026, 11, 26))
    days = parse_period("16.11-22.11", now, MOSCOW)
    assert (days.start, days.end) == (msk(16, 0), msk(23, 0))
    # without a year: the latest such days not in the future, across the new year too
    assert parse_period("20.12-05.01", now, MOSCOW).first == date(2025, 12, 20)
    assert parse_period("01.12-10.12", now, MOSCOW).first == date(2025, 12, 1)
    cut = parse_period("20.11.2026 - 30.11.2026", now, MOSCOW)  # days after now are dropped
    assert (cut.last, cut.end) == (date(2026, 11, 26), now)
    for bad, key in (
        ("вчера", "report_usage"),
        ("31.02-01.03", "report_usage"),
        ("10.11.2026-01.11.2026", "report_usage"),
        ("01.01.2026-30.06.2026", "report_too_long"),
        ("27.11.2026-10.12.2026", "report_future"),
    ):
        with pytest.raises(PeriodError) as refused:
            parse_period(bad, now, MOSCOW)
        assert refused.value.key == key, bad


def test_the_period_before_has_as_many_days_cut_at_the_same_hour() -> None:
    berlin = ZoneInfo("Europe/Berlin")  # summer time ends on 25.10.2026
    now = datetime(2026, 10, 29, 11, 0, tzinfo=UTC)  # 12:00 in Berlin
    week = parse_period("week", now, berlin)
    before = previous_period(week, berlin)
    assert (before.first, before.last) == (date(2026, 10, 16), date(2026, 10, 22))
    assert before.end.astimezone(berlin).time() == time(12, 0)  # 12:00 then too (UTC+2)
    assert before.end == datetime(2026, 10, 22, 10, 0, tzinfo=UTC)
    weekly = weekly_period(date(2026, 11, 23), MOSCOW)
    assert (weekly.first, weekly.last, weekly.end) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
        msk(23, 0),
    )


def test_which_week_is_due() -> None:
    at = time(9, 0)
    epoch = msk(1, 0)
    monday = date(2026, 11, 23)
    assert report_day_due(msk(23, 8, 59), 0, at, MOSCOW, epoch) == monday - timedelta(days=7)
    assert report_day_due(msk(23, 9), 0, at, MOSCOW, epoch) == monday
    assert report_day_due(msk(29, 23), 0, at, MOSCOW, epoch) == monday  # due all week
    assert report_day_due(msk(23, 9), 0, at, MOSCOW, msk(23, 9, 1)) is None  # installed after
    assert report_day_due(msk(26, 9), 3, at, MOSCOW, epoch) == date(2026, 11, 26)  # Thursdays


def test_nothing_worse_is_said_and_a_missing_flag_name_is_kept() -> None:
    t = Texts("ru")
    period = weekly_period(date(2026, 11, 23), MOSCOW)
    same = Figures(
        complaints=4, by_source={"dm": 4}, by_day=[{"dm": 4}] + [{}] * 6,
        checks={"held": 1, "as_is": 1}, held_flags={"OLD_FLAG": 1}, replies=3,
    )  # fmt: skip
    report = Report(period, previous_period(period, MOSCOW), same, same, 60.0)
    assert worst_change(report, t) is None
    text = render_report_text(report, t)
    assert text.splitlines()[-1] == "✅ Ничего не стало хуже, чем в прошлом периоде."
    assert (
        "Проверка ответов: ответов клиентам 3, задержано 1 (OLD_FLAG 1); исправили 0, "
        "отправили как есть 1"
    ) in text
