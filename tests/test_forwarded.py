"""A client's forwarded message names whose words it carries, on the card, the relay and
/ticket, so nobody reads a manager's reply or a channel's post as the client's own words."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

from bot.views.forwarded import Origin, origin_line, with_origin
from bot.views.texts import Texts
from tests.conftest import CLIENT, DIRECTOR
from tests.helpers import card_arrives
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]

# 14.11.2023 22:13:20 UTC: 15.11.2023 01:13 in Moscow, the TIMEZONE the tests run the bot in.
SENT = 1700000000
SENT_LOCAL = "15.11.2023 01:13"
TZ = ZoneInfo("Europe/Moscow")
WHEN = datetime.fromtimestamp(SENT, UTC)


def from_user(first_name: str, **extra: Any) -> dict[str, Any]:
    user = {"id": 5, "is_bot": False, "first_name": first_name, **extra}
    return {"type": "user", "date": SENT, "sender_user": user}


async def test_forward_from_a_user_names_them_and_a_plain_message_does_not(
    tg: StandInTelegram, people: People, bot: Any, db_path: Any
) -> None:
    origin = from_user("Иван", last_name="Петров", username="ivan")
    tg.send_text(people[CLIENT], "Ваш абонемент заморожен до мая.", forward_origin=origin)
    card = await card_arrives(tg, DIRECTOR, 1)
    line = f"↪️ Переслано от: Иван Петров (@ivan) · {SENT_LOCAL}"
    assert f"{line}\nВаш абонемент заморожен до мая." in card.text
    assert "Анна (@anna)" in card.text  # the client is still who wrote to us
    tg.send_text(people[CLIENT], "А мне обещали, что не заморозят")
    relay = await tg.wait_message(DIRECTOR, contains="обещали")
    assert "Переслано" not in relay.text
    async with aiosqlite.connect(db_path) as conn:
        rows = list(await conn.execute_fetchall("SELECT text FROM messages ORDER BY id"))
    assert rows == [
        (f"{line}\nВаш абонемент заморожен до мая.",),
        ("А мне обещали, что не заморозят",),
    ]


async def test_hostile_channel_title_and_signature_are_shown_as_written(
    tg: StandInTelegram, people: People, bot: Any
) -> None:
    channel = {"id": -100123, "type": "channel", "title": "Новости <b>"}
    origin = {
        "type": "channel",
        "date": SENT,
        "chat": channel,
        "message_id": 7,
        "author_signature": "</i>Пётр & Co",
    }
    tg.send_text(people[CLIENT], "Клуб закрыт <до> понедельника", forward_origin=origin)
    card = await card_arrives(tg, DIRECTOR, 1)
    shown = f"↪️ Переслано от: Новости <b>, подпись: </i>Пётр & Co · {SENT_LOCAL}"
    assert f"{shown}\nКлуб закрыт <до> понедельника" in card.text
    assert card.html is not None
    assert "Новости &lt;b&gt;, подпись: &lt;/i&gt;Пётр &amp; Co" in card.html
    assert "&amp;lt;" not in card.html and "&amp;amp;" not in card.html
    tg.send_command(people[DIRECTOR], "/ticket 1")
    history = await tg.wait_message(DIRECTOR, contains="История №1")
    assert shown in history.text
    assert not [c for c in tg.calls if not c.ok]


async def test_forward_from_a_hidden_user_is_relayed_with_the_name_they_left(
    tg: StandInTelegram, people: People, bot: Any
) -> None:
    tg.send_text(people[CLIENT], "Душ не работает")
    await card_arrives(tg, DIRECTOR, 1)
    origin = {"type": "hidden_user", "date": SENT, "sender_user_name": "Администратор Оля"}
    tg.send_text(people[CLIENT], "Починим к вечеру", forward_origin=origin)
    relay = await tg.wait_message(DIRECTOR, contains="Починим к вечеру")
    assert f"↪️ Переслано от: Администратор Оля · {SENT_LOCAL}\nПочиним к вечеру" in relay.text


# --- the line itself, pure ------------------------------------------------------------------


def test_line_is_plain_text_with_names_as_given() -> None:
    line = origin_line(Origin("A & <B>", WHEN, "x&amp;y"), Texts("en"), TZ)
    assert line == f"↪️ Forwarded from: A & <B>, signed: x&amp;y · {SENT_LOCAL}"


def test_a_nameless_origin_says_the_author_is_unknown() -> None:
    line = origin_line(Origin(None, WHEN), Texts("ru"), TZ)
    assert line == f"↪️ Переслано, автор неизвестен · {SENT_LOCAL}"


def test_a_forward_without_text_is_stored_as_the_line_alone() -> None:
    ru = Texts("ru")
    assert with_origin("", Origin("Иван", WHEN), ru, TZ) == origin_line(
        Origin("Иван", WHEN), ru, TZ
    )
    assert with_origin("текст", None, ru, TZ) == "текст"
