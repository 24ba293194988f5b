"""The director's personal chats through Telegram Business, end to end: a client writing to
the director's own account becomes a ticket, answers go back into that same chat through the
connection, and the 24-hour rule, the connection's state and its owner are respected.

The stand-in Bot API plays Telegram's side (tests/standin/business.py): connections, business
messages, edits and deletions, sends with `business_connection_id`, the 403 after the window.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import (
    CLIENT,
    CLIENT2,
    DIRECTOR,
    MANAGER,
    STRANGER,
    Clock,
    StartBot,
)
from tests.helpers import button, find_card, texts_to
from tests.schedule_helpers import TICK, clock_at, count, settle
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
WHERE = "личные сообщения директора"


def _clocked(tg: StandInTelegram, clock: Clock) -> None:
    """Telegram's clock follows the bot's, so the 24-hour window moves with the test."""
    tg.set_clock(lambda: clock().timestamp())


async def _connected(tg: StandInTelegram, people: People, **rights: bool) -> str:
    connection = tg.business_connect(people[DIRECTOR], **rights)
    await tg.wait_message(DIRECTOR, contains="подключён к вашему аккаунту")
    return connection


async def _first_card(tg: StandInTelegram, connection: str, people: People, text: str) -> Any:
    tg.business_text(connection, people[CLIENT], text)
    return await tg.wait_for(lambda: _card(tg, 1))


def _card(tg: StandInTelegram, ticket_id: int) -> Any:
    return find_card(tg, DIRECTOR, ticket_id)


def _rows(db_path: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(sql, args).fetchall()


async def test_a_message_to_the_directors_own_account_becomes_a_ticket(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    card = await _first_card(tg, connection, people, "Тренер не пришёл на занятие")
    assert WHERE in card.text and "Тренер не пришёл" in card.text
    assert "Ответить в личном чате через бота можно до" in card.text
    tg.business_text(connection, people[CLIENT], "И деньги не вернули")
    await tg.wait_message(DIRECTOR, contains="И деньги не вернули")
    await settle()
    # one open ticket per client; nothing said to the client by default: a personal chat
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1
    assert tg.business_messages(connection, CLIENT) == []
    # the client's chat with the bot is another conversation, untouched
    assert tg.bot_messages(CLIENT) == []


async def test_the_same_client_writing_to_the_bot_opens_a_ticket_of_its_own(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    """Both chats have the client's id as chat id and count message ids from 1: mixing them
    up would append one conversation to the other or drop a message as a duplicate."""
    await start_bot()
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "В раздевалке холодно")
    tg.send_text(people[CLIENT], "Пишу и сюда: в раздевалке холодно")
    await tg.wait_for(lambda: _card(tg, 2))
    rows = _rows(db_path, "SELECT id, source, inbox FROM tickets ORDER BY id")
    assert rows == [(1, "business", DIRECTOR), (2, "telegram", None)]


async def test_edits_are_kept_and_deletions_marked_never_the_ticket_removed(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    first = tg.business_text(connection, people[CLIENT], "Душ не работает")
    await tg.wait_for(lambda: _card(tg, 1))
    tg.business_edit(first, "Душ не работает уже неделю")
    await tg.wait_message(DIRECTOR, contains="неделю")
    second = tg.business_text(connection, people[CLIENT], "Позвоните мне 8-900-000-00-00")
    await tg.wait_message(DIRECTOR, contains="8-900")
    tg.business_delete(connection, CLIENT, [second["message_id"]])
    await tg.wait_for(
        lambda: _rows(db_path, "SELECT count(*) FROM messages WHERE deleted_at IS NOT NULL")[0][0]
    )
    tg.send_command(people[DIRECTOR], "/ticket 1")
    history = await tg.wait_message(DIRECTOR, contains="удалено в чате")
    assert "8-900" in history.text
    assert "Душ не работает уже неделю" in history.text and "исправлено" in history.text
    assert _rows(db_path, "SELECT status FROM tickets WHERE id = 1") == [("open",)]


async def test_a_photo_reaches_the_director_by_its_file(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    """The bot is not in the director's chat, so it cannot copy from there: the photo goes on
    by its file id, under the card."""
    await start_bot()
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Смотрите, что в бассейне")
    tg.business_photo(connection, people[CLIENT], b"\x89PNG-pool", caption="вот")
    photo = await tg.wait_for(
        lambda: next((m for m in tg.bot_messages(DIRECTOR) if m.kind == "photo"), None)
    )
    assert tg.file_bytes(photo) == b"\x89PNG-pool"


async def test_the_directors_own_answer_in_the_chat_is_history_and_the_first_response(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Сломан шкафчик 12")
    tg.business_owner_text(connection, CLIENT, "Анна, простите, сегодня же починим")
    await tg.wait_for(lambda: "Первый ответ через" in _card(tg, 1).text)
    clock.advance(timedelta(hours=3))  # past FIRST_RESPONSE_HOURS: no nudge, it was answered
    await settle()
    assert count(tg, DIRECTOR, "без ответа") == 0
    replies = _rows(db_path, "SELECT direction, text FROM messages WHERE direction = 'out'")
    assert replies == [("out", "Анна, простите, сегодня же починим")]
    # not relayed anywhere: the client has it already, and it is the director's own
    assert not [t for t in texts_to(tg, DIRECTOR) if "сегодня же починим" in t]
    assert not [t for t in texts_to(tg, MANAGER) if "сегодня же починим" in t]


async def test_a_reply_from_the_card_goes_into_that_same_chat_and_is_not_taken_in_again(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    card = await _first_card(tg, connection, people, "Администратор нагрубил")
    tg.press(people[DIRECTOR], card, button(tg, card, "Ответить"))
    prompt = await tg.wait_message(DIRECTOR, contains="Ответ клиенту по обращению №1")
    tg.send_text(people[DIRECTOR], "Анна, мне очень жаль. Поговорю с ним сегодня.", reply_to=prompt)
    sent = await tg.wait_business_message(connection, CLIENT, contains="Поговорю с ним")
    assert sent.text.startswith("Ирина Петрова, директор")
    await tg.wait_message(DIRECTOR, contains="Ответ доставлен клиенту (№1)")
    await settle()
    # the echo of the bot's own message (sender_business_bot) is neither a client message
    # nor the director typing: the reply is in the history once
    assert _rows(db_path, "SELECT count(*) FROM messages WHERE direction = 'in'")[0][0] == 1
    assert _rows(db_path, "SELECT count(*) FROM messages WHERE direction = 'out'")[0][0] == 1
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1


async def test_a_managers_reply_goes_the_same_way(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Где мой абонемент?")
    tg.send_command(
        people[MANAGER],
        "/reply 1 Анна, простите за путаницу: абонемент у администратора, ждёт вас.",
    )
    sent = await tg.wait_business_message(connection, CLIENT, contains="ждёт вас")
    assert sent.text.startswith("Мария, менеджер")


async def test_the_window_nudge_then_a_plain_refusal_with_the_ways_left(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, FIRST_RESPONSE_HOURS="100")
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Бассейн закрыли без предупреждения")
    clock.advance(timedelta(hours=19, minutes=50))
    await settle()
    assert count(tg, DIRECTOR, "закроется для бота") == 0
    clock.advance(timedelta(minutes=15))  # 20 h 5 min after: four hours left
    nudge = await tg.wait_message(DIRECTOR, contains="личный чат закроется для бота")
    assert "№1" in nudge.text
    clock.advance(timedelta(minutes=30))
    await settle()
    assert count(tg, DIRECTOR, "закроется для бота") == 1  # once per client message
    clock.advance(timedelta(hours=4))  # the window has closed
    await tg.wait_for(lambda: "закрыт для бота" in _card(tg, 1).text)
    tg.send_command(people[DIRECTOR], "/reply 1 Анна, простите за задержку")
    refusal = await tg.wait_message(DIRECTOR, contains="Ответ по №1 в личный чат не уйдёт")
    assert "24 часа" in refusal.text and "личном чате директора" in refusal.text
    assert tg.buttons(refusal) == []  # this client never started the bot
    assert tg.business_messages(connection, CLIENT) == []


async def test_after_the_window_a_client_who_has_the_bot_is_answered_there_in_one_tap(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    tg.send_command(people[CLIENT], "/start")
    await tg.wait_message(CLIENT, contains="Здравствуйте")
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Опять нет горячей воды")
    clock.advance(timedelta(hours=25))
    tg.send_command(people[DIRECTOR], "/reply 1 Анна, простите, вода будет к вечеру")
    refusal = await tg.wait_message(DIRECTOR, contains="Ответ по №1 в личный чат не уйдёт")
    via_bot = button(tg, refusal, "через бота")
    tg.press(people[DIRECTOR], refusal, via_bot)
    await tg.wait_message(CLIENT, contains="вода будет к вечеру")
    assert tg.business_messages(connection, CLIENT) == []
    # a second tap, made before the first one's answer took the button away
    tg.forge_press(people[DIRECTOR], refusal, via_bot)
    await settle()
    assert count(tg, CLIENT, "вода будет к вечеру") == 1  # a second tap sends nothing more


async def test_closing_offers_the_bot_and_the_follow_up_is_asked_there_or_not_at_all(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, FOLLOW_UP_DAYS="3")
    tg.user(CLIENT2, "Пётр")
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Сломался тренажёр")
    tg.business_text(connection, people[CLIENT2], "Шумно в зале")
    await tg.wait_for(lambda: _card(tg, 2))
    tg.send_command(people[CLIENT2], "/start")  # Пётр has the bot, Анна does not
    await tg.wait_message(CLIENT2, contains="Здравствуйте")
    tg.send_command(people[DIRECTOR], "/close 1")
    told = await tg.wait_business_message(connection, CLIENT, contains="решённым")
    link = f"https://t.me/{tg.bot_username}?start=fh-chat"
    assert link in told.text
    tg.send_command(people[DIRECTOR], "/close 2")
    told2 = await tg.wait_business_message(connection, CLIENT2, contains="решённым")
    assert "start=fh-chat" not in told2.text  # he has the bot already
    clock.advance(timedelta(days=3, minutes=5))
    await tg.wait_message(CLIENT2, contains="Всё ли теперь в порядке")
    await settle()
    assert tg.bot_messages(CLIENT) == []
    skipped = _rows(db_path, "SELECT ticket_id FROM events WHERE kind = 'followup_skipped'")
    assert skipped == [(1,)]
    tg.send_command(people[DIRECTOR], "/ticket 1")
    await tg.wait_message(DIRECTOR, contains="не запускал бота")


async def test_only_a_directors_connection_counts(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path, caplog: Any
) -> None:
    await start_bot()
    caplog.set_level(logging.WARNING)
    foreign = tg.business_connect(people[STRANGER])
    tg.business_text(foreign, people[CLIENT], "Это личное, не для бота")
    tg.business_text(foreign, people[CLIENT], "И это")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM business_connections")[0][0] == 0
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 0
    assert not [t for t in texts_to(tg, DIRECTOR) if "личное" in t]
    assert "business.foreign_connection" in caplog.text
    assert caplog.text.count("business.unknown_connection") == 1  # logged once, dropped


async def test_a_connection_switched_off_or_without_rights_turns_replies_off(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Не работает кондиционер")
    tg.business_update(connection, can_reply=False)
    await tg.wait_for(lambda: "нет права отвечать" in _card(tg, 1).text)
    tg.send_command(people[DIRECTOR], "/reply 1 Анна, чиним")
    await tg.wait_message(DIRECTOR, contains="нет права отвечать в этом аккаунте")
    tg.business_update(connection, can_reply=True, enabled=False)
    await tg.wait_for(lambda: "выключено" in _card(tg, 1).text)
    await tg.wait_message(DIRECTOR, contains="Бот отключён от вашего аккаунта")
    tg.business_update(connection, enabled=True)
    await tg.wait_for(lambda: "можно до" in _card(tg, 1).text)
    tg.send_command(
        people[DIRECTOR],
        "/reply 1 Анна, простите за жару. Мастер уже едет и всё починит сегодня до 18:00.",
    )
    await tg.wait_business_message(connection, CLIENT, contains="Мастер уже едет")


async def test_a_director_removed_from_the_configuration_loses_the_chats_at_once(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    bot = await start_bot(DIRECTOR_IDS=f"{DIRECTOR},{STRANGER}")
    connection = tg.business_connect(people[STRANGER])
    await tg.wait_message(STRANGER, contains="подключён к вашему аккаунту")
    await bot.stop()
    await start_bot()
    tg.business_text(connection, people[CLIENT], "Мой адрес: ул. Ленина, 1")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 0
    assert not [t for t in texts_to(tg, DIRECTOR) if "Ленина" in t]


async def test_stickers_service_messages_and_staff_make_no_card(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    tg.business_sticker(connection, people[CLIENT])  # nothing open: nothing to keep it in
    tg.business_service(connection, people[CLIENT], _pinned())
    tg.business_text(connection, people[MANAGER], "Ирина, я сегодня задержусь")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 0
    await _first_card(tg, connection, people, "Кто-то занял мой шкафчик")
    before = len(tg.bot_messages(DIRECTOR))
    tg.business_sticker(connection, people[CLIENT])
    tg.business_service(connection, people[CLIENT], _pinned())
    quiet = "SELECT content_type FROM messages WHERE content_type != 'text' ORDER BY id"
    await tg.wait_for(lambda: len(_rows(db_path, quiet)) == 2)
    await settle()
    # updates are handled side by side: the two may be stored in either order
    assert sorted(_rows(db_path, quiet)) == [("pinned_message",), ("sticker",)]
    assert len(tg.bot_messages(DIRECTOR)) == before  # kept, with no relay and no new card


def _pinned() -> dict[str, Any]:
    """A service message Telegram sends in a private chat: a message was pinned."""
    chat = {"id": CLIENT, "type": "private", "first_name": "Анна"}
    return {"pinned_message": {"message_id": 1, "date": 0, "chat": chat}}


async def test_a_native_reply_to_the_card_goes_into_the_chat_and_a_closed_one_says_so_at_once(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK)
    connection = await _connected(tg, people)
    card = await _first_card(tg, connection, people, "Не пришёл тренер")
    tg.send_text(
        people[DIRECTOR], "Анна, простите. Тренер заболел, завтра в 10 вас ждут.", reply_to=card
    )
    await tg.wait_business_message(connection, CLIENT, contains="Тренер заболел")
    clock.advance(timedelta(hours=25))
    await tg.wait_for(lambda: "закрыт для бота" in _card(tg, 1).text)
    card = _card(tg, 1)
    tg.press(people[DIRECTOR], card, button(tg, card, "Ответить"))
    said = await tg.wait_message(DIRECTOR, contains="Ответ по №1 в личный чат не уйдёт")
    assert "личном чате директора" in said.text
    await settle()
    assert count(tg, DIRECTOR, "Ответ клиенту по обращению №1") == 0  # no prompt to type into


async def test_the_acknowledgement_in_personal_chats_is_off_until_turned_on(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot()
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Долго ждали администратора")
    await settle()
    assert tg.business_messages(connection, CLIENT) == []
    tg.send_command(people[DIRECTOR], "/settings")
    screen = await tg.wait_message(DIRECTOR, contains="Настройки")
    tg.press(people[DIRECTOR], screen, button(tg, screen, "Сразу отвечать в моих личных чатах"))
    await tg.wait_for(lambda: _ack_on(tg, screen))
    tg.business_text(connection, people[CLIENT2], "На ресепшене никого нет")
    await tg.wait_business_message(connection, CLIENT2, contains="Спасибо, что написали")


def _ack_on(tg: StandInTelegram, screen: Any) -> bool:
    current = next(m for m in tg.bot_messages(DIRECTOR) if m.message_id == screen.message_id)
    return any("Не отвечать в моих личных чатах" in label for label, _ in tg.buttons(current))


async def test_polling_asks_for_the_business_updates(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot()
    polls = await tg.wait_for(
        lambda: [c for c in tg.calls_to("getUpdates") if c.params.get("allowed_updates")]
    )
    allowed = set(polls[-1].params["allowed_updates"])
    wanted = {
        "business_connection",
        "business_message",
        "edited_business_message",
        "deleted_business_messages",
    }
    assert wanted <= allowed


@pytest.mark.parametrize("language", ["en"])
async def test_english_card_names_the_directors_personal_messages(
    tg: StandInTelegram, people: People, start_bot: StartBot, language: str
) -> None:
    await start_bot(LANGUAGE=language)
    connection = tg.business_connect(people[DIRECTOR])
    await tg.wait_message(DIRECTOR, contains="connected to your Telegram account")
    tg.business_text(connection, people[CLIENT], "The coach did not come")
    card = await tg.wait_message(DIRECTOR, contains="Case #1")
    assert "the director's personal messages" in card.text


async def test_the_window_counts_from_when_the_client_wrote_not_when_the_bot_read_it(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    """Written at 12:00 Moscow while the bot was down, read ten hours later: the bot may
    write there until 12:00 the next day, not 22:00."""
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    connection = tg.business_connect(people[DIRECTOR])
    tg.business_text(connection, people[CLIENT], "Пишу, пока у вас никого нет")
    clock.advance(timedelta(hours=10))
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, FIRST_RESPONSE_HOURS="100")
    card = await tg.wait_for(lambda: _card(tg, 1))
    assert "можно до 24.11 12:00" in card.text
    clock.advance(timedelta(hours=10, minutes=5))  # 20 h 5 min after she wrote
    await tg.wait_message(DIRECTOR, contains="личный чат закроется для бота")


async def test_the_directors_own_answer_stops_the_window_nudge_and_a_pin_is_no_answer(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, FIRST_RESPONSE_HOURS="100")
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Потеряли мою карту клиента")
    tg.user(CLIENT2, "Пётр")
    tg.business_text(connection, people[CLIENT2], "А мне не выдали полотенце")
    await tg.wait_for(lambda: _card(tg, 2))
    tg.business_owner_text(connection, CLIENT, "Анна, простите, карту нашли, ждёт вас")
    # the director pins something in Пётр's chat, and Пётр pins a message: neither is
    # an answer, nor a message that lets the bot write there longer
    tg.business_service(connection, people[CLIENT2], _pinned())
    await tg.wait_for(lambda: "Первый ответ через" in _card(tg, 1).text)
    clock.advance(timedelta(hours=20, minutes=5))
    nudge = await tg.wait_message(DIRECTOR, contains="закроется для бота")
    await settle()
    assert "№2" in nudge.text
    assert count(tg, DIRECTOR, "закроется для бота") == 1  # none for №1: it was answered
    assert _rows(db_path, "SELECT first_response_at IS NULL FROM tickets WHERE id = 2") == [(1,)]


async def test_a_follow_up_answered_in_the_bot_keeps_the_case_together(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    """The client said "not really" to the follow-up the bot asked in its own chat, then
    explains there: the explanation joins the director's-chat case it is about."""
    clock = clock_at(2026, 11, 23, 9)
    _clocked(tg, clock)
    await start_bot(clock=clock, SCHEDULER_TICK_SECONDS=TICK, FOLLOW_UP_DAYS="3")
    tg.send_command(people[CLIENT], "/start")
    await tg.wait_message(CLIENT, contains="Здравствуйте")
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Сломался шкафчик")
    tg.send_command(people[DIRECTOR], "/close 1")
    await tg.wait_business_message(connection, CLIENT, contains="решённым")
    clock.advance(timedelta(days=3, minutes=5))
    question = await tg.wait_message(CLIENT, contains="Всё ли теперь в порядке")
    tg.press(people[CLIENT], question, button(tg, question, "Не совсем"))
    await tg.wait_for(lambda: _rows(db_path, "SELECT status FROM tickets") == [("open",)])
    tg.send_text(people[CLIENT], "Шкафчик опять не закрывается")
    await tg.wait_message(DIRECTOR, contains="Шкафчик опять не закрывается")
    await settle()
    assert _rows(db_path, "SELECT count(*) FROM tickets")[0][0] == 1


async def test_documents_and_voice_reach_the_director_and_a_closed_case_reopens_in_time(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    await start_bot(REOPEN_HOURS="24")
    connection = await _connected(tg, people)
    await _first_card(tg, connection, people, "Прикладываю договор и голосовое")
    tg.business_document(connection, people[CLIENT], "договор.pdf", data=b"%PDF-contract")
    tg.business_voice(connection, people[CLIENT], data=b"OggS-voice")
    document = await tg.wait_for(
        lambda: next((m for m in tg.bot_messages(DIRECTOR) if m.kind == "document"), None)
    )
    voice = await tg.wait_for(
        lambda: next((m for m in tg.bot_messages(DIRECTOR) if m.kind == "voice"), None)
    )
    assert tg.file_bytes(document) == b"%PDF-contract"
    assert tg.file_bytes(voice) == b"OggS-voice"
    tg.send_command(people[DIRECTOR], "/close 1")
    await tg.wait_for(lambda: _rows(db_path, "SELECT status FROM tickets") == [("closed",)])
    tg.business_text(connection, people[CLIENT], "Нет, договор так и не переоформили")
    await tg.wait_message(DIRECTOR, contains="так и не переоформили")
    assert _rows(db_path, "SELECT id, status FROM tickets") == [(1, "open")]
