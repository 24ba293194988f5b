"""The morning digest and /settings, driven by a settable clock through the stand-in Bot API
and a real SQLite file: what it says, when it comes, that it comes once a day, and how a
director silences a quiet morning."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from tests.conftest import (
    CLIENT,
    CLIENT2,
    DIRECTOR,
    DIRECTOR2,
    MANAGER,
    MANAGER2,
    STRANGER,
    StartBot,
)
from tests.helpers import button, new_ticket
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import BotMessage, StandInTelegram

People = dict[int, dict[str, Any]]
DIGEST = "☀️ Утренняя сводка"
ALL_CLEAR = "Доброе утро! Новых, открытых и просроченных обращений нет"
GROUP = -1001234567890
DIRECTORS = f"{DIRECTOR},{DIRECTOR2}"
# no first-response nudges in the way: these tests are about the digest
ENV = {"SCHEDULER_TICK_SECONDS": TICK, "FIRST_RESPONSE_MINUTES": "600"}


def _digests(tg: StandInTelegram, chat: int) -> list[str]:
    """The digests in a chat (each starts with the sun, unlike /settings which names it)."""
    return [m.text for m in tg.bot_messages(chat) if m.text.startswith("☀️")]


def _now(tg: StandInTelegram, message: BotMessage) -> BotMessage:
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def _rows(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    async with aiosqlite.connect(db_path) as conn:
        return [tuple(row) for row in await conn.execute_fetchall(sql)]


async def test_digest_at_digest_time_tells_each_director_what_happened(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    clock = clock_at(2026, 11, 23, 5)  # 08:00 in Moscow
    env = {**ENV, "DIRECTOR_IDS": DIRECTORS, "KEYWORDS": "FitStudio", "FOLLOW_UP_DAYS": "0.01"}
    await start_bot(clock=clock, **env)
    # 1: the manager's, answered, with a control date that will have passed by 09:00
    await new_ticket(tg, people[CLIENT], "Тренер опоздал на 20 минут", DIRECTOR)
    tg.send_command(people[MANAGER], "/claim 1")
    await tg.wait_message(MANAGER, contains="№1 теперь ваше")
    tg.send_command(people[MANAGER], "/reply 1 Простите! Поговорим с тренером сегодня до 18:00")
    await tg.wait_message(CLIENT, contains="Поговорим с тренером")
    tg.send_command(people[MANAGER], "/due 1 23.11 08:45")
    await tg.wait_message(MANAGER, contains="Точка контроля №1: 23.11 08:45, сегодня")
    # 2: nobody has answered yet
    await new_ticket(tg, people[CLIENT2], "Нет горячей воды <b>вообще</b> & давно", DIRECTOR)
    # 3: a complaint in a group
    tg.send_text(people[CLIENT], "В FitStudio опять сломан турникет, ужас", chat=group)
    await tg.wait_message(DIRECTOR, contains="опять сломан турникет")
    # 4: closed, and the client says all is well, with a rating
    await new_ticket(tg, people[STRANGER], "Потеряли мою куртку", DIRECTOR)
    tg.send_command(
        people[DIRECTOR], "/reply 4 Простите за ожидание! Куртка нашлась, ждёт на ресепшене"
    )
    await tg.wait_message(STRANGER, contains="Куртка нашлась")
    tg.send_command(people[DIRECTOR], "/close 4")
    await tg.wait_message(STRANGER, contains="по обращению №4 решённым")
    clock.advance(timedelta(minutes=20))
    question = await tg.wait_message(STRANGER, contains="Всё ли теперь в порядке?")
    tg.press(people[STRANGER], question, button(tg, question, "Да, всё хорошо"))
    await tg.wait_for(lambda: "хорошо, что всё в порядке" in _now(tg, question).text)
    tg.press(people[STRANGER], question, button(tg, question, "5 ⭐"))
    await tg.wait_for(lambda: "Спасибо за оценку" in _now(tg, question).text)
    await settle()
    assert _digests(tg, DIRECTOR) == []

    clock.moment = clock_at(2026, 11, 23, 6).moment  # 09:00 in Moscow
    for chat in (DIRECTOR, DIRECTOR2):
        digest = await tg.wait_message(chat, contains=DIGEST, timeout=10)
        text = digest.text
        for line in (
            "☀️ Утренняя сводка, 23.11.2026",
            "4 новых обращения за сутки",
            "Telegram, личные сообщения: 3",
            "Чат «Соседи Сокол»: 1",
            "3 открытых обращения",
            "—: 2",
            "Мария: 1",
            "1 просроченное обращение",
            "№1 · Мария · контроль был 23.11 08:45, сегодня",
            "2 обращения ждут первого ответа",
            "№2 · Пётр · ждёт",
            "№3 · Анна (@anna) · ждёт",
            "1 ответ клиента после закрытия",
            "№4 · Чужой: 👍 всё хорошо · оценка 5/5",
        ):
            assert line in text, (line, text)
        assert text.index("№2 · Пётр") < text.index("№3 · Анна")  # longest waiting first
        assert not digest.reply_markup
    await settle()
    for chat in (MANAGER, MANAGER2, CLIENT, CLIENT2, STRANGER):
        assert _digests(tg, chat) == [], chat
    assert len(_digests(tg, DIRECTOR)) == 1 and len(_digests(tg, DIRECTOR2)) == 1


async def test_one_digest_a_day_across_a_restart_and_no_pile_after_a_clock_jump(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 5, 30)  # 08:30 in Moscow
    running = await start_bot(clock=clock, **ENV)
    await new_ticket(tg, people[CLIENT], "Сломан кулер с водой", DIRECTOR)
    clock.advance(timedelta(minutes=29))  # 08:59
    await settle()
    assert _digests(tg, DIRECTOR) == []
    clock.advance(timedelta(minutes=1))  # 09:00
    await tg.wait_message(DIRECTOR, contains="Утренняя сводка, 23.11.2026")
    clock.advance(timedelta(hours=3))
    await running.stop()

    await start_bot(clock=clock, **ENV)
    await settle()
    assert len(_digests(tg, DIRECTOR)) == 1
    clock.advance(timedelta(hours=21))  # 09:00 the next day
    await tg.wait_message(DIRECTOR, contains="Утренняя сводка, 24.11.2026")
    assert "за сутки" not in _digests(tg, DIRECTOR)[-1]  # the ticket came the day before
    assert "1 открытое обращение" in _digests(tg, DIRECTOR)[-1]

    clock.advance(timedelta(days=4, hours=2))  # nobody looked for four days: 11:00 on the 28th
    await tg.wait_message(DIRECTOR, contains="Утренняя сводка, 28.11.2026")
    await settle()
    titles = [text.splitlines()[0] for text in _digests(tg, DIRECTOR)]
    assert titles == [f"☀️ Утренняя сводка, {day}.11.2026" for day in (23, 24, 28)]
    assert await _rows(db_path, "SELECT day FROM digests ORDER BY day") == [
        ("2026-11-23",),
        ("2026-11-24",),
        ("2026-11-28",),
    ]


async def test_a_quiet_morning_is_one_line_or_nothing_as_each_director_chose(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)  # 12:00 in Moscow
    env = {**ENV, "DIRECTOR_IDS": DIRECTORS}
    running = await start_bot(clock=clock, **env)
    tg.send_command(people[DIRECTOR], "/settings")
    settings = await tg.wait_message(DIRECTOR, contains="Настройки")
    assert "Утренняя сводка приходит в 09:00 (Europe/Moscow)" in settings.text
    assert "приходит одна строка «всё спокойно»" in settings.text
    assert next(label for label, _ in tg.buttons(settings)) == "🔕 Молчать, если нечего сообщать"
    query = tg.press(people[DIRECTOR], settings, button(tg, settings, "Молчать"))
    await tg.wait_for(lambda: "сводка не приходит" in _now(tg, settings).text)
    assert (
        next(label for label, _ in tg.buttons(_now(tg, settings))) == "☀️ Присылать «всё спокойно»"
    )
    await tg.wait_for(
        lambda: any(a["id"] == query and a["text"] == "Сохранено." for a in tg.callback_answers)
    )
    await running.stop()

    await start_bot(clock=clock, **env)  # the choice is kept
    clock.advance(timedelta(hours=21))  # 09:00 the next day
    clear = await tg.wait_message(DIRECTOR2, contains=ALL_CLEAR)
    assert clear.text.count("\n") == 0
    await settle()
    assert _digests(tg, DIRECTOR) == []
    assert len(_digests(tg, DIRECTOR2)) == 1
    # the silence was decided, not missed
    assert await _rows(db_path, "SELECT director_id FROM digests ORDER BY director_id") == [
        (DIRECTOR,),
        (DIRECTOR2,),
    ]
    # a ticket makes the next morning worth a digest for both
    await new_ticket(tg, people[CLIENT], "Сломался тренажёр", DIRECTOR)
    clock.advance(timedelta(days=1))
    for chat in (DIRECTOR, DIRECTOR2):
        await tg.wait_message(chat, contains="Утренняя сводка, 25.11.2026")
    assert count(tg, DIRECTOR2, ALL_CLEAR) == 1


async def test_settings_are_for_directors_only(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(**ENV)
    tg.send_command(people[DIRECTOR], "/settings")
    settings = await tg.wait_message(DIRECTOR, contains="Настройки")
    tg.send_command(people[MANAGER], "/settings")
    await tg.wait_message(MANAGER, contains="Эта команда только для директоров.")
    tg.send_command(people[CLIENT], "/settings")
    await tg.wait_message(
        CLIENT, contains="Эта команда только для сотрудников, вам она не понадобится."
    )
    # a button pressed by someone who is not a director (a forged or forwarded one)
    for intruder in (MANAGER, CLIENT):
        query = tg.press(people[intruder], settings, button(tg, settings, "Молчать"))
        answer = await tg.wait_for(
            lambda query=query: next((a for a in tg.callback_answers if a["id"] == query), None)
        )
        assert answer["show_alert"] and "только для" in answer["text"]
    await settle()
    assert "приходит одна строка «всё спокойно»" in _now(tg, settings).text
    assert await _rows(db_path, "SELECT count(*) FROM director_settings") == [(0,)]
    assert await _rows(db_path, "SELECT count(*) FROM tickets") == [(0,)]  # not a complaint


@pytest.mark.parametrize(
    ("digest_time", "quiet", "held", "release", "day"),
    [
        # 09:00 inside 22-10: the digest waits until 10:00 the same morning
        ("09:00", "22-10", timedelta(hours=21, minutes=59), timedelta(hours=22), 24),
        # 23:00 inside 22-08: it waits past midnight, until 08:00
        ("23:00", "22-08", timedelta(hours=19, minutes=59), timedelta(hours=20), 23),
    ],
)
async def test_quiet_hours_covering_digest_time_hold_it_until_they_end(
    tg: StandInTelegram,
    people: People,
    start_bot: StartBot,
    digest_time: str,
    quiet: str,
    held: timedelta,
    release: timedelta,
    day: int,
) -> None:
    clock = clock_at(2026, 11, 23, 9)  # 12:00 in Moscow
    await start_bot(clock=clock, DIGEST_TIME=digest_time, QUIET_HOURS=quiet, **ENV)
    await new_ticket(tg, people[CLIENT], "Дует из окна в зале", DIRECTOR)
    await settle()  # the scheduler has run once: its epoch is set
    clock.advance(held)  # a minute before quiet hours end
    await settle()
    assert _digests(tg, DIRECTOR) == []
    clock.advance(release - held)
    digest = await tg.wait_message(DIRECTOR, contains=f"Утренняя сводка, {day}.11.2026")
    assert "1 открытое обращение" in digest.text
    await settle()
    assert len(_digests(tg, DIRECTOR)) == 1
