"""Nobody waits behind somebody else: at Telegram's pace, a new complaint's card overtakes
another client's flood, whose messages fold into a few relays; twenty edits of one message
become one notice with the latest version; an album is relayed as one album."""

from __future__ import annotations

import pytest

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, StartBot
from tests.helpers import card_arrives, find_card, texts_to
from tests.standin import StandInTelegram

pytestmark = pytest.mark.telegram_limits


async def test_a_new_complaint_overtakes_another_clients_flood(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    tg.enforce_limits(True, private_burst=4.0, global_per_second=40)
    await start_bot()
    tg.send_text(people[CLIENT], "Первое: в бассейне холодная вода")
    await card_arrives(tg, DIRECTOR, 1)
    for number in range(1, 101):
        tg.send_text(people[CLIENT], f"Строка {number} из ста")
    await tg.wait_message(DIRECTOR, contains="Строка 1 из ста", timeout=30)
    before = len(tg.bot_messages(DIRECTOR))
    tg.send_text(people[CLIENT2], "Меня обсчитали на кассе")
    card = await card_arrives(tg, DIRECTOR, 2)
    position = [m.message_id for m in tg.bot_messages(DIRECTOR)].index(card.message_id)
    # at most a couple of the flood's messages went first, not the other 99
    assert position - before <= 2, texts_to(tg, DIRECTOR)[before:]
    await tg.wait_for(
        lambda: all(f"Строка {n} из ста" in everything(tg) for n in range(1, 101)), timeout=60
    )
    relays = [t for t in texts_to(tg, DIRECTOR) if t.startswith("💬 №1")]
    assert len(relays) <= 10, f"{len(relays)} relays for one client's 100 lines"
    assert everything(tg).index("Строка 99 из ста") < everything(tg).index("Строка 100 из ста")
    assert not tg.too_many_requests


async def test_twenty_edits_of_one_message_become_one_notice(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    tg.send_text(people[CLIENT], "Тренер опоздал")
    await card_arrives(tg, DIRECTOR, 1)
    second = tg.send_text(people[CLIENT], "Версия 0")
    await tg.wait_message(DIRECTOR, contains="Версия 0", timeout=30)
    for version in range(1, 21):
        tg.edit_text(second, f"Версия {version}")
    notice = await tg.wait_message(DIRECTOR, contains="Стало: Версия 20", timeout=30)
    notices = [t for t in texts_to(tg, DIRECTOR) if "исправил(а)" in t]
    assert len(notices) <= 2, notices
    assert "Было: Версия" in notice.text


async def test_an_album_is_relayed_as_one_album_under_the_card(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    tg.send_text(people[CLIENT2], "Сломан тренажёр, фото ниже")
    card = await card_arrives(tg, DIRECTOR, 1)
    for number in range(5):
        tg.send_photo(people[CLIENT2], "Вот он" if number == 0 else None, album="a-1")
    albums = await tg.wait_for(lambda: tg.calls_to("sendMediaGroup"), timeout=30)
    album = [m for m in tg.bot_messages(DIRECTOR) if m.method == "sendMediaGroup"]
    assert len(albums) == 1 and len(album) == 5
    assert album[0].reply_to_message_id == card.message_id
    assert "№1" in album[0].caption and "Вот он" in album[0].caption
    assert not [c for c in tg.calls if c.method == "copyMessage"]
    assert find_card(tg, DIRECTOR, 1)


def everything(tg: StandInTelegram) -> str:
    return "\n".join(texts_to(tg, DIRECTOR))
