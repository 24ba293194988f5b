"""The client's buttons under a follow-up question, and the rating offered after an answer."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import RATINGS, FollowUpAnswer, FollowUpRate
from bot.views.texts import Texts


def followup_keyboard(followup_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("btn_fu_yes"), callback_data=FollowUpAnswer(f=followup_id, ok=True))
    builder.button(text=t("btn_fu_no"), callback_data=FollowUpAnswer(f=followup_id, ok=False))
    return builder.adjust(2).as_markup()


def rating_keyboard(followup_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for n in RATINGS:
        builder.button(text=t("btn_rate", n=n), callback_data=FollowUpRate(f=followup_id, r=n))
    return builder.adjust(len(RATINGS)).as_markup()
