"""Refusals never speak in a customer group, and a name nobody can see is never a card's
author."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from aiogram.types import User

from bot.telegram.access import display_name, visible
from tests.conftest import CLIENT, DIRECTOR, STRANGER, RunningBot
from tests.standin import StandInTelegram

GROUP = -100777


async def test_a_strangers_staff_command_in_a_group_gets_no_public_answer(
    tg: StandInTelegram,
    people: dict[int, dict[str, Any]],
    bot: RunningBot,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.telegram.access")
    group = tg.group(GROUP, "Соседи Сокол")
    for command in ("/close 1", "/open", "/health", "/feeds add http://example.org/x"):
        tg.send_command(people[STRANGER], command, chat=group)
    await bot.settle()
    assert tg.bot_messages(GROUP) == []
    refused = [r for r in caplog.records if "access.refused" in r.getMessage()]
    assert len(refused) == 4
    # in a private chat the same stranger is told why nothing happened
    tg.send_command(people[STRANGER], "/close 1")
    await tg.wait_message(STRANGER, contains="только для")


@pytest.mark.parametrize(
    "name",
    ["\u3164", "\u2800\u2800", "\u200b\u200d", " \u00ad ", "\u115f\u1160", "\u0301"],
)
def test_an_invisible_name_falls_back_to_the_username_or_the_id(name: str) -> None:
    assert not visible(name)
    with_username = User(id=5, is_bot=False, first_name=name, username="anna_k")
    assert display_name(with_username) == "@anna_k"
    assert display_name(User(id=5, is_bot=False, first_name=name)) == "5"


def test_a_visible_name_is_kept_as_written() -> None:
    for name in ("Анна", "李", "🙂", "J.", "Ирина\u200b"):
        assert visible(name)
        assert display_name(User(id=5, is_bot=False, first_name=name)) == name


async def test_the_card_of_an_invisible_client_names_them_by_username(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], bot: RunningBot
) -> None:
    ghost = tg.user(CLIENT + 500, "\u3164", username="ghost_client")
    tg.send_text(ghost, "Не работает сауна")
    card = await tg.wait_message(DIRECTOR, contains="Не работает сауна")
    assert "@ghost_client" in card.text
