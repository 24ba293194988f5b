"""The staff's choices under a control-date reminder, and the one-tap message to the client
about a new date once a promise was missed."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import REMINDER_ACTIONS, PromiseTell, ReminderAction
from bot.views.texts import Texts


def reminder_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    """Done; postpone a day, three days, or to a typed date; hand it to someone else."""
    builder = InlineKeyboardBuilder()
    for action in REMINDER_ACTIONS:
        builder.button(
            text=t(f"btn_rem_{action}"), callback_data=ReminderAction(a=action, t=ticket_id)
        )
    return builder.adjust(1, 3, 1).as_markup()


def promise_keyboard(draft_id: int, minute: int, t: Texts) -> InlineKeyboardMarkup:
    """One button: send the prepared message as shown. Not pressing it sends nothing."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("btn_promise_tell"), callback_data=PromiseTell(d=draft_id, m=minute))
    return builder.as_markup()
