"""Routing for recall: a mention with any grievance evidence is a card at once, marked
"возможно, жалоба" with the detector's reasons; the rest waits for the summary, which says why
each waited and turns one into a card with one tap."""

from __future__ import annotations

from typing import Any

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, StartBot
from tests.helpers import button
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
GROUP = -1001234567890
# Praise by its words, yet an hour in a queue: it must not wait an hour for the director.
POLITE_GRIEVANCE = "Спасибо FitStudio, отличный зал, только ждал час в очереди"
PRAISE = "Спасибо FitStudio, тренер отличный, всё понравилось!"
QUESTION = "Кто-нибудь знает, во сколько открывается FitStudio на Соколе?"


async def test_a_possible_complaint_is_a_card_at_once_marked_with_its_markers(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")  # the summary is an hour away
    tg.send_text(people[CLIENT], POLITE_GRIEVANCE, chat=group)
    card = await tg.wait_message(DIRECTOR, contains="ждал час в очереди")
    assert "возможно, жалоба" in card.text
    assert "очередь" in card.text.split("возможно, жалоба", 1)[1]
    assert any("Это жалоба" in label for label, _ in tg.buttons(card))


async def test_the_summary_says_why_each_waited_and_one_tap_makes_a_card(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio", MENTION_SUMMARY_MINUTES=0.01)
    tg.send_text(people[CLIENT], PRAISE, chat=group)
    tg.send_text(people[CLIENT2], QUESTION, chat=group)
    summary = await tg.wait_message(DIRECTOR, contains="во сколько открывается")
    assert "похвала (спасибо, понравилось, отлично)" in summary.text
    assert "вопрос" in summary.text
    assert "возможно, жалоба" not in summary.text
    labels = [label for label, _ in tg.buttons(summary)]
    assert "№1 — жалоба" in labels and "№2 — жалоба" in labels
    tg.press(people[DIRECTOR], summary, button(tg, summary, "№2 — жалоба"))
    card = await tg.wait_message(DIRECTOR, contains="Обращение №2")
    assert "Директор: это жалоба" in card.text
    await tg.wait_for(
        lambda: any("№2: это жалоба" in a.get("text", "") for a in tg.callback_answers)
    )
