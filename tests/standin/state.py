"""The stand-in's model of the Telegram world: users, chats, messages, files, callback queries
and the queue of updates waiting for the bot.

Why: both sides of the stand-in work on the same world - the test injects what users do
(``server.py``) and the Bot API methods record what the bot does (``methods.py``,
``messages.py``). Keeping the model free of HTTP and of Bot API validation gives every part one
place to look things up, and lets each of those modules be read on its own.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiohttp import web

JSON = dict[str, Any]

#: setMyCommands scope: (scope type, chat_id, user_id, language_code).
CommandScope = tuple[str, int | None, int | None, str]


def json_copy(value: Any) -> Any:
    """A deep copy through JSON, as a client receiving it over the wire would hold it."""
    return json.loads(json.dumps(value))


@dataclass
class ApiCall:
    """One HTTP request the bot made, as the test sees it."""

    method: str
    params: JSON
    ok: bool
    result: Any = None
    error: str | None = None
    error_code: int | None = None
    time: float = 0.0

    def __str__(self) -> str:
        outcome = "ok" if self.ok else f"{self.error_code} {self.error}"
        shown = {k: v for k, v in self.params.items() if k not in ("reply_markup",)}
        return f"{self.method}({shown}) -> {outcome}"


@dataclass
class BotMessage:
    """Current state of one message the bot has in a chat (edits applied).

    ``text`` is the plain text a user sees (for media: the plain caption, so ``contains``
    searches work for every kind); ``html`` is the raw text/caption exactly as the bot sent it.
    """

    message_id: int
    chat_id: int
    kind: str
    method: str
    text: str
    html: str | None
    caption: str | None
    parse_mode: str | None
    entities: list[JSON]
    reply_markup: JSON | None
    reply_to_message_id: int | None
    force_reply: bool
    disable_notification: bool
    protect_content: bool
    file_id: str | None
    file_name: str | None
    date: int
    params: JSON
    message: JSON
    source: tuple[int, int] | None = None
    edits: int = 0
    edit_date: int | None = None
    deleted: bool = False


@dataclass
class StoredFile:
    """A file Telegram keeps: sent by a user or uploaded by the bot, addressable by file_id."""

    file_id: str
    unique_id: str
    kind: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class Chat:
    """A chat and every message in it (``messages``: all, ``bot_messages``: the bot's view).

    ``business_connection_id`` is set on a business owner's private chat with a client: it
    shares its id with the bot's own chat with that client but is another conversation, so
    the Bot API methods must know which of the two they are writing into.
    """

    info: JSON
    next_message_id: int = 1
    messages: dict[int, JSON] = field(default_factory=dict)
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    admins: set[int] = field(default_factory=set)
    business_connection_id: str | None = None

    @property
    def id(self) -> int:
        return int(self.info["id"])

    @property
    def is_private(self) -> bool:
        return self.info["type"] == "private"


@dataclass
class Query:
    """A callback query a user started by pressing a button; answerable once, for a while."""

    query_id: str
    created: float
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


class UpdateQueue:
    """Updates injected by the test, kept until the bot confirms them with getUpdates' offset.

    Also holds how updates leave the stand-in: the webhook URL (which forbids polling), the
    ``allowed_updates`` filter and the one long poll allowed to wait at a time.
    """

    def __init__(self, injected: list[JSON]) -> None:
        self.pending: list[JSON] = []
        self.injected = injected
        self.allowed: list[str] | None = None
        self.webhook_url = ""
        self.poller: web.Request | None = None
        self.closing = False
        self._ids = itertools.count(100_000_001)
        self._wake = asyncio.Event()

    @property
    def wake(self) -> asyncio.Event:
        """The event the next ``push`` (or ``notify``) sets; a long poll waits on it."""
        return self._wake

    @property
    def polling_active(self) -> bool:
        """True while a getUpdates long poll is waiting."""
        poller = self.poller
        return (
            poller is not None
            and poller.transport is not None
            and not poller.transport.is_closing()
        )

    def push(self, update_type: str, payload: JSON) -> None:
        """Queue a new update and wake the waiting long poll."""
        update = {"update_id": next(self._ids), update_type: payload}
        self.pending.append(update)
        self.injected.append(update)
        self.notify()

    def notify(self) -> None:
        """Wake whoever waits on ``wake`` (new updates, or the server is closing)."""
        wake, self._wake = self._wake, asyncio.Event()
        wake.set()

    def confirm(self, offset: int) -> None:
        """Forget updates the bot confirmed: below a positive offset, before a negative one."""
        if offset > 0:
            self.pending = [u for u in self.pending if u["update_id"] >= offset]
        elif offset < 0:
            self.pending = self.pending[offset:]

    def select(self, limit: int) -> list[JSON]:
        """Copies of the first ``limit`` pending updates; types outside ``allowed`` are dropped."""
        if self.allowed is not None:
            allowed = set(self.allowed)
            self.pending = [u for u in self.pending if self.update_type(u) in allowed]
        return [json_copy(u) for u in self.pending[:limit]]

    @staticmethod
    def update_type(update: JSON) -> str:
        return next(key for key in update if key != "update_id")


class World:
    """Users, chats, files, callback queries and bot commands, plus the update queue."""

    def __init__(self, bot_user: JSON, injected: list[JSON]) -> None:
        self.bot_user = bot_user
        self.bot_id = int(bot_user["id"])
        self.users: dict[int, JSON] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.queries: dict[str, Query] = {}
        self.blocked: set[int] = set()
        self.migrated: dict[int, int] = {}  # a group upgraded to a supergroup -> its new id
        self.commands: dict[CommandScope, list[JSON]] = {}
        self.updates = UpdateQueue(injected)
        #: Epoch seconds for message dates and Telegram Business' 24-hour window; a test that
        #: runs the bot on a moved clock moves this one too (``StandInTelegram.set_clock``).
        self.clock: Callable[[], float] = time.time
        self._query_ids = itertools.count(4_300_000_000_000_000_001)

    def now(self) -> int:
        """The stand-in's current Unix time, as Telegram stamps ``date`` and ``edit_date``."""
        return int(self.clock())

    def register_chat(self, info: JSON) -> Chat:
        """Add a chat, or replace the info of a known one (its messages are kept)."""
        existing = self.chats.get(int(info["id"]))
        if existing is not None:
            existing.info = info
            return existing
        chat = Chat(info=info)
        self.chats[chat.id] = chat
        return chat

    def target_chat(self, chat: JSON | int) -> Chat:
        """Chat given as an id or a chat dict; an unknown dict is registered on the fly."""
        if isinstance(chat, dict):
            if int(chat["id"]) not in self.chats:
                self.register_chat(dict(chat))
            return self.chats[int(chat["id"])]
        return self.chat_for_test(chat)

    def chat_for_test(self, chat_id: int) -> Chat:
        """A registered chat; a test naming an unknown one fails with AssertionError."""
        chat = self.chats.get(int(chat_id))
        if chat is None:
            raise AssertionError(f"chat {chat_id} is not registered with the stand-in")
        return chat

    def new_message(self, chat: Chat, sender: JSON | None, content: JSON) -> JSON:
        """A Message dict with the chat's next id (the caller stores it)."""
        message_id = chat.next_message_id
        chat.next_message_id += 1
        message: JSON = {"message_id": message_id}
        if sender is not None:
            message["from"] = sender
        message["chat"] = dict(chat.info)
        message["date"] = self.now()
        message.update(content)
        return message

    def new_file(
        self, kind: str, data: bytes, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        """Store a file under fresh, Telegram-looking ids."""
        prefix = {"photo": "AgAC", "document": "BQAC", "voice": "AwAC"}.get(kind, "CAAC")
        file = StoredFile(
            file_id=f"{prefix}{secrets.token_hex(12)}",
            unique_id=f"AQAD{secrets.token_hex(6)}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self.files[file.file_id] = file
        return file

    def open_query(self, chat_id: int, message_id: int, data: str) -> str:
        """Record a button press; returns the new callback query id."""
        query_id = str(next(self._query_ids))
        self.queries[query_id] = Query(query_id, time.monotonic(), chat_id, message_id, data)
        return query_id

    @staticmethod
    def reply_copy(message: JSON) -> JSON:
        """The message as embedded in ``reply_to_message`` (one level deep only)."""
        copy = json_copy(message)
        copy.pop("reply_to_message", None)
        return copy

    @staticmethod
    def message_ref(message: Any) -> tuple[int, int]:
        """(chat_id, message_id) of a BotMessage, a Message dict or an aiogram Message."""
        if isinstance(message, BotMessage):
            return message.chat_id, message.message_id
        if isinstance(message, dict):
            return int(message["chat"]["id"]), int(message["message_id"])
        return int(message.chat.id), int(message.message_id)
