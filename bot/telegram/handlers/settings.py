"""/settings for directors: what the morning digest does on a morning with nothing to report,
and how their replies to clients are signed.

Each director chooses for themselves; the choice is stored, so it survives restarts. The
signature is set by command, `/settings sign Имя Фамилия, должность` (`-` goes back to the
default, the director's Telegram name and role), because a client reads it under every reply
and a typed line is what a director would write under a letter anyway.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Config
from bot.core.events import Actor
from bot.core.scheduler import Digests
from bot.core.tickets import TicketService
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import DirectorOnly, visible
from bot.telegram.filters import COMMAND_LIKE
from bot.views.keyboards.callbacks import DigestAllClear
from bot.views.keyboards.settings import settings_keyboard
from bot.views.texts import Html, Texts

SIGN = "sign"
RESET = "-"
# A signature sits on one line above every reply a client reads: a name and a role, not a
# paragraph.
SIGNATURE_LIMIT = 80


async def _signature(service: TicketService, actor: Actor, texts: Texts) -> str:
    """The director's signature as clients see it: their own, or their name and role."""
    own = await service.signature(actor.user_id)
    if own:
        return own
    role = Html(texts("signature_role_director"))
    return Html(texts("signature_default", name=actor.name, role=role))


def _view(
    all_clear: bool, signature: str, config: Config, texts: Texts
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        texts(
            "settings_title",
            time=config.digest_time.strftime("%H:%M"),
            tz=config.timezone.key,
        ),
        texts("settings_all_clear_on" if all_clear else "settings_all_clear_off"),
        texts("settings_signature", signature=signature),
    ]
    return "\n".join(lines), settings_keyboard(all_clear, texts)


async def show(
    message: Message,
    command: CommandObject,
    digests: Digests,
    service: TicketService,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> None:
    words = (command.args or "").split(maxsplit=1)
    if words and words[0].lower() == SIGN:
        await message.answer(await _sign(words[1] if len(words) > 1 else "", service, texts, actor))
        return
    signature = await _signature(service, actor, texts)
    text, markup = _view(await digests.all_clear(actor.user_id), signature, config, texts)
    await message.answer(text, reply_markup=markup)


async def _sign(raw: str, service: TicketService, texts: Texts, actor: Actor) -> str:
    """Store a new signature (one line, however it was typed) and say what it is now."""
    value = " ".join(raw.split())
    if not value:
        return texts("settings_signature_usage", signature=await _signature(service, actor, texts))
    if value != RESET and (len(value) > SIGNATURE_LIMIT or not visible(value)):
        return texts("settings_signature_invalid", limit=SIGNATURE_LIMIT)
    await service.set_signature(actor.user_id, None if value == RESET else value)
    return texts("settings_signature_saved", signature=await _signature(service, actor, texts))


async def switch(
    query: CallbackQuery,
    callback_data: DigestAllClear,
    digests: Digests,
    service: TicketService,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> None:
    await digests.set_all_clear(query.from_user.id, callback_data.on)
    if isinstance(query.message, Message):
        signature = await _signature(service, actor, texts)
        text, markup = _view(callback_data.on, signature, config, texts)
        with unless_unchanged():
            await query.message.edit_text(text, reply_markup=markup)
    await query.answer(texts("settings_saved"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = DirectorOnly().attach(Router(name="settings"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(show, Command("settings"), F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(switch, DigestAllClear.filter())
    return router
