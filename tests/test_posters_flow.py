"""/poster, /links, a client's tagged /start and the poster and personal-chat settings, end to
end: the real dispatcher against the stand-in Bot API and a real SQLite file. The poster the
director receives is decoded as a phone would, from the very bytes the bot uploaded."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import aiosqlite
import numpy as np
import zxingcpp
from matplotlib.image import imread

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, MANAGER, STRANGER, StartBot
from tests.helpers import button, new_ticket
from tests.schedule_helpers import count, settle
from tests.standin import BotMessage, StandInTelegram

People = dict[int, dict[str, Any]]
FILES = ("sendDocument", "sendPhoto")


def decoded(png: bytes) -> list[str]:
    pixels = imread(io.BytesIO(png))
    gray = (pixels[..., :3].mean(axis=2) * 255).round().astype(np.uint8)
    return [barcode.text for barcode in zxingcpp.read_barcodes(gray)]


def files_to(tg: StandInTelegram, chat_id: int) -> list[BotMessage]:
    return [m for m in tg.bot_messages(chat_id) if m.kind in ("document", "photo")]


def sent_files(tg: StandInTelegram) -> int:
    return sum(len(tg.calls_to(method)) for method in FILES)


def _now(tg: StandInTelegram, message: BotMessage) -> BotMessage:
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def _rows(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    async with aiosqlite.connect(db_path) as conn:
        return [tuple(row) for row in await conn.execute_fetchall(sql, params)]


async def _execute(db_path: Path, sql: str, params: tuple[Any, ...] = ()) -> None:
    async with aiosqlite.connect(db_path) as conn:
        await conn.execute(sql, params)
        await conn.commit()


async def test_a_poster_reaches_the_director_and_its_code_opens_the_tagged_link(
    tg: StandInTelegram, people: People, bot: Any, db_path: Path
) -> None:
    link = f"https://t.me/{tg.bot_username}?start=hall2"
    tg.send_command(people[DIRECTOR], "/poster hall2 Зал  №2")
    await tg.wait_for(lambda: len(files_to(tg, DIRECTOR)) == 2, timeout=15)
    document, photo = files_to(tg, DIRECTOR)
    assert document.kind == "document" and document.file_name == "poster-hall2.pdf"
    pdf = tg.file_bytes(document)
    assert pdf.startswith(b"%PDF")
    assert photo.kind == "photo"
    assert decoded(tg.file_bytes(photo)) == [link]
    assert photo.caption == f"Плакат «Зал №2». QR-код ведёт сюда: {link}"
    assert await _rows(db_path, "SELECT tag, title FROM source_tags") == [("hall2", "Зал №2")]

    # the title is kept: the tag alone draws the same place again
    tg.send_command(people[DIRECTOR], "/poster hall2")
    await tg.wait_for(lambda: len(files_to(tg, DIRECTOR)) == 4, timeout=15)
    again = files_to(tg, DIRECTOR)[-1]
    assert again.caption == photo.caption
    assert decoded(tg.file_bytes(again)) == [link]

    # an untitled tag is named by the tag itself; the link is as exact for any allowed tag
    odd = "Locker-Room_2"
    tg.send_command(people[DIRECTOR], f"/poster {odd}")
    await tg.wait_for(lambda: len(files_to(tg, DIRECTOR)) == 6, timeout=15)
    last = files_to(tg, DIRECTOR)[-1]
    odd_link = f"https://t.me/{tg.bot_username}?start={odd}"
    assert decoded(tg.file_bytes(last)) == [odd_link]
    assert last.caption == f"Плакат с меткой «{odd}». QR-код ведёт сюда: {odd_link}"
    assert files_to(tg, DIRECTOR)[-2].file_name == f"poster-{odd}.pdf"


async def test_a_bad_tag_gets_a_clear_answer_and_no_poster(
    tg: StandInTelegram, people: People, bot: Any, db_path: Path
) -> None:
    director = people[DIRECTOR]
    tg.send_command(director, "/poster")
    await tg.wait_message(DIRECTOR, contains="Напишите после команды метку")
    tg.send_command(director, "/poster зал2 Зал №2")
    await tg.wait_message(DIRECTOR, contains="В метке «зал2» есть символы")
    tg.send_command(director, "/poster hall.2")
    await tg.wait_message(DIRECTOR, contains="В метке «hall.2» есть символы")
    tg.send_command(director, "/poster " + "x" * 65)
    await tg.wait_message(DIRECTOR, contains="длиннее 64 символов")
    tg.send_command(director, "/poster " + "y" * 3000)  # quoted back cut, not a page long
    await tg.wait_for(lambda: count(tg, DIRECTOR, "длиннее 64 символов") == 2)
    assert max(len(m.text) for m in tg.bot_messages(DIRECTOR)) < 400
    tg.send_command(director, "/poster fh-chat Чат")
    await tg.wait_message(DIRECTOR, contains="начинаются с «fh-»")
    tg.send_command(director, "/poster hall2 " + "Зал " * 40)
    await tg.wait_message(DIRECTOR, contains="не длиннее 60 символов")
    await settle()
    assert sent_files(tg) == 0
    assert await _rows(db_path, "SELECT count(*) FROM source_tags") == [(0,)]


async def test_only_directors_make_posters_and_see_links(
    tg: StandInTelegram, people: People, bot: Any, db_path: Path
) -> None:
    tg.send_command(people[MANAGER], "/poster hall2 Зал №2")
    await tg.wait_message(MANAGER, contains="Эта команда только для директоров.")
    tg.send_command(people[MANAGER], "/links")
    await tg.wait_for(lambda: count(tg, MANAGER, "только для директоров") == 2)
    tg.send_command(people[CLIENT], "/poster hall2 Зал №2")
    await tg.wait_message(CLIENT, contains="Эта команда только для сотрудников")
    await settle()
    assert sent_files(tg) == 0
    assert await _rows(db_path, "SELECT count(*) FROM source_tags") == [(0,)]
    assert await _rows(db_path, "SELECT count(*) FROM tickets") == [(0,)]


async def test_starts_are_recorded_and_links_count_this_months_tickets_by_tag(
    tg: StandInTelegram, people: People, bot: Any, db_path: Path
) -> None:
    tg.send_command(people[DIRECTOR], "/links")
    await tg.wait_message(DIRECTOR, contains="Ссылок с метками пока нет")

    tg.send_command(people[DIRECTOR], "/poster hall2 Зал №2")
    await tg.wait_for(lambda: len(files_to(tg, DIRECTOR)) == 2, timeout=15)
    # a client from the poster gets the usual greeting, and the start keeps the tag
    tg.send_command(people[CLIENT], "/start hall2")
    await tg.wait_message(CLIENT, contains="Здравствуйте, Анна! Здесь вы пишете напрямую мне")
    # a client from the director's personal chat: the bot's own link, no tag
    tg.send_command(people[CLIENT2], "/start fh-chat")
    chat = await tg.wait_message(CLIENT2, contains="Спасибо, что открыли этот чат")
    assert "Через несколько дней я спрошу здесь, всё ли у вас в порядке" in chat.text
    assert "Здесь вы пишете напрямую" not in chat.text
    # a hand-typed start Telegram would never send from a link: no tag either
    tg.send_command(people[STRANGER], "/start зал №2")
    await tg.wait_message(STRANGER, contains="Здравствуйте, Чужой!")
    # staff trying the poster's link record nothing
    tg.send_command(people[MANAGER], "/start hall2")
    await tg.wait_message(MANAGER, contains="/open")
    await settle()
    starts = await _rows(db_path, "SELECT user_id, tag FROM client_starts ORDER BY user_id")
    assert starts == [(CLIENT, "hall2"), (CLIENT2, None), (STRANGER, None)]

    card = await new_ticket(tg, people[CLIENT], "В зале №2 не работает кондиционер", DIRECTOR)
    assert "Telegram, личные сообщения · по ссылке «Зал №2»" in card.text  # the poster's title
    await new_ticket(tg, people[CLIENT2], "Тренер опоздал на сорок минут", DIRECTOR)
    # tickets from the site's link, as intake tags them: one this month, one last month
    await _execute(
        db_path, "UPDATE tickets SET source_tag = 'site' WHERE author_id = ?", (CLIENT2,)
    )
    await new_ticket(tg, people[STRANGER], "Старая жалоба про душ", DIRECTOR)
    await _execute(
        db_path,
        "UPDATE tickets SET source_tag = 'site', created_at = '2026-01-15T09:00:00+00:00'"
        " WHERE author_id = ?",
        (STRANGER,),
    )
    [(from_hall,)] = await _rows(db_path, "SELECT count(*) FROM tickets WHERE source_tag = 'hall2'")
    assert from_hall == 1  # the ticket opened after the poster's start keeps its tag

    tg.send_command(people[DIRECTOR], "/links")
    listing = await tg.wait_message(DIRECTOR, contains="Ссылки с метками")

    def link(tag: str) -> str:
        return f"https://t.me/{tg.bot_username}?start={tag}"

    blocks = {
        "hall2": f"Зал №2 · hall2\n{link('hall2')}\n1 обращение",
        "site": f"site (без названия)\n{link('site')}\n1 обращение",  # last month's left out
    }
    order = ["hall2", "site"]  # most first, then by tag
    assert listing.text.split("\n\n") == [
        "Ссылки с метками и сколько обращений каждая принесла в этом месяце:",
        *(blocks[tag] for tag in order),
        "Дать метке название: /poster метка Название",
    ]


async def test_the_poster_text_and_personal_chat_answers_are_set_in_settings(
    tg: StandInTelegram, people: People, start_bot: StartBot, db_path: Path
) -> None:
    running = await start_bot()
    director = people[DIRECTOR]
    tg.send_command(director, "/settings")
    screen = await tg.wait_message(DIRECTOR, contains="Настройки")
    assert "На ваших плакатах (/poster) написано: «Напишите мне напрямую — я читаю" in screen.text
    assert "бот клиентам сам не отвечает" in screen.text  # off until the director says so

    tg.send_command(director, "/settings poster   Пишите мне,\n я на связи  ")
    saved = await tg.wait_message(DIRECTOR, contains="На следующем плакате будет написано")
    assert "«Пишите мне, я на связи»" in saved.text
    assert await _rows(
        db_path, "SELECT value FROM mention_settings WHERE name = ?", (f"poster_text:{DIRECTOR}",)
    ) == [("Пишите мне, я на связи",)]
    tg.send_command(director, "/settings poster " + "очень " * 30)
    await tg.wait_message(DIRECTOR, contains="не длиннее 120 символов")
    tg.send_command(director, "/settings poster")
    await tg.wait_message(DIRECTOR, contains="Сейчас на ваших плакатах написано: «Пишите мне, я")

    # the personal-chat answers: one tap on, shown at once, kept across a restart
    press = tg.press(director, screen, button(tg, screen, "Сразу отвечать в моих личных чатах"))
    await tg.wait_for(lambda: "бот сразу отвечает клиенту" in _now(tg, screen).text)
    redrawn = _now(tg, screen)
    assert "«Пишите мне, я на связи»" in redrawn.text  # the whole screen, as stored
    assert [label for label, _ in tg.buttons(redrawn)][1] == "🤐 Не отвечать в моих личных чатах"
    await tg.wait_for(
        lambda: any(a["id"] == press and a["text"] == "Сохранено." for a in tg.callback_answers)
    )
    # a manager pressing a forwarded screen's button changes nothing
    tg.press(people[MANAGER], redrawn, button(tg, redrawn, "Не отвечать"))
    await settle()
    await running.stop()

    await start_bot()
    tg.send_command(director, "/settings")
    await tg.wait_for(lambda: count(tg, DIRECTOR, "бот сразу отвечает клиенту") == 2)
    latest = [m for m in tg.bot_messages(DIRECTOR) if "Настройки" in m.text][-1]
    assert "«Пишите мне, я на связи»" in latest.text
    tg.press(director, latest, button(tg, latest, "Не отвечать в моих личных чатах"))
    await tg.wait_for(lambda: "бот клиентам сам не отвечает" in _now(tg, latest).text)
    assert await _rows(
        db_path, "SELECT value FROM mention_settings WHERE name = ?", (f"business_ack:{DIRECTOR}",)
    ) == [("off",)]

    # back to the default line
    tg.send_command(director, "/settings poster -")
    await tg.wait_message(DIRECTOR, contains="будет написано: «Напишите мне напрямую — я читаю")
