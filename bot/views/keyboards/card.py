"""The ticket card's buttons and the pickers that open in their place."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.dates import PRESETS
from bot.views.keyboards.callbacks import (
    CardAction,
    CausePick,
    CloseCause,
    CloseChoice,
    DueConfirm,
    DuePick,
    OwnerPick,
    VerdictPick,
)
from bot.views.texts import Texts
from storage.models import Role, RootCause, StaffMember, Ticket

# The causes a picker offers (phrase guide R18, and "other" with a word); UNFOUNDED only
# stays readable on tickets that carry it.
CAUSE_CHOICES: tuple[RootCause, ...] = (
    RootCause.PROCESS,
    RootCause.INFORMING,
    RootCause.EXPECTATIONS,
    RootCause.OTHER,
)


def card_keyboard(ticket: Ticket, t: Texts, *, can_assign: bool) -> InlineKeyboardMarkup:
    """A mention from a feed or a public channel has nobody to answer in Telegram, so it has
    no Reply button; every mention gets the complaint / not-a-complaint switch."""
    tid = ticket.id
    builder = InlineKeyboardBuilder()
    first = 0
    if not (ticket.is_mention and ticket.client_chat_id is None):
        builder.button(text=t("btn_reply"), callback_data=CardAction(a="reply", t=tid))
        first += 1
    if ticket.is_closed:
        # the cause can still be named or corrected after closing: the report counts it
        builder.button(text=t("btn_reopen"), callback_data=CardAction(a="reopen", t=tid))
        builder.button(text=t("btn_cause"), callback_data=CardAction(a="cause", t=tid))
        return builder.adjust(first + 1, 1).as_markup()
    if can_assign:
        builder.button(text=t("btn_assign"), callback_data=CardAction(a="assign", t=tid))
        first += 1
    builder.button(text=t("btn_due"), callback_data=CardAction(a="due", t=tid))
    builder.button(text=t("btn_cause"), callback_data=CardAction(a="cause", t=tid))
    builder.button(text=t("btn_close"), callback_data=CardAction(a="close", t=tid))
    last = 1
    if ticket.is_mention:
        # An undecided mention that is only possibly a complaint: the director may go either way.
        verdicts: list[tuple[str, bool]] = []
        if not ticket.is_complaint:
            verdicts.append(("btn_is_complaint", True))
        if ticket.is_complaint or ticket.verdict is None:
            verdicts.append(("btn_not_complaint", False))
        for key, complaint in verdicts:
            builder.button(text=t(key), callback_data=VerdictPick(t=tid, c=complaint))
        last += len(verdicts)
    sizes = (first, 2, last) if first else (2, last)
    return builder.adjust(*sizes).as_markup()


def _back(builder: InlineKeyboardBuilder, ticket_id: int, t: Texts) -> None:
    """A picker's last row: back to the card's own buttons."""
    builder.button(text=t("btn_back"), callback_data=CardAction(a="back", t=ticket_id))


def owner_keyboard(
    ticket_id: int, members: list[StaffMember], me: int, t: Texts
) -> InlineKeyboardMarkup:
    """Managers first (they are who directors delegate to), then directors; one per row."""
    ordered = sorted(members, key=lambda m: (m.role is not Role.MANAGER, m.display_name.lower()))
    builder = InlineKeyboardBuilder()
    for member in ordered:
        label = member.display_name
        if member.user_id == me:
            label = t("btn_me", name=label)
        builder.button(text=label, callback_data=OwnerPick(t=ticket_id, u=member.user_id))
    _back(builder, ticket_id, t)
    return builder.adjust(1).as_markup()


def due_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    """The presets two to a row, then a typed date, then back."""
    builder = InlineKeyboardBuilder()
    for preset in PRESETS:
        builder.button(text=t(f"btn_due_{preset}"), callback_data=DuePick(t=ticket_id, p=preset))
    builder.button(text=t("btn_due_typed"), callback_data=DuePick(t=ticket_id, p="typed"))
    _back(builder, ticket_id, t)
    return builder.adjust(2, len(PRESETS) - 2, 1).as_markup()


def _cause_button(cause: RootCause, t: Texts) -> str:
    """A named cause by its name; "other" says a word will be asked for."""
    return t("btn_cause_other") if cause is RootCause.OTHER else t(f"cause_{cause.value}")


def cause_keyboard(ticket_id: int, t: Texts, *, back: bool = True) -> InlineKeyboardMarkup:
    """The causes one per row; "back" to the card's buttons when the picker is on a card."""
    builder = InlineKeyboardBuilder()
    for cause in CAUSE_CHOICES:
        builder.button(
            text=_cause_button(cause, t), callback_data=CausePick(t=ticket_id, c=cause.value)
        )
    if back:
        _back(builder, ticket_id, t)
    return builder.adjust(1).as_markup()


def close_cause_keyboard(
    ticket_id: int, draft_id: int, where: str, t: Texts
) -> InlineKeyboardMarkup:
    """The causes, each of which sets the cause and then closes (with the parked resolution
    `draft_id`, if any); on a card, "back" leaves the ticket open."""
    builder = InlineKeyboardBuilder()
    for cause in CAUSE_CHOICES:
        builder.button(
            text=_cause_button(cause, t),
            callback_data=CloseCause(t=ticket_id, c=cause.value, d=draft_id, w=where),
        )
    if where == "c":
        _back(builder, ticket_id, t)
    return builder.adjust(1).as_markup()


def close_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("btn_close_now"), callback_data=CloseChoice(t=ticket_id, note=False))
    builder.button(text=t("btn_close_note"), callback_data=CloseChoice(t=ticket_id, note=True))
    _back(builder, ticket_id, t)
    return builder.adjust(1).as_markup()


def due_confirm_keyboard(ticket_id: int, minute: int, shown: str, t: Texts) -> InlineKeyboardMarkup:
    """Yes (with the date written out) or no, one per row."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=t("btn_due_far_yes", due=shown), callback_data=DueConfirm(t=ticket_id, m=minute)
    )
    builder.button(text=t("btn_due_far_no"), callback_data=DueConfirm(t=ticket_id, m=0))
    return builder.adjust(1).as_markup()
