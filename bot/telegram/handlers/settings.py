"""/settings for directors: what the morning digest does on a morning with nothing to report.

Each director chooses for themselves; the choice is stored, so it survives restarts.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Config
from bot.core.events import Actor
from bot.core.scheduler import Digests
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import DirectorOnly
from bot.telegram.filters import COMMAND_LIKE
from bot.views.keyboards.callbacks import DigestAllClear
from bot.views.keyboards.settings import settings_keyboard
from bot.views.texts import Texts


def _view(all_clear: bool, config: Config, texts: Texts) -> tuple[str, InlineKeyboardMarkup]:
    lines = [
        texts(
            "settings_title",
            time=config.digest_time.strftime("%H:%M"),
            tz=config.timezone.key,
        ),
        texts("settings_all_clear_on" if all_clear else "settings_all_clear_off"),
    ]
    return "\n".join(lines), settings_keyboard(all_clear, texts)


async def show(
    message: Message, digests: Digests, config: Config, texts: Texts, actor: Actor
) -> None:
    text, markup = _view(await digests.all_clear(actor.user_id), config, texts)
    await message.answer(text, reply_markup=markup)


async def switch(
    query: CallbackQuery,
    callback_data: DigestAllClear,
    digests: Digests,
    config: Config,
    texts: Texts,
) -> None:
    await digests.set_all_clear(query.from_user.id, callback_data.on)
    if isinstance(query.message, Message):
        text, markup = _view(callback_data.on, config, texts)
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
