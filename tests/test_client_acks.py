"""A client's "got it" goes through the outbox with the ticket: it survives an outage, and a
flood or an album is acknowledged once, not once per message."""

from __future__ import annotations

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, StartBot
from tests.helpers import card_arrives, texts_to
from tests.standin import StandInTelegram

ACK_NEW = (
    "Спасибо, что написали, и мне жаль, что пришлось. Сообщение уже у меня, я прочитаю его "
    "лично; ответ придёт сюда, а если чего-то не хватит, я уточню. Номер обращения: {id}."
)


async def test_acknowledgement_outlives_a_long_outage(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    # Longer than any in-request retry would wait: only a durable row can still deliver it.
    await start_bot(backoff_base=0.05)
    tg.fail_next("sendMessage", status=502, count=8, chat_id=CLIENT)
    tg.send_text(people[CLIENT], "Тренер не пришёл на занятие")
    await card_arrives(tg, DIRECTOR, 1)
    await tg.wait_message(CLIENT, contains="Номер обращения: 1.", timeout=30)
    failures = [c for c in tg.calls if c.method == "sendMessage" and c.error_code == 502]
    assert len(failures) == 8
    assert texts_to(tg, CLIENT) == [ACK_NEW.format(id=1)]


async def test_a_flood_and_an_album_are_acknowledged_once(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    for number in range(1, 11):
        tg.send_text(people[CLIENT], f"Сообщение {number}: в зале холодно")
    for _ in range(5):
        tg.send_photo(people[CLIENT2], "Фото сломанного тренажёра")
    await tg.wait_message(DIRECTOR, contains="Сообщение 10", timeout=30)
    await tg.wait_for(lambda: len(tg.bot_messages(CLIENT2)) >= 1)
    await tg.wait_for(lambda: tg.updates_pending() == 0)
    await tg.wait_for(lambda: len(photo_relays(tg)) == 5, timeout=30)
    assert texts_to(tg, CLIENT) == [ACK_NEW.format(id=1)]
    assert texts_to(tg, CLIENT2) == [ACK_NEW.format(id=2)]


def photo_relays(tg: StandInTelegram) -> list[str]:
    """The photos relayed to the director, each a copy of the client's message."""
    return [
        c.params.get("caption", "")
        for c in tg.calls
        if c.method == "copyMessage" and c.ok and int(c.params["chat_id"]) == DIRECTOR
    ]
