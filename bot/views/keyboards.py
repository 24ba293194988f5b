"""Inline keyboards of the ticket card and its pickers, with typed callback data.

Every callback carries only short codes and ids, so it stays far below Telegram's 64 bytes
(checked in tests for the largest ids).
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.dates import PRESETS
from bot.views.texts import Texts
from storage.models import RootCause, StaffMember, Ticket


class CardAction(CallbackData, prefix="c"):
    """A button on the card itself; `a` is the action code."""

    a: str
    t: int


class OwnerPick(CallbackData, prefix="o"):
    t: int
    u: int


class DuePick(CallbackData, prefix="d"):
    t: int
    p: str


class CausePick(CallbackData, prefix="r"):
    t: int
    c: str


class CloseChoice(CallbackData, prefix="x"):
    t: int
    note: bool


class VerdictPick(CallbackData, prefix="v"):
    """The director's "complaint / not a complaint" on a mention's card."""

    t: int
    c: bool


class InstantMode(CallbackData, prefix="m"):
    """Every mention as a card at once (True), or non-complaints in the summary (False)."""

    on: bool


class SourceRemove(CallbackData, prefix="s"):
    i: int


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def card_keyboard(ticket: Ticket, t: Texts, *, can_assign: bool) -> InlineKeyboardMarkup:
    """A mention from a feed or a public channel has nobody to answer in Telegram, so it has
    no Reply button; every mention gets the complaint / not-a-complaint switch."""
    tid = ticket.id
    reply = [_button(t("btn_reply"), CardAction(a="reply", t=tid))]
    if ticket.is_mention and ticket.client_chat_id is None:
        reply = []
    verdict = []
    if ticket.is_mention:
        verdict = [
            _button(t("btn_not_complaint"), VerdictPick(t=tid, c=False))
            if ticket.is_complaint
            else _button(t("btn_is_complaint"), VerdictPick(t=tid, c=True))
        ]
    if ticket.is_closed:
        rows = [[*reply, _button(t("btn_reopen"), CardAction(a="reopen", t=tid))]]
        return InlineKeyboardMarkup(inline_keyboard=rows)
    first = list(reply)
    if can_assign:
        first.append(_button(t("btn_assign"), CardAction(a="assign", t=tid)))
    rows = [
        first,
        [
            _button(t("btn_due"), CardAction(a="due", t=tid)),
            _button(t("btn_cause"), CardAction(a="cause", t=tid)),
        ],
        [_button(t("btn_close"), CardAction(a="close", t=tid)), *verdict],
    ]
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def instant_keyboard(on: bool, t: Texts) -> InlineKeyboardMarkup:
    """The switch under a summary and /sources: offers the mode that is not on now."""
    label = t("btn_instant_off") if on else t("btn_instant_on")
    return InlineKeyboardMarkup(inline_keyboard=[[_button(label, InstantMode(on=not on))]])


def sources_keyboard(items: list[tuple[int, str]], t: Texts) -> InlineKeyboardMarkup | None:
    """One remove button per source: `items` pairs a source id with its shown name."""
    if not items:
        return None
    rows = [
        [_button(t("btn_remove_source", id=sid, name=name[:40]), SourceRemove(i=sid))]
        for sid, name in items
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def back_row(ticket_id: int, t: Texts) -> list[InlineKeyboardButton]:
    return [_button(t("btn_back"), CardAction(a="back", t=ticket_id))]


def owner_keyboard(
    ticket_id: int, members: list[StaffMember], me: int, t: Texts
) -> InlineKeyboardMarkup:
    """Managers first (they are who directors delegate to), then directors."""
    ordered = sorted(members, key=lambda m: (m.role.value != "manager", m.display_name.lower()))
    rows = []
    for member in ordered:
        label = member.display_name
        if member.user_id == me:
            label = t("btn_me", name=label)
        rows.append([_button(label, OwnerPick(t=ticket_id, u=member.user_id))])
    rows.append(back_row(ticket_id, t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def due_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    presets = [_button(t(f"btn_due_{p}"), DuePick(t=ticket_id, p=p)) for p in PRESETS]
    rows = [
        presets[:2],
        presets[2:],
        [_button(t("btn_due_typed"), DuePick(t=ticket_id, p="typed"))],
    ]
    rows.append(back_row(ticket_id, t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def cause_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    rows = [
        [_button(t(f"cause_{cause.value}"), CausePick(t=ticket_id, c=cause.value))]
        for cause in RootCause
    ]
    rows.append(back_row(ticket_id, t))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def close_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    rows = [
        [_button(t("btn_close_now"), CloseChoice(t=ticket_id, note=False))],
        [_button(t("btn_close_note"), CloseChoice(t=ticket_id, note=True))],
        back_row(ticket_id, t),
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)
