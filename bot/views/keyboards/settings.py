"""A director's /settings."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import BusinessAck, DigestAllClear
from bot.views.texts import Texts


def settings_keyboard(
    all_clear: bool, t: Texts, business_ack: bool | None = None
) -> InlineKeyboardMarkup:
    """One row per choice, each button offering what is not on now. `business_ack` None
    leaves out the personal-chats row (a screen that does not know it)."""
    key = "btn_settings_all_clear_off" if all_clear else "btn_settings_all_clear_on"
    builder = InlineKeyboardBuilder()
    builder.button(text=t(key), callback_data=DigestAllClear(on=not all_clear))
    if business_ack is not None:
        ack = "btn_settings_business_ack_off" if business_ack else "btn_settings_business_ack_on"
        builder.button(text=t(ack), callback_data=BusinessAck(on=not business_ack))
    builder.adjust(1)
    return builder.as_markup()
