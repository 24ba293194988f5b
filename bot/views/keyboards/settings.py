"""A director's /settings."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import DigestAllClear
from bot.views.texts import Texts


def settings_keyboard(all_clear: bool, t: Texts) -> InlineKeyboardMarkup:
    """Offers the choice that is not on now."""
    key = "btn_settings_all_clear_off" if all_clear else "btn_settings_all_clear_on"
    builder = InlineKeyboardBuilder()
    builder.button(text=t(key), callback_data=DigestAllClear(on=not all_clear))
    return builder.as_markup()
