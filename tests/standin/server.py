"""A stand-in Telegram Bot API server owned by the test suite.

Why: mocking aiogram's ``Bot`` hides exactly the bugs that hurt in production (unescaped HTML,
replies to deleted messages, callback queries answered twice, flood limits, blocked users).
This server speaks the real HTTP protocol on 127.0.0.1, so the bot under test runs its real
aiogram ``Dispatcher`` and ``Bot`` unchanged, while the test injects updates (users writing,
pressing buttons) and inspects what the bot did (``calls``, ``bot_messages``).

It keeps a small model of the world - users, chats, messages, files, callback queries - and
reproduces the Bot API rules that a bot can get wrong, with Telegram's own error texts.

This module is the facade tests use, ``StandInTelegram``; it is composed of the world model
(``state``), the HTTP front (``wire``), the Bot API methods (``methods``, ``messages``,
``validation``) and fault injection / flood control (``faults``).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self, TypeVar

from .business import Business
from .faults import Faults
from .html_entities import utf16_len
from .media import (
    PHOTO_BYTES,
    document_content,
    photo_content,
    sticker_content,
    voice_content,
    with_caption,
)
from .methods import BotApi
from .state import JSON, ApiCall, BotMessage, World, json_copy
from .wire import ApiError, HttpFront

if TYPE_CHECKING:
    from types import TracebackType

    from aiogram import Bot
    from aiogram.types import Message

# ApiCall, ApiError and BotMessage stay importable from here, as before the split.
__all__ = ["ApiCall", "ApiError", "BotMessage", "StandInTelegram"]

T = TypeVar("T")


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
        # What the test observes; the parts below append to these very lists.
        self.calls: list[ApiCall] = []
        self.callback_answers: list[JSON] = []
        self.too_many_requests: list[JSON] = []
        self.injected: list[JSON] = []
        self.internal_errors: list[Exception] = []
        self._world = World(self.bot_user, self.injected)
        self._faults = Faults(self.too_many_requests)
        self._business = Business(self._world)
        self._api = BotApi(self._world, self._faults, self.callback_answers, self._business)
        self._http = HttpFront(
            token,
            self._api.table(),
            files=self._world.files,
            calls=self.calls,
            internal_errors=self.internal_errors,
            before_call=self._faults.before_call,
            after_call=self._faults.after_call,
        )

    @property
    def callback_query_ttl(self) -> float:
        """Seconds a callback query stays answerable (Telegram: about 15)."""
        return self._api.callback_query_ttl

    @callback_query_ttl.setter
    def callback_query_ttl(self, seconds: float) -> None:
        self._api.callback_query_ttl = seconds

    @property
    def hung_calls(self) -> int:
        """Calls held back by ``hang_next`` / ``slow_next`` so far."""
        return self._faults.hung_calls

    @hung_calls.setter
    def hung_calls(self, count: int) -> None:
        self._faults.hung_calls = count

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Bind 127.0.0.1 on a free port and serve until ``stop``."""
        await self._http.start()
        self._world.updates.closing = False

    async def stop(self) -> None:
        """Release pending long polls and shut the server down."""
        self._world.updates.closing = True
        self._world.updates.notify()
        await self._http.stop()

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
        if self._http.port is None:
            raise RuntimeError("StandInTelegram is not started")
        return f"http://127.0.0.1:{self._http.port}"

    def create_bot(self, **kwargs: Any) -> Bot:
        """An aiogram ``Bot`` wired to this server (caller closes ``bot.session``)."""
        from aiogram import Bot
        from aiogram.client.session.aiohttp import AiohttpSession
        from aiogram.client.telegram import TelegramAPIServer

        session = AiohttpSession(api=TelegramAPIServer.from_base(self.base_url))
        return Bot(self.token, session=session, **kwargs)

    # ------------------------------------------------------------------ world

    def set_clock(self, now: Callable[[], float] | None) -> None:
        """Use ``now`` (epoch seconds) for message dates and the 24-hour business reply
        window, so a bot running on a moved clock sees dates from the same moved world;
        None goes back to ``time.time``."""
        self._world.clock = now or time.time

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
        self._world.users[user_id] = user
        self._world.register_chat(chat)
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
        self._world.register_chat(chat).admins = set(admins)
        return dict(chat)

    def upgrade_group(self, old_id: int, new_id: int, *, announce: bool = False) -> JSON:
        """The group becomes a supergroup with a new id, as Telegram does when a group grows
        or an admin changes certain settings: every call naming the old id then fails with
        ``migrate_to_chat_id``. With ``announce``, the service messages Telegram posts in
        both chats arrive as updates too."""
        old = self._world.chat_for_test(old_id)
        info: JSON = {"id": new_id, "type": "supergroup", "title": old.info.get("title", "")}
        new = self._world.register_chat(info)
        new.admins = set(old.admins)
        if announce:
            owner = next(iter(self._world.users.values()), None)
            sender = owner or dict(self._world.bot_user)
            for chat, content in (
                (old, {"migrate_to_chat_id": new_id}),
                (new, {"migrate_from_chat_id": old_id}),
            ):
                message = self._world.new_message(chat, sender, content)
                chat.messages[message["message_id"]] = message
                self._world.updates.push("message", message)
        self._world.migrated[old_id] = new_id
        return dict(info)

    def channel(self, chat_id: int, title: str, *, username: str | None = None) -> JSON:
        """Register a channel (source of ``channel_post`` updates)."""
        chat: JSON = {"id": chat_id, "type": "channel", "title": title}
        if username is not None:
            chat["username"] = username
        self._world.register_chat(chat)
        return dict(chat)

    def block(self, user_id: int) -> None:
        """The user blocks the bot: every later send to their chat is a 403."""
        self._world.blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user restarts the bot."""
        self._world.blocked.discard(user_id)

    # ------------------------------------------------------------------ injection

    def send_text(
        self,
        user: JSON,
        text: str,
        chat: JSON | int | None = None,
        reply_to: JSON | BotMessage | Message | None = None,
        *,
        entities: list[JSON] | None = None,
        forward_origin: JSON | None = None,
    ) -> JSON:
        """A user writes ``text``, or forwards it when ``forward_origin`` (Bot API's
        MessageOrigin) is given; returns the Message dict delivered in the update."""
        content: JSON = {"text": text}
        if entities:
            content["entities"] = entities
        if forward_origin is not None:
            content["forward_origin"] = forward_origin
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
        *,
        album: str | None = None,
    ) -> JSON:
        """A user sends a photo (two sizes, fresh file ids the bot can re-send/copy); photos
        sent with the same ``album`` are parts of one media group, as Telegram delivers them."""
        content = photo_content(self._world)
        if album:
            content["media_group_id"] = album
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
        content = with_caption(document_content(self._world, file_name, mime_type, data), caption)
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
        content = with_caption(voice_content(self._world, duration), caption)
        return self._user_message(user, chat, reply_to, content)

    def edit_text(self, message: JSON, text: str) -> JSON:
        """The user edits their message: an ``edited_message`` update with ``edit_date``."""
        chat = self._world.chat_for_test(message["chat"]["id"])
        stored = chat.messages.get(int(message["message_id"]))
        if stored is None:
            raise AssertionError(f"message {message['message_id']} is not in chat {chat.id}")
        if "text" not in stored:
            raise AssertionError("only text messages can be edited with edit_text")
        stored["text"] = text
        stored.pop("entities", None)
        stored["edit_date"] = self._world.now()
        edited = json_copy(stored)
        self._world.updates.push("edited_message", edited)
        return edited

    def press(
        self, user: JSON, bot_message: BotMessage | JSON | Message, callback_data: str
    ) -> str:
        """The user presses an inline button; returns the callback query id.

        Fails the test (AssertionError) if no button with that data is on the message now -
        a real user can only press what the bot currently shows.
        """
        chat_id, message_id = self._world.message_ref(bot_message)
        chat = self._world.chat_for_test(chat_id)
        current = chat.bot_messages.get(message_id)
        if current is None or current.deleted:
            raise AssertionError(f"bot message {message_id} does not exist in chat {chat_id}")
        datas = [data for _, data in self.buttons(current)]
        if callback_data not in datas:
            raise AssertionError(
                f"callback_data {callback_data!r} is not on message {message_id} in chat "
                f"{chat_id}; buttons: {self.buttons(current)}"
            )
        query_id = self._world.open_query(chat_id, message_id, callback_data)
        query: JSON = {
            "id": query_id,
            "from": dict(user),
            "message": json_copy(current.message),
            "chat_instance": str(abs(hash((self.bot_id, chat_id)))),
            "data": callback_data,
        }
        self._world.updates.push("callback_query", query)
        return query_id

    def forge_press(
        self, user: JSON, bot_message: BotMessage | JSON | Message, callback_data: str
    ) -> str:
        """Send a callback query with any data from under a real message, as a modified client
        or a message older than a database restore could; returns the query id."""
        chat_id, message_id = self._world.message_ref(bot_message)
        current = self._world.chat_for_test(chat_id).bot_messages.get(message_id)
        if current is None:
            raise AssertionError(f"bot message {message_id} does not exist in chat {chat_id}")
        query_id = self._world.open_query(chat_id, message_id, callback_data)
        query: JSON = {
            "id": query_id,
            "from": dict(user),
            "message": json_copy(current.message),
            "chat_instance": str(abs(hash((self.bot_id, chat_id)))),
            "data": callback_data,
        }
        self._world.updates.push("callback_query", query)
        return query_id

    def channel_post(self, chat: JSON | int, text: str) -> JSON:
        """A post in a channel the bot administers (``channel_post`` update)."""
        target = self._world.target_chat(chat)
        message = self._world.new_message(target, None, {"text": text})
        message["sender_chat"] = dict(target.info)
        target.messages[message["message_id"]] = message
        delivered = json_copy(message)
        self._world.updates.push("channel_post", delivered)
        return delivered

    def push_raw_update(self, update_type: str, payload: JSON) -> int:
        """Queue an update of ``update_type`` carrying ``payload`` exactly as given (nothing
        filled in, nothing checked), as Telegram may send what the bot's library cannot read;
        returns its update_id."""
        self._world.updates.push(update_type, json_copy(payload))
        return int(self.injected[-1]["update_id"])

    def _user_message(
        self,
        user: JSON,
        chat: JSON | int | None,
        reply_to: JSON | BotMessage | Message | None,
        content: JSON,
    ) -> JSON:
        world = self._world
        if int(user["id"]) not in world.users:
            self.user(
                int(user["id"]), user.get("first_name", "User"), username=user.get("username")
            )
        target = world.chats[int(user["id"])] if chat is None else world.target_chat(chat)
        message = world.new_message(target, dict(world.users[int(user["id"])]), content)
        if reply_to is not None:
            _, reply_id = world.message_ref(reply_to)
            replied = target.messages.get(reply_id)
            if replied is None:
                raise AssertionError(f"reply_to message {reply_id} is not in chat {target.id}")
            message["reply_to_message"] = world.reply_copy(replied)
        target.messages[message["message_id"]] = message
        delivered = json_copy(message)
        world.updates.push("message", delivered)
        return delivered

    # ------------------------------------------------------------------ Telegram Business

    def business_connect(
        self,
        owner: JSON,
        *,
        can_reply: bool = True,
        enabled: bool = True,
        connection_id: str | None = None,
    ) -> str:
        """``owner`` (a Telegram Business user, registered like ``user``) connects the bot:
        a ``business_connection`` update; returns the connection id."""
        owner_id = int(owner["id"])
        if owner_id not in self._world.users:
            self.user(
                owner_id,
                owner.get("first_name", "Owner"),
                username=owner.get("username"),
                last_name=owner.get("last_name"),
                language_code=owner.get("language_code"),
            )
        connection = self._business.connect(
            dict(self._world.users[owner_id]),
            can_reply=can_reply,
            enabled=enabled,
            connection_id=connection_id,
        )
        self._business.announce(connection)
        return connection.id

    def business_update(
        self, connection_id: str, *, can_reply: bool | None = None, enabled: bool | None = None
    ) -> JSON:
        """The owner changes the bot's rights or turns it off/on: ``business_connection``
        again, with the new state."""
        connection = self._business.connection_for_test(connection_id)
        if can_reply is not None:
            connection.can_reply = can_reply
        if enabled is not None:
            connection.enabled = enabled
        return self._business.announce(connection)

    def business_text(
        self,
        connection_id: str,
        client: JSON,
        text: str,
        *,
        reply_to: JSON | BotMessage | Message | None = None,
    ) -> JSON:
        """The client writes ``text`` to the owner: a ``business_message``, and the bot may
        reply through the connection for the next 24 hours."""
        return self._business.client_writes(connection_id, client, {"text": text}, reply_to)

    def business_photo(
        self,
        connection_id: str,
        client: JSON,
        data: bytes = PHOTO_BYTES,
        caption: str | None = None,
    ) -> JSON:
        """The client sends the owner a photo (resendable by file_id, readable with
        ``file_bytes``)."""
        content = with_caption(photo_content(self._world, data), caption)
        return self._business.client_writes(connection_id, client, content)

    def business_document(
        self,
        connection_id: str,
        client: JSON,
        file_name: str = "a.pdf",
        caption: str | None = None,
        *,
        mime_type: str = "application/pdf",
        data: bytes = b"%PDF-stand-in",
    ) -> JSON:
        """The client sends the owner a document."""
        content = with_caption(document_content(self._world, file_name, mime_type, data), caption)
        return self._business.client_writes(connection_id, client, content)

    def business_voice(
        self,
        connection_id: str,
        client: JSON,
        *,
        duration: int = 3,
        caption: str | None = None,
        data: bytes = b"OggS-stand-in",
    ) -> JSON:
        """The client sends the owner a voice note."""
        content = with_caption(voice_content(self._world, duration, data), caption)
        return self._business.client_writes(connection_id, client, content)

    def business_sticker(self, connection_id: str, client: JSON, *, emoji: str = "👍") -> JSON:
        """The client sends the owner a sticker: a message with neither text nor caption."""
        content = sticker_content(self._world, emoji)
        return self._business.client_writes(connection_id, client, content)

    def business_owner_text(self, connection_id: str, client_id: int, text: str) -> JSON:
        """The owner himself types ``text`` in his chat with the client (``from`` = owner);
        it does not open the 24-hour window, only the client's messages do."""
        return self._business.owner_writes(connection_id, client_id, {"text": text})

    def business_service(self, connection_id: str, client: JSON, content: JSON) -> JSON:
        """A ``business_message`` carrying only the given service fields (for example
        ``{"pinned_message": ...}`` or ``{"chat_background_set": ...}``), from the client."""
        return self._business.client_service(connection_id, client, json_copy(content))

    def business_edit(self, message: JSON, text: str) -> JSON:
        """Whoever wrote a text message in a business chat edits it:
        ``edited_business_message`` with ``edit_date``."""
        return self._business.edit(message, text)

    def business_delete(self, connection_id: str, client_id: int, message_ids: list[int]) -> JSON:
        """Messages of the business chat are deleted: ``deleted_business_messages``."""
        return self._business.delete(connection_id, client_id, message_ids)

    def business_messages(self, connection_id: str, client_id: int) -> list[BotMessage]:
        """The bot's messages in the owner's chat with the client (edits applied, deleted
        ones left out) - not its messages in its own chat with that client."""
        return self._business.bot_messages(connection_id, client_id)

    async def wait_business_message(
        self,
        connection_id: str,
        client_id: int,
        contains: str = "",
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the stand-in's documented API
    ) -> BotMessage:
        """First bot message in that business chat whose plain text contains ``contains``."""

        def find() -> BotMessage | None:
            for message in self.business_messages(connection_id, client_id):
                if contains in message.text:
                    return message
            return None

        try:
            return await self.wait_for(find, timeout)
        except AssertionError:
            texts = [m.text for m in self.business_messages(connection_id, client_id)]
            raise AssertionError(
                f"no bot message containing {contains!r} in the business chat with {client_id} "
                f"through {connection_id!r} within {timeout}s; bot messages there: {texts}; "
                f"{self._describe_recent()}"
            ) from None

    # ------------------------------------------------------------------ observation

    def calls_to(self, method: str) -> list[ApiCall]:
        """Calls of one method (case-insensitive), in order."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def bot_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[BotMessage]:
        """Every message the bot has in the chat, current state, oldest first."""
        chat = self._world.chats.get(int(chat_id))
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
        return list(self._world.commands.get((scope_type, chat_id, user_id, language_code), []))

    @property
    def polling_active(self) -> bool:
        """True while a getUpdates long poll is waiting (lets tests sync with the poller)."""
        return self._world.updates.polling_active

    def updates_pending(self) -> int:
        """Injected updates the bot has not confirmed (via getUpdates offset) yet."""
        return len(self._world.updates.pending)

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
        self._faults.fail_next(
            method, status, retry_after, count, chat_id=chat_id, description=description
        )

    def hang_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` go unanswered for ``seconds`` and then
        fail unexecuted, as a request lost on the way to Telegram does: the client's own
        timeout is what ends it."""
        self._faults.hang_next(method, seconds, count, chat_id=chat_id)

    def slow_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` take ``seconds`` and then succeed, so a
        test can change things while a send is in flight."""
        self._faults.slow_next(method, seconds, count, chat_id=chat_id)

    def late_next(
        self, method: str, seconds: float, count: int = 1, *, chat_id: int | str | None = None
    ) -> None:
        """Make the next ``count`` calls of ``method`` take effect at once (the message is
        there for users to see and answer) but be answered ``seconds`` later, as over a slow
        link: what the bot records after a send can be overtaken by a quick user."""
        self._faults.late_next(method, seconds, count, chat_id=chat_id)

    def garble_next(self, method: str, count: int = 1, *, chat_id: int | str | None = None) -> None:
        """Make the next ``count`` calls of ``method`` succeed but answer a result that does
        not parse (``{"garbled": true}``), as a proxy or an API change might."""
        self._faults.garble_next(method, count, chat_id=chat_id)

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
        self._faults.enforce_limits(
            enabled,
            private_burst=private_burst,
            private_rate=private_rate,
            group_per_minute=group_per_minute,
            global_per_second=global_per_second,
        )

    def clear_faults(self) -> None:
        """End every scheduled failure, hang and slow call now (flood limits stay): with a
        large ``count`` in ``fail_next`` this makes an outage that lasts a chosen time."""
        self._faults.clear_faults()

    # ------------------------------------------------------------------ files

    def file_bytes(self, message: BotMessage) -> bytes:
        """The bytes of the file a bot message carries (a document, photo or voice the bot
        uploaded), as the test would download them: to read back what the bot sent."""
        if message.file_id is None:
            raise AssertionError(f"bot message {message.message_id} carries no file")
        return self._world.files[message.file_id].data
