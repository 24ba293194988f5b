"""The client hears the director (shared/phrase-guide.md): replies signed with a name and a role,
a follow-up that names the client, no stars asked of an unhappy client, a low rating that
reaches the ticket's people, and an honest word when the bot itself fails. Driven through the
real dispatcher against the stand-in Bot API and a real SQLite file."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, DIRECTOR2, MANAGER, MANAGER2, StartBot
from tests.helpers import button, new_ticket
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import BotMessage, StandInTelegram

People = dict[int, dict[str, Any]]
ASK = "Всё ли теперь в порядке?"
FOLLOW_UP = {"SCHEDULER_TICK_SECONDS": TICK, "FOLLOW_UP_DAYS": "0.001"}  # 86.4 seconds
LOW = "оценил(а) работу по закрытому обращению на"
UNHAPPY = "ответил(а) на вопрос после закрытия, что не всё в порядке"


def _now(tg: StandInTelegram, message: BotMessage) -> BotMessage:
    """The message as it is now, edits applied."""
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def _reply(tg: StandInTelegram, people: People, who: int, ticket_id: int, text: str) -> str:
    """`who` answers the client of the ticket; what the client receives."""
    tg.send_command(people[who], f"/reply {ticket_id} {text}")
    return (await tg.wait_message(CLIENT, contains=text)).text


async def test_a_reply_carries_the_signature_the_director_set_in_settings(
    tg: StandInTelegram, people: People, bot: Any
) -> None:
    await new_ticket(tg, people[CLIENT], "Тренер не пришёл на занятие", DIRECTOR)
    # by default: the director's Telegram name and their role
    first = "Простите, что так вышло. Разберусь и напишу вам завтра до 12:00."
    assert await _reply(tg, people, DIRECTOR, 1, first) == f"Ирина Петрова, директор\n{first}"
    tg.send_command(people[DIRECTOR], "/settings")
    settings = await tg.wait_message(DIRECTOR, contains="Настройки")
    assert "подписаны так: «Ирина Петрова, директор»" in settings.text

    tg.send_command(people[DIRECTOR], "/settings sign   Ирина Петрова,\nуправляющая клубом ")
    saved = await tg.wait_message(DIRECTOR, contains="Сохранено")
    assert "«Ирина Петрова, управляющая клубом»" in saved.text
    assert await _reply(tg, people, DIRECTOR, 1, "Тренера заменили") == (
        "Ирина Петрова, управляющая клубом\nТренера заменили"
    )
    tg.send_command(people[DIRECTOR], "/settings")
    await tg.wait_for(lambda: count(tg, DIRECTOR, "«Ирина Петрова, управляющая клубом»") == 2)

    # a signature is a line, not a letter; "-" goes back to the default
    tg.send_command(people[DIRECTOR], "/settings sign " + "очень " * 20)
    await tg.wait_message(DIRECTOR, contains="не длиннее 80 символов")
    tg.send_command(people[DIRECTOR], "/settings sign -")
    reset = "Теперь ваши ответы клиентам подписаны так: «Ирина Петрова, директор»"
    await tg.wait_for(lambda: count(tg, DIRECTOR, reset) == 1)
    assert await _reply(tg, people, DIRECTOR, 1, "Вернули деньги за занятие") == (
        "Ирина Петрова, директор\nВернули деньги за занятие"
    )


async def test_a_managers_reply_carries_their_name_and_role(
    tg: StandInTelegram, people: People, bot: Any
) -> None:
    await new_ticket(tg, people[CLIENT], "Не работает душ", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/settings sign Ирина Петрова, управляющая")
    await tg.wait_message(DIRECTOR, contains="Сохранено")
    tg.send_command(people[MANAGER], "/claim 1")
    await tg.wait_message(MANAGER, contains="№1 теперь ваше")
    first = "Простите, пожалуйста! Сантехник приедет сегодня до 15:00."
    assert await _reply(tg, people, MANAGER, 1, first) == f"Мария, менеджер\n{first}"
    # a manager cannot sign as anyone else: the signature is the directors' setting
    tg.send_command(people[MANAGER], "/settings sign Ирина Петрова, директор")
    await tg.wait_message(MANAGER, contains="только для директоров")
    assert await _reply(tg, people, MANAGER, 1, "Душ починили") == "Мария, менеджер\nДуш починили"


async def _closed_and_asked(
    tg: StandInTelegram, people: People, clock: Any, client: int, text: str, ticket_id: int
) -> BotMessage:
    """A ticket the manager owns and answers, closed by the director with a resolution;
    returns the follow-up question the client gets once FOLLOW_UP_DAYS have passed."""
    await new_ticket(tg, people[client], text, DIRECTOR)
    tg.send_command(people[MANAGER], f"/claim {ticket_id}")
    await tg.wait_message(MANAGER, contains=f"№{ticket_id} теперь ваше")
    answer = "Простите, что так вышло. Всё исправим сегодня до 18:00."
    tg.send_command(people[MANAGER], f"/reply {ticket_id} {answer}")
    await tg.wait_for(lambda: count(tg, client, answer) == 1)
    tg.send_command(people[DIRECTOR], f"/close {ticket_id} Заменили замок")
    resolved = await tg.wait_message(client, contains=f"по обращению №{ticket_id} решённым")
    assert "последнее слово за вами" in resolved.text
    assert "Что мы сделали: Заменили замок" in resolved.text
    clock.advance(timedelta(days=0.001, seconds=5))
    return await tg.wait_message(client, contains=ASK)


async def test_a_low_rating_tells_the_owner_and_the_directors_and_is_answered_apart(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, DIRECTOR_IDS=f"{DIRECTOR},{DIRECTOR2}", **FOLLOW_UP)
    question = await _closed_and_asked(tg, people, clock, CLIENT, "Сломан замок шкафчика", 1)
    assert question.text.startswith("Здравствуйте, Анна!")  # by name, not "dear customer"
    tg.press(people[CLIENT], question, button(tg, question, "Да, всё хорошо"))
    await tg.wait_for(lambda: "вы знаете, где меня найти" in _now(tg, question).text)
    rating = _now(tg, question)
    tg.press(people[CLIENT], rating, button(tg, rating, "2 ⭐"))

    answer = await tg.wait_for(
        lambda: "оценили честно: 2 из 5" in _now(tg, question).text and _now(tg, question)
    )
    assert "Спасибо за оценку" not in answer.text and "что было не так" in answer.text
    assert not tg.buttons(answer)
    for chat in (DIRECTOR, DIRECTOR2, MANAGER):
        notice = await tg.wait_message(chat, contains=LOW)
        assert "№1" in notice.text and "2 из 5" in notice.text and "Анна (@anna)" in notice.text
        assert "Ответственный: Мария" in notice.text
        assert any("Ответить" in label for label, _ in tg.buttons(notice))

    # a good rating is thanked and told to nobody
    second = await _closed_and_asked(tg, people, clock, CLIENT2, "Нет полотенец", 2)
    assert second.text.startswith("Здравствуйте, Пётр!")
    tg.press(people[CLIENT2], second, button(tg, second, "Да, всё хорошо"))
    await tg.wait_for(lambda: "вы знаете, где меня найти" in _now(tg, second).text)
    tg.press(people[CLIENT2], _now(tg, second), button(tg, _now(tg, second), "5 ⭐"))
    await tg.wait_for(lambda: "Спасибо за оценку: 5 из 5" in _now(tg, second).text)
    await settle()
    for chat in (DIRECTOR, DIRECTOR2, MANAGER):
        assert count(tg, chat, LOW) == 1
    assert count(tg, MANAGER2, LOW) == 0 and count(tg, CLIENT, LOW) == 0


async def test_not_really_gets_an_apology_and_a_question_not_stars(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    await start_bot(clock=clock, **FOLLOW_UP)
    question = await _closed_and_asked(tg, people, clock, CLIENT, "Сломан замок шкафчика", 1)
    tg.press(people[CLIENT], question, button(tg, question, "Не совсем"))
    answer = await tg.wait_for(lambda: "Простите" in _now(tg, question).text and _now(tg, question))
    assert "снова в работе" in answer.text and "что осталось не так" in answer.text
    assert "оцените" not in answer.text
    assert not tg.buttons(answer)
    await tg.wait_message(DIRECTOR, contains=UNHAPPY)


async def test_a_failure_is_told_honestly_and_the_directors_hear_of_it_once(
    tg: StandInTelegram, people: People, bot: Any
) -> None:
    # Telegram refuses the bot's answer to the client's command: the handler fails.
    tg.fail_next("sendMessage", status=400, chat_id=CLIENT)
    tg.send_command(people[CLIENT], "/заказ 123 секретный")
    sorry = await tg.wait_message(CLIENT, contains="у нас сбой")
    assert "могло до меня не дойти" in sorry.text and "ещё раз" in sorry.text
    assert "разбираемся" not in sorry.text
    alert = await tg.wait_message(DIRECTOR, contains="Сбой в боте")
    assert "сообщение клиента" in alert.text and "TelegramBadRequest" in alert.text
    assert "секретный" not in alert.text and "123" not in alert.text

    # the same failure again: the client is told again, the directors are not
    tg.fail_next("sendMessage", status=400, chat_id=CLIENT)
    tg.send_command(people[CLIENT], "/заказ 456")
    await tg.wait_for(lambda: count(tg, CLIENT, "у нас сбой") == 2)
    await bot.settle()
    assert count(tg, DIRECTOR, "Сбой в боте") == 1
    assert count(tg, MANAGER, "Сбой в боте") == 0
