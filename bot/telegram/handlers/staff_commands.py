"""Staff commands: /open /mine /ticket /claim /reply /note /due /close /cause.

Arguments are parsed by small pure functions; a malformed call gets its usage line back.
"""

from __future__ import annotations

import re

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.config import Config
from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.delivery.card_view import CardView
from bot.telegram.access import StaffOnly
from bot.telegram.desk import Desk, cause_note
from bot.telegram.filters import COMMAND_LIKE
from bot.telegram.prompts import ask
from bot.views.cards import render_history, render_list
from bot.views.keyboards.card import cause_keyboard
from bot.views.texts import Texts
from storage.models import RootCause, Ticket

LIST_LIMIT = 30
_ARGS = re.compile(r"^\s*#?(\d{1,12})(?:\s+(.*))?$", re.DOTALL)


# What /cause understands, in both languages whatever the bot speaks: staff type what they
# remember.
CAUSE_WORDS: dict[str, RootCause] = {
    "process": RootCause.PROCESS,
    "процесс": RootCause.PROCESS,
    "informing": RootCause.INFORMING,
    "информирование": RootCause.INFORMING,
    "expectations": RootCause.EXPECTATIONS,
    "ожидания": RootCause.EXPECTATIONS,
    "other": RootCause.OTHER,
    "другое": RootCause.OTHER,
}


def parse_cause(text: str) -> tuple[RootCause, str | None] | None:
    """'процесс' → (PROCESS, None); 'другое парковка у входа' → (OTHER, 'парковка у входа');
    'Other' → (OTHER, None); an unknown word → None."""
    word, _, rest = text.strip().partition(" ")
    cause = CAUSE_WORDS.get(word.lower().replace("ё", "е"))
    if cause is None:
        return None
    return cause, cause_note(rest) if cause is RootCause.OTHER else None


def parse_ticket_args(args: str | None) -> tuple[int, str] | None:
    """'12 some text' → (12, 'some text'); '#12' → (12, ''); anything else → None."""
    match = _ARGS.match(args or "")
    if match is None:
        return None
    return int(match.group(1)), (match.group(2) or "").strip()


async def _args(
    message: Message, command: CommandObject, texts: Texts, *, text_required: bool
) -> tuple[int, str] | None:
    """The ticket number and the rest, or None after telling the sender the usage line."""
    parsed = parse_ticket_args(command.args)
    if parsed is None or (text_required and not parsed[1]):
        name = command.command
        await message.answer(texts("usage", usage=texts(f"usage_{name}")))
        return None
    return parsed


async def _owner_names(
    service: TicketService, items: list[Ticket]
) -> list[tuple[Ticket, str | None]]:
    names = {m.user_id: m.display_name for m in await service.staff_members()}
    return [(t, names.get(t.owner_id, str(t.owner_id)) if t.owner_id else None) for t in items]


async def open_list(message: Message, service: TicketService, texts: Texts) -> None:
    items = await service.list_open(limit=LIST_LIMIT + 1)
    text = render_list("list_open", await _owner_names(service, items), texts, LIST_LIMIT)
    await message.answer(text)


async def mine(message: Message, service: TicketService, texts: Texts, actor: Actor) -> None:
    items = await service.list_open(owner_id=actor.user_id, limit=LIST_LIMIT + 1)
    text = render_list("list_mine", await _owner_names(service, items), texts, LIST_LIMIT)
    await message.answer(text)


async def ticket(
    message: Message,
    command: CommandObject,
    service: TicketService,
    cards: CardView,
    config: Config,
    texts: Texts,
) -> None:
    parsed = await _args(message, command, texts, text_required=False)
    if parsed is None:
        return
    history = await service.history(parsed[0])
    text, markup = await cards.render(history.ticket, message.chat.id)
    sent = await message.answer(text, reply_markup=markup)
    await service.add_post(message.chat.id, sent.message_id, history.ticket.id, "view")
    tz = config.timezone
    for part in render_history(
        history.ticket, history.entries, texts, tz, history.earlier_versions, history.events
    ):
        await message.answer(part)


async def claim(
    message: Message, command: CommandObject, desk: Desk, texts: Texts, actor: Actor
) -> None:
    parsed = await _args(message, command, texts, text_required=False)
    if parsed is None:
        return
    await message.answer(await desk.claim(parsed[0], actor))


async def reply(
    message: Message, command: CommandObject, desk: Desk, texts: Texts, actor: Actor
) -> None:
    parsed = await _args(message, command, texts, text_required=True)
    if parsed is None:
        return
    answer = await desk.offer_reply(parsed[0], actor, parsed[1])
    await message.answer(answer.text, reply_markup=answer.markup)


async def note(
    message: Message, command: CommandObject, desk: Desk, texts: Texts, actor: Actor
) -> None:
    parsed = await _args(message, command, texts, text_required=True)
    if parsed is None:
        return
    await message.answer(await desk.note(parsed[0], parsed[1], actor))


async def due(
    message: Message, command: CommandObject, desk: Desk, texts: Texts, actor: Actor
) -> None:
    parsed = await _args(message, command, texts, text_required=True)
    if parsed is None:
        return
    answer = await desk.set_due_text(parsed[0], parsed[1], actor)
    await message.answer(answer.text, reply_markup=answer.markup)


async def close(
    message: Message,
    command: CommandObject,
    desk: Desk,
    texts: Texts,
    actor: Actor,
) -> None:
    parsed = await _args(message, command, texts, text_required=False)
    if parsed is None:
        return
    answer = await desk.offer_close(parsed[0], parsed[1] or None, actor)
    await message.answer(answer.text, reply_markup=answer.markup)


async def cause(
    message: Message,
    command: CommandObject,
    desk: Desk,
    bot: Bot,
    service: TicketService,
    texts: Texts,
    actor: Actor,
) -> None:
    """/cause N: the picker; /cause N процесс: set it; /cause N другое слово: "other" with
    its word (without the word, a prompt asks for it)."""
    parsed = await _args(message, command, texts, text_required=False)
    if parsed is None:
        return
    ticket_id, rest = parsed
    await service.get(ticket_id)
    if not rest:
        markup = cause_keyboard(ticket_id, texts, back=False)
        await message.answer(texts("cause_ask", id=ticket_id), reply_markup=markup)
        return
    chosen = parse_cause(rest)
    if chosen is None:
        await message.answer(texts("cause_unknown", text=rest.split()[0][:40]))
        return
    root, note = chosen
    if root is RootCause.OTHER and note is None:
        kind = "prompt_cause_other"
        prompt, placeholder = texts(kind, id=ticket_id), texts("placeholder_cause_other")
        await ask(bot, service, message.chat.id, ticket_id, kind, prompt, placeholder)
        return
    await message.answer(await desk.set_cause(ticket_id, root, actor, note))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = StaffOnly().attach(Router(name="staff_commands"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(open_list, Command("open"))
    router.message.register(mine, Command("mine"))
    router.message.register(ticket, Command("ticket"))
    router.message.register(claim, Command("claim"))
    router.message.register(reply, Command("reply"))
    router.message.register(note, Command("note"))
    router.message.register(due, Command("due"))
    router.message.register(close, Command("close"))
    router.message.register(cause, Command("cause"))
    return router
