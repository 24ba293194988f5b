"""Typed control dates: absurdly long text is refused at once, and a date more than a year
ahead is only proposed, with buttons to confirm or keep the old one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bot.views.dates import DueParseError, parse_due
from tests.conftest import CLIENT, DIRECTOR, RunningBot
from tests.helpers import button, new_ticket
from tests.standin import StandInTelegram


def test_a_date_longer_than_anyone_types_is_not_parsed() -> None:
    from zoneinfo import ZoneInfo

    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    for text in ("1" * 4000, "завтра " * 30):
        try:
            parse_due(text, now, ZoneInfo("Europe/Moscow"))
        except DueParseError as error:
            assert str(error) == "unparsed"
        else:
            raise AssertionError("a 4,000-character date was read")


async def test_a_date_years_ahead_asks_first(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], bot: RunningBot
) -> None:
    card = await new_ticket(tg, people[CLIENT], "Сломался турникет", DIRECTOR)
    tg.send_command(people[DIRECTOR], "/due 1 31.12.9999")
    question = await tg.wait_message(DIRECTOR, contains="больше чем через год")
    assert "31.12.9999" in question.text
    await bot.settle()
    assert "9999" not in tg.bot_messages(DIRECTOR)[0].text, "nothing set before the answer"
    tg.press(people[DIRECTOR], question, button(tg, question, "Нет"))
    await tg.wait_for(lambda: "не меняю" in tg.bot_messages(DIRECTOR)[-1].text or None)
    tg.send_command(people[DIRECTOR], "/due 1 31.12.9999")
    question = await tg.wait_message(DIRECTOR, contains="больше чем через год")
    tg.press(people[DIRECTOR], question, button(tg, question, "Да"))
    await tg.wait_for(lambda: "31.12.9999" in tg.bot_messages(DIRECTOR)[0].text or None)
    assert card.message_id == tg.bot_messages(DIRECTOR)[0].message_id
