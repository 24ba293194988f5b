"""Buttons of reminders, follow-up questions and /settings, with typed callback data.

Like the card's buttons they carry only short codes and ids (checked against 64 bytes in the
tests). A follow-up's buttons name the follow-up itself, not the ticket, so an answer always
belongs to the one question that was asked.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.texts import Texts

REMINDER_ACTIONS = ("done", "d1", "d3", "typed", "owner")
POSTPONE_DAYS = {"d1": 1, "d3": 3}
RATINGS = (1, 2, 3, 4, 5)


class ReminderAction(CallbackData, prefix="ra"):
    """A button under a control-date reminder; `a` is one of REMINDER_ACTIONS."""

    a: str
    t: int


class FollowUpAnswer(CallbackData, prefix="fa"):
    """The client's answer: `f` is the follow-up (reminder) id, `ok` whether all is fine."""

    f: int
    ok: bool


class FollowUpRate(CallbackData, prefix="fr"):
    f: int
    r: int


class DigestAllClear(CallbackData, prefix="ds"):
    """/settings: send the one-line "all clear" on a quiet morning (True) or nothing."""

    on: bool


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def reminder_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    rows = [
        [_button(t("btn_rem_done"), ReminderAction(a="done", t=ticket_id))],
        [
            _button(t("btn_rem_d1"), ReminderAction(a="d1", t=ticket_id)),
            _button(t("btn_rem_d3"), ReminderAction(a="d3", t=ticket_id)),
            _button(t("btn_rem_typed"), ReminderAction(a="typed", t=ticket_id)),
        ],
        [_button(t("btn_rem_owner"), ReminderAction(a="owner", t=ticket_id))],
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def followup_keyboard(followup_id: int, t: Texts) -> InlineKeyboardMarkup:
    row = [
        _button(t("btn_fu_yes"), FollowUpAnswer(f=followup_id, ok=True)),
        _button(t("btn_fu_no"), FollowUpAnswer(f=followup_id, ok=False)),
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row])


def rating_keyboard(followup_id: int, t: Texts) -> InlineKeyboardMarkup:
    row = [_button(t("btn_rate", n=n), FollowUpRate(f=followup_id, r=n)) for n in RATINGS]
    return InlineKeyboardMarkup(inline_keyboard=[row])


def settings_keyboard(all_clear: bool, t: Texts) -> InlineKeyboardMarkup:
    """Offers the choice that is not on now."""
    key = "btn_settings_all_clear_off" if all_clear else "btn_settings_all_clear_on"
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(t(key), DigestAllClear(on=not all_clear))]]
    )
