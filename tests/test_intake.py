"""Groups and channels the bot is in, through the real bot: mentions become tickets with a
link, replies go back into the chat, and the director's switches and alerts work."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import aiosqlite

from tests.collectors.offloop import RecordingExecutor
from tests.conftest import CLIENT, CLIENT2, DIRECTOR, MANAGER, TEAM, StartBot, count_calls
from tests.helpers import button, card_in, every_mention_a_card, find_card, texts_to
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
PRIVATE_GROUP = -1001234567890
PUBLIC_GROUP = -1009876543210
CHANNEL = -1005550001111
COMPLAINT = "В ФитСтудии опять не работает душ, администратор нагрубила"
QUESTION = "Кто-нибудь знает, во сколько открывается FitStudio на Соколе?"


def count_with(tg: StandInTelegram, chat_id: int, part: str) -> int:
    return sum(1 for text in texts_to(tg, chat_id) if part in text)


async def test_group_message_becomes_a_card_and_reply_lands_in_the_group(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    original = tg.send_text(people[CLIENT], COMPLAINT, chat=group)
    card = await tg.wait_message(DIRECTOR, contains="не работает душ")
    assert "Чат «Соседи Сокол»" in card.text and "Анна (@anna)" in card.text
    assert "Ключевое слово: «FitStudio»" in card.text
    link = f"https://t.me/c/1234567890/{original['message_id']}"
    assert any(e.get("url") == link for e in card.entities)
    assert any("Ответить" in label for label, _ in tg.buttons(card))
    assert not tg.bot_messages(PRIVATE_GROUP)  # no acknowledgement in somebody else's chat
    tg.send_text(people[DIRECTOR], "Анна, простите, душ чиним сегодня", reply_to=card)
    answer = await tg.wait_message(PRIVATE_GROUP, contains="душ чиним сегодня")
    assert "Ирина Петрова" in answer.text


async def test_reply_in_the_group_answers_the_original_message(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    original = tg.send_text(people[CLIENT], COMPLAINT, chat=group)
    card = await tg.wait_message(DIRECTOR, contains="не работает душ")
    tg.send_text(people[DIRECTOR], "Простите, чиним", reply_to=card)
    answer = await tg.wait_message(PRIVATE_GROUP, contains="чиним")
    assert answer.reply_to_message_id == original["message_id"]
    tg.send_command(people[DIRECTOR], "/close 1 Душ починили")
    await tg.wait_message(DIRECTOR, contains="Обращение №1 закрыто. Это упоминание")
    await tg.wait_for(lambda: card_in(tg, DIRECTOR, 1).text.startswith("🟢"), timeout=10)
    await asyncio.sleep(0.5)  # room for a stray "resolved" message to show up
    assert texts_to(tg, PRIVATE_GROUP) == [answer.text]  # no form letter in their chat


async def test_channel_post_and_public_group_link_and_what_is_ignored(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    channel = tg.channel(CHANNEL, "Новости района", username="sokol_news")
    public = tg.group(PUBLIC_GROUP, "Фитнес чат", username="fitchat")
    await start_bot(KEYWORDS="FitStudio", EXCLUDE_KEYWORDS="вакансия", TEAM_CHAT_ID=TEAM)
    tg.send_text(people[CLIENT2], "FitStudio: вакансия тренера, грязно платят", chat=public)
    tg.send_text(people[CLIENT2], "Тут грязно и плохо, но бренд не назван", chat=public)
    tg.send_text(people[MANAGER], "FitStudio плохо работает? Разберёмся", chat=public)
    tg.send_text(people[CLIENT], "FitStudio ужасно грязно в командном чате", chat=TEAM)
    post = tg.channel_post(channel, "Жители жалуются: в Fit-Studio сломан турникет")
    card = await tg.wait_message(DIRECTOR, contains="сломан турникет")
    assert "Чат «Новости района»" in card.text
    updates = [c for c in tg.calls if c.method == "getUpdates"]
    assert "channel_post" in str(updates[-1].params.get("allowed_updates"))
    assert any(
        e.get("url") == f"https://t.me/sokol_news/{post['message_id']}" for e in card.entities
    )
    message = tg.send_text(people[CLIENT2], "FitStudio обманули с абонементом", chat=public)
    card = await tg.wait_message(DIRECTOR, contains="обманули с абонементом")
    assert any(
        e.get("url") == f"https://t.me/fitchat/{message['message_id']}" for e in card.entities
    )
    for ignored in ("вакансия", "бренд не назван", "Разберёмся", "командном чате"):
        assert count_with(tg, DIRECTOR, ignored) == 0


async def test_director_marks_not_a_complaint_and_managers_cannot(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    tg.send_text(people[CLIENT], COMPLAINT, chat=group)
    card = await tg.wait_message(DIRECTOR, contains="не работает душ")
    tg.press(people[MANAGER], card, button(tg, card, "Не жалоба"))
    await tg.wait_for(lambda: tg.callback_answers)
    assert "только для директоров" in tg.callback_answers[-1].get("text", "")
    tg.press(people[DIRECTOR], card, button(tg, card, "Не жалоба"))
    await tg.wait_for(lambda: "Директор: не жалоба" in tg.bot_messages(DIRECTOR)[0].text)
    card = tg.bot_messages(DIRECTOR)[0]
    # "not a complaint" closes the ticket as such; bringing it back offers "a complaint" again
    assert "Решено" in card.text
    tg.press(people[DIRECTOR], card, button(tg, card, "Вернуть в работу"))
    await tg.wait_for(
        lambda: any("Это жалоба" in label for label, _ in tg.buttons(tg.bot_messages(DIRECTOR)[0]))
    )
    card = tg.bot_messages(DIRECTOR)[0]
    tg.press(people[DIRECTOR], card, button(tg, card, "Это жалоба"))
    await tg.wait_for(lambda: "Директор: это жалоба" in tg.bot_messages(DIRECTOR)[0].text)


async def test_instant_cards_for_everything_switch(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    await every_mention_a_card(tg, people[DIRECTOR])
    tg.send_text(people[CLIENT], QUESTION, chat=group)
    card = await tg.wait_message(DIRECTOR, contains="во сколько открывается")
    assert "вопрос" in card.text


async def test_spike_of_mentions_alerts_directors_once(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    for n in range(12):
        tg.send_text(
            people[CLIENT], f"Видели новую рекламу FitStudio про бассейн? №{n}", chat=group
        )
    alert = await tg.wait_message(DIRECTOR, contains="Всплеск упоминаний")
    assert "Соседи Сокол" in alert.text and "бассейн" in alert.text
    assert count_with(tg, DIRECTOR, "Всплеск упоминаний") == 1
    assert count_calls(tg, "sendMessage") > 0


def mention_count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT count(*) FROM tickets WHERE mention_kind IS NOT NULL").fetchone()
    return int(row[0])


async def test_mentions_are_matched_and_classified_off_the_event_loop(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    """Matching and the complaint detector run in a worker thread, before the write
    transaction: a long complaint-heavy text used to hold the loop and the database lock."""
    executor = RecordingExecutor()
    asyncio.get_running_loop().set_default_executor(executor)
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    long_text = COMPLAINT + ". " + "Ужасно, опять грязно, верните деньги! " * 100
    tg.send_text(people[CLIENT], long_text[:4000], chat=group)
    card = await tg.wait_message(DIRECTOR, contains="не работает душ")
    assert "похоже на жалобу" in card.text
    assert "analyse" in executor.ran


async def test_two_people_writing_the_same_words_get_two_cards(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    """Text dedupe is for one story cross-posted by feeds and channels; in chats, the same
    short words from two customers are two complaints, each answered where it was written."""
    first = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    second = tg.group(PUBLIC_GROUP, "Фитнес чат", username="fitchat")
    await start_bot(KEYWORDS="FitStudio")
    tg.send_text(people[CLIENT], "FitStudio, верните деньги", chat=first)
    tg.send_text(people[CLIENT2], "FitStudio, верните деньги", chat=second)
    await tg.wait_for(lambda: find_card(tg, DIRECTOR, 1) and find_card(tg, DIRECTOR, 2))
    cards = [card_in(tg, DIRECTOR, 1).text, card_in(tg, DIRECTOR, 2).text]
    assert any("Анна (@anna)" in c and "Соседи Сокол" in c for c in cards)
    assert any("Пётр" in c and "Фитнес чат" in c for c in cards)


async def test_spike_alert_is_queued_with_its_flag_or_not_at_all(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    """A crash between recording "alerted" and queueing the alert used to lose the alert and
    silence spikes for an hour. The outbox refusing the row stands in for that crash: the
    flag must roll back with it, so the next mention alerts."""
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    async with aiosqlite.connect(db_path) as conn:
        await conn.execute(
            """CREATE TRIGGER lose_spike BEFORE INSERT ON outbox
               WHEN NEW.payload LIKE '%Всплеск%'
               BEGIN SELECT RAISE(ABORT, 'crashed before the alert was queued'); END"""
        )
        await conn.commit()
    for n in range(12):
        tg.send_text(
            people[CLIENT], f"Видели новую рекламу FitStudio про бассейн? №{n}", chat=group
        )
    await tg.wait_for(lambda: mention_count(db_path) == 12, timeout=10)
    async with aiosqlite.connect(db_path) as conn:
        async with conn.execute(
            "SELECT value FROM mention_settings WHERE name = 'spike_alerted_at'"
        ) as cur:
            assert await cur.fetchone() is None
        await conn.execute("DROP TRIGGER lose_spike")
        await conn.commit()
    tg.send_text(people[CLIENT], "И ещё про FitStudio и бассейн", chat=group)
    alert = await tg.wait_message(DIRECTOR, contains="Всплеск упоминаний")
    assert "бассейн" in alert.text
    await asyncio.sleep(0.5)  # room for a second alert to show up
    assert count_with(tg, DIRECTOR, "Всплеск упоминаний") == 1


async def test_an_odd_keyword_in_the_settings_does_not_stop_the_others(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    """ "Brrrr" used to make an invalid regex, which killed loading every keyword."""
    group = tg.group(PRIVATE_GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="Brrrr,C++,FitStudio")
    tg.send_text(people[CLIENT], COMPLAINT, chat=group)
    card = await tg.wait_message(DIRECTOR, contains="не работает душ")
    assert "Ключевое слово: «FitStudio»" in card.text
    tg.send_text(people[CLIENT2], "В кафе Бррр нахамили, ужасно", chat=group)
    card = await tg.wait_message(DIRECTOR, contains="нахамили")
    assert "Ключевое слово: «Brrrr»" in card.text
