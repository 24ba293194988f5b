"""Buttons of the phrase check: what to do with a held reply, and /phrases switches."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import PhraseFlag, ReplyDraft
from bot.views.phrases import flag_name
from bot.views.texts import Texts


def held_keyboard(draft_id: int, has_suggestion: bool, t: Texts) -> InlineKeyboardMarkup:
    """Send the suggestion, send as written, or write again; "as written" always works."""
    builder = InlineKeyboardBuilder()
    if has_suggestion:
        builder.button(text=t("btn_held_suggested"), callback_data=ReplyDraft(a="r", d=draft_id))
    builder.button(text=t("btn_held_as_is"), callback_data=ReplyDraft(a="s", d=draft_id))
    builder.button(text=t("btn_held_rewrite"), callback_data=ReplyDraft(a="w", d=draft_id))
    return builder.adjust(1).as_markup()


def via_bot_keyboard(draft_id: int, t: Texts) -> InlineKeyboardMarkup:
    """The reply a director's personal chat no longer takes, sent in the bot instead."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("btn_via_bot"), callback_data=ReplyDraft(a="b", d=draft_id))
    return builder.as_markup()


def flags_keyboard(off: frozenset[str], flags: tuple[str, ...], t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for flag in flags:
        on = flag not in off
        label = t("btn_flag_turn_off" if on else "btn_flag_turn_on", flag=flag_name(flag, t))
        builder.button(text=label, callback_data=PhraseFlag(f=flag, on=not on))
    return builder.adjust(1).as_markup()
