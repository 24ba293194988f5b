"""Mention sources: remove buttons for /feeds and /channels, a page at a time, and the
instant-cards switch under /sources and mention summaries."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import InstantMode, SourcePage, SourceRemove, SummaryComplaint
from bot.views.texts import Texts

# Remove buttons per page. Telegram refuses a keyboard of more than 100 buttons, and a phone
# shows about twenty rows without scrolling, so a long list pages instead of breaking.
PAGE_SIZE = 20
NAME_ON_BUTTON = 40
# "This is a complaint" buttons under a summary: one per listed mention would be up to a
# hundred; eight (two rows of four short labels) cover the likeliest, /ticket N the rest.
SUMMARY_BUTTONS = 8
SUMMARY_ROW = 4


def pages(count: int) -> int:
    """How many pages `count` sources take (an empty list is still one page)."""
    return max(1, -(-count // PAGE_SIZE))


def sources_keyboard(
    items: list[tuple[int, str]], kind: str, page: int, t: Texts
) -> InlineKeyboardMarkup | None:
    """One remove button per source of one page (`items` pairs every source id of `kind` with
    its shown name), and arrows to the pages before and after when there are others."""
    total = pages(len(items))
    page = min(max(page, 0), total - 1)
    shown = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    if not shown:
        return None
    builder = InlineKeyboardBuilder()
    for sid, name in shown:
        label = t("btn_remove_source", id=sid, name=name[:NAME_ON_BUTTON])
        builder.button(text=label, callback_data=SourceRemove(i=sid))
    arrows = 0
    if page > 0:
        label = t("btn_page_prev", page=page, pages=total)
        builder.button(text=label, callback_data=SourcePage(k=kind, p=page - 1))
        arrows += 1
    if page < total - 1:
        label = t("btn_page_next", page=page + 2, pages=total)
        builder.button(text=label, callback_data=SourcePage(k=kind, p=page + 1))
        arrows += 1
    return builder.adjust(*([1] * len(shown)), *([arrows] if arrows else [])).as_markup()


def instant_keyboard(on: bool, t: Texts) -> InlineKeyboardMarkup:
    """The switch under a summary and /sources: offers the mode that is not on now."""
    label = t("btn_instant_off") if on else t("btn_instant_on")
    builder = InlineKeyboardBuilder()
    builder.button(text=label, callback_data=InstantMode(on=not on))
    return builder.as_markup()


def summary_keyboard(ticket_ids: list[int], instant_on: bool, t: Texts) -> InlineKeyboardMarkup:
    """Under a summary: a one-tap "№N — complaint" for up to SUMMARY_BUTTONS of the listed
    mentions (the caller puts the likeliest first), then the instant-cards switch."""
    shown = ticket_ids[:SUMMARY_BUTTONS]
    builder = InlineKeyboardBuilder()
    for tid in shown:
        builder.button(
            text=t("btn_summary_complaint", id=tid), callback_data=SummaryComplaint(t=tid)
        )
    label = t("btn_instant_off") if instant_on else t("btn_instant_on")
    builder.button(text=label, callback_data=InstantMode(on=not instant_on))
    rows = [SUMMARY_ROW] * (len(shown) // SUMMARY_ROW)
    if len(shown) % SUMMARY_ROW:
        rows.append(len(shown) % SUMMARY_ROW)
    return builder.adjust(*rows, 1).as_markup()
