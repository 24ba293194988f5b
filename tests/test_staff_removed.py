"""Someone removed from the configuration loses ticket data at once: nothing more is sent or
edited for them, the cards they hold become a stub, and their tickets go back to the
directors unowned, the directors told which."""

from __future__ import annotations

from typing import Any

from tests.conftest import CLIENT, DIRECTOR, DIRECTOR2, MANAGER, MANAGER2, StartBot
from tests.helpers import card_arrives, card_in
from tests.standin import StandInTelegram

STUB = "Доступ к этому обращению закрыт"


async def test_a_removed_manager_gets_nothing_more_and_their_tickets_go_back(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], start_bot: StartBot
) -> None:
    first = await start_bot()
    tg.send_text(people[CLIENT], "Тренер не пришёл")
    await card_arrives(tg, DIRECTOR, 1)
    tg.send_command(people[MANAGER], "/claim 1")
    held = await card_arrives(tg, MANAGER, 1)
    await first.stop()

    second = await start_bot(MANAGER_IDS=f"{MANAGER2}")
    notice = await tg.wait_message(DIRECTOR, contains="больше нет в списке сотрудников")
    assert "№1" in notice.text and "Мария" in notice.text
    await tg.wait_for(lambda: STUB in tg.bot_messages(MANAGER)[-1].text or None)
    stub = next(m for m in tg.bot_messages(MANAGER) if m.message_id == held.message_id)
    assert STUB in stub.text and "Тренер" not in stub.text and not tg.buttons(stub)

    seen_by_manager = len(tg.bot_messages(MANAGER))
    tg.send_text(people[CLIENT], "Я жду ответа, мой адрес ул. Ленина 1")
    await tg.wait_message(DIRECTOR, contains="ул. Ленина 1")
    await second.settle()
    assert len(tg.bot_messages(MANAGER)) == seen_by_manager
    assert all("Ленина" not in m.text for m in tg.bot_messages(MANAGER))
    assert "Мария" not in card_in(tg, DIRECTOR, 1).text, "the ticket has no owner again"


async def test_a_removed_directors_card_is_not_edited_again(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], start_bot: StartBot
) -> None:
    first = await start_bot(DIRECTOR_IDS=f"{DIRECTOR},{DIRECTOR2}")
    tg.send_text(people[CLIENT], "В раздевалке холодно")
    await card_arrives(tg, DIRECTOR2, 1)
    await first.stop()

    second = await start_bot(DIRECTOR_IDS=f"{DIRECTOR}")
    await tg.wait_for(lambda: STUB in card_text(tg, DIRECTOR2) or None)
    edits_before = sum(
        1
        for c in tg.calls
        if c.method == "editMessageText" and c.params.get("chat_id") == DIRECTOR2
    )
    tg.send_command(people[DIRECTOR], "/close 1 Простите! Включили отопление")
    await tg.wait_message(CLIENT, contains="Включили отопление")
    await second.settle()
    edits_after = sum(
        1
        for c in tg.calls
        if c.method == "editMessageText" and c.params.get("chat_id") == DIRECTOR2
    )
    assert edits_after == edits_before
    assert STUB in card_text(tg, DIRECTOR2)


def card_text(tg: StandInTelegram, chat_id: int) -> str:
    messages = tg.bot_messages(chat_id)
    return messages[0].text if messages else ""
