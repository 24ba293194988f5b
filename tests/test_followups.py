"""Follow-ups after closing: the client is asked once, answers with buttons, a rating is
kept, "not really" reopens the ticket; driven by a settable clock through the stand-in Bot API
and a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import aiosqlite

from tests.conftest import (
    CLIENT,
    CLIENT2,
    DIRECTOR,
    DIRECTOR2,
    MANAGER,
    MANAGER2,
    STRANGER,
    Clock,
    StartBot,
)
from tests.helpers import button, card_in, find_card, new_ticket, texts_to
from tests.schedule_helpers import TICK, clock_at, count, settle, with_text
from tests.standin import BotMessage, StandInTelegram

People = dict[int, dict[str, Any]]
ASK = "Всё ли теперь в порядке?"
UNHAPPY = "ответил(а) на вопрос после закрытия, что не всё в порядке"
FOLLOW_UP_DAYS = "0.001"  # 86.4 seconds
WAIT = timedelta(days=0.001)
ENV = {"SCHEDULER_TICK_SECONDS": TICK, "FOLLOW_UP_DAYS": FOLLOW_UP_DAYS}
GROUP = -1001234567890


async def _closed(
    tg: StandInTelegram,
    people: People,
    client: int,
    text: str,
    ticket_id: int,
    cards: tuple[int, ...] = (DIRECTOR, MANAGER),
) -> None:
    """A client's ticket, answered by its owner (the manager) and closed by the director;
    returns once every copy of the card shows it resolved."""
    await new_ticket(tg, people[client], text, DIRECTOR)
    tg.send_command(people[MANAGER], f"/claim {ticket_id}")
    await tg.wait_message(MANAGER, contains=f"№{ticket_id} теперь ваше")
    tg.send_command(
        people[MANAGER], f"/reply {ticket_id} Простите! Исправили, проверьте, пожалуйста"
    )
    await tg.wait_for(lambda: count(tg, client, "Исправили, проверьте") == 1)
    tg.send_command(people[DIRECTOR], f"/close {ticket_id} Починили")
    await tg.wait_message(client, contains=f"по обращению №{ticket_id} решённым")
    for chat in cards:
        await tg.wait_for(
            lambda chat=chat: getattr(find_card(tg, chat, ticket_id), "text", "").startswith("🟢")
        )


async def _asked(tg: StandInTelegram, clock: Clock, client: int = CLIENT) -> BotMessage:
    """Just short of FOLLOW_UP_DAYS nothing is asked; right after it, the question comes."""
    clock.advance(WAIT - timedelta(seconds=15))
    await settle()
    assert count(tg, client, ASK) == 0
    clock.advance(timedelta(seconds=20))
    return await tg.wait_message(client, contains=ASK)


def _now(tg: StandInTelegram, message: BotMessage) -> BotMessage:
    """The message as it is now, edits applied."""
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


def _answer_to(tg: StandInTelegram, query_id: str) -> dict[str, Any] | None:
    return next((a for a in tg.callback_answers if a["id"] == query_id), None)


async def _rows(db_path: Path, sql: str) -> list[tuple[Any, ...]]:
    async with aiosqlite.connect(db_path) as conn:
        return [tuple(row) for row in await conn.execute_fetchall(sql)]


async def test_yes_then_a_rating_are_stored_and_shown_in_the_history(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, **ENV)
    await _closed(tg, people, CLIENT, "Не работает душ в мужской раздевалке", 1)
    question = await _asked(tg, clock)
    assert "обращение №1" in question.text
    assert [label for label, _ in tg.buttons(question)] == ["👍 Да, всё хорошо", "👎 Не совсем"]
    assert count(tg, DIRECTOR, ASK) == 0 and count(tg, MANAGER, ASK) == 0

    tg.press(people[CLIENT], question, button(tg, question, "Да, всё хорошо"))
    await tg.wait_for(lambda: "хорошо, что всё в порядке" in _now(tg, question).text)
    rating = _now(tg, question)
    assert [label for label, _ in tg.buttons(rating)] == ["1 ⭐", "2 ⭐", "3 ⭐", "4 ⭐", "5 ⭐"]
    tg.press(people[CLIENT], rating, button(tg, rating, "4 ⭐"))
    await tg.wait_for(lambda: "Спасибо за оценку: 4 из 5" in _now(tg, question).text)
    assert not tg.buttons(_now(tg, question))

    rows = await _rows(db_path, "SELECT ticket_id, chat_id, answer, rating FROM followups")
    assert rows == [(1, CLIENT, "yes", 4)]
    assert card_in(tg, DIRECTOR, 1).text.startswith("🟢")  # "yes" leaves it closed
    tg.send_command(people[DIRECTOR], "/ticket 1")
    history = await tg.wait_message(DIRECTOR, contains="История №1")
    assert "Бот → клиенту" in history.text and ASK in history.text
    assert "Ответ на вопрос «всё ли в порядке»: да, всё хорошо" in history.text
    assert "Оценка: 4 из 5" in history.text
    assert history.text.index(ASK) < history.text.index("да, всё хорошо")
    kinds = await _rows(
        db_path,
        "SELECT kind, detail FROM events WHERE kind IN "
        "('reminder_followup', 'followup_answer', 'followup_rating') ORDER BY id",
    )
    assert [k for k, _ in kinds] == ["reminder_followup", "followup_answer", "followup_rating"]
    assert kinds[1:] == [("followup_answer", "yes"), ("followup_rating", "4")]


async def test_not_really_reopens_and_tells_the_owner_and_the_directors(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, DIRECTOR_IDS=f"{DIRECTOR},{DIRECTOR2}", **ENV)
    await _closed(tg, people, CLIENT, "Сломан замок шкафчика", 1, (DIRECTOR, DIRECTOR2, MANAGER))
    question = await _asked(tg, clock)

    tg.press(people[CLIENT], question, button(tg, question, "Не совсем"))
    await tg.wait_for(lambda: "Обращение №1 снова в работе" in _now(tg, question).text)
    assert not tg.buttons(_now(tg, question))  # no stars for a client who is not satisfied
    for chat in (MANAGER, DIRECTOR, DIRECTOR2):
        notice = await tg.wait_message(chat, contains=UNHAPPY)
        assert "№1" in notice.text and "Анна (@anna)" in notice.text
        assert "Обращение снова в работе" in notice.text and "Ответственный: Мария" in notice.text
        assert any("Ответить" in label for label, _ in tg.buttons(notice))
        assert not notice.disable_notification
    for chat in (DIRECTOR, DIRECTOR2, MANAGER):
        await tg.wait_for(lambda chat=chat: card_in(tg, chat, 1).text.startswith("🟡"))
        assert "В работе · Ответственный: Мария" in card_in(tg, chat, 1).text
    assert count(tg, MANAGER2, UNHAPPY) == 0 and count(tg, CLIENT, UNHAPPY) == 0

    # what the client writes next joins the reopened ticket and reaches its people
    tg.send_text(people[CLIENT], "Замок снова заедает")
    await tg.wait_message(MANAGER, contains="Замок снова заедает")
    assert await _rows(db_path, "SELECT count(*) FROM tickets") == [(1,)]
    assert await _rows(db_path, "SELECT status FROM tickets") == [("in_progress",)]
    assert await _rows(db_path, "SELECT answer FROM followups") == [("no",)]
    await settle()
    for chat in (MANAGER, DIRECTOR, DIRECTOR2):
        assert count(tg, chat, UNHAPPY) == 1


async def test_a_client_who_never_answers_is_asked_once_even_across_a_restart(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    running = await start_bot(clock=clock, **ENV)
    await _closed(tg, people, CLIENT, "Грязно в бассейне", 1)
    await _asked(tg, clock)
    clock.advance(timedelta(days=2))
    await settle()
    assert count(tg, CLIENT, ASK) == 1
    await running.stop()

    await start_bot(clock=clock, **ENV)
    clock.advance(timedelta(days=5))
    await settle()
    assert count(tg, CLIENT, ASK) == 1
    assert await _rows(db_path, "SELECT count(*) FROM reminders WHERE kind = 'followup'") == [(1,)]
    assert await _rows(db_path, "SELECT answer, rating FROM followups") == [(None, None)]
    # the ticket stays closed: silence is not a complaint
    assert await _rows(db_path, "SELECT status FROM tickets") == [("closed",)]


async def test_second_press_and_somebody_elses_press_change_nothing(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, **ENV)
    await _closed(tg, people, CLIENT, "Не пробивается абонемент", 1)
    question = await _asked(tg, clock)

    # someone else presses the client's "not really": refused, the ticket stays closed
    for intruder in (STRANGER, DIRECTOR):
        query = tg.press(people[intruder], question, button(tg, question, "Не совсем"))
        answer = await tg.wait_for(lambda query=query: _answer_to(tg, query))
        assert answer["text"].startswith("На этот вопрос отвечать уже не нужно")
        assert answer["show_alert"]

    # the client presses "yes" twice before the first press has been handled
    first = tg.press(people[CLIENT], question, button(tg, question, "Да, всё хорошо"))
    second = tg.press(people[CLIENT], question, button(tg, question, "Да, всё хорошо"))
    await tg.wait_for(lambda: _answer_to(tg, first) and _answer_to(tg, second))
    texts = sorted(str((_answer_to(tg, q) or {}).get("text")) for q in (first, second))
    assert texts == ["None", "Вы уже ответили, спасибо!"]

    rating = await tg.wait_for(lambda: tg.buttons(_now(tg, question)) and _now(tg, question))
    one = tg.press(people[CLIENT], rating, button(tg, rating, "5 ⭐"))
    again = tg.press(people[CLIENT], rating, button(tg, rating, "1 ⭐"))
    await tg.wait_for(lambda: _answer_to(tg, one) and _answer_to(tg, again))
    refused = [q for q in (one, again) if (_answer_to(tg, q) or {}).get("text")]
    assert len(refused) == 1
    assert (_answer_to(tg, refused[0]) or {}).get("text") == "Вы уже ответили, спасибо!"
    kept = 5 if refused[0] == again else 1
    # a 5 is thanked, a 1 gets an apology: both name the rating kept
    await tg.wait_for(lambda: f": {kept} из 5" in _now(tg, question).text)
    assert await _rows(db_path, "SELECT answer, rating FROM followups") == [("yes", kept)]

    await settle()
    assert await _rows(db_path, "SELECT status FROM tickets") == [("closed",)]
    assert await _rows(
        db_path, "SELECT count(*) FROM events WHERE kind LIKE 'followup_%' OR kind = 'reopened'"
    ) == [(2,)]
    assert await _rows(db_path, "SELECT count(*) FROM messages WHERE text LIKE 'Оценка:%'") == [
        (1,)
    ]
    for chat in (DIRECTOR, MANAGER):
        assert count(tg, chat, UNHAPPY) == 0


async def test_mentions_get_no_follow_up_direct_tickets_do(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, KEYWORDS="FitStudio", **ENV)
    tg.send_text(people[CLIENT], "В FitStudio опять не работает душ, ужас", chat=group)
    await tg.wait_message(DIRECTOR, contains="опять не работает душ")
    tg.send_text(
        people[DIRECTOR], "Простите! Починили, приходите", reply_to=card_in(tg, DIRECTOR, 1)
    )
    await tg.wait_message(GROUP, contains="Починили, приходите")
    tg.send_command(people[DIRECTOR], "/close 1")
    await tg.wait_message(DIRECTOR, contains="Обращение №1 закрыто")
    await new_ticket(tg, people[CLIENT2], "Нет полотенец", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/close 2")
    await tg.wait_message(CLIENT2, contains="по обращению №2 решённым")

    clock.advance(WAIT * 3)
    await tg.wait_message(CLIENT2, contains=ASK)  # the scheduler is running
    await settle()
    assert texts_to(tg, GROUP) == ["Ирина Петрова, директор\nПростите! Починили, приходите"]
    assert count(tg, CLIENT, ASK) == 0
    assert await _rows(db_path, "SELECT ticket_id FROM followups") == [(2,)]


async def test_follow_ups_wait_for_the_end_of_quiet_hours_a_dissatisfied_answer_does_not(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 18, 30)  # 21:30 in Moscow
    env = {**ENV, "FOLLOW_UP_DAYS": "0.01", "QUIET_HOURS": "22-08"}  # 14.4 minutes
    await start_bot(clock=clock, **env)
    await _closed(tg, people, CLIENT, "Шумно в зале", 1)
    clock.advance(timedelta(minutes=15))  # 21:45: before quiet hours, asked at once
    question = await tg.wait_message(CLIENT, contains=ASK)
    assert not question.disable_notification

    clock.advance(timedelta(minutes=10))  # 21:55: closed now, due after 22:00
    await _closed(tg, people, CLIENT2, "Холодно в раздевалке", 2)
    clock.advance(timedelta(minutes=35))  # 22:30
    await settle()
    assert count(tg, CLIENT2, ASK) == 0

    # a client who is not satisfied is heard at night too, without sound
    tg.press(people[CLIENT], question, button(tg, question, "Не совсем"))
    notice = await tg.wait_message(DIRECTOR, contains=UNHAPPY)
    assert notice.disable_notification
    assert (await tg.wait_message(MANAGER, contains=UNHAPPY)).disable_notification

    clock.advance(timedelta(hours=9, minutes=29))  # 07:59
    await settle()
    assert count(tg, CLIENT2, ASK) == 0
    clock.advance(timedelta(minutes=1, seconds=1))  # 08:00
    morning = await tg.wait_message(CLIENT2, contains=ASK)
    assert "обращение №2" in morning.text
    await settle()
    assert count(tg, CLIENT2, ASK) == 1
    assert count(tg, CLIENT, ASK) == 0  # the one question there became the thanks
    assert count(tg, CLIENT, "Обращение №1 снова в работе") == 1
    assert len(with_text(tg, DIRECTOR, UNHAPPY)) == 1
