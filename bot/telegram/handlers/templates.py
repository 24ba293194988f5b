"""Reply templates: "📋 Шаблон" beside the reply prompt, and /templates.

Every message that offers templates for a ticket (the entry beside the prompt, the menu, a
filled text) is stored as a "prompt_reply" post, so a reply to any of them, typically the
filled text copied, changed and sent back, goes to that ticket's client like a reply to the
prompt itself (bot/telegram/handlers/staff_replies.py). The buttons only change that message in
place: the menu, then one template filled for the ticket, then back.

Everyone on the staff may use the templates; only directors add, edit and delete the company's
own (`/templates add|edit|delete`), and a manager who tries is told so.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.config import Config
from bot.core.events import Actor
from bot.core.templates import ReplyTemplates
from bot.core.tickets import TicketService
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import StaffOnly
from bot.telegram.desk import Desk
from bot.telegram.filters import COMMAND_LIKE
from bot.views.keyboards.callbacks import TemplateMenu, TemplatePick, TemplateSend
from bot.views.keyboards.templates import menu_keyboard, preview_keyboard
from bot.views.templates import (
    BODY_LIMIT,
    COMPANY_LIMIT,
    SLOT_NAMES,
    TITLE_LIMIT,
    Template,
    TemplateError,
    builtin_templates,
    check_body,
    check_title,
    company_templates,
    fill_for,
    render_done,
    render_list,
    render_preview,
)
from bot.views.texts import Texts
from storage.models import Role

log = logging.getLogger(__name__)

POST_KIND = "prompt_reply"  # replying to a template message answers the client
_TICKET = re.compile(r"^#?(\d{1,19})$")
_NUMBER = re.compile(r"^#?(\d{1,19})(.*)$", re.DOTALL)
ADD = frozenset({"add", "добавить"})
EDIT = frozenset({"edit", "изменить"})
DELETE = frozenset({"delete", "del", "удалить"})

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


async def _all(templates: ReplyTemplates, t: Texts) -> list[Template]:
    return builtin_templates(t) + company_templates(await templates.company())


async def _find(key: str, templates: ReplyTemplates, t: Texts) -> Template | None:
    """A built-in template by its code, or the company's by its id; None for neither (deleted
    since the menu was drawn, or a forged button)."""
    if key.isdigit():
        row = await templates.get(int(key))
        return company_templates([row])[0] if row else None
    return next((item for item in builtin_templates(t) if item.key == key), None)


# --- the buttons -------------------------------------------------------------------------------


_TEMPLATE_BUTTONS: tuple[type[TemplateMenu | TemplatePick | TemplateSend], ...] = (
    TemplateMenu,
    TemplatePick,
    TemplateSend,
)


def _offers_templates(message: Message, ticket_id: int) -> bool:
    """Whether the message carries template buttons for this ticket. The message (unlike the
    button data) comes from Telegram as the chat shows it, so this is what the bot drew there:
    only its template messages have such buttons, and each is that ticket's post. Asked of
    the message rather than the database, it also holds for a press that comes in before the
    post of a message just sent is stored."""
    rows = message.reply_markup.inline_keyboard if message.reply_markup else []
    for data in (item.callback_data for row in rows for item in row if item.callback_data):
        for kind in _TEMPLATE_BUTTONS:
            if data.startswith(f"{kind.__prefix__}:"):
                try:
                    if kind.unpack(data).t == ticket_id:
                        return True
                except (TypeError, ValueError):
                    continue
    return False


async def _ours(query: CallbackQuery, ticket_id: int, t: Texts) -> bool:
    """Whether the pressed message is this ticket's template message. A reply to it answers
    that ticket, so a button naming another ticket (forged, or under a card) changes nothing:
    ticket 2's text on ticket 1's message would send the edited text to ticket 1's client."""
    message = query.message
    if isinstance(message, Message) and _offers_templates(message, ticket_id):
        return True
    await query.answer(t("button_outdated"), show_alert=True)
    return False


async def menu(
    query: CallbackQuery,
    callback_data: TemplateMenu,
    service: TicketService,
    templates: ReplyTemplates,
    texts: Texts,
) -> None:
    await service.get(callback_data.t)
    if not await _ours(query, callback_data.t, texts):
        return
    assert isinstance(query.message, Message)
    items = await _all(templates, texts)
    with unless_unchanged():
        await query.message.edit_text(
            texts("tpl_menu", id=callback_data.t),
            reply_markup=menu_keyboard(callback_data.t, items, texts),
        )
    await query.answer()


async def pick(
    query: CallbackQuery,
    callback_data: TemplatePick,
    service: TicketService,
    templates: ReplyTemplates,
    config: Config,
    texts: Texts,
) -> None:
    ticket = await service.get(callback_data.t)
    if not await _ours(query, ticket.id, texts):
        return
    template = await _find(callback_data.k, templates, texts)
    if template is None:
        await query.answer(texts("tpl_gone"), show_alert=True)
        return
    assert isinstance(query.message, Message)
    filled = fill_for(template, ticket, texts, config.timezone)
    with unless_unchanged():
        await query.message.edit_text(
            render_preview(template, ticket.id, filled, texts),
            reply_markup=preview_keyboard(ticket.id, template, filled, texts),
        )
    await query.answer()


def _still_offered(message: Message, callback_data: TemplateSend) -> bool:
    """Whether the message, as the chat shows it now, still has this button: once sent, its
    buttons are gone, so a late or forged press of an old "send as is" finds nothing."""
    data = callback_data.pack()
    markup = message.reply_markup
    rows = markup.inline_keyboard if markup else []
    return any(item.callback_data == data for row in rows for item in row)


class Sending:
    """The "send as is" button, once per message: the buttons are taken away before the reply
    goes, a press arriving meanwhile finds the message busy, and one arriving later finds no
    button, so the client never gets the same text twice."""

    def __init__(self) -> None:
        self._busy: set[tuple[int, int]] = set()

    async def send(
        self,
        query: CallbackQuery,
        callback_data: TemplateSend,
        service: TicketService,
        templates: ReplyTemplates,
        desk: Desk,
        config: Config,
        texts: Texts,
        actor: Actor,
    ) -> None:
        ticket = await service.get(callback_data.t)
        if not await _ours(query, ticket.id, texts):
            return
        message = query.message
        assert isinstance(message, Message)
        template = await _find(callback_data.k, templates, texts)
        if template is None:
            await query.answer(texts("tpl_gone"), show_alert=True)
            return
        filled = fill_for(template, ticket, texts, config.timezone)
        if filled.digest != callback_data.h:
            # Not what the person saw: show them what would go now, and let them decide again.
            with unless_unchanged():
                await message.edit_text(
                    render_preview(template, ticket.id, filled, texts),
                    reply_markup=preview_keyboard(ticket.id, template, filled, texts),
                )
            await query.answer(texts("tpl_changed"), show_alert=True)
            return
        if not filled.complete:
            await query.answer(texts("tpl_incomplete"), show_alert=True)
            return
        key = (message.chat.id, message.message_id)
        if not _still_offered(message, callback_data):
            await query.answer(texts("button_outdated"), show_alert=True)
            return
        if key in self._busy:
            await query.answer(texts("tpl_busy"))
            return
        self._busy.add(key)
        try:
            with unless_unchanged():
                await message.edit_text(render_done(template, ticket.id, filled, texts))
            await query.answer()
            # The same way as a typed reply: the phrase check sees it first.
            answer = await desk.offer_reply(ticket.id, actor, filled.text)
            await message.reply(answer.text, reply_markup=answer.markup)
        finally:
            self._busy.discard(key)
        log.info(
            "templates.sent ticket=%d template=%s by=%d", ticket.id, template.key, actor.user_id
        )


# --- /templates --------------------------------------------------------------------------------


async def command(
    message: Message,
    command: CommandObject,
    service: TicketService,
    templates: ReplyTemplates,
    texts: Texts,
    role: Role,
    actor: Actor,
) -> None:
    """/templates [N | add … | edit … | delete …]; a malformed call gets the usage line."""
    args = (command.args or "").strip()
    if not args:
        own = company_templates(await templates.company())
        for part in render_list(
            builtin_templates(texts), own, texts, director=role is Role.DIRECTOR
        ):
            await message.answer(part)
        return
    number = _TICKET.match(args)
    if number:
        await _menu_for(message, service, templates, texts, int(number.group(1)))
        return
    verb, rest = (*args.split(maxsplit=1), "")[:2]
    verb = verb.lower()
    if verb not in ADD | EDIT | DELETE:
        await message.answer(texts("tpl_usage"))
        return
    if role is not Role.DIRECTOR:
        await message.answer(texts("tpl_directors_only"))
        return
    try:
        if verb in ADD:
            answer = await _add(rest, templates, texts, actor)
        elif verb in EDIT:
            answer = await _edit(rest, templates, texts, actor)
        else:
            answer = await _delete(rest, templates, texts, actor)
    except TemplateError as error:
        answer = _refusal(error, texts)
    await message.answer(answer)


async def _menu_for(
    message: Message,
    service: TicketService,
    templates: ReplyTemplates,
    t: Texts,
    ticket_id: int,
) -> None:
    await service.get(ticket_id)
    sent = await message.answer(
        t("tpl_menu", id=ticket_id),
        reply_markup=menu_keyboard(ticket_id, await _all(templates, t), t),
    )
    await service.add_post(message.chat.id, sent.message_id, ticket_id, POST_KIND)


def _split(rest: str) -> tuple[str, str] | None:
    """Split a title from its text at the first bar; None when there is no bar."""
    head, bar, body = rest.partition("|")
    return (head, body) if bar else None


async def _add(rest: str, templates: ReplyTemplates, t: Texts, actor: Actor) -> str:
    parts = _split(rest)
    if parts is None:
        return t("tpl_usage")
    title, body = check_title(parts[0]), check_body(parts[1])
    added = await templates.add(title, body, actor)
    if added is None:
        return t("tpl_err_too_many", limit=COMPANY_LIMIT)
    return t("tpl_added", n=added.id, title=added.title)


async def _edit(rest: str, templates: ReplyTemplates, t: Texts, actor: Actor) -> str:
    """/templates edit N | text, or edit N New title | text to rename it too."""
    match = _NUMBER.match(rest.strip())
    parts = _split(match.group(2)) if match else None
    if match is None or parts is None:
        return t("tpl_usage")
    title = check_title(parts[0]) if parts[0].strip() else None
    edited = await templates.edit(int(match.group(1)), title, check_body(parts[1]), actor)
    if edited is None:
        return t("tpl_not_found", n=match.group(1))
    return t("tpl_edited", n=edited.id, title=edited.title)


async def _delete(rest: str, templates: ReplyTemplates, t: Texts, actor: Actor) -> str:
    match = _TICKET.match(rest.strip())
    if match is None:
        return t("tpl_usage")
    deleted = await templates.delete(int(match.group(1)), actor)
    if deleted is None:
        return t("tpl_not_found", n=match.group(1))
    return t("tpl_deleted", n=deleted.id, title=deleted.title)


def _refusal(error: TemplateError, t: Texts) -> str:
    if error.reason == "title":
        return t("tpl_err_title", limit=TITLE_LIMIT)
    if error.reason == "empty":
        return t("tpl_err_empty", usage=t("tpl_usage"))
    if error.reason == "too_long":
        return t("tpl_err_too_long", length=error.found, limit=BODY_LIMIT)
    if error.reason == "placeholder":
        return t("tpl_err_placeholder", found=f"{{{error.found}}}", **SLOT_NAMES)
    return t("tpl_err_brace", **SLOT_NAMES)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = StaffOnly().attach(Router(name="templates"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(command, Command("templates"))
    router.callback_query.register(menu, TemplateMenu.filter())
    router.callback_query.register(pick, TemplatePick.filter())
    router.callback_query.register(Sending().send, TemplateSend.filter())
    return router
