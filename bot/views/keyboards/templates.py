"""Reply templates' buttons: the way in beside the reply prompt, the menu, and one filled text."""

from __future__ import annotations

from aiogram.types import CopyTextButton, InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.keyboards.callbacks import TemplateMenu, TemplatePick, TemplateSend
from bot.views.templates import Filled, Template
from bot.views.texts import Texts

BUILTIN_PER_ROW = 2


def entry_keyboard(ticket_id: int, t: Texts) -> InlineKeyboardMarkup:
    """A force-reply prompt cannot carry buttons, so this one rides on a message of its own."""
    builder = InlineKeyboardBuilder()
    builder.button(text=t("btn_tpl_open"), callback_data=TemplateMenu(t=ticket_id))
    return builder.as_markup()


def menu_keyboard(ticket_id: int, templates: list[Template], t: Texts) -> InlineKeyboardMarkup:
    """The built-in ones two to a row (short labels), then the company's own one per row."""
    builder = InlineKeyboardBuilder()
    builtin = sum(1 for item in templates if item.builtin)
    for item in templates:
        builder.button(text=item.title, callback_data=TemplatePick(t=ticket_id, k=item.key))
    rows = [BUILTIN_PER_ROW] * -(-builtin // BUILTIN_PER_ROW)
    return builder.adjust(*rows, 1).as_markup()


def preview_keyboard(
    ticket_id: int, template: Template, filled: Filled, t: Texts
) -> InlineKeyboardMarkup:
    """Under a filled text: "send as is" only when no [gap] is left; "copy" when Telegram can
    carry the whole text, so it can be pasted into a reply, changed and sent; and the way back
    to the menu."""
    rows: list[list[InlineKeyboardButton]] = []
    if filled.complete:
        data = TemplateSend(t=ticket_id, k=template.key, h=filled.digest)
        rows.append([InlineKeyboardButton(text=t("btn_tpl_send"), callback_data=data.pack())])
    if filled.copyable:
        copy = CopyTextButton(text=filled.text)
        rows.append([InlineKeyboardButton(text=t("btn_tpl_copy"), copy_text=copy)])
    back = TemplateMenu(t=ticket_id).pack()
    rows.append([InlineKeyboardButton(text=t("btn_tpl_back"), callback_data=back)])
    return InlineKeyboardMarkup(inline_keyboard=rows)
