"""Groups and channels the bot is in: a message or post that names the brand is a mention.

The card links to the message, and the ticket keeps the chat and the message id so a staff
reply goes back into that chat as a reply to it. The team chat is where staff work cards, and
staff talking anywhere are the company, not its customers, so neither is collected.
"""

from __future__ import annotations

from datetime import UTC

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import Filter
from aiogram.types import Chat, Message

from bot.core.mentions import Found, MentionIntake
from bot.delivery.team_chat import TeamChat
from bot.telegram.access import IsStaff, display_name
from collectors.mention import Mention, tidy_text

GROUPS = (ChatType.GROUP, ChatType.SUPERGROUP)


def message_link(chat: Chat, message_id: int) -> str | None:
    """t.me link for a public chat; the t.me/c form (members only) for a private supergroup.

    A private basic group has no link form at all, so its card shows none.
    """
    if chat.username:
        return f"https://t.me/{chat.username}/{message_id}"
    internal = str(chat.id)
    if internal.startswith("-100"):
        return f"https://t.me/c/{internal[4:]}/{message_id}"
    return None


def chat_source(chat: Chat) -> str:
    return f"tg:{chat.id}"


class NotTeamChat(Filter):
    async def __call__(self, message: Message, team_chat: TeamChat) -> bool:
        return not team_chat.is_team(message.chat.id)


def _found(message: Message, author: str | None, author_id: int | None) -> Found | None:
    text = tidy_text(message.text or message.caption or "")
    if not text:
        return None
    chat = message.chat
    mention = Mention(
        source=chat_source(chat),
        external_id=str(message.message_id),
        author=author,
        text=text,
        link=message_link(chat, message.message_id),
        published=message.date.astimezone(UTC) if message.date else None,
    )
    return Found(
        mention,
        chat_id=chat.id,
        message_id=message.message_id,
        author_id=author_id,
        source_title=chat.title or chat.username,
    )


async def group_message(message: Message, intake: MentionIntake) -> None:
    user = message.from_user
    if user is None or user.is_bot:
        return
    author = display_name(user) + (f" (@{user.username})" if user.username else "")
    found = _found(message, author, user.id)
    if found is not None:
        await intake.take([found])


async def channel_post(message: Message, intake: MentionIntake) -> None:
    chat = message.chat
    author = message.author_signature or chat.title or chat.username
    found = _found(message, author, None)
    if found is not None:
        await intake.take([found])


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = Router(name="groups")
    router.message.filter(F.chat.type.in_(GROUPS), NotTeamChat(), ~IsStaff())
    router.message.register(group_message, ~F.text.startswith("/"))
    router.channel_post.register(channel_post)
    return router
