"""The card's inline buttons and the pickers they open in place.

Closing may ask for the root cause first (ROOT_CAUSE_REQUIRED): the cause picker then stands
where the pressed buttons were, on a card, under a /close answer or on a reminder, and its
choice sets the cause and closes; "other" asks for its word with a force-reply prompt first.
"""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import StaffOnly
from bot.telegram.desk import Answer, Desk
from bot.telegram.pressed import PressedCard
from bot.telegram.prompts import ask, offer_templates
from bot.views.dates import PRESETS
from bot.views.keyboards.callbacks import (
    CLOSE_PLACES,
    CardAction,
    CausePick,
    CloseCause,
    CloseChoice,
    DueConfirm,
    DuePick,
    OwnerPick,
)
from bot.views.keyboards.card import cause_keyboard, close_keyboard, due_keyboard, owner_keyboard
from bot.views.texts import Html, Texts
from storage.models import RootCause

OTHER = RootCause.OTHER.value
CAUSES = frozenset(cause.value for cause in RootCause) - {OTHER}
PROMPTS = {
    "prompt_reply": "placeholder_reply",
    "prompt_due": "placeholder_due",
    "prompt_close": "placeholder_close",
    "prompt_cause_other": "placeholder_cause_other",
}
# The prompt for an "other" cause on the way to closing carries the parked resolution's draft
# id after the colon (0: none), so the word typed into it closes with what /close was given.
CAUSE_CLOSE_PROMPT = "prompt_cause_close"


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
    desk: Desk,
    texts: Texts,
) -> None:
    nowhere = await desk.nothing_to_ask(callback_data.t)
    if nowhere is not None:
        if isinstance(query.message, Message):
            await query.message.answer(nowhere)
        await query.answer()
        return
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
    """A missed date moved from the card: the offer to tell the client comes as a message
    of its own under the card, since a card's answer is only a passing notice."""
    said, offer = await desk.set_due_preset(callback_data.t, callback_data.p, actor)
    await _redraw(query, pressed, callback_data.t, said)
    if offer is not None and isinstance(query.message, Message):
        await query.message.answer(offer.text, reply_markup=offer.markup)


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
    said = await desk.set_cause(callback_data.t, RootCause(callback_data.c), actor)
    await _redraw(query, pressed, callback_data.t, said)


async def cause_other(
    query: CallbackQuery,
    callback_data: CausePick,
    bot: Bot,
    service: TicketService,
    pressed: PressedCard,
    texts: Texts,
) -> None:
    """ "Other" needs its word: asked for with a prompt, answered like any prompt."""
    await _prompt(query, bot, service, pressed, texts, callback_data.t, "prompt_cause_other")


async def _show_outcome(
    query: CallbackQuery, pressed: PressedCard, where: str, ticket_id: int, answer: Answer, t: Texts
) -> None:
    """The outcome lands where the picker stood: a card is redrawn, a /close answer becomes
    the outcome (with the phrase check's buttons if it held the resolution), a reminder keeps
    its text and gains the outcome."""
    message = query.message
    if where == "c":
        await _redraw(query, pressed, ticket_id, answer.text)
        return
    if isinstance(message, Message):
        text = answer.text
        if where == "r":
            text = t("remind_outcome", text=Html(message.html_text), outcome=answer.text)
        with unless_unchanged():
            await message.edit_text(text, reply_markup=answer.markup)
    await query.answer()


async def close_cause_picked(
    query: CallbackQuery,
    callback_data: CloseCause,
    desk: Desk,
    pressed: PressedCard,
    texts: Texts,
    actor: Actor,
) -> None:
    data = callback_data
    answer = await desk.cause_then_close(data.t, RootCause(data.c), data.d, actor)
    await _show_outcome(query, pressed, data.w, data.t, answer, texts)


async def close_cause_other(
    query: CallbackQuery,
    callback_data: CloseCause,
    bot: Bot,
    service: TicketService,
    pressed: PressedCard,
    texts: Texts,
) -> None:
    """ "Other" on the way to closing: its word is asked for first; the word closes."""
    data = callback_data
    await service.get(data.t)
    message = query.message
    if data.w == "c":
        pressed.leave_picker(query)
    elif isinstance(message, Message):
        with unless_unchanged():
            await message.edit_reply_markup(reply_markup=None)
    if message is not None:
        await ask(
            bot,
            service,
            message.chat.id,
            data.t,
            f"{CAUSE_CLOSE_PROMPT}:{data.d}",
            texts("prompt_cause_other", id=data.t),
            texts("placeholder_cause_other"),
        )
    await query.answer()


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
    """Close without a resolution, or first the cause picker in place of the close choice."""
    answer = await desk.close_or_ask(callback_data.t, actor, "c")
    if answer.markup is not None:
        await pressed.show_picker(query, answer.markup)
        await query.answer(answer.text)
        return
    await _redraw(query, pressed, callback_data.t, answer.text)


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
    router.callback_query.register(cause_other, CausePick.filter(F.c == OTHER))
    places = F.w.in_(CLOSE_PLACES)
    router.callback_query.register(close_cause_picked, CloseCause.filter(F.c.in_(CAUSES) & places))
    router.callback_query.register(close_cause_other, CloseCause.filter((F.c == OTHER) & places))
    router.callback_query.register(close_with_note, CloseChoice.filter(F.note))
    router.callback_query.register(close_now, CloseChoice.filter())
    router.callback_query.register(stale)
    return router
