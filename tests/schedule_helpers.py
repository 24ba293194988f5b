"""Shared by the scheduler's flow tests: a fast tick, counting, and "nothing more came"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.conftest import Clock, RunningBot, current_bot
from tests.standin import StandInTelegram

TICK = "0.1"


def clock_at(year: int, month: int, day: int, hour: int, minute: int = 0) -> Clock:
    """A clock at this UTC moment (Moscow is UTC+3)."""
    return Clock(moment=datetime(year, month, day, hour, minute, tzinfo=UTC))


def count(tg: StandInTelegram, chat_id: int, text: str) -> int:
    return sum(1 for message in tg.bot_messages(chat_id) if text in message.text)


def with_text(tg: StandInTelegram, chat_id: int, text: str) -> list[Any]:
    return [message for message in tg.bot_messages(chat_id) if text in message.text]


async def settle(bot: RunningBot | None = None) -> None:
    """Let the bot (the one started last, unless given) do all it would do at this moment:
    a few whole scheduler ticks from now, and every message they queued sent. Long enough
    for a duplicate to show up if there were one; counted in ticks, not seconds."""
    await (bot or current_bot()).settle()
