"""The follow-up a client gets after closing: its question, addressed to the client by name,
the "yes / not really" buttons under it, and the rating offered after a "yes".

A client who answers "not really" is offered no rating: they are asked what is wrong, since
stars before the repair ask them to grade a failure (see shared/phrase-guide.md, R13).
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import RATINGS, FollowUpAnswer, FollowUpRate
from bot.views.texts import Texts
from storage.models import Ticket


def first_name(author_name: str | None) -> str | None:
    """What to call a client: the first word of the name staff know them by ("Анна" of
    "Анна Иванова (@anna)"), or None when that is a handle or a number rather than a name."""
    words = (author_name or "").split()
    if not words or not words[0][:1].isalpha():
        return None
    return words[0]


def followup_question(ticket: Ticket, t: Texts) -> str:
    """The question itself, by the client's first name when there is one."""
    name = first_name(ticket.author_name)
    if name is None:
        return t("followup_ask_unnamed", id=ticket.id)
    return t("followup_ask", id=ticket.id, name=name)


def followup_keyboard(followup_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("btn_fu_yes"), callback_data=FollowUpAnswer(f=followup_id, ok=True))
    builder.button(text=t("btn_fu_no"), callback_data=FollowUpAnswer(f=followup_id, ok=False))
    return builder.adjust(2).as_markup()


def rating_keyboard(followup_id: int, t: Texts) -> InlineKeyboardMarkup:
    """Offered only to a client who answered "yes"."""
    builder = InlineKeyboardBuilder()
    for n in RATINGS:
        builder.button(text=t("btn_rate", n=n), callback_data=FollowUpRate(f=followup_id, r=n))
    return builder.adjust(len(RATINGS)).as_markup()
