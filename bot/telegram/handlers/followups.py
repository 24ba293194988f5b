"""Buttons of what the scheduler sends: the client's answer to a follow-up (and the rating a
satisfied client may give), and the staff's choices under a control-date reminder.

The client's buttons must work for clients, so they live in their own router without the
staff check; each answer is matched to the user it was asked of. "Not really" is answered
with an apology and a question, not with stars; a low rating gets an answer of its own and
reaches the ticket's people. The reminder's buttons are staff-only, like the card's.

"Done" asks for the root cause first when one is required and missing (the picker takes the
reminder's buttons' place); a date moved after it was missed offers the client a prepared
message about the new one, sent only by its own button (`PromiseTell`).
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Config
from bot.core.events import Actor
from bot.core.followups import FollowUps, Outcome, is_low
from bot.core.ports import Notices
from bot.core.reminders import Reminders
from bot.core.tickets import TicketService
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import StaffOnly
from bot.telegram.desk import Answer, Desk
from bot.telegram.prompts import ask
from bot.views.keyboards.callbacks import (
    POSTPONE_DAYS,
    RATINGS,
    FollowUpAnswer,
    FollowUpRate,
    PromiseTell,
    ReminderAction,
)
from bot.views.keyboards.card import owner_keyboard
from bot.views.keyboards.followups import rating_keyboard
from bot.views.texts import Html, Texts


async def _edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None) -> None:
    if not isinstance(query.message, Message):
        return
    with unless_unchanged():
        await query.message.edit_text(text, reply_markup=markup)


# --- the client -----------------------------------------------------------------------------


async def answered(
    query: CallbackQuery, callback_data: FollowUpAnswer, followups: FollowUps, texts: Texts
) -> None:
    outcome, ticket_id = await followups.answer(
        callback_data.f, query.from_user.id, callback_data.ok
    )
    if outcome is Outcome.UNKNOWN:
        await query.answer(texts("followup_outdated"), show_alert=True)
        return
    if outcome is Outcome.ALREADY:
        await query.answer(texts("followup_answered_already"))
        return
    if callback_data.ok:
        markup = rating_keyboard(callback_data.f, texts)
        await _edit(query, texts("followup_thanks_yes", id=ticket_id), markup)
    else:
        await _edit(query, texts("followup_thanks_no", id=ticket_id), None)
    await query.answer()


async def rated(
    query: CallbackQuery,
    callback_data: FollowUpRate,
    followups: FollowUps,
    texts: Texts,
    notifier: Notices,
    config: Config,
) -> None:
    rating = callback_data.r
    outcome = await followups.rate(
        callback_data.f, query.from_user.id, rating, notifier, config.director_ids
    )
    if outcome is Outcome.UNKNOWN:
        await query.answer(texts("followup_outdated"), show_alert=True)
        return
    if outcome is Outcome.ALREADY:
        await query.answer(texts("followup_answered_already"))
        return
    key = "followup_rated_low" if is_low(rating) else "followup_rated"
    await _edit(query, texts(key, rating=rating), None)
    await query.answer()


# --- the staff --------------------------------------------------------------------------------


async def _settle(
    query: CallbackQuery, outcome: str, texts: Texts, offer: Answer | None = None
) -> None:
    """The reminder keeps its text, gains the outcome and loses its buttons: it is handled.
    An offer (tell the client the new date) follows the outcome, with its one button."""
    if isinstance(query.message, Message):
        text = texts("remind_outcome", text=Html(query.message.html_text), outcome=outcome)
        if offer is not None:
            text += "\n\n" + offer.text
        await _edit(query, text, offer.markup if offer else None)
    await query.answer(outcome)


async def done(
    query: CallbackQuery,
    callback_data: ReminderAction,
    desk: Desk,
    texts: Texts,
    actor: Actor,
) -> None:
    """Close, or first the cause picker in place of the reminder's buttons."""
    answer = await desk.close_or_ask(callback_data.t, actor, "r")
    if answer.markup is not None:
        if isinstance(query.message, Message):
            with unless_unchanged():
                await query.message.edit_reply_markup(reply_markup=answer.markup)
        await query.answer(answer.text)
        return
    await _settle(query, answer.text, texts)


async def postpone(
    query: CallbackQuery,
    callback_data: ReminderAction,
    reminders: Reminders,
    service: TicketService,
    desk: Desk,
    texts: Texts,
    actor: Actor,
) -> None:
    days = POSTPONE_DAYS[callback_data.a]
    before = await service.get(callback_data.t)
    outcome = await reminders.postpone(callback_data.t, days, actor)
    await _settle(query, outcome, texts, await desk.promise_offer(before, actor))


async def tell_promise(
    query: CallbackQuery, callback_data: PromiseTell, desk: Desk, texts: Texts, actor: Actor
) -> None:
    """The prepared new-date message goes to the client as the presser's reply, once; the
    offer keeps its text and gains the outcome in place of its button."""
    outcome = await desk.tell_promise(callback_data.d, callback_data.m, actor)
    if outcome is None:
        await query.answer(texts("draft_used"), show_alert=True)
        return
    await _settle(query, outcome, texts)


async def typed(
    query: CallbackQuery,
    callback_data: ReminderAction,
    bot: Bot,
    service: TicketService,
    texts: Texts,
) -> None:
    """The typed date is answered to a force-reply prompt, handled like the card's."""
    await service.get(callback_data.t)
    if query.message is not None:
        ticket_id = callback_data.t
        await ask(
            bot,
            service,
            query.message.chat.id,
            ticket_id,
            "prompt_due",
            texts("prompt_due", id=ticket_id),
            texts("placeholder_due"),
        )
    await query.answer()


async def reassign(
    query: CallbackQuery,
    callback_data: ReminderAction,
    service: TicketService,
    texts: Texts,
    actor: Actor,
) -> None:
    """The card's owner picker, in place of the reminder's buttons."""
    await service.get(callback_data.t)
    members = await service.staff_members()
    if isinstance(query.message, Message):
        markup = owner_keyboard(callback_data.t, members, actor.user_id, texts)
        with unless_unchanged():
            await query.message.edit_reply_markup(reply_markup=markup)
    await query.answer(texts("pick_owner", id=callback_data.t))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="followups")
    client = Router(name="followups_client")
    client.callback_query.register(answered, FollowUpAnswer.filter())
    client.callback_query.register(rated, FollowUpRate.filter(F.r.in_(RATINGS)))
    staff = StaffOnly().attach(Router(name="reminder_buttons"))
    staff.callback_query.register(done, ReminderAction.filter(F.a == "done"))
    staff.callback_query.register(postpone, ReminderAction.filter(F.a.in_(POSTPONE_DAYS)))
    staff.callback_query.register(typed, ReminderAction.filter(F.a == "typed"))
    staff.callback_query.register(reassign, ReminderAction.filter(F.a == "owner"))
    staff.callback_query.register(tell_promise, PromiseTell.filter())
    router.include_routers(client, staff)
    return router
