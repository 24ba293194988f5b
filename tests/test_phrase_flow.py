"""The phrase check between a staff reply and the client, end to end: a clean reply goes at
once, a flagged one is held with reasons and a rewrite, "as written" always works, a date in
a reply becomes the control date in one tap, directors switch a flag off, and the history
keeps what was noticed and chosen."""

from __future__ import annotations

from tests.conftest import CLIENT, DIRECTOR, MANAGER, StartBot
from tests.helpers import button, card_in, new_ticket, texts_to
from tests.standin import StandInTelegram

HELD = "пока не отправлен"


async def test_a_clean_reply_goes_at_once_and_offers_its_date_as_control_date(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    card = await new_ticket(tg, people[CLIENT], "Душ в мужской раздевалке не работает", DIRECTOR)
    reply = "Анна, простите, это наша ошибка. Сантехник починит душ завтра до 12:00."
    tg.send_text(people[DIRECTOR], reply, reply_to=card)
    await tg.wait_message(CLIENT, contains="Сантехник починит душ")
    answer = await tg.wait_message(DIRECTOR, contains="Сделать его точкой контроля")
    assert HELD not in answer.text
    tg.press(people[DIRECTOR], answer, button(tg, answer, "Да, "))
    await tg.wait_for(lambda: "Контроль:" in card_in(tg, DIRECTOR, 1).text)


async def test_a_flagged_reply_is_held_until_its_author_chooses(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    await new_ticket(tg, people[CLIENT], "Мне отказали в возврате абонемента", DIRECTOR)
    acks = len(tg.bot_messages(CLIENT))
    tg.send_command(people[DIRECTOR], "/reply 1 Вам нужно заполнить заявление.")
    held = await tg.wait_message(DIRECTOR, contains=HELD)
    assert "приказ вместо просьбы" in held.text and "Вам нужно" in held.text
    assert "нет извинения" in held.text  # the first answer to a complaint
    assert len(tg.bot_messages(CLIENT)) == acks, "nothing reaches the client while held"
    tg.press(people[DIRECTOR], held, button(tg, held, "как написано"))
    data = button(tg, held, "как написано")
    await tg.wait_message(CLIENT, contains="Вам нужно заполнить заявление.")
    # the same button again (a forged or stale press) sends nothing twice
    query = tg.forge_press(people[DIRECTOR], held, data)
    stale = await tg.wait_for(
        lambda: next((a for a in tg.callback_answers if a["id"] == query), None)
    )
    assert "уже отправлен" in stale["text"]
    assert sum("Вам нужно заполнить заявление." in t for t in texts_to(tg, CLIENT)) == 1
    tg.send_command(people[DIRECTOR], "/ticket 1")
    history = await tg.wait_message(DIRECTOR, contains="проверка ответа")
    assert "отправлено как написано" in history.text


async def test_the_suggested_rewrite_is_what_the_client_gets(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    await new_ticket(tg, people[CLIENT], "Тренер отменил занятие без предупреждения", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/reply 1 Вам нужно записаться на другое время.")
    held = await tg.wait_message(DIRECTOR, contains=HELD)
    suggestion = held.text.split("\n\n")[-1].split("\n", 1)[1]
    assert "Вам нужно" not in suggestion
    tg.press(people[DIRECTOR], held, button(tg, held, "предложенный"))
    delivered = await tg.wait_message(CLIENT, contains=suggestion[-25:])
    assert "Вам нужно" not in delivered.text


async def test_write_again_asks_for_a_new_reply_that_is_checked_too(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    await new_ticket(tg, people[CLIENT], "Ребёнка не пустили на занятие", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/reply 1 Это не к нам, обращайтесь к тренеру.")
    held = await tg.wait_message(DIRECTOR, contains=HELD)
    tg.press(people[DIRECTOR], held, button(tg, held, "Переписать"))
    prompt = await tg.wait_message(DIRECTOR, contains="заново")
    better = "Анна, простите, что так вышло. Я разберусь и позвоню вам сегодня до 19:00."
    tg.send_text(people[DIRECTOR], better, reply_to=prompt)
    await tg.wait_message(CLIENT, contains="позвоню вам сегодня")


async def test_a_director_switches_a_flag_off_and_a_manager_cannot(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    await new_ticket(tg, people[CLIENT], "Кофемашина в лобби сломана", DIRECTOR)
    tg.send_command(people[MANAGER], "/phrases")
    await tg.wait_message(MANAGER, contains="директор")
    tg.send_command(people[DIRECTOR], "/phrases")
    listing = await tg.wait_message(DIRECTOR, contains="Проверка ответов клиентам")
    for count, label in enumerate(("приказ вместо просьбы", "нет извинения"), start=1):
        tg.press(people[DIRECTOR], listing, button(tg, listing, f"Выключить: {label}"))
        await tg.wait_for(lambda count=count: listing_now(tg).text.count("(выключено)") == count)
    tg.send_command(people[DIRECTOR], "/reply 1 Вам нужно подойти на ресепшен завтра в 10:00.")
    await tg.wait_message(CLIENT, contains="подойти на ресепшен")


async def test_a_resolution_the_client_will_read_is_checked_before_closing(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    await start_bot()
    await new_ticket(tg, people[CLIENT], "Сломан шкафчик 12", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/close 1 Ваше обращение принято и будет рассмотрено.")
    held = await tg.wait_message(DIRECTOR, contains=HELD)
    assert "казённая формула" in held.text
    assert "Решено" not in card_in(tg, DIRECTOR, 1).text
    tg.press(people[DIRECTOR], held, button(tg, held, "как написано"))
    await tg.wait_message(CLIENT, contains="Ваше обращение принято и будет рассмотрено.")


def listing_now(tg: StandInTelegram):
    return next(m for m in tg.bot_messages(DIRECTOR) if "Проверка ответов клиентам" in m.text)
