"""A queued edit of a card never snatches a picker from under the person using it: the picker
stays until they choose or go back, and then the card shows everything that changed."""

from __future__ import annotations

from typing import Any

from tests.conftest import CLIENT, DIRECTOR, RunningBot
from tests.helpers import button, card_in, new_ticket
from tests.standin import StandInTelegram


async def test_a_change_while_the_owner_picker_is_open_keeps_the_picker(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], bot: RunningBot
) -> None:
    card = await new_ticket(tg, people[CLIENT], "Не работает душ", DIRECTOR)
    tg.press(people[DIRECTOR], card, button(tg, card, "Ответственный"))
    await tg.wait_for(lambda: any("Мария" in b for b, _ in tg.buttons(card_in(tg, DIRECTOR, 1))))
    tg.send_text(people[CLIENT], "И в раздевалке нет света")  # the card's count changes
    await tg.wait_message(DIRECTOR, contains="И в раздевалке нет света")
    await bot.settle()
    picker = card_in(tg, DIRECTOR, 1)
    labels = [label for label, _ in tg.buttons(picker)]
    assert any("Мария" in label for label in labels), labels
    tg.press(people[DIRECTOR], picker, button(tg, picker, "Мария"))
    await tg.wait_for(lambda: "Ответственный: Мария" in card_in(tg, DIRECTOR, 1).text or None)
    assert "2 сообщения" in card_in(tg, DIRECTOR, 1).text
    labels = [label for label, _ in tg.buttons(card_in(tg, DIRECTOR, 1))]
    assert any("Закрыть" in label for label in labels), "the card's own buttons are back"
