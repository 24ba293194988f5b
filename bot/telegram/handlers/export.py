"""/export: every ticket of a period as CSV and XLSX (directors).

The files are sent straight back as documents, as /health answers straight back: the director
is waiting for them in this chat, and a document is nothing the outbox could redraw or fold.
Only in a private chat: the files hold every client's name and words, and a group (the team
chat included) would hand them to everyone in it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from aiogram import Router
from aiogram.enums import ChatAction, ChatType
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.core.export import Exports, Period
from bot.telegram.access import DirectorOnly
from bot.telegram.filters import COMMAND_LIKE
from bot.views.texts import Texts

log = logging.getLogger(__name__)

# Telegram takes documents up to 50 MB from a bot.
DOCUMENT_LIMIT_MB = 50
DOCUMENT_LIMIT = DOCUMENT_LIMIT_MB * 1024 * 1024
PROGRESS_SECONDS = 4.5  # a chat action shows for 5 s

# The argument, in either language the bot speaks; none means a week.
PERIODS = {
    "": Period.WEEK,
    "week": Period.WEEK,
    "неделя": Period.WEEK,
    "month": Period.MONTH,
    "месяц": Period.MONTH,
    "all": Period.ALL,
    "всё": Period.ALL,
    "все": Period.ALL,
}


def parse_period(args: str | None) -> Period | None:
    """The period asked for; None for anything else (the usage line is shown)."""
    return PERIODS.get((args or "").strip().lower())


def _day(moment: date | None) -> str:
    return moment.strftime("%d.%m.%Y") if moment else ""


async def _show_progress(message: Message) -> None:
    """Keeps "sending a file…" in the chat's header while a large export builds (Telegram
    shows a chat action for five seconds); best effort, cancelled once the files are ready."""
    if message.bot is None:
        return
    while True:
        try:
            await message.bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_DOCUMENT)
        except TelegramAPIError as error:
            log.warning("export.chat_action_failed chat=%d: %s", message.chat.id, error.message)
            return
        except Exception as error:  # e.g. an answer aiogram cannot parse: never the export's end
            log.warning("export.chat_action_failed chat=%d: %s", message.chat.id, type(error))
            return
        await asyncio.sleep(PROGRESS_SECONDS)


async def export_tickets(
    message: Message, command: CommandObject, exports: Exports, texts: Texts
) -> None:
    """The files of the period asked for, CSV first with the caption; a clear line instead
    when there is nothing in it, so a director never opens an empty table."""
    if message.chat.type != ChatType.PRIVATE:
        # Every client's name and words: not for the team chat, where everyone reads along.
        await message.answer(texts("export_private_only"))
        return
    period = parse_period(command.args)
    if period is None:
        await message.answer(texts("export_usage"))
        return
    progress = asyncio.create_task(_show_progress(message))
    try:
        files = await exports.build(period)
    finally:
        progress.cancel()
    first, last = _day(files.first), _day(files.last)
    if files.count == 0:
        if period is Period.ALL:
            await message.answer(texts("export_empty_all"))
        else:
            await message.answer(texts("export_empty", first=first, last=last))
        return
    documents = [(files.csv, "csv"), (files.xlsx, "xlsx")]
    fitting = [(data, ext) for data, ext in documents if len(data) <= DOCUMENT_LIMIT]
    caption: str | None = texts("export_caption", count=files.count, first=first, last=last)
    for data, ext in fitting:
        document = BufferedInputFile(data, filename=f"{files.name}.{ext}")
        await message.answer_document(document, caption=caption)
        caption = None
    if len(fitting) < len(documents):
        # One file may still fit (XLSX is zipped): the director gets that one and the reason.
        await message.answer(texts("export_too_large", limit=DOCUMENT_LIMIT_MB))


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = DirectorOnly().attach(Router(name="export"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(export_tickets, Command("export"))
    return router
