"""Clients writing to the bot, and the director seeing it: through the real Dispatcher."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import aiosqlite

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, MANAGER, TEAM, Clock, StartBot
from tests.helpers import card_in, texts_to
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]


async def test_start_greets_client_and_explains(tg: StandInTelegram, people: People, bot) -> None:
    tg.send_command(people[CLIENT], "/start")
    greeting = await tg.wait_message(CLIENT, contains="Здравствуйте, Анна")
    assert "директор" in greeting.text


async def test_message_opens_ticket_acks_and_cards_every_director_and_team(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path
) -> None:
    await start_bot(DIRECTOR_IDS=f"{DIRECTOR},101", TEAM_CHAT_ID=TEAM)
    tg.user(101, "Олег")
    tg.send_text(people[CLIENT], "Тренер опоздал на 20 минут, занятие сорвано.")
    ack = await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
    assert "Сообщение уже у меня" in ack.text
    for chat in (DIRECTOR, TEAM):
        card = await tg.wait_message(chat, contains="Тренер опоздал на 20 минут")
        assert card.text.startswith("🔴")
        assert "Обращение №1" in card.text
        assert "Анна (@anna)" in card.text
        assert "Telegram" in card.text
        assert "Новое" in card.text and "Ответственный: —" in card.text
        labels = [label for label, _ in tg.buttons(card)]
        assert any("Ответить" in x for x in labels)
        assert any("Ответственный" in x for x in labels)
        assert any("Точка контроля" in x for x in labels)
        assert any("Причина" in x for x in labels)
        assert any("Закрыть" in x for x in labels)
    async with aiosqlite.connect(db_path) as conn:
        rows = list(await conn.execute_fetchall("SELECT id, source, status, text FROM tickets"))
    assert rows == [(1, "telegram", "open", "Тренер опоздал на 20 минут, занятие сорвано.")]


async def test_ticket_is_stored_even_when_no_director_can_be_reached(
    tg: StandInTelegram, people: People, bot, db_path
) -> None:
    tg.block(DIRECTOR)
    tg.send_text(people[CLIENT], "Списали деньги дважды")
    await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
    await tg.wait_for(lambda: any(c.method == "sendMessage" and not c.ok for c in tg.calls))
    async with aiosqlite.connect(db_path) as conn:
        rows = list(await conn.execute_fetchall("SELECT text FROM tickets"))
    assert rows == [("Списали деньги дважды",)]


async def test_second_message_joins_ticket_and_is_relayed_under_the_card(
    tg: StandInTelegram, people: People, bot
) -> None:
    tg.send_text(people[CLIENT], "Душ не работает")
    card = await tg.wait_message(DIRECTOR, contains="Душ не работает")
    tg.send_text(people[CLIENT], "И в раздевалке грязно")
    relay = await tg.wait_message(DIRECTOR, contains="И в раздевалке грязно")
    assert relay.reply_to_message_id == card.message_id
    assert "№1" in relay.text
    edited = await tg.wait_for(lambda: "2 сообщения в истории" in card_in(tg, DIRECTOR, 1).text)
    assert edited
    # one "got it" for a conversation, not one per message
    assert [m.text for m in tg.bot_messages(CLIENT)] == [
        "Спасибо, что написали, и мне жаль, что пришлось. Сообщение уже у меня, я прочитаю его "
        "лично; ответ придёт сюда, а если чего-то не хватит, я уточню. Номер обращения: 1."
    ]


async def test_photo_and_document_are_passed_on_to_the_director(
    tg: StandInTelegram, people: People, bot
) -> None:
    tg.send_photo(people[CLIENT], caption="Вот так выглядит душ")
    card = await tg.wait_message(DIRECTOR, contains="Вот так выглядит душ")
    copy = await tg.wait_for(
        lambda: next((m for m in tg.bot_messages(DIRECTOR) if m.kind == "photo"), None)
    )
    assert copy.reply_to_message_id == card.message_id
    assert "№1" in (copy.caption or "")
    tg.send_document(people[CLIENT], file_name="чек.pdf")
    doc = await tg.wait_for(
        lambda: next((m for m in tg.bot_messages(DIRECTOR) if m.kind == "document"), None)
    )
    assert doc.reply_to_message_id == card.message_id
    tg.send_voice(people[CLIENT])
    await tg.wait_for(lambda: any(m.kind == "voice" for m in tg.bot_messages(DIRECTOR)))


async def test_two_clients_get_two_tickets(tg: StandInTelegram, people: People, bot) -> None:
    tg.send_text(people[CLIENT], "Первая жалоба")
    await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
    tg.send_text(people[CLIENT2], "Вторая жалоба")
    await tg.wait_message(CLIENT2, contains="Номер обращения: 2.")
    await tg.wait_message(DIRECTOR, contains="Вторая жалоба")


async def test_hostile_html_is_escaped_everywhere(tg: StandInTelegram, people: People, bot) -> None:
    hostile = '<script>alert("x")</script> & <b>bold</b> &amp; <a href="javascript:1">x</a>'
    tg.send_text(people[CLIENT], hostile)
    card = await tg.wait_message(DIRECTOR, contains="<script>")
    assert hostile in card.text
    tg.send_text(people[CLIENT], "</i>ещё <тег>")
    relay = await tg.wait_message(DIRECTOR, contains="</i>ещё <тег>")
    assert relay.text.endswith("</i>ещё <тег>")
    assert not [c for c in tg.calls if not c.ok]


async def test_huge_text_is_trimmed_on_the_card_and_whole_in_history(
    tg: StandInTelegram, people: People, bot
) -> None:
    huge = ("Очень длинная жалоба <&> " * 400)[:4096]
    tg.send_text(people[CLIENT], huge)
    card = await tg.wait_message(DIRECTOR, contains="Очень длинная жалоба")
    assert "/ticket 1" in card.text
    assert len(card.text) <= 4096
    tg.send_command(people[DIRECTOR], "/ticket 1")
    await tg.wait_for(lambda: sum("Очень длинная" in t for t in texts_to(tg, DIRECTOR)) >= 3)
    history = "".join(
        m.text for m in tg.bot_messages(DIRECTOR) if "История №1" in m.text or "Очень" in m.text
    )
    assert history.count("Очень длинная жалоба") >= huge.count("Очень длинная жалоба")
    assert not [c for c in tg.calls if not c.ok]


async def test_edited_message_updates_ticket_and_tells_director(
    tg: StandInTelegram, people: People, bot, db_path
) -> None:
    original = tg.send_text(people[CLIENT], "Тренер опоздал на 10 минут")
    await tg.wait_message(DIRECTOR, contains="опоздал на 10 минут")
    tg.edit_text(original, "Тренер опоздал на 40 минут")
    notice = await tg.wait_message(DIRECTOR, contains="исправил")
    assert "Было: Тренер опоздал на 10 минут" in notice.text
    assert "Стало: Тренер опоздал на 40 минут" in notice.text
    await tg.wait_for(lambda: "опоздал на 40 минут" in card_in(tg, DIRECTOR, 1).text)
    async with aiosqlite.connect(db_path) as conn:
        edits = list(await conn.execute_fetchall("SELECT old_text, new_text FROM message_edits"))
        ticket = list(await conn.execute_fetchall("SELECT text FROM tickets"))
    assert edits == [("Тренер опоздал на 10 минут", "Тренер опоздал на 40 минут")]
    assert ticket == [("Тренер опоздал на 40 минут",)]
    tg.send_command(people[DIRECTOR], "/ticket 1")
    history = await tg.wait_message(DIRECTOR, contains="История №1")
    assert "(исправлено)" in history.text
    assert history.text.index("на 40 минут") < history.text.index("до исправления:")
    assert "Тренер опоздал на 10 минут" in history.text


async def test_message_after_close_reopens_within_window_and_opens_new_after(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    clock = Clock()
    await start_bot(clock=clock, REOPEN_HOURS=24)
    tg.send_text(people[CLIENT], "Не работает кондиционер")
    await tg.wait_message(DIRECTOR, contains="кондиционер")
    tg.send_command(people[DIRECTOR], "/close 1 Простите! Кондиционер починили")
    await tg.wait_message(CLIENT, contains="по обращению №1 решённым")
    clock.advance(timedelta(hours=23))
    tg.send_text(people[CLIENT], "Опять не работает!")
    await tg.wait_message(CLIENT, contains="обращение №1 снова открыто")
    await tg.wait_message(DIRECTOR, contains="снова в работе")
    tg.send_command(people[DIRECTOR], "/close 1")
    await tg.wait_for(lambda: sum("решённым" in t for t in texts_to(tg, CLIENT)) == 2)
    clock.advance(timedelta(hours=25))
    tg.send_text(people[CLIENT], "Теперь другое: нет воды")
    await tg.wait_message(CLIENT, contains="Номер обращения: 2.")


async def test_client_cannot_use_staff_commands(
    tg: StandInTelegram, people: People, bot, db_path
) -> None:
    tg.send_text(people[CLIENT], "Жалоба")
    await tg.wait_message(DIRECTOR, contains="Жалоба")
    tg.send_command(people[CLIENT], "/close 1")
    await tg.wait_message(CLIENT, contains="только для сотрудников")
    tg.send_command(people[CLIENT], "/whatever")
    await tg.wait_message(CLIENT, contains="Команды здесь не нужны")
    async with aiosqlite.connect(db_path) as conn:
        rows = list(await conn.execute_fetchall("SELECT status FROM tickets"))
    assert rows == [("open",)]


async def test_manager_writing_is_not_a_client(tg: StandInTelegram, people: People, bot) -> None:
    tg.send_text(people[MANAGER], "привет")
    hint = await tg.wait_message(MANAGER, contains="/reply N")
    assert hint
    assert not tg.bot_messages(DIRECTOR)
