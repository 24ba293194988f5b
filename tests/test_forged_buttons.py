"""Buttons naming a ticket that does not exist (a forged press, a card older than a restored
database, an id past SQLite's integers) get "no such ticket" and nothing else: no prompt, no
change, no error in the log."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from bot.views.keyboards.callbacks import CardAction, CausePick, CloseChoice, DuePick, OwnerPick
from tests.conftest import CLIENT, DIRECTOR, MANAGER, RunningBot
from tests.helpers import new_ticket
from tests.standin import StandInTelegram

HUGE = 10**30


@pytest.mark.parametrize(
    "data",
    [
        CardAction(a="reply", t=999_999).pack(),
        CardAction(a="reply", t=HUGE).pack(),
        CardAction(a="due", t=HUGE).pack(),
        CardAction(a="assign", t=0).pack(),
        DuePick(t=HUGE, p="typed").pack(),
        DuePick(t=999_999, p="tomorrow").pack(),
        CausePick(t=HUGE, c="process").pack(),
        OwnerPick(t=HUGE, u=MANAGER).pack(),
        CloseChoice(t=HUGE, note=True).pack(),
        CloseChoice(t=999_999, note=False).pack(),
    ],
)
async def test_a_button_for_no_ticket_answers_no_such_ticket(
    tg: StandInTelegram,
    people: dict[int, dict[str, Any]],
    bot: RunningBot,
    caplog: pytest.LogCaptureFixture,
    data: str,
) -> None:
    caplog.set_level(logging.WARNING)
    card = await new_ticket(tg, people[CLIENT], "Сломался шкафчик", DIRECTOR)
    sent_before = len(tg.bot_messages(DIRECTOR))
    query = tg.forge_press(people[DIRECTOR], card, data)
    answer = await tg.wait_for(
        lambda: next((a for a in tg.callback_answers if a["id"] == query), None)
    )
    assert answer["show_alert"], answer
    assert "не найдено" in answer["text"] or "нет" in answer["text"], answer
    await bot.settle()
    assert len(tg.bot_messages(DIRECTOR)) == sent_before, "no prompt, no notice"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
