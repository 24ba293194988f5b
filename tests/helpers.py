"""Small readers over the stand-in's record, shared by the flow tests."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from tests.standin import StandInTelegram


def button(tg: StandInTelegram, message: Any, label_part: str) -> str:
    """The callback data of the button whose label contains `label_part`."""
    for text, data in tg.buttons(message):
        if label_part in text:
            return data
    raise AssertionError(f"no button with {label_part!r}: {tg.buttons(message)}")


def card_in(tg: StandInTelegram, chat_id: int, ticket_id: int) -> Any:
    """The newest message in a chat that is the card of this ticket."""
    marker = f"Обращение №{ticket_id}"
    for message in reversed(tg.bot_messages(chat_id)):
        if message.text.startswith(("🔴", "🟡", "🟢")) and marker in message.text:
            return message
    raise AssertionError(f"no card #{ticket_id} in chat {chat_id}")


def find_card(tg: StandInTelegram, chat_id: int, ticket_id: int) -> Any | None:
    try:
        return card_in(tg, chat_id, ticket_id)
    except AssertionError:
        return None


async def card_arrives(tg: StandInTelegram, chat_id: int, ticket_id: int) -> Any:
    """Cards are delivered by the outbox sender, a moment after the action that caused them."""
    return await tg.wait_for(lambda: find_card(tg, chat_id, ticket_id))


def texts_to(tg: StandInTelegram, chat_id: int) -> list[str]:
    return [message.text for message in tg.bot_messages(chat_id)]


async def new_ticket(tg: StandInTelegram, user: dict[str, Any], text: str, director: int) -> Any:
    """Send a client message and return the director's card for the new ticket."""
    tg.send_text(user, text)
    await tg.wait_for(
        lambda: any(
            text[:30] in m.text and m.text.startswith("🔴") for m in tg.bot_messages(director)
        ),
        timeout=5,
    )
    return next(m for m in reversed(tg.bot_messages(director)) if text[:30] in m.text)


async def while_alive(
    tg: StandInTelegram,
    proc: asyncio.subprocess.Process,
    predicate: Callable[[], object],
    what: str,
    timeout: float = 60.0,  # noqa: ASYNC109 - a bound for a failing run, not a pace
) -> None:
    """Wait until `predicate` holds while the bot process runs; if the process exits first,
    fail at once with its stderr rather than wait out the timeout."""
    await tg.wait_for(lambda: proc.returncode is not None or predicate(), timeout=timeout)
    if not predicate():
        err = await proc.stderr.read() if proc.stderr else b""
        raise AssertionError(
            f"the bot exited with {proc.returncode} before {what}:\n{err.decode()[-3000:]}"
        )


async def every_mention_a_card(tg: StandInTelegram, director: dict[str, Any]) -> None:
    """Switch "every mention a card" on from /sources, as a director does."""
    tg.send_command(director, "/sources")
    overview = await tg.wait_message(director["id"], contains="сводкой раз в 60 мин")
    tg.press(director, overview, button(tg, overview, "карточками"))
    await tg.wait_for(
        lambda: any("каждое упоминание" in a.get("text", "") for a in tg.callback_answers)
    )


async def call_it_not_a_complaint(tg: StandInTelegram, director: dict[str, Any], card: Any) -> None:
    """Press «Не жалоба» on a mention's card and wait for the card to say so."""
    tg.press(director, card, button(tg, card, "Не жалоба"))
    await tg.wait_for(lambda: "Директор: не жалоба" in tg.bot_messages(director["id"])[0].text)
