"""The weekly report with charts, and /report on demand (directors).

`/report` answers at once with the same album and text the weekly report brings, for the
last seven days, thirty (`month`) or the days asked for (`01.11-15.11`). `TelegramPoster`
is how both reach a chat: the charts as one album (a single chart as a photo), then the
text, so the album's captions stay empty and the numbers are one message a director can
forward.
"""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNotFound,
)
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, InputMediaPhoto, Message

from bot.core.reports import PeriodError, Reports, Undeliverable
from bot.telegram.access import DirectorOnly
from bot.telegram.filters import COMMAND_LIKE
from bot.views.texts import Texts

log = logging.getLogger(__name__)


class TelegramPoster:
    """`ReportPoster` over the bot: paced and retried like every call (bot.delivery.retry).

    A refusal for good (blocked, no such chat, a request Telegram calls bad) is
    `Undeliverable`, so the weekly report is not retried forever; anything else propagates
    and the weekly report tries again later.
    """

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def post(self, chat_id: int, charts: list[bytes], text: str) -> None:
        photos = [
            BufferedInputFile(chart, filename=f"report-{number}.png")
            for number, chart in enumerate(charts, start=1)
        ]
        try:
            if len(photos) == 1:
                await self._bot.send_photo(chat_id, photos[0])
            elif photos:
                await self._bot.send_media_group(
                    chat_id, [InputMediaPhoto(media=photo) for photo in photos]
                )
            await self._bot.send_message(chat_id, text)
        except (TelegramForbiddenError, TelegramNotFound, TelegramBadRequest) as error:
            raise Undeliverable(error.message) from error


async def show_report(
    message: Message, command: CommandObject, reports: Reports, texts: Texts
) -> None:
    try:
        period = reports.period(command.args or "")
    except PeriodError as error:
        await message.answer(texts(error.key))
        return
    if message.bot is not None:  # drawing takes a second: show that something is coming
        with contextlib.suppress(TelegramAPIError):
            await message.bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_PHOTO)
    built = await reports.build(period)
    log.info(
        "report.on_demand chat=%d charts=%d first=%s last=%s",
        message.chat.id,
        len(built.charts),
        built.report.period.first,
        built.report.period.last,
    )
    await reports.post(message.chat.id, built)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = DirectorOnly().attach(Router(name="reports"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(show_report, Command("report"))
    return router
