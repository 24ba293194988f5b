"""/poster and /links (directors): printable QR posters and the deep-link tags they carry.

`/poster hall2 Зал №2` gives the tag its title and answers with the poster: the PDF to print,
then the PNG preview with the link in its caption, so the last thing in the chat shows what
will hang on the wall and where it leads. `/poster hall2` draws it again with the title kept.
A tag Telegram would not carry in a link gets a clear answer and no poster: a printed QR code
that opens the bot without its tag would count nothing, and nobody would notice.

Both answer straight back, as /export does: the director is waiting in this chat.
"""

from __future__ import annotations

import contextlib
import logging

from aiogram import Bot, Router
from aiogram.enums import ChatAction
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, Message

from bot.core.events import Actor
from bot.core.posters import TAG_LIMIT, Posters, deep_link, tag_problem
from bot.telegram.access import DirectorOnly, visible
from bot.telegram.filters import COMMAND_LIKE
from bot.views.poster import plain, render_links
from bot.views.texts import Texts

log = logging.getLogger(__name__)

# A title names a place on a card and on the poster under the headline: a few words.
TITLE_LIMIT = 60
# A refused tag is quoted back; one pasted by mistake may be pages long.
SHOWN_TAG = 70


def shown(tag: str) -> str:
    """A tag as an answer quotes it: whole when short, cut with an ellipsis when not."""
    return tag if len(tag) <= SHOWN_TAG else tag[: SHOWN_TAG - 1] + "…"


def parse_title(raw: str) -> str | None:
    """The title typed after the tag as one line; None when it cannot be one (too long,
    nothing visible)."""
    title = " ".join(raw.split())
    if len(title) > TITLE_LIMIT or not visible(title):
        return None
    return title


async def poster(
    message: Message,
    command: CommandObject,
    bot: Bot,
    posters: Posters,
    texts: Texts,
    actor: Actor,
) -> None:
    words = (command.args or "").split(maxsplit=1)
    if not words:
        await message.answer(texts("poster_usage"))
        return
    tag = words[0]
    problem = tag_problem(tag)
    if problem is not None:
        await message.answer(texts(problem, tag=shown(tag), limit=TAG_LIMIT))
        return
    if len(words) > 1:
        title = parse_title(words[1])
        if title is None:
            await message.answer(texts("poster_title_invalid", limit=TITLE_LIMIT))
            return
        await posters.set_title(tag, title)
    else:
        title = await posters.title(tag)
    username = (await bot.me()).username
    if not username:
        await message.answer(texts("poster_no_username"))
        return
    link = deep_link(username, tag)
    headline = await posters.poster_text(actor.user_id) or plain(texts("poster_headline_default"))
    with contextlib.suppress(TelegramAPIError):  # drawing takes a moment: show it is coming
        await bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_DOCUMENT)
    pdf, png = await posters.render(link, username, headline, title)
    log.info("poster.sent tag=%s pdf=%d png=%d", tag, len(pdf), len(png))
    await message.answer_document(
        BufferedInputFile(pdf, filename=f"poster-{tag}.pdf"),
        caption=texts("poster_document_caption"),
    )
    if title:
        caption = texts("poster_caption", place=title, link=link)
    else:
        caption = texts("poster_caption_untitled", tag=tag, link=link)
    await message.answer_photo(
        BufferedInputFile(png, filename=f"poster-{tag}.png"), caption=caption
    )


async def links(message: Message, bot: Bot, posters: Posters, texts: Texts) -> None:
    found = await posters.links()
    username = (await bot.me()).username or ""  # asked once: aiogram keeps the answer
    entries = [(tag, deep_link(username, tag.tag)) for tag in found]
    for part in render_links(entries, texts):
        await message.answer(part)


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = DirectorOnly().attach(Router(name="posters"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(poster, Command("poster"))
    router.message.register(links, Command("links"))
    return router
