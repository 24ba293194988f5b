"""The staff's choices under a control-date reminder."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import REMINDER_ACTIONS, ReminderAction
from bot.views.texts import Texts


def reminder_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    """Done; postpone a day, three days, or to a typed date; hand it to someone else."""
    builder = InlineKeyboardBuilder()
    for action in REMINDER_ACTIONS:
        builder.button(
            text=t(f"btn_rem_{action}"), callback_data=ReminderAction(a=action, t=ticket_id)
        )
    return builder.adjust(1, 3, 1).as_markup()
