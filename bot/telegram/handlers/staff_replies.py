"""Staff messages that are not commands: answers to prompts and replies to cards or relays.

What a reply means is looked up in the database by (chat, message id) of the message it
answers, so it works after a restart and never depends on parsing the bot's own text.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.enums import ChatType, ContentType
from aiogram.types import Message

from bot.core.events import Actor
from bot.core.tickets import TicketService
from bot.telegram.access import IsStaff
from bot.telegram.desk import Answer, Desk, cause_note
from bot.views.texts import Texts
from storage.models import Post, RootCause

REPLY_KINDS = frozenset({"card", "relay", "view", "prompt_reply"})
# A message the bot sent a moment ago may not be recorded yet: Telegram answers the send
# before the post row is committed, and a quick reply can overtake that commit.
FRESH = timedelta(seconds=30)
RECORDING_WAIT = 2.0
RECORDING_STEP = 0.05
# "prompt_cause_close:<draft id>": the word for an "other" cause, then close (see card_buttons)
CAUSE_CLOSE_PREFIX = "prompt_cause_close:"


def parked_draft(kind: str) -> int | None:
    """The draft id a cause-then-close prompt carries; None for any other kind."""
    if not kind.startswith(CAUSE_CLOSE_PREFIX):
        return None
    tail = kind.removeprefix(CAUSE_CLOSE_PREFIX)
    return int(tail) if tail.isdigit() else None


async def answered(
    message: Message,
    bot: Bot,
    service: TicketService,
    desk: Desk,
    texts: Texts,
    actor: Actor,
) -> None:
    assert message.reply_to_message is not None
    post = await _find_post(message, service, bot.id)
    if post is None:
        if message.chat.type == ChatType.PRIVATE:
            await message.answer(texts("not_linked"))
        return
    text = message.text or message.caption or ""
    if post.kind in REPLY_KINDS:
        content_type = ContentType(message.content_type).value
        if content_type == "text" and not text.strip():
            return
        answer = await desk.offer_reply(post.ticket_id, actor, text, message, content_type)
    elif post.kind == "prompt_due":
        answer = await desk.set_due_text(post.ticket_id, text, actor)
    elif post.kind == "prompt_close":
        answer = await desk.offer_close(post.ticket_id, text.strip() or None, actor)
    elif post.kind == "prompt_cause_other" or parked_draft(post.kind) is not None:
        note = cause_note(text)
        if note is None:
            return
        draft_id = parked_draft(post.kind)
        if draft_id is None:
            said = await desk.set_cause(post.ticket_id, RootCause.OTHER, actor, note)
            answer = Answer(said)
        else:
            answer = await desk.cause_then_close(
                post.ticket_id, RootCause.OTHER, draft_id, actor, note
            )
    elif post.kind == "prompt_note":
        answer = Answer(await desk.note(post.ticket_id, text, actor))
    else:
        return
    await message.reply(answer.text, reply_markup=answer.markup)


async def _find_post(message: Message, service: TicketService, bot_id: int) -> Post | None:
    """The post the message answers; for a fresh message of the bot's own, waits briefly
    for its row instead of calling a just-sent prompt "not linked"."""
    replied = message.reply_to_message
    assert replied is not None
    post = await service.find_post(message.chat.id, replied.message_id)
    own = replied.from_user is not None and replied.from_user.id == bot_id
    if post is not None or not own or message.date - replied.date > FRESH:
        return post
    loop = asyncio.get_running_loop()
    deadline = loop.time() + RECORDING_WAIT
    while post is None and loop.time() < deadline:
        await asyncio.sleep(RECORDING_STEP)
        post = await service.find_post(message.chat.id, replied.message_id)
    return post


async def unknown_command(message: Message, texts: Texts) -> None:
    await message.answer(texts("unknown_command"))


async def stray(message: Message, texts: Texts) -> None:
    await message.answer(texts("staff_hint"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="staff_replies")
    router.message.filter(IsStaff())
    router.message.register(answered, F.reply_to_message)
    router.message.register(
        unknown_command, F.chat.type == ChatType.PRIVATE, F.text.startswith("/")
    )
    router.message.register(stray, F.chat.type == ChatType.PRIVATE)
    return router
