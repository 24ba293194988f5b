"""/settings for directors: what the morning digest does on a morning with nothing to report,
how their replies to clients are signed, what their posters say, and whether the bot answers
clients at once in their personal chats (Telegram Business).

Each director chooses for themselves; the choice is stored, so it survives restarts. The
signature is set by command, `/settings sign Имя Фамилия, должность` (`-` goes back to the
default, the director's Telegram name and role), because a client reads it under every reply
and a typed line is what a director would write under a letter anyway. The poster's line is
set the same way, `/settings poster …`, for the same reason: it is the director's own words.
The two on/off choices are buttons. Acknowledging in personal chats is off until a director
turns it on: those chats are theirs, and the bot speaks there only when asked to.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Config
from bot.core.business import BusinessChats
from bot.core.events import Actor
from bot.core.posters import Posters
from bot.core.scheduler import Digests
from bot.core.tickets import TicketService
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import DirectorOnly, visible
from bot.telegram.filters import COMMAND_LIKE
from bot.views.keyboards.callbacks import BusinessAck, DigestAllClear
from bot.views.keyboards.settings import settings_keyboard
from bot.views.poster import plain
from bot.views.texts import Html, Texts

SIGN = "sign"
POSTER = "poster"
RESET = "-"
# A signature sits on one line above every reply a client reads: a name and a role, not a
# paragraph.
SIGNATURE_LIMIT = 80
# A poster's line is read from a step away in large type: a sentence, not a notice.
POSTER_TEXT_LIMIT = 120


async def _signature(service: TicketService, actor: Actor, texts: Texts) -> str:
    """The director's signature as clients see it: their own, or their name and role."""
    own = await service.signature(actor.user_id)
    if own:
        return own
    role = Html(texts("signature_role_director"))
    return Html(texts("signature_default", name=actor.name, role=role))


async def _poster_text(posters: Posters, actor: Actor, texts: Texts) -> str:
    """What the director's posters say: their own line, or the default one."""
    return await posters.poster_text(actor.user_id) or plain(texts("poster_headline_default"))


def one_line(raw: str) -> str:
    """A typed setting as one line, however it was typed (new lines, repeated spaces)."""
    return " ".join(raw.split())


def _view(
    all_clear: bool,
    signature: str,
    poster_text: str,
    business_ack: bool,
    config: Config,
    texts: Texts,
) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        texts(
            "settings_title",
            time=config.digest_time.strftime("%H:%M"),
            tz=config.timezone.key,
        ),
        texts("settings_all_clear_on" if all_clear else "settings_all_clear_off"),
        texts("settings_signature", signature=signature),
        texts("settings_poster", text=poster_text),
        texts("settings_business_ack_on" if business_ack else "settings_business_ack_off"),
    ]
    return "\n".join(lines), settings_keyboard(all_clear, texts, business_ack)


async def _screen(
    digests: Digests,
    service: TicketService,
    posters: Posters,
    business: BusinessChats,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> tuple[str, InlineKeyboardMarkup]:
    """The settings as stored now: read after every change, so the screen shows what was
    kept, not what the button asked for."""
    return _view(
        await digests.all_clear(actor.user_id),
        await _signature(service, actor, texts),
        await _poster_text(posters, actor, texts),
        await business.ack(actor.user_id),
        config,
        texts,
    )


async def show(
    message: Message,
    command: CommandObject,
    digests: Digests,
    service: TicketService,
    posters: Posters,
    business: BusinessChats,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> None:
    words = (command.args or "").split(maxsplit=1)
    rest = words[1] if len(words) > 1 else ""
    if words and words[0].lower() == SIGN:
        await message.answer(await _sign(rest, service, texts, actor))
        return
    if words and words[0].lower() == POSTER:
        await message.answer(await _poster(rest, posters, texts, actor))
        return
    text, markup = await _screen(digests, service, posters, business, config, texts, actor)
    await message.answer(text, reply_markup=markup)


async def _sign(raw: str, service: TicketService, texts: Texts, actor: Actor) -> str:
    """Store a new signature (one line, however it was typed) and say what it is now."""
    value = one_line(raw)
    if not value:
        return texts("settings_signature_usage", signature=await _signature(service, actor, texts))
    if value != RESET and (len(value) > SIGNATURE_LIMIT or not visible(value)):
        return texts("settings_signature_invalid", limit=SIGNATURE_LIMIT)
    await service.set_signature(actor.user_id, None if value == RESET else value)
    return texts("settings_signature_saved", signature=await _signature(service, actor, texts))


async def _poster(raw: str, posters: Posters, texts: Texts, actor: Actor) -> str:
    """Store a new poster line (one line, however it was typed) and say what it is now."""
    value = one_line(raw)
    if not value:
        return texts("settings_poster_usage", text=await _poster_text(posters, actor, texts))
    if value != RESET and (len(value) > POSTER_TEXT_LIMIT or not visible(value)):
        return texts("settings_poster_invalid", limit=POSTER_TEXT_LIMIT)
    await posters.set_poster_text(actor.user_id, None if value == RESET else value)
    return texts("settings_poster_saved", text=await _poster_text(posters, actor, texts))


async def _redraw(
    query: CallbackQuery,
    digests: Digests,
    service: TicketService,
    posters: Posters,
    business: BusinessChats,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> None:
    if isinstance(query.message, Message):
        text, markup = await _screen(digests, service, posters, business, config, texts, actor)
        with unless_unchanged():
            await query.message.edit_text(text, reply_markup=markup)
    await query.answer(texts("settings_saved"))


async def switch(
    query: CallbackQuery,
    callback_data: DigestAllClear,
    digests: Digests,
    service: TicketService,
    posters: Posters,
    business: BusinessChats,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> None:
    await digests.set_all_clear(query.from_user.id, callback_data.on)
    await _redraw(query, digests, service, posters, business, config, texts, actor)


async def switch_business_ack(
    query: CallbackQuery,
    callback_data: BusinessAck,
    digests: Digests,
    service: TicketService,
    posters: Posters,
    business: BusinessChats,
    config: Config,
    texts: Texts,
    actor: Actor,
) -> None:
    await business.set_ack(query.from_user.id, callback_data.on)
    await _redraw(query, digests, service, posters, business, config, texts, actor)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = DirectorOnly().attach(Router(name="settings"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(show, Command("settings"), F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(switch, DigestAllClear.filter())
    router.callback_query.register(switch_business_ack, BusinessAck.filter())
    return router
