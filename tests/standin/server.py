"""A stand-in Telegram Bot API server owned by the test suite.

Why: mocking aiogram's ``Bot`` hides exactly the bugs that hurt in production (unescaped HTML,
replies to deleted messages, callback queries answered twice, flood limits, blocked users).
This server speaks the real HTTP protocol on 127.0.0.1, so the bot under test runs its real
aiogram ``Dispatcher`` and ``Bot`` unchanged, while the test injects updates (users writing,
pressing buttons) and inspects what the bot did (``calls``, ``bot_messages``).

It keeps a small model of the world - users, chats, messages, files, callback queries - and
reproduces the Bot API rules that a bot can get wrong, with Telegram's own error texts.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import secrets
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self, TypeVar

from aiohttp import BodyPartReader, web

from .html_entities import HTMLParseError, ParsedText, finalize, parse_html, utf16_len

if TYPE_CHECKING:
    from types import TracebackType

    from aiogram import Bot
    from aiogram.types import Message

T = TypeVar("T")
JSON = dict[str, Any]

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_TEXT_LIMIT = 200
CALLBACK_DATA_LIMIT = 64
MAX_BUTTONS = 100
MAX_BUTTONS_PER_ROW = 8

#: Parameters that are strings in the Bot API; in form bodies they must not be JSON-decoded
#: (a complaint whose text is ``123`` or ``true`` is still text).
STRING_FIELDS: frozenset[str] = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "url",
        "action",
        "description",
        "short_description",
        "name",
        "language_code",
        "file_id",
        "business_connection_id",
        "secret_token",
        "ip_address",
        "title",
        "emoji",
        "photo",
        "document",
        "voice",
        "audio",
        "video",
        "animation",
        "sticker",
        "thumbnail",
        "message_effect_id",
    }
)

#: Parameters holding JSON objects/arrays; a JSON body may still carry them as strings.
OBJECT_FIELDS: frozenset[str] = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "scope",
        "entities",
        "caption_entities",
        "commands",
        "allowed_updates",
        "link_preview_options",
        "message_ids",
    }
)

INLINE_BUTTON_ACTIONS: tuple[str, ...] = (
    "callback_data",
    "url",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

CHAT_ACTIONS: frozenset[str] = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

#: Methods that post a new message into ``chat_id`` (blocked users and flood limits apply).
SENDING_METHODS: frozenset[str] = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendVoice", "copyMessage", "forwardMessage"}
)

#: Content keys moved over by copyMessage/forwardMessage.
CONTENT_KEYS: tuple[str, ...] = (
    "text",
    "entities",
    "photo",
    "document",
    "voice",
    "caption",
    "caption_entities",
)

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


class ApiError(Exception):
    """An error response of the Bot API: HTTP status == ``error_code``."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> JSON:
        """The JSON body Telegram sends for this error."""
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """400 with Telegram's ``Bad Request:`` prefix (aiogram maps it to TelegramBadRequest)."""
    return ApiError(400, f"Bad Request: {reason}")


def too_many_requests(retry_after: int) -> ApiError:
    """429 with ``parameters.retry_after`` (aiogram maps it to TelegramRetryAfter)."""
    return ApiError(
        429,
        f"Too Many Requests: retry after {retry_after}",
        {"retry_after": retry_after},
    )


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
class _File:
    file_id: str
    unique_id: str
    kind: str
    data: bytes
    file_name: str | None = None
    mime_type: str | None = None


@dataclass
class _Upload:
    filename: str
    data: bytes
    content_type: str | None


@dataclass
class _Chat:
    info: JSON
    next_message_id: int = 1
    messages: dict[int, JSON] = field(default_factory=dict)
    bot_messages: dict[int, BotMessage] = field(default_factory=dict)
    admins: set[int] = field(default_factory=set)

    @property
    def id(self) -> int:
        return int(self.info["id"])

    @property
    def is_private(self) -> bool:
        return self.info["type"] == "private"


@dataclass
class _Query:
    query_id: str
    created: float
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


@dataclass
class _Fault:
    method: str
    status: int
    retry_after: int
    remaining: int
    chat_id: int | str | None
    description: str | None
    hang: float = 0.0  # > 0: answer nothing for this long, then drop the call unexecuted
    slow: bool = False  # with hang: after the wait, carry the call out as usual


@dataclass
class _FloodControl:
    """Telegram's documented broadcast limits, as token bucket + sliding windows.

    Private chats: about one message per second, with a small burst allowed.
    Groups: 20 messages per minute. Overall: 30 messages per second.
    """

    private_burst: float = 3.0
    private_rate: float = 1.0
    group_per_minute: int = 20
    global_per_second: int = 30
    buckets: dict[int, tuple[float, float]] = field(default_factory=dict)
    groups: dict[int, deque[float]] = field(default_factory=dict)
    overall: deque[float] = field(default_factory=deque)

    def check(self, chat_id: int, private: bool, now: float) -> int | None:
        """Return ``retry_after`` seconds if this send exceeds a limit, else record it."""
        while self.overall and self.overall[0] <= now - 1.0:
            self.overall.popleft()
        if len(self.overall) >= self.global_per_second:
            return max(1, math.ceil(self.overall[0] + 1.0 - now))
        if private:
            tokens, last = self.buckets.get(chat_id, (self.private_burst, now))
            tokens = min(self.private_burst, tokens + (now - last) * self.private_rate)
            if tokens < 1.0:
                self.buckets[chat_id] = (tokens, now)
                return max(1, math.ceil((1.0 - tokens) / self.private_rate))
            self.buckets[chat_id] = (tokens - 1.0, now)
        else:
            window = self.groups.setdefault(chat_id, deque())
            while window and window[0] <= now - 60.0:
                window.popleft()
            if len(window) >= self.group_per_minute:
                return max(1, math.ceil(window[0] + 60.0 - now))
            window.append(now)
        self.overall.append(now)
        return None


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0] if text.split() else text


class StandInTelegram:
    """The stand-in Bot API: start it, point a Bot at ``base_url``, inject and observe.

    Everything runs on the test's event loop; the injection and observation helpers are
    synchronous because they only touch in-memory state.
    """

    def __init__(
        self,
        token: str = "123456:TEST-standin-token",
        *,
        bot_id: int | None = None,
        bot_username: str = "firsthand_test_bot",
        bot_name: str = "Firsthand Test",
    ) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_id = bot_id if bot_id is not None else int(prefix) if prefix.isdigit() else 1
        self.bot_username = bot_username
        self.bot_user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.calls: list[ApiCall] = []
        self.callback_answers: list[JSON] = []
        self.too_many_requests: list[JSON] = []
        self.injected: list[JSON] = []
        self.internal_errors: list[Exception] = []
        self.callback_query_ttl: float = 15.0
        self._users: dict[int, JSON] = {}
        self._chats: dict[int, _Chat] = {}
        self._files: dict[str, _File] = {}
        self._queries: dict[str, _Query] = {}
        self._blocked: set[int] = set()
        self._faults: list[_Fault] = []
        self.hung_calls = 0
        self._flood: _FloodControl | None = None
        self._commands: dict[tuple[str, int | None, int | None, str], list[JSON]] = {}
        self._updates: list[JSON] = []
        self._update_ids = itertools.count(100_000_001)
        self._query_ids = itertools.count(4_300_000_000_000_000_001)
        self._allowed_updates: list[str] | None = None
        self._webhook_url = ""
        self._wake = asyncio.Event()
        self._poller: web.Request | None = None
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._methods: dict[str, tuple[str, Callable[..., Any]]] = {}
        for name, handler in self._method_table().items():
            self._methods[name.lower()] = (name, handler)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve until ``stop``."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # handler_cancellation: a long poll whose client went away must release its slot,
        # otherwise the next Dispatcher would get a spurious 409.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=0.5, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._closing = False

    async def stop(self) -> None:
        """Release pending long polls and shut the server down."""
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``; pass to ``TelegramAPIServer.from_base``."""
        if self._port is None:
            raise RuntimeError("StandInTelegram is not started")
        return f"http://127.0.0.1:{self._port}"

    def create_bot(self, **kwargs: Any) -> Bot:
        """An aiogram ``Bot`` wired to this server (caller closes ``bot.session``)."""
        from aiogram import Bot
        from aiogram.client.session.aiohttp import AiohttpSession
        from aiogram.client.telegram import TelegramAPIServer

        session = AiohttpSession(api=TelegramAPIServer.from_base(self.base_url))
        return Bot(self.token, session=session, **kwargs)

    # ------------------------------------------------------------------ world

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        username: str | None = None,
        last_name: str | None = None,
        language_code: str | None = None,
    ) -> JSON:
        """Register a user and their private chat with the bot (chat id == user id)."""
        user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        chat: JSON = {"id": user_id, "type": "private", "first_name": first_name}
        if last_name is not None:
            user["last_name"] = chat["last_name"] = last_name
        if username is not None:
            user["username"] = chat["username"] = username
        if language_code is not None:
            user["language_code"] = language_code
        self._users[user_id] = user
        self._register_chat(chat)
        return dict(user)

    def group(
        self,
        chat_id: int,
        title: str,
        *,
        username: str | None = None,
        admins: list[int] | tuple[int, ...] = (),
        chat_type: str = "supergroup",
    ) -> JSON:
        """Register a (super)group the bot is a member of; ``admins`` feeds getChatMember."""
        chat: JSON = {"id": chat_id, "type": chat_type, "title": title}
        if username is not None:
            chat["username"] = username
        self._register_chat(chat).admins = set(admins)
        return dict(chat)

    def channel(self, chat_id: int, title: str, *, username: str | None = None) -> JSON:
        """Register a channel (source of ``channel_post`` updates)."""
        chat: JSON = {"id": chat_id, "type": "channel", "title": title}
        if username is not None:
            chat["username"] = username
        self._register_chat(chat)
        return dict(chat)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: every later send to their chat is a 403."""
        self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user restarts the bot."""
        self._blocked.discard(user_id)

    def _register_chat(self, info: JSON) -> _Chat:
        existing = self._chats.get(int(info["id"]))
        if existing is not None:
            existing.info = info
            return existing
        chat = _Chat(info=info)
        self._chats[chat.id] = chat
        return chat

    # ------------------------------------------------------------------ injection

    def send_text(
        self,
        user: JSON,
        text: str,
        chat: JSON | int | None = None,
        reply_to: JSON | BotMessage | Message | None = None,
        *,
        entities: list[JSON] | None = None,
    ) -> JSON:
        """A user writes ``text``; returns the Message dict delivered in the update."""
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        return self._user_message(user, chat, reply_to, content)

    def send_command(
        self,
        user: JSON,
        text: str,
        chat: JSON | int | None = None,
        reply_to: JSON | BotMessage | Message | None = None,
    ) -> JSON:
        """Like ``send_text`` but with the ``bot_command`` entity Telegram adds for ``/cmd``."""
        command = _first_word(text)
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
        return self.send_text(user, text, chat, reply_to, entities=[entity])

    def send_photo(
        self,
        user: JSON,
        caption: str | None = None,
        chat: JSON | int | None = None,
        reply_to: JSON | BotMessage | Message | None = None,
    ) -> JSON:
        """A user sends a photo (two sizes, fresh file ids the bot can re-send/copy)."""
        sizes = []
        for width, height in ((90, 67), (1280, 960)):
            file = self._new_file("photo", b"\xff\xd8stand-in-jpeg", None, "image/jpeg")
            sizes.append(
                {
                    "file_id": file.file_id,
                    "file_unique_id": file.unique_id,
                    "width": width,
                    "height": height,
                    "file_size": len(file.data),
                }
            )
        content: JSON = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return self._user_message(user, chat, reply_to, content)

    def send_document(
        self,
        user: JSON,
        file_name: str = "a.pdf",
        caption: str | None = None,
        chat: JSON | int | None = None,
        reply_to: JSON | BotMessage | Message | None = None,
        *,
        mime_type: str = "application/pdf",
        data: bytes = b"%PDF-stand-in",
    ) -> JSON:
        """A user sends a document; ``data`` is what getFile + download returns."""
        file = self._new_file("document", data, file_name, mime_type)
        content: JSON = {
            "document": {
                "file_id": file.file_id,
                "file_unique_id": file.unique_id,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": len(data),
            }
        }
        if caption:
            content["caption"] = caption
        return self._user_message(user, chat, reply_to, content)

    def send_voice(
        self,
        user: JSON,
        chat: JSON | int | None = None,
        reply_to: JSON | BotMessage | Message | None = None,
        *,
        duration: int = 3,
        caption: str | None = None,
    ) -> JSON:
        """A user sends a voice note."""
        file = self._new_file("voice", b"OggS-stand-in", None, "audio/ogg")
        content: JSON = {
            "voice": {
                "file_id": file.file_id,
                "file_unique_id": file.unique_id,
                "duration": duration,
                "mime_type": "audio/ogg",
                "file_size": len(file.data),
            }
        }
        if caption:
            content["caption"] = caption
        return self._user_message(user, chat, reply_to, content)

    def edit_text(self, message: JSON, text: str) -> JSON:
        """The user edits their message: an ``edited_message`` update with ``edit_date``."""
        chat = self._chat_for_test(message["chat"]["id"])
        stored = chat.messages.get(int(message["message_id"]))
        if stored is None:
            raise AssertionError(f"message {message['message_id']} is not in chat {chat.id}")
        if "text" not in stored:
            raise AssertionError("only text messages can be edited with edit_text")
        stored["text"] = text
        stored.pop("entities", None)
        stored["edit_date"] = int(time.time())
        edited = json.loads(json.dumps(stored))
        self._inject("edited_message", edited)
        return edited

    def press(
        self, user: JSON, bot_message: BotMessage | JSON | Message, callback_data: str
    ) -> str:
        """The user presses an inline button; returns the callback query id.

        Fails the test (AssertionError) if no button with that data is on the message now -
        a real user can only press what the bot currently shows.
        """
        chat_id, message_id = self._message_ref(bot_message)
        chat = self._chat_for_test(chat_id)
        current = chat.bot_messages.get(message_id)
        if current is None or current.deleted:
            raise AssertionError(f"bot message {message_id} does not exist in chat {chat_id}")
        datas = [data for _, data in self.buttons(current)]
        if callback_data not in datas:
            raise AssertionError(
                f"callback_data {callback_data!r} is not on message {message_id} in chat "
                f"{chat_id}; buttons: {self.buttons(current)}"
            )
        query_id = str(next(self._query_ids))
        self._queries[query_id] = _Query(
            query_id, time.monotonic(), chat_id, message_id, callback_data
        )
        query: JSON = {
            "id": query_id,
            "from": dict(user),
            "message": json.loads(json.dumps(current.message)),
            "chat_instance": str(abs(hash((self.bot_id, chat_id)))),
            "data": callback_data,
        }
        self._inject("callback_query", query)
        return query_id

    def channel_post(self, chat: JSON | int, text: str) -> JSON:
        """A post in a channel the bot administers (``channel_post`` update)."""
        target = self._target_chat(chat)
        message = self._new_message(target, None, {"text": text})
        message["sender_chat"] = dict(target.info)
        target.messages[message["message_id"]] = message
        delivered = json.loads(json.dumps(message))
        self._inject("channel_post", delivered)
        return delivered

    def _user_message(
        self,
        user: JSON,
        chat: JSON | int | None,
        reply_to: JSON | BotMessage | Message | None,
        content: JSON,
    ) -> JSON:
        if int(user["id"]) not in self._users:
            self.user(
                int(user["id"]), user.get("first_name", "User"), username=user.get("username")
            )
        target = self._chats[int(user["id"])] if chat is None else self._target_chat(chat)
        message = self._new_message(target, dict(self._users[int(user["id"])]), content)
        if reply_to is not None:
            _, reply_id = self._message_ref(reply_to)
            replied = target.messages.get(reply_id)
            if replied is None:
                raise AssertionError(f"reply_to message {reply_id} is not in chat {target.id}")
            message["reply_to_message"] = self._reply_copy(replied)
        target.messages[message["message_id"]] = message
        delivered = json.loads(json.dumps(message))
        self._inject("message", delivered)
        return delivered

    def _inject(self, update_type: str, payload: JSON) -> None:
        update = {"update_id": next(self._update_ids), update_type: payload}
        self._updates.append(update)
        self.injected.append(update)
        self._notify()

    def _notify(self) -> None:
        wake, self._wake = self._wake, asyncio.Event()
        wake.set()

    def _new_message(self, chat: _Chat, sender: JSON | None, content: JSON) -> JSON:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        message: JSON = {"message_id": message_id}
        if sender is not None:
            message["from"] = sender
        message["chat"] = dict(chat.info)
        message["date"] = int(time.time())
        message.update(content)
        return message

    @staticmethod
    def _reply_copy(message: JSON) -> JSON:
        copy = json.loads(json.dumps(message))
        copy.pop("reply_to_message", None)
        return copy

    def _new_file(
        self, kind: str, data: bytes, file_name: str | None, mime_type: str | None
    ) -> _File:
        prefix = {"photo": "AgAC", "document": "BQAC", "voice": "AwAC"}.get(kind, "CAAC")
        file = _File(
            file_id=f"{prefix}{secrets.token_hex(12)}",
            unique_id=f"AQAD{secrets.token_hex(6)}",
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
        )
        self._files[file.file_id] = file
        return file

    def _target_chat(self, chat: JSON | int) -> _Chat:
        """Chat given as an id or a chat dict; an unknown dict is registered on the fly."""
        if isinstance(chat, dict):
            if int(chat["id"]) not in self._chats:
                self._register_chat(dict(chat))
            return self._chats[int(chat["id"])]
        return self._chat_for_test(chat)

    def _chat_for_test(self, chat_id: int) -> _Chat:
        chat = self._chats.get(int(chat_id))
        if chat is None:
            raise AssertionError(f"chat {chat_id} is not registered with the stand-in")
        return chat

    @staticmethod
    def _message_ref(message: Any) -> tuple[int, int]:
        """(chat_id, message_id) of a BotMessage, a Message dict or an aiogram Message."""
        if isinstance(message, BotMessage):
            return message.chat_id, message.message_id
        if isinstance(message, dict):
            return int(message["chat"]["id"]), int(message["message_id"])
        return int(message.chat.id), int(message.message_id)

    # ------------------------------------------------------------------ observation

    def calls_to(self, method: str) -> list[ApiCall]:
        """Calls of one method (case-insensitive), in order."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def bot_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        """Every message the bot has in the chat, current state, oldest first."""
        chat = self._chats.get(int(chat_id))
        if chat is None:
            return []
        return [m for m in chat.bot_messages.values() if include_deleted or not m.deleted]

    def last_bot_message(self, chat_id: int) -> BotMessage | None:
        """The newest (non-deleted) bot message in the chat, or None."""
        messages = self.bot_messages(chat_id)
        return messages[-1] if messages else None

    @staticmethod
    def buttons(message: BotMessage | JSON) -> list[tuple[str, str | None]]:
        """Inline buttons as ``(text, callback_data)``, rows flattened (url buttons: None)."""
        raw = (
            message.reply_markup if isinstance(message, BotMessage) else message.get("reply_markup")
        )
        markup = raw or {}
        return [
            (str(button.get("text", "")), button.get("callback_data"))
            for row in markup.get("inline_keyboard", [])
            for button in row
        ]

    def commands(
        self,
        scope_type: str = "default",
        chat_id: int | None = None,
        *,
        user_id: int | None = None,
        language_code: str = "",
    ) -> list[JSON]:
        """Commands set with setMyCommands for that scope ([] if none)."""
        return list(self._commands.get((scope_type, chat_id, user_id, language_code), []))

    @property
    def polling_active(self) -> bool:
        """True while a getUpdates long poll is waiting (lets tests sync with the poller)."""
        poller = self._poller
        return (
            poller is not None
            and poller.transport is not None
            and not poller.transport.is_closing()
        )

    def updates_pending(self) -> int:
        """Injected updates the bot has not confirmed (via getUpdates offset) yet."""
        return len(self._updates)

    async def wait_for(
        self,
        predicate: Callable[[], T],
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the stand-in's documented API
        *,
        interval: float = 0.01,
    ) -> T:
        """Poll ``predicate`` until truthy and return its value; AssertionError on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if loop.time() >= deadline:
                raise AssertionError(
                    f"condition not met within {timeout}s; {self._describe_recent()}"
                )
            await asyncio.sleep(interval)

    async def wait_message(
        self,
        chat_id: int,
        contains: str = "",
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the stand-in's documented API
    ) -> BotMessage:
        """First bot message in the chat whose plain text contains ``contains``."""

        def find() -> BotMessage | None:
            for message in self.bot_messages(chat_id):
                if contains in message.text:
                    return message
            return None

        try:
            return await self.wait_for(find, timeout)
        except AssertionError:
            texts = [m.text for m in self.bot_messages(chat_id)]
            raise AssertionError(
                f"no bot message containing {contains!r} in chat {chat_id} within {timeout}s; "
                f"bot messages there: {texts}; {self._describe_recent()}"
            ) from None

    def _describe_recent(self, count: int = 10) -> str:
        recent = [c for c in self.calls if c.method != "getUpdates"][-count:]
        lines = "\n  ".join(str(c) for c in recent) or "(none)"
        return f"pending updates: {self.updates_pending()}; last API calls:\n  {lines}"

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        count: int = 1,
        *,
        chat_id: int | str | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (optionally to ``chat_id``) fail."""
        self._faults.append(
            _Fault(method.lower(), status, retry_after, count, chat_id, description)
        )

    def hang_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` go unanswered for ``seconds`` and then
        fail unexecuted, as a request lost on the way to Telegram does: the client's own
        timeout is what ends it."""
        self._faults.append(
            _Fault(method.lower(), 504, 0, count, chat_id, "Gateway Timeout", hang=seconds)
        )

    def slow_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` take ``seconds`` and then succeed, so a
        test can change things while a send is in flight."""
        self._faults.append(
            _Fault(method.lower(), 200, 0, count, chat_id, None, hang=seconds, slow=True)
        )

    def enforce_limits(
        self,
        enabled: bool = True,
        *,
        private_burst: float = 3.0,
        private_rate: float = 1.0,
        group_per_minute: int = 20,
        global_per_second: int = 30,
    ) -> None:
        """Turn Telegram-like flood limits on/off (off by default so tests stay fast)."""
        self._flood = (
            _FloodControl(private_burst, private_rate, group_per_minute, global_per_second)
            if enabled
            else None
        )

    def _take_fault(self, method: str, params: JSON) -> tuple[ApiError | None, float] | None:
        """The injected failure for this call, if any (None: only slow), and how long to hang
        before it."""
        for fault in self._faults:
            if fault.method != method.lower() or fault.remaining <= 0:
                continue
            if fault.chat_id is not None and str(params.get("chat_id")) != str(fault.chat_id):
                continue
            fault.remaining -= 1
            if fault.remaining <= 0:
                self._faults.remove(fault)
            if fault.slow:
                return None, fault.hang
            if fault.status == 429:
                return too_many_requests(fault.retry_after), fault.hang
            default = {
                400: "Bad Request: injected failure",
                401: "Unauthorized",
                403: BLOCKED,
                409: POLL_CONFLICT,
                500: "Internal Server Error",
                502: "Bad Gateway",
                503: "Service Unavailable",
                504: "Gateway Timeout",
            }.get(fault.status, f"Error {fault.status}")
            return ApiError(fault.status, fault.description or default), fault.hang
        return None

    # ------------------------------------------------------------------ HTTP

    async def _handle(self, request: web.Request) -> web.Response:
        raw_method = request.match_info["method"]
        started = time.monotonic()
        if request.match_info["token"] != self.token:
            error = ApiError(401, "Unauthorized")
            self.calls.append(ApiCall(raw_method, {}, False, None, error.description, 401, started))
            return web.json_response(error.payload(), status=401)
        entry = self._methods.get(raw_method.lower())
        if entry is None:
            error = ApiError(404, "Not Found")
            self.calls.append(ApiCall(raw_method, {}, False, None, error.description, 404, started))
            return web.json_response(error.payload(), status=404)
        name, handler = entry
        params: JSON = {}
        try:
            params, uploads = await self._decode(request)
            fault = self._take_fault(name, params)
            if fault is not None:
                error, hang = fault
                if hang:
                    self.hung_calls += 1
                    await asyncio.sleep(hang)
                if error is not None:
                    raise error
            outcome = handler(params, uploads, request)
            if isinstance(outcome, Awaitable):
                outcome = await outcome
        except ApiError as error:
            self.calls.append(
                ApiCall(name, params, False, None, error.description, error.code, started)
            )
            return web.json_response(error.payload(), status=error.code)
        except Exception as crash:  # a stand-in bug must be visible, not a silent hang
            self.internal_errors.append(crash)
            description = f"Internal Server Error: stand-in crashed: {crash!r}"
            self.calls.append(ApiCall(name, params, False, None, description, 500, started))
            return web.json_response(ApiError(500, description).payload(), status=500)
        self.calls.append(ApiCall(name, params, True, outcome, None, None, started))
        return web.json_response({"ok": True, "result": outcome})

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").payload(), status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        file = self._files.get(file_id)
        if file is None:
            return web.json_response(ApiError(404, "Not Found").payload(), status=404)
        return web.Response(
            body=file.data, content_type=file.mime_type or "application/octet-stream"
        )

    async def _decode(self, request: web.Request) -> tuple[JSON, dict[str, _Upload]]:
        """Decode query string + JSON / urlencoded / multipart bodies into typed params."""
        raw: dict[str, Any] = dict(request.query)
        uploads: dict[str, _Upload] = {}
        typed: JSON = {}
        if request.can_read_body:
            content_type = request.content_type
            if content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise bad_request("can't parse JSON encoded request body") from None
                if not isinstance(body, dict):
                    raise bad_request("JSON object expected")
                typed.update(body)
            elif content_type.startswith("multipart/"):
                reader = await request.multipart()
                async for part in reader:
                    if not isinstance(part, BodyPartReader) or part.name is None:
                        continue
                    if part.filename is not None:
                        data = await part.read()
                        uploads[part.name] = _Upload(
                            part.filename, bytes(data), part.headers.get("Content-Type")
                        )
                    else:
                        raw[part.name] = await part.text()
            else:
                raw.update((k, v) for k, v in (await request.post()).items() if isinstance(v, str))
        params: JSON = {}
        for key, value in raw.items():
            if key in STRING_FIELDS:
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        params.update(typed)
        for key in OBJECT_FIELDS:
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    raise bad_request(f"can't parse {key} JSON object") from None
        for name in uploads:
            params.setdefault(name, f"attach://{name}")
        return params, uploads

    # ------------------------------------------------------------------ param helpers

    @staticmethod
    def _int(params: JSON, name: str, default: int | None = None) -> int:
        value = params.get(name)
        if value is None or value == "":
            if default is not None:
                return default
            raise bad_request(f"{name} is empty")
        if isinstance(value, bool):
            raise bad_request(f"invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"invalid {name} specified") from None

    def _chat_param(self, params: JSON, name: str = "chat_id") -> _Chat:
        value = params.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            for chat in self._chats.values():
                if chat.info.get("username", "").lower() == value[1:].lower():
                    return chat
            raise bad_request("chat not found")
        try:
            chat_id = int(value)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = self._chats.get(chat_id)
        if chat is None:
            raise bad_request("chat not found")
        return chat

    def _check_blocked(self, chat: _Chat) -> None:
        if chat.is_private and chat.id in self._blocked:
            raise ApiError(403, BLOCKED)

    def _check_flood(self, method: str, chat: _Chat) -> None:
        if self._flood is None:
            return
        retry_after = self._flood.check(chat.id, chat.is_private, time.monotonic())
        if retry_after is not None:
            self.too_many_requests.append(
                {
                    "method": method,
                    "chat_id": chat.id,
                    "retry_after": retry_after,
                    "time": time.monotonic(),
                }
            )
            raise too_many_requests(retry_after)

    @staticmethod
    def _render(
        raw: Any,
        parse_mode: Any,
        entities: Any,
        *,
        limit: int,
        too_long: str,
    ) -> ParsedText:
        """Apply ``parse_mode`` and Telegram's trimming; check the UTF-16 length limit."""
        text = "" if raw is None else str(raw)
        mode = str(parse_mode or "").lower()
        if mode == "html":
            try:
                parsed = parse_html(text)
            except HTMLParseError as error:
                raise ApiError(400, error.description) from None
        elif mode in ("", "markdown", "markdownv2"):
            # Markdown is accepted verbatim: the bot is expected to use HTML.
            parsed = ParsedText(text, list(entities) if isinstance(entities, list) else [])
        else:
            raise bad_request(f'unsupported parse_mode "{parse_mode}"')
        result = finalize(parsed.text, parsed.entities)
        if result.length > limit:
            raise bad_request(too_long)
        return result

    def _render_text(self, params: JSON) -> ParsedText:
        result = self._render(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            limit=TEXT_LIMIT,
            too_long="message is too long",
        )
        if not result.text:
            raise bad_request("message text is empty")
        return result

    def _render_caption(self, params: JSON) -> ParsedText:
        return self._render(
            params.get("caption"),
            params.get("parse_mode"),
            params.get("caption_entities"),
            limit=CAPTION_LIMIT,
            too_long="message caption is too long",
        )

    def _validate_markup(self, markup: Any, *, inline_only: bool = False) -> JSON | None:
        """Check reply_markup like Telegram; returns the normalized dict or None."""
        if markup is None or markup == "":
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
                )
            total = 0
            for row in rows:
                if len(row) > MAX_BUTTONS_PER_ROW:
                    raise bad_request("reply markup is too long")
                total += len(row)
                for button in row:
                    self._validate_inline_button(button)
            if total > MAX_BUTTONS:
                raise bad_request("reply markup is too long")
            return {"inline_keyboard": rows}
        if inline_only:
            raise bad_request("inline keyboard expected")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    text = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(text, str) or not text:
                        raise bad_request("keyboard button text must be non-empty")
            return markup
        if _as_bool(markup.get("remove_keyboard")) or _as_bool(markup.get("force_reply")):
            return markup
        raise bad_request("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _validate_inline_button(button: Any) -> None:
        if not isinstance(button, dict):
            raise bad_request(
                "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
            )
        text = button.get("text")
        if not isinstance(text, str) or not text.strip():
            raise bad_request("BUTTON_TEXT_EMPTY")
        actions = [key for key in INLINE_BUTTON_ACTIONS if key in button]
        if not actions:
            raise bad_request(
                "can't parse inline keyboard button: "
                "Text buttons are unallowed in the inline keyboard"
            )
        if len(actions) > 1:
            raise bad_request(
                "can't parse inline keyboard button: "
                "exactly one of the optional fields must be used"
            )
        if "callback_data" in button:
            data = button["callback_data"]
            if (
                not isinstance(data, str)
                or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT
            ):
                raise bad_request("BUTTON_DATA_INVALID")
        if "url" in button:
            url = button["url"]
            if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
                raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")

    def _reply_target(self, chat: _Chat, params: JSON) -> JSON | None:
        """The message being replied to (None if no reply or tolerated missing one)."""
        reply = params.get("reply_parameters")
        allow_missing = _as_bool(params.get("allow_sending_without_reply"))
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = allow_missing or _as_bool(reply.get("allow_sending_without_reply"))
            if reply.get("chat_id") not in (None, ""):
                chat = self._chat_param(reply, "chat_id")
        else:
            message_id = params.get("reply_to_message_id")
        if message_id in (None, "", 0):
            return None
        try:
            replied = chat.messages.get(int(message_id))
        except (TypeError, ValueError):
            replied = None
        if replied is None:
            if allow_missing:
                return None
            raise bad_request("message to be replied not found")
        return replied

    def _resolve_file(
        self, params: JSON, uploads: dict[str, _Upload], field_name: str, kind: str
    ) -> _File:
        value = params.get(field_name)
        if value is None or value == "":
            raise bad_request(f"there is no {field_name} in the request")
        if isinstance(value, str) and value.startswith("attach://"):
            upload = uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(f"there is no {field_name} in the request")
            return self._new_file(kind, upload.data, upload.filename, upload.content_type)
        value = str(value)
        if value.startswith(("http://", "https://")):
            name = value.rsplit("/", 1)[-1] or None
            return self._new_file(kind, b"downloaded-by-stand-in", name, None)
        file = self._files.get(value)
        if file is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if file.kind != kind:
            raise bad_request(f"can't use file of type {file.kind.title()} as {kind.title()}")
        return file

    # ------------------------------------------------------------------ storing bot messages

    def _post_bot_message(
        self,
        method: str,
        chat: _Chat,
        params: JSON,
        kind: str,
        content: JSON,
        *,
        html: str | None,
        reply_to: JSON | None,
        markup: JSON | None,
        file: _File | None = None,
        source: tuple[int, int] | None = None,
    ) -> BotMessage:
        message = self._new_message(chat, dict(self.bot_user), content)
        if reply_to is not None:
            message["reply_to_message"] = self._reply_copy(reply_to)
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if _as_bool(params.get("protect_content")):
            message["has_protected_content"] = True
        chat.messages[message["message_id"]] = message
        caption = message.get("caption")
        bot_message = BotMessage(
            message_id=message["message_id"],
            chat_id=chat.id,
            kind=kind,
            method=method,
            text=message.get("text", caption or ""),
            html=html,
            caption=caption if kind != "text" else None,
            parse_mode=params.get("parse_mode"),
            entities=list(message.get("entities", message.get("caption_entities", []))),
            reply_markup=markup,
            reply_to_message_id=reply_to["message_id"] if reply_to is not None else None,
            force_reply=bool(markup and _as_bool(markup.get("force_reply"))),
            disable_notification=_as_bool(params.get("disable_notification")),
            protect_content=_as_bool(params.get("protect_content")),
            file_id=file.file_id if file is not None else None,
            file_name=file.file_name if file is not None else None,
            date=message["date"],
            params=params,
            message=message,
            source=source,
        )
        chat.bot_messages[bot_message.message_id] = bot_message
        return bot_message

    def _prepare_send(self, method: str, params: JSON) -> tuple[_Chat, JSON | None, JSON | None]:
        chat = self._chat_param(params)
        self._check_blocked(chat)
        reply_to = self._reply_target(chat, params)
        markup = self._validate_markup(params.get("reply_markup"))
        return chat, reply_to, markup

    # ------------------------------------------------------------------ methods

    def _method_table(self) -> dict[str, Callable[..., Any]]:
        return {
            "getMe": self._get_me,
            "logOut": lambda p, u, r: True,
            "close": lambda p, u, r: True,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getChat": self._get_chat,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "sendMessage": self._send_message,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendVoice": self._send_voice,
            "copyMessage": self._copy_message,
            "forwardMessage": self._forward_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
        }

    def _get_me(self, params: JSON, uploads: dict[str, _Upload], request: web.Request) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _get_updates(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> list[JSON]:
        if self._webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        if self.polling_active:
            raise ApiError(409, POLL_CONFLICT)
        offset = self._int(params, "offset", 0)
        limit = min(max(self._int(params, "limit", 100), 1), 100)
        timeout = max(self._int(params, "timeout", 0), 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = [str(a) for a in allowed] or None
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        self._poller = request
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                wake = self._wake
                batch = self._select(limit)
                remaining = deadline - loop.time()
                if batch or self._closing or remaining <= 0:
                    return batch
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), remaining)
        finally:
            if self._poller is request:
                self._poller = None

    def _select(self, limit: int) -> list[JSON]:
        if self._allowed_updates is not None:
            allowed = set(self._allowed_updates)
            self._updates = [u for u in self._updates if self._update_type(u) in allowed]
        return [json.loads(json.dumps(u)) for u in self._updates[:limit]]

    @staticmethod
    def _update_type(update: JSON) -> str:
        return next(key for key in update if key != "update_id")

    def _set_webhook(self, params: JSON, uploads: dict[str, _Upload], request: web.Request) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self._webhook_url = url
        if _as_bool(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    def _delete_webhook(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> bool:
        self._webhook_url = ""
        if _as_bool(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    def _get_webhook_info(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        return {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    @staticmethod
    def _scope_key(params: JSON) -> tuple[str, int | None, int | None, str]:
        scope = params.get("scope") or {}
        if not isinstance(scope, dict):
            raise bad_request("can't parse BotCommandScope")
        chat_id = scope.get("chat_id")
        user_id = scope.get("user_id")
        return (
            str(scope.get("type", "default")),
            int(chat_id) if chat_id not in (None, "") else None,
            int(user_id) if user_id not in (None, "") else None,
            str(params.get("language_code") or ""),
        )

    def _set_my_commands(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands")
        cleaned: list[JSON] = []
        for item in commands:
            command = str(item.get("command", "")) if isinstance(item, dict) else ""
            description = str(item.get("description", "")) if isinstance(item, dict) else ""
            valid_chars = all(
                c.isascii() and (c.islower() or c.isdigit() or c == "_") for c in command
            )
            if not 1 <= len(command) <= 32 or not valid_chars:
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request(
                    "command description is empty"
                    if not description
                    else "BOT_COMMAND_DESCRIPTION_INVALID"
                )
            cleaned.append({"command": command, "description": description})
        key = self._scope_key(params)
        if key[0] in ("chat", "chat_administrators", "chat_member"):
            self._chat_param({"chat_id": key[1]})
        self._commands[key] = cleaned
        return True

    def _get_my_commands(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> list[JSON]:
        return list(self._commands.get(self._scope_key(params), []))

    def _delete_my_commands(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> bool:
        self._commands.pop(self._scope_key(params), None)
        return True

    def _get_chat(self, params: JSON, uploads: dict[str, _Upload], request: web.Request) -> JSON:
        chat = self._chat_param(params)
        return {
            **chat.info,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _member(self, chat: _Chat, user_id: int) -> JSON:
        if user_id == self.bot_id:
            user: JSON = dict(self.bot_user)
        elif user_id in self._users:
            user = dict(self._users[user_id])
        else:
            raise bad_request("user not found")
        if user_id in chat.admins:
            return {
                "status": "administrator",
                "user": user,
                "can_be_edited": False,
                "is_anonymous": False,
                "can_manage_chat": True,
                "can_delete_messages": True,
                "can_manage_video_chats": True,
                "can_restrict_members": True,
                "can_promote_members": False,
                "can_change_info": True,
                "can_invite_users": True,
                "can_post_stories": False,
                "can_edit_stories": False,
                "can_delete_stories": False,
            }
        return {"status": "member", "user": user}

    def _get_chat_member(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        chat = self._chat_param(params)
        return self._member(chat, self._int(params, "user_id"))

    def _get_chat_administrators(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> list[JSON]:
        chat = self._chat_param(params)
        return [self._member(chat, user_id) for user_id in sorted(chat.admins)]

    def _send_message(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        chat, reply_to, markup = self._prepare_send("sendMessage", params)
        rendered = self._render_text(params)
        self._check_flood("sendMessage", chat)
        content: JSON = {"text": rendered.text}
        if rendered.entities:
            content["entities"] = rendered.entities
        message = self._post_bot_message(
            "sendMessage",
            chat,
            params,
            "text",
            content,
            html=str(params.get("text")),
            reply_to=reply_to,
            markup=markup,
        )
        return message.message

    def _send_media(
        self, method: str, kind: str, params: JSON, uploads: dict[str, _Upload]
    ) -> JSON:
        chat, reply_to, markup = self._prepare_send(method, params)
        file = self._resolve_file(params, uploads, kind, kind)
        caption = self._render_caption(params)
        self._check_flood(method, chat)
        content: JSON
        if kind == "photo":
            content = {
                "photo": [
                    {
                        "file_id": file.file_id,
                        "file_unique_id": file.unique_id,
                        "width": 1280,
                        "height": 960,
                        "file_size": len(file.data),
                    }
                ]
            }
        elif kind == "voice":
            content = {
                "voice": {
                    "file_id": file.file_id,
                    "file_unique_id": file.unique_id,
                    "duration": self._int(params, "duration", 1),
                    "mime_type": file.mime_type or "audio/ogg",
                    "file_size": len(file.data),
                }
            }
        else:
            document: JSON = {
                "file_id": file.file_id,
                "file_unique_id": file.unique_id,
                "file_size": len(file.data),
            }
            if file.file_name:
                document["file_name"] = file.file_name
            if file.mime_type:
                document["mime_type"] = file.mime_type
            content = {"document": document}
        if caption.text:
            content["caption"] = caption.text
            if caption.entities:
                content["caption_entities"] = caption.entities
        message = self._post_bot_message(
            method,
            chat,
            params,
            kind,
            content,
            html=params.get("caption"),
            reply_to=reply_to,
            markup=markup,
            file=file,
        )
        return message.message

    def _send_photo(self, params: JSON, uploads: dict[str, _Upload], request: web.Request) -> JSON:
        return self._send_media("sendPhoto", "photo", params, uploads)

    def _send_document(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        return self._send_media("sendDocument", "document", params, uploads)

    def _send_voice(self, params: JSON, uploads: dict[str, _Upload], request: web.Request) -> JSON:
        return self._send_media("sendVoice", "voice", params, uploads)

    @staticmethod
    def _kind_of(message: JSON) -> str:
        for kind in ("text", "photo", "document", "voice"):
            if kind in message:
                return kind
        return "other"

    def _source_message(self, params: JSON, action: str) -> tuple[_Chat, JSON]:
        source_chat = self._chat_param(params, "from_chat_id")
        message_id = self._int(params, "message_id")
        source = source_chat.messages.get(message_id)
        if source is None:
            raise bad_request(f"message to {action} not found")
        return source_chat, source

    def _file_of(self, message: JSON) -> _File | None:
        kind = self._kind_of(message)
        if kind == "photo":
            return self._files.get(message["photo"][-1]["file_id"])
        if kind in ("document", "voice"):
            return self._files.get(message[kind]["file_id"])
        return None

    def _copy_message(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        source_chat, source = self._source_message(params, "copy")
        chat, reply_to, markup = self._prepare_send("copyMessage", params)
        kind = self._kind_of(source)
        content = {k: json.loads(json.dumps(source[k])) for k in CONTENT_KEYS if k in source}
        html: str | None = source.get("text", source.get("caption"))
        if kind != "text" and "caption" in params:
            caption = self._render_caption(params)
            content.pop("caption", None)
            content.pop("caption_entities", None)
            if caption.text:
                content["caption"] = caption.text
                if caption.entities:
                    content["caption_entities"] = caption.entities
            html = params.get("caption")
        self._check_flood("copyMessage", chat)
        message = self._post_bot_message(
            "copyMessage",
            chat,
            params,
            kind,
            content,
            html=html,
            reply_to=reply_to,
            markup=markup,
            file=self._file_of(source),
            source=(source_chat.id, int(source["message_id"])),
        )
        return {"message_id": message.message_id}

    def _forward_message(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        source_chat, source = self._source_message(params, "forward")
        chat = self._chat_param(params)
        self._check_blocked(chat)
        self._check_flood("forwardMessage", chat)
        content = {k: json.loads(json.dumps(source[k])) for k in CONTENT_KEYS if k in source}
        if "forward_origin" in source:
            content["forward_origin"] = source["forward_origin"]
        elif "from" in source:
            content["forward_origin"] = {
                "type": "user",
                "sender_user": source["from"],
                "date": source["date"],
            }
        else:
            content["forward_origin"] = {
                "type": "channel",
                "chat": source_chat.info,
                "message_id": source["message_id"],
                "date": source["date"],
            }
        message = self._post_bot_message(
            "forwardMessage",
            chat,
            params,
            self._kind_of(source),
            content,
            html=None,
            reply_to=None,
            markup=None,
            file=self._file_of(source),
            source=(source_chat.id, int(source["message_id"])),
        )
        return message.message

    def _editable(self, params: JSON) -> tuple[_Chat, BotMessage]:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._chat_param(params)
        self._check_blocked(chat)
        message_id = self._int(params, "message_id")
        current = chat.bot_messages.get(message_id)
        if current is None or current.deleted or message_id not in chat.messages:
            raise bad_request("message to edit not found")
        return chat, current

    def _apply_edit(
        self,
        current: BotMessage,
        content: JSON,
        markup: JSON | None,
        params: JSON,
        html: str | None,
    ) -> JSON:
        message = current.message
        before = ({k: message.get(k) for k in content}, message.get("reply_markup"))
        after = (content, markup)
        if before == after:
            raise bad_request(NOT_MODIFIED)
        for key, value in content.items():
            if value is None:
                message.pop(key, None)
            else:
                message[key] = value
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        current.reply_markup = markup
        current.force_reply = False
        current.edits += 1
        current.edit_date = message["edit_date"]
        if "text" in content or "caption" in content:
            current.text = message.get("text", message.get("caption") or "")
            if current.kind != "text":
                current.caption = message.get("caption")
            current.entities = list(message.get("entities", message.get("caption_entities", [])))
            current.html = html
            current.parse_mode = params.get("parse_mode")
        return message

    def _edit_message_text(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        _, current = self._editable(params)
        if current.kind != "text":
            raise bad_request("there is no text in the message to edit")
        rendered = self._render_text(params)
        markup = self._validate_markup(params.get("reply_markup"), inline_only=True)
        content = {"text": rendered.text, "entities": rendered.entities or None}
        return self._apply_edit(current, content, markup, params, str(params.get("text")))

    def _edit_message_caption(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        _, current = self._editable(params)
        if current.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        rendered = self._render_caption(params)
        markup = self._validate_markup(params.get("reply_markup"), inline_only=True)
        content = {
            "caption": rendered.text or None,
            "caption_entities": rendered.entities or None,
        }
        return self._apply_edit(current, content, markup, params, params.get("caption"))

    def _edit_message_reply_markup(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> JSON:
        _, current = self._editable(params)
        markup = self._validate_markup(params.get("reply_markup"), inline_only=True)
        return self._apply_edit(current, {}, markup, params, current.html)

    def _delete_message(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> bool:
        chat = self._chat_param(params)
        message_id = self._int(params, "message_id")
        if chat.messages.pop(message_id, None) is None:
            raise bad_request("message to delete not found")
        if message_id in chat.bot_messages:
            chat.bot_messages[message_id].deleted = True
        return True

    def _answer_callback_query(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._queries.get(query_id)
        too_old = query is not None and time.monotonic() - query.created > self.callback_query_ttl
        if query is None or query.answered or too_old:
            raise bad_request(QUERY_TOO_OLD)
        text = params.get("text")
        if text is not None and len(str(text)) > CALLBACK_TEXT_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered = True
        self.callback_answers.append(
            {
                "id": query_id,
                "text": text,
                "show_alert": _as_bool(params.get("show_alert")),
                "url": params.get("url"),
                "cache_time": params.get("cache_time"),
            }
        )
        return True

    def _send_chat_action(
        self, params: JSON, uploads: dict[str, _Upload], request: web.Request
    ) -> bool:
        chat = self._chat_param(params)
        self._check_blocked(chat)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def _get_file(self, params: JSON, uploads: dict[str, _Upload], request: web.Request) -> JSON:
        file = self._files.get(str(params.get("file_id") or ""))
        if file is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": file.file_id,
            "file_unique_id": file.unique_id,
            "file_size": len(file.data),
            "file_path": f"{file.kind}s/{file.file_id}",
        }
