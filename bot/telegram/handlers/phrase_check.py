"""The phrase check's buttons: a held reply sent as suggested, as written, or written again;
and /phrases, where directors switch a flag off for the whole company."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.core.events import Actor
from bot.core.phrase_check import FLAGS
from bot.core.reply_checks import ReplyChecks
from bot.core.tickets import TicketService
from bot.telegram.access import DirectorOnly, StaffOnly
from bot.telegram.desk import Desk
from bot.telegram.filters import COMMAND_LIKE
from bot.telegram.prompts import ask
from bot.views.keyboards.callbacks import PhraseFlag, ReplyDraft
from bot.views.keyboards.phrases import flags_keyboard
from bot.views.phrases import render_flags
from bot.views.texts import Texts


async def held_choice(
    query: CallbackQuery,
    callback_data: ReplyDraft,
    desk: Desk,
    bot: Bot,
    service: TicketService,
    texts: Texts,
    actor: Actor,
) -> None:
    """The preview message turns into the outcome, so it cannot be pressed twice."""
    message = query.message
    if callback_data.a == "w":
        again = await desk.rewrite(callback_data.d, actor)
        if again is None:
            await query.answer(texts("draft_used"), show_alert=True)
            return
        ticket_id, kind = again
        if message is not None:
            await bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=message.message_id, reply_markup=None
            )
            text = texts("prompt_rewrite", id=ticket_id)
            await ask(
                bot, service, message.chat.id, ticket_id, kind, text, texts("placeholder_reply")
            )
        await query.answer()
        return
    if callback_data.a == "b":
        answer = await desk.send_via_bot(callback_data.d, actor)
    else:
        answer = await desk.decide(callback_data.d, callback_data.a == "r", actor)
    if answer is None:
        await query.answer(texts("draft_used"), show_alert=True)
        return
    if message is not None:
        await bot.edit_message_text(
            text=answer.text,
            chat_id=message.chat.id,
            message_id=message.message_id,
            reply_markup=answer.markup,
        )
    await query.answer()


async def show_flags(message: Message, checks: ReplyChecks, texts: Texts) -> None:
    off = await checks.disabled()
    await message.answer(
        render_flags(off, FLAGS, texts), reply_markup=flags_keyboard(off, FLAGS, texts)
    )


async def switch_flag(
    query: CallbackQuery, callback_data: PhraseFlag, checks: ReplyChecks, bot: Bot, texts: Texts
) -> None:
    off = await checks.switch(callback_data.f, callback_data.on)
    message = query.message
    if message is not None:
        await bot.edit_message_text(
            text=render_flags(off, FLAGS, texts),
            chat_id=message.chat.id,
            message_id=message.message_id,
            reply_markup=flags_keyboard(off, FLAGS, texts),
        )
    await query.answer(texts("phrases_switched"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="phrase_check")
    staff = StaffOnly().attach(Router(name="phrase_check_staff"))
    staff.callback_query.register(held_choice, ReplyDraft.filter())
    directors = DirectorOnly().attach(Router(name="phrase_check_directors"))
    directors.message.filter(COMMAND_LIKE)
    directors.message.register(show_flags, Command("phrases"))
    directors.callback_query.register(switch_flag, PhraseFlag.filter())
    router.include_routers(staff, directors)
    return router
