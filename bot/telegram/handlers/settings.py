"""/settings for directors: what the morning digest does on a morning with nothing to report.

Each director chooses for themselves; the choice is stored, so it survives restarts.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.config import Config
from bot.core.scheduler import Digests
from bot.delivery.telegram_errors import unless_unchanged
from bot.telegram.access import Role
from bot.views.followup_keyboards import DigestAllClear, settings_keyboard
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


def _refusal(role: Role) -> str:
    return "directors_only" if role.is_staff else "staff_only_command"


async def show(
    message: Message, role: Role, digests: Digests, config: Config, texts: Texts
) -> None:
    if role is not Role.DIRECTOR or message.from_user is None:
        await message.answer(texts(_refusal(role)))
        return
    text, markup = _view(await digests.all_clear(message.from_user.id), config, texts)
    await message.answer(text, reply_markup=markup)


async def switch(
    query: CallbackQuery,
    callback_data: DigestAllClear,
    role: Role,
    digests: Digests,
    config: Config,
    texts: Texts,
) -> None:
    if role is not Role.DIRECTOR:
        await query.answer(texts(_refusal(role)), show_alert=True)
        return
    await digests.set_all_clear(query.from_user.id, callback_data.on)
    if isinstance(query.message, Message):
        text, markup = _view(callback_data.on, config, texts)
        with unless_unchanged():
            await query.message.edit_text(text, reply_markup=markup)
    await query.answer(texts("settings_saved"))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="settings")
    router.message.register(show, Command("settings"), F.chat.type == ChatType.PRIVATE)
    router.callback_query.register(switch, DigestAllClear.filter())
    return router
