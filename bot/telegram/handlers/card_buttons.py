"""The card's inline buttons and the pickers they open in place."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import StaffOnly
from bot.telegram.desk import Desk
from bot.telegram.pressed import PressedCard
from bot.telegram.prompts import ask, offer_templates
from bot.views.dates import PRESETS
from bot.views.keyboards.callbacks import (
    CardAction,
    CausePick,
    CloseChoice,
    DueConfirm,
    DuePick,
    OwnerPick,
)
from bot.views.keyboards.card import cause_keyboard, close_keyboard, due_keyboard, owner_keyboard
from bot.views.texts import Texts
from storage.models import RootCause

CAUSES = frozenset(cause.value for cause in RootCause)
PROMPTS = {
    "prompt_reply": "placeholder_reply",
    "prompt_due": "placeholder_due",
    "prompt_close": "placeholder_close",
}


async def _redraw(query: CallbackQuery, pressed: PressedCard, ticket_id: int, answer: str) -> None:
    """After a change: the pressed card shows it at once, then the person hears what happened."""
    await pressed.refresh(query, ticket_id)
    await query.answer(answer)


async def _prompt(
    query: CallbackQuery,
    bot: Bot,
    service: TicketService,
    pressed: PressedCard,
    texts: Texts,
    ticket_id: int,
    kind: str,
) -> None:
    await service.get(ticket_id)  # no prompt for a ticket that does not exist
    pressed.leave_picker(query)
    message = query.message
    if message is not None:
        await ask(
            bot,
            service,
            message.chat.id,
            ticket_id,
            kind,
            texts(kind, id=ticket_id),
            texts(PROMPTS[kind]),
        )
        if kind == "prompt_reply":
            await offer_templates(bot, service, message.chat.id, ticket_id, texts)
    await query.answer()


async def reply(
    query: CallbackQuery,
    callback_data: CardAction,
    bot: Bot,
    service: TicketService,
    pressed: PressedCard,
    texts: Texts,
) -> None:
    await _prompt(query, bot, service, pressed, texts, callback_data.t, "prompt_reply")


async def assign(
    query: CallbackQuery,
    callback_data: CardAction,
    pressed: PressedCard,
    service: TicketService,
    texts: Texts,
    actor: Actor,
) -> None:
    await service.get(callback_data.t)
    members = await service.staff_members()
    markup = owner_keyboard(callback_data.t, members, actor.user_id, texts)
    await pressed.show_picker(query, markup)
    await query.answer(texts("pick_owner", id=callback_data.t))


PICKERS: dict[str, Callable[[int, Texts], InlineKeyboardMarkup]] = {
    "due": due_keyboard,
    "cause": cause_keyboard,
    "close": close_keyboard,
}


async def picker(
    query: CallbackQuery,
    callback_data: CardAction,
    pressed: PressedCard,
    service: TicketService,
    texts: Texts,
) -> None:
    """Control date, root cause and close open their choices in place of the card's buttons."""
    await service.get(callback_data.t)
    await pressed.show_picker(query, PICKERS[callback_data.a](callback_data.t, texts))
    await query.answer()


async def back(
    query: CallbackQuery,
    callback_data: CardAction,
    pressed: PressedCard,
) -> None:
    await pressed.refresh(query, callback_data.t)
    await query.answer()


async def reopen(
    query: CallbackQuery,
    callback_data: CardAction,
    desk: Desk,
    pressed: PressedCard,
    actor: Actor,
) -> None:
    await _redraw(query, pressed, callback_data.t, await desk.reopen(callback_data.t, actor))


async def owner_picked(
    query: CallbackQuery,
    callback_data: OwnerPick,
    desk: Desk,
    pressed: PressedCard,
    service: TicketService,
    texts: Texts,
    actor: Actor,
) -> None:
    if await service.staff_member(callback_data.u) is None:
        await query.answer(texts("no_staff"), show_alert=True)
        return
    await _redraw(
        query, pressed, callback_data.t, await desk.assign(callback_data.t, callback_data.u, actor)
    )


async def due_typed(
    query: CallbackQuery,
    callback_data: DuePick,
    bot: Bot,
    service: TicketService,
    pressed: PressedCard,
    texts: Texts,
) -> None:
    await _prompt(query, bot, service, pressed, texts, callback_data.t, "prompt_due")


async def due_picked(
    query: CallbackQuery,
    callback_data: DuePick,
    desk: Desk,
    pressed: PressedCard,
    actor: Actor,
) -> None:
    await _redraw(
        query,
        pressed,
        callback_data.t,
        await desk.set_due_preset(callback_data.t, callback_data.p, actor),
    )


async def due_confirmed(
    query: CallbackQuery, callback_data: DueConfirm, desk: Desk, actor: Actor
) -> None:
    """The answer to "more than a year ahead, really?": the question gives way to the answer."""
    answer = await desk.confirm_due(callback_data.t, callback_data.m, actor)
    if isinstance(query.message, Message):
        with unless_unchanged():
            await query.message.edit_text(answer)
    await query.answer()


async def cause_picked(
    query: CallbackQuery,
    callback_data: CausePick,
    desk: Desk,
    pressed: PressedCard,
    actor: Actor,
) -> None:
    await _redraw(
        query,
        pressed,
        callback_data.t,
        await desk.set_cause(callback_data.t, RootCause(callback_data.c), actor),
    )


async def close_with_note(
    query: CallbackQuery,
    callback_data: CloseChoice,
    bot: Bot,
    service: TicketService,
    pressed: PressedCard,
    texts: Texts,
) -> None:
    await _prompt(query, bot, service, pressed, texts, callback_data.t, "prompt_close")


async def close_now(
    query: CallbackQuery,
    callback_data: CloseChoice,
    desk: Desk,
    pressed: PressedCard,
    actor: Actor,
) -> None:
    await _redraw(query, pressed, callback_data.t, await desk.close(callback_data.t, None, actor))


async def stale(query: CallbackQuery, texts: Texts) -> None:
    """A button this version does not know (an old card, a forged press): say so, change nothing."""
    await query.answer(texts("button_outdated"), show_alert=True)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = StaffOnly().attach(Router(name="card_buttons"))
    router.callback_query.register(reply, CardAction.filter(F.a == "reply"))
    router.callback_query.register(assign, CardAction.filter(F.a == "assign"))
    router.callback_query.register(picker, CardAction.filter(F.a.in_(PICKERS)))
    router.callback_query.register(back, CardAction.filter(F.a == "back"))
    router.callback_query.register(reopen, CardAction.filter(F.a == "reopen"))
    router.callback_query.register(owner_picked, OwnerPick.filter())
    router.callback_query.register(due_typed, DuePick.filter(F.p == "typed"))
    router.callback_query.register(due_picked, DuePick.filter(F.p.in_(PRESETS)))
    router.callback_query.register(due_confirmed, DueConfirm.filter())
    router.callback_query.register(cause_picked, CausePick.filter(F.c.in_(CAUSES)))
    router.callback_query.register(close_with_note, CloseChoice.filter(F.note))
    router.callback_query.register(close_now, CloseChoice.filter())
    router.callback_query.register(stale)
    return router
