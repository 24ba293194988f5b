"""Telegram Business in the stand-in: connections, the owner's chats with clients, and the
rules for a bot writing into them.

Why: a business bot works in chats that are not its own. The owner's chat with a client
shares its id with the bot's own chat with that client, messages the bot sends there are
``from`` the owner and come back to it as ``business_message`` updates, and Telegram refuses a
send unless the connection is on, lets the bot reply, and the client wrote within the last
24 hours. A bot that mixes the two chats up, re-ingests its own echo or writes into a chat
gone quiet fails only in production unless the stand-in keeps these rules; they live here so
the rest of the stand-in only needs to ask "is this a business chat?".

Clients of business chats are deliberately not registered as users of the bot: a client who
never started the bot has no chat with it, so an ordinary send to them still fails.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .state import JSON, BotMessage, Chat, World, json_copy
from .wire import ApiError, Upload, bad_request

if TYPE_CHECKING:
    from aiohttp import web

#: How long after a client's last message the bot may still write into their chat.
REPLY_WINDOW_SECONDS = 24 * 60 * 60

CONNECTION_INVALID = "BUSINESS_CONNECTION_INVALID"
CONNECTION_NOT_ALLOWED = "BUSINESS_CONNECTION_NOT_ALLOWED"
ACCESS_FORBIDDEN = "Forbidden: BOT_ACCESS_FORBIDDEN"
PEER_USAGE_MISSING = "Forbidden: BUSINESS_PEER_USAGE_MISSING"
CANNOT_COPY = "message can't be copied"

#: The optional User fields a chat with that user repeats.
_CHAT_NAME_FIELDS: tuple[str, ...] = ("first_name", "last_name", "username")


@dataclass
class Connection:
    """One owner's connection of the bot; ``last_incoming`` is, per client chat id, when the
    client last wrote (stand-in clock seconds): the start of the 24-hour reply window."""

    id: str
    owner: JSON
    date: int
    enabled: bool
    can_reply: bool
    last_incoming: dict[int, float] = field(default_factory=dict)

    def as_json(self) -> JSON:
        """The BusinessConnection object; ``can_reply`` both in ``rights`` and at the top
        level, where clients written before Bot API 9.0 still look for it."""
        return {
            "id": self.id,
            "user": dict(self.owner),
            "user_chat_id": int(self.owner["id"]),
            "date": self.date,
            "is_enabled": self.enabled,
            "can_reply": self.can_reply,
            "rights": {"can_reply": self.can_reply},
        }


def named_connection(params: JSON) -> str | None:
    """The ``business_connection_id`` of a request, or None when it names none (Telegram
    treats an empty optional parameter as absent)."""
    value = params.get("business_connection_id")
    if value is None or value == "":
        return None
    return str(value)


def user_json(user: JSON) -> JSON:
    """A User object from what a test passes: an id and a first name at least."""
    result: JSON = {
        "id": int(user["id"]),
        "is_bot": False,
        "first_name": user.get("first_name", "User"),
    }
    for key in ("last_name", "username", "language_code"):
        if user.get(key) is not None:
            result[key] = user[key]
    return result


class Business:
    """Every business connection and the chats reached through them.

    Business chats are kept apart from ``World.chats`` under (connection id, client id), as
    Telegram keeps them apart from the bot's own chats.
    """

    def __init__(self, world: World) -> None:
        self._world = world
        self.connections: dict[str, Connection] = {}
        self.chats: dict[tuple[str, int], Chat] = {}

    # ------------------------------------------------------------------ the test's side

    def connect(
        self, owner: JSON, *, can_reply: bool, enabled: bool, connection_id: str | None
    ) -> Connection:
        """A new connection of the bot to ``owner``'s account (announced by ``announce``)."""
        connection_id = connection_id or f"BC{secrets.token_urlsafe(12)}"
        if connection_id in self.connections:
            raise AssertionError(
                f"business connection {connection_id!r} exists; use business_update"
            )
        connection = Connection(connection_id, owner, self._world.now(), enabled, can_reply)
        self.connections[connection_id] = connection
        return connection

    def announce(self, connection: Connection) -> JSON:
        """Push the ``business_connection`` update for the connection's current state."""
        payload = connection.as_json()
        self._world.updates.push("business_connection", json_copy(payload))
        return payload

    def connection_for_test(self, connection_id: str) -> Connection:
        """A known connection; a test naming an unknown one fails with AssertionError."""
        connection = self.connections.get(connection_id)
        if connection is None:
            raise AssertionError(f"business connection {connection_id!r} is not registered")
        return connection

    def client_writes(
        self, connection_id: str, client: JSON, content: JSON, reply_to: Any = None
    ) -> JSON:
        """The client sends ``content`` to the owner; this starts a new 24-hour window."""
        connection = self._delivering(connection_id)
        chat = self._chat_with(connection, user_json(client))
        message = self._deliver(connection, chat, user_json(client), content, reply_to)
        connection.last_incoming[chat.id] = self._world.clock()
        return message

    def client_service(self, connection_id: str, client: JSON, content: JSON) -> JSON:
        """A service message in the client's chat (a pin, a new background): no text, and
        no new reply window - the client did not write."""
        connection = self._delivering(connection_id)
        chat = self._chat_with(connection, user_json(client))
        return self._deliver(connection, chat, user_json(client), content, None)

    def owner_writes(self, connection_id: str, client_id: int, content: JSON) -> JSON:
        """The owner types in his chat with the client (not an incoming message)."""
        connection = self._delivering(connection_id)
        chat = self.chats.get((connection_id, int(client_id)))
        if chat is None:
            known = self._world.users.get(int(client_id))
            if known is None:
                raise AssertionError(
                    f"client {client_id} has no chat through {connection_id!r} and is not a "
                    "registered user; let the client write first"
                )
            chat = self._chat_with(connection, user_json(known))
        return self._deliver(connection, chat, dict(connection.owner), content, None)

    def edit(self, message: JSON, text: str) -> JSON:
        """Someone in the chat edits their text message: ``edited_business_message``."""
        connection_id = str(message.get("business_connection_id") or "")
        self._delivering(connection_id)
        chat = self.chat_for_test(connection_id, int(message["chat"]["id"]))
        stored = chat.messages.get(int(message["message_id"]))
        if stored is None:
            raise AssertionError(f"message {message['message_id']} is not in that chat")
        if "text" not in stored:
            raise AssertionError("only text messages can be edited with business_edit")
        if "sender_business_bot" in stored:
            raise AssertionError("the bot edits its own messages through the Bot API")
        stored["text"] = text
        stored.pop("entities", None)
        stored["edit_date"] = self._world.now()
        return self.echo("edited_business_message", stored)

    def delete(self, connection_id: str, client_id: int, message_ids: list[int]) -> JSON:
        """Messages vanish from the chat: one ``deleted_business_messages`` update."""
        self._delivering(connection_id)
        chat = self.chat_for_test(connection_id, client_id)
        missing = [m for m in message_ids if int(m) not in chat.messages]
        if missing:
            raise AssertionError(f"messages {missing} are not in that chat")
        for message_id in message_ids:
            chat.messages.pop(int(message_id))
            if int(message_id) in chat.bot_messages:
                chat.bot_messages[int(message_id)].deleted = True
        payload: JSON = {
            "business_connection_id": connection_id,
            "chat": dict(chat.info),
            "message_ids": [int(m) for m in message_ids],
        }
        self._world.updates.push("deleted_business_messages", json_copy(payload))
        return payload

    def chat_for_test(self, connection_id: str, client_id: int) -> Chat:
        """A business chat that exists; otherwise the test fails with AssertionError."""
        chat = self.chats.get((connection_id, int(client_id)))
        if chat is None:
            raise AssertionError(
                f"no business chat with {client_id} through connection {connection_id!r}"
            )
        return chat

    def bot_messages(self, connection_id: str, client_id: int) -> list[BotMessage]:
        """The bot's messages in that business chat, current state, oldest first."""
        chat = self.chats.get((connection_id, int(client_id)))
        if chat is None:
            return []
        return [m for m in chat.bot_messages.values() if not m.deleted]

    # ------------------------------------------------------------------ the Bot API's side

    def chat_for_send(self, params: JSON) -> Chat:
        """The business chat a send or an edit writes into, checked in Telegram's order:
        the connection is known, enabled and may reply; the chat exists; the client wrote
        within the last 24 hours."""
        connection = self._usable(str(named_connection(params)))
        chat = self._chat_param(connection, params)
        last = connection.last_incoming.get(chat.id)
        if last is None or self._world.clock() - last > REPLY_WINDOW_SECONDS:
            raise ApiError(403, PEER_USAGE_MISSING)
        return chat

    def author(self, chat: Chat) -> JSON:
        """Whom a message the bot posts into ``chat`` is ``from``: the owner in a business
        chat, the bot everywhere else."""
        if chat.business_connection_id is None:
            return dict(self._world.bot_user)
        return dict(self.connections[chat.business_connection_id].owner)

    def sign(self, chat: Chat, message: JSON) -> None:
        """Mark a message the bot posted into a business chat as Telegram does, and echo it
        to the bot as a ``business_message``; other chats are left alone."""
        if chat.business_connection_id is None:
            return
        message["sender_business_bot"] = dict(self._world.bot_user)
        message["business_connection_id"] = chat.business_connection_id
        self.echo("business_message", message)

    def echo(self, update_type: str, message: JSON) -> JSON:
        """Push a copy of a business chat's message as ``update_type``; returns the copy."""
        delivered = json_copy(message)
        self._world.updates.push(update_type, delivered)
        return delivered

    def get_business_connection(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        """getBusinessConnection: the connection as it is now, enabled or not."""
        connection = self.connections.get(str(params.get("business_connection_id") or ""))
        if connection is None:
            raise bad_request(CONNECTION_INVALID)
        return connection.as_json()

    # ------------------------------------------------------------------ helpers

    def _delivering(self, connection_id: str) -> Connection:
        """The connection an injected update comes through: a disabled one delivers nothing,
        so injecting through it is a mistake in the test."""
        connection = self.connection_for_test(connection_id)
        if not connection.enabled:
            raise AssertionError(
                f"business connection {connection_id!r} is disabled: Telegram delivers nothing"
            )
        return connection

    def _usable(self, connection_id: str) -> Connection:
        """The connection a request names, if the bot may write through it."""
        connection = self.connections.get(connection_id)
        if connection is None:
            raise bad_request(CONNECTION_INVALID)
        if not connection.enabled:
            raise bad_request(CONNECTION_NOT_ALLOWED)
        if not connection.can_reply:
            raise ApiError(403, ACCESS_FORBIDDEN)
        return connection

    def _chat_param(self, connection: Connection, params: JSON) -> Chat:
        """The client chat ``chat_id`` names (an id or ``@username``) in this connection."""
        value = params.get("chat_id")
        if value is None or value == "":
            raise bad_request("chat_id is empty")
        chats = [c for (through, _), c in self.chats.items() if through == connection.id]
        if isinstance(value, str) and value.startswith("@"):
            wanted = value[1:].lower()
            found = [c for c in chats if str(c.info.get("username", "")).lower() == wanted]
        else:
            try:
                chat_id = int(value)
            except (TypeError, ValueError):
                raise bad_request("chat not found") from None
            found = [c for c in chats if c.id == chat_id]
        if not found:
            raise bad_request("chat not found")
        return found[0]

    def _chat_with(self, connection: Connection, client: JSON) -> Chat:
        """The owner's chat with ``client`` through this connection, made on first contact."""
        key = (connection.id, int(client["id"]))
        chat = self.chats.get(key)
        if chat is None:
            info: JSON = {"id": int(client["id"]), "type": "private"}
            info.update({k: client[k] for k in _CHAT_NAME_FIELDS if k in client})
            chat = Chat(info=info, business_connection_id=connection.id)
            self.chats[key] = chat
        return chat

    def _deliver(
        self, connection: Connection, chat: Chat, sender: JSON, content: JSON, reply_to: Any
    ) -> JSON:
        """Store a message in the business chat and push it as a ``business_message``."""
        message = self._world.new_message(chat, sender, content)
        if reply_to is not None:
            _, reply_id = self._world.message_ref(reply_to)
            replied = chat.messages.get(reply_id)
            if replied is None:
                raise AssertionError(f"reply_to message {reply_id} is not in that chat")
            message["reply_to_message"] = self._world.reply_copy(replied)
        message["business_connection_id"] = connection.id
        chat.messages[message["message_id"]] = message
        return self.echo("business_message", message)
