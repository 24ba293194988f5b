"""Reply templates through the real dispatcher against the stand-in Bot API: "📋 Шаблон" beside
the reply prompt, a template filled with the client's name and the control date, sent as is or
changed and sent as a reply, and /templates for directors (write) and managers (use).
"""

from __future__ import annotations

from typing import Any

import aiosqlite

from tests.conftest import CLIENT, DIRECTOR, MANAGER, Clock, RunningBot, StartBot
from tests.helpers import button, new_ticket, texts_to
from tests.standin import StandInTelegram
from tests.standin.state import BotMessage

People = dict[int, dict[str, Any]]

# The tests' clock starts on Monday 23.11.2026, 12:00 in Moscow: "завтра в 10" is this.
DUE = "24 ноября, 10:00"


def now_shown(tg: StandInTelegram, message: BotMessage) -> BotMessage:
    """The message as the chat shows it now (edits applied)."""
    return next(m for m in tg.bot_messages(message.chat_id) if m.message_id == message.message_id)


async def shows(tg: StandInTelegram, message: BotMessage, part: str) -> BotMessage:
    """Wait until the message, edited in place, contains `part`."""
    return await tg.wait_for(
        lambda: m if part in (m := now_shown(tg, message)).text else None, timeout=5
    )


async def answer_to(tg: StandInTelegram, query_id: str) -> dict[str, Any]:
    return await tg.wait_for(
        lambda: next((a for a in tg.callback_answers if a["id"] == query_id), None)
    )


def copy_text(message: BotMessage) -> str | None:
    for row in (message.reply_markup or {}).get("inline_keyboard", []):
        for item in row:
            if "copy_text" in item:
                return str(item["copy_text"]["text"])
    return None


async def set_due_tomorrow(tg: StandInTelegram, people: People, ticket_id: int) -> None:
    tg.send_command(people[DIRECTOR], f"/due {ticket_id} завтра в 10")
    await tg.wait_message(DIRECTOR, contains=f"Точка контроля №{ticket_id}")


async def open_templates_from_reply(tg: StandInTelegram, people: People, card: Any) -> BotMessage:
    """Press Reply on the card, then "📋 Шаблон" on the message beside the prompt: the menu."""
    tg.press(people[DIRECTOR], card, button(tg, card, "Ответить"))
    prompt = await tg.wait_message(DIRECTOR, contains="Ответ клиенту по обращению №1")
    assert prompt.force_reply
    entry = await tg.wait_message(DIRECTOR, contains="📋 Шаблон — выбрать готовый ответ для №1")
    assert entry.message_id > prompt.message_id and not entry.force_reply
    tg.press(people[DIRECTOR], entry, button(tg, entry, "📋 Шаблон"))
    return await shows(tg, entry, "Шаблоны ответа по обращению №1")


async def test_reply_offers_the_first_answer_filled_and_sends_it_as_is(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    bot = await start_bot(clock=Clock())
    card = await new_ticket(tg, people[CLIENT], "Курьер опоздал на два часа", DIRECTOR)
    await set_due_tomorrow(tg, people, 1)
    menu = await open_templates_from_reply(tg, people, card)
    labels = [label for label, _ in tg.buttons(menu)]
    assert labels[:6] == [
        "👋 Первый ответ",
        "🙏 Наша ошибка",
        "🧭 Такого у нас нет",
        "❓ Нужны подробности",
        "⚖️ Не согласен",
        "🛠 Что изменили",
    ]

    tg.press(people[DIRECTOR], menu, button(tg, menu, "Первый ответ"))
    preview = await shows(tg, menu, "Анна, здравствуйте!")
    assert f"не позже {DUE}." in preview.text
    assert "[" not in preview.text.split("\n\n")[1]  # nothing left to fill in
    assert copy_text(preview) == preview.text.split("\n\n")[1]

    sent_data = button(tg, preview, "Отправить как есть")
    tg.press(people[DIRECTOR], preview, sent_data)
    sent = await tg.wait_message(CLIENT, contains="Анна, здравствуйте!")
    assert f"не позже {DUE}." in sent.text
    assert "Ирина" in sent.text  # signed by the director, like any reply
    await tg.wait_message(DIRECTOR, contains="Ответ доставлен клиенту (№1)")
    done = now_shown(tg, preview)
    assert not tg.buttons(done) and "Анна, здравствуйте!" in done.text
    # a late (or forged) press of the old button finds it gone and sends nothing again
    query = tg.forge_press(people[DIRECTOR], preview, sent_data)
    assert (await answer_to(tg, query))["show_alert"]
    await bot.settle()
    assert sum("здравствуйте" in text for text in texts_to(tg, CLIENT)) == 1


async def test_a_template_with_gaps_is_changed_and_sent_as_a_reply_to_it(
    tg: StandInTelegram, people: People, bot: RunningBot
) -> None:
    card = await new_ticket(tg, people[CLIENT], "Привезли не тот торт", DIRECTOR)
    menu = await open_templates_from_reply(tg, people, card)
    tg.press(people[DIRECTOR], menu, button(tg, menu, "Наша ошибка"))
    preview = await shows(tg, menu, "ошибка целиком наша")
    assert "[что исправим]" in preview.text and "[дата]" in preview.text  # no control date yet
    labels = [label for label, _ in tg.buttons(preview)]
    assert "✅ Отправить как есть" not in labels and "📋 Скопировать" in labels

    edited = (
        "Анна, вы правы, ошибка целиком наша. Простите, пожалуйста. Привезу правильный торт "
        "сегодня до 18:00, а этот оставьте себе."
    )
    tg.send_text(people[DIRECTOR], edited, reply_to=preview)
    sent = await tg.wait_message(CLIENT, contains="Привезу правильный торт")
    assert "[" not in sent.text
    await tg.wait_message(DIRECTOR, contains="Ответ доставлен клиенту (№1)")

    # and back from a filled text to the menu, on the same message
    tg.press(people[DIRECTOR], preview, button(tg, preview, "Все шаблоны"))
    await shows(tg, preview, "Шаблоны ответа по обращению №1")


async def test_a_director_adds_a_template_and_anyone_uses_it_for_a_ticket(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot(clock=Clock())
    await new_ticket(tg, people[CLIENT], "Списали деньги дважды", DIRECTOR)
    await set_due_tomorrow(tg, people, 1)
    tg.send_command(
        people[DIRECTOR],
        "/templates add 💸 Возврат | {name}, простите за двойное списание. Деньги вернём до "
        "{date}, номер вашего обращения {id}.",
    )
    await tg.wait_message(DIRECTOR, contains="Шаблон №1 «💸 Возврат» сохранён")
    tg.send_command(people[MANAGER], "/templates")
    listing = await tg.wait_message(MANAGER, contains="Шаблоны компании")
    assert "№1 · 💸 Возврат" in listing.text and "{name}, простите" in listing.text
    assert "/templates add" not in listing.text  # how to write them is for directors

    tg.send_command(people[MANAGER], "/templates 1")
    menu = await tg.wait_message(MANAGER, contains="Шаблоны ответа по обращению №1")
    tg.press(people[MANAGER], menu, button(tg, menu, "Возврат"))
    preview = await shows(tg, menu, "Анна, простите за двойное списание")
    assert f"Деньги вернём до {DUE}, номер вашего обращения 1." in preview.text
    tg.press(people[MANAGER], preview, button(tg, preview, "Отправить как есть"))
    sent = await tg.wait_message(CLIENT, contains="простите за двойное списание")
    assert f"до {DUE}" in sent.text and "Мария" in sent.text


async def test_send_as_is_sends_only_the_text_that_was_shown(
    tg: StandInTelegram, people: People, bot: RunningBot
) -> None:
    await new_ticket(tg, people[CLIENT], "Не работает душ", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/templates add Душ | {name}, простите, починим сегодня.")
    await tg.wait_message(DIRECTOR, contains="сохранён")
    tg.send_command(people[DIRECTOR], "/templates 1")
    menu = await tg.wait_message(DIRECTOR, contains="Шаблоны ответа по обращению №1")
    tg.press(people[DIRECTOR], menu, button(tg, menu, "Душ"))
    preview = await shows(tg, menu, "починим сегодня")
    send = button(tg, preview, "Отправить как есть")

    tg.send_command(people[DIRECTOR], "/templates edit 1 | {name}, простите, починим завтра.")
    await tg.wait_message(DIRECTOR, contains="Шаблон №1 «Душ» обновлён")
    query = tg.press(people[DIRECTOR], preview, send)
    alert = await answer_to(tg, query)
    assert alert["show_alert"] and "Текст изменился" in alert["text"]
    await shows(tg, preview, "починим завтра")  # shown again, not sent unseen
    await bot.settle()
    assert not any("починим" in text for text in texts_to(tg, CLIENT))

    tg.send_command(people[DIRECTOR], "/templates delete 1")
    await tg.wait_message(DIRECTOR, contains="Шаблон №1 «Душ» удалён")
    query = tg.press(people[DIRECTOR], preview, button(tg, preview, "Отправить как есть"))
    assert "Этого шаблона больше нет" in (await answer_to(tg, query))["text"]


async def test_a_manager_can_use_templates_but_not_change_them(
    tg: StandInTelegram, people: People, bot: RunningBot, db_path: Any
) -> None:
    tg.send_command(people[MANAGER], "/templates add Моё | {name}, привет")
    await tg.wait_message(MANAGER, contains="Свои шаблоны добавляют и меняют директора")
    tg.send_command(people[DIRECTOR], "/templates add Общий | {name}, простите.")
    await tg.wait_message(DIRECTOR, contains="сохранён")
    for command in ("/templates edit 1 | взлом", "/templates delete 1"):
        tg.send_command(people[MANAGER], command)
    await tg.wait_for(
        lambda: sum("добавляют и меняют директора" in t for t in texts_to(tg, MANAGER)) == 3
    )
    await bot.settle()
    async with aiosqlite.connect(db_path) as conn:
        rows = list(await conn.execute_fetchall("SELECT title, body FROM reply_templates"))
    assert rows == [("Общий", "{name}, простите.")]


async def test_an_unknown_placeholder_or_a_stray_brace_is_refused(
    tg: StandInTelegram, people: People, bot: RunningBot, db_path: Any
) -> None:
    tg.send_command(people[DIRECTOR], "/templates add Возврат | {name}, вернём до {data}.")
    refusal = await tg.wait_message(DIRECTOR, contains="Не знаю подстановку")
    assert "{data}" in refusal.text and "{date}" in refusal.text
    tg.send_command(people[DIRECTOR], "/templates add Скидка | {name}, дарим {скидку 10%")
    await tg.wait_message(DIRECTOR, contains="Фигурные скобки")
    tg.send_command(people[DIRECTOR], "/templates add Без черты")
    await tg.wait_message(DIRECTOR, contains="Формат: /templates")
    tg.send_command(people[DIRECTOR], "/templates add " + "Очень длинное название " * 3 + "| Текст")
    await tg.wait_message(DIRECTOR, contains="Название — одна строка до 40 символов")
    await bot.settle()
    async with aiosqlite.connect(db_path) as conn:
        rows = list(await conn.execute_fetchall("SELECT id FROM reply_templates"))
    assert rows == []


async def test_template_buttons_act_only_on_their_own_tickets_message(
    tg: StandInTelegram, people: People, bot: RunningBot
) -> None:
    """A template button under another message (a forged press on a card) changes nothing:
    a reply to that card must keep going where the card says."""
    card = await new_ticket(tg, people[CLIENT], "Сломался шкафчик", DIRECTOR)
    before = card.text
    query = tg.forge_press(people[DIRECTOR], card, "tp:1:first")
    alert = await answer_to(tg, query)
    assert alert["show_alert"] and "устарела" in alert["text"]
    query = tg.forge_press(people[CLIENT], card, "tm:1")
    assert (await answer_to(tg, query))["show_alert"]  # a client is refused by the guard
    await bot.settle()
    assert now_shown(tg, card).text == before
