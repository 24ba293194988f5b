"""The Bot API method table of the stand-in, and the methods that are not about messages.

Why: one place answers "which Bot API methods does the stand-in speak?" (``BotApi.table``).
The methods here - getMe, getUpdates and webhooks, bot commands, chats and members, callback
query answers, chat actions, getFile - each keep Telegram's rules for their own parameters;
the message methods live in ``messages.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .business import Business
from .faults import Faults
from .messages import MessageMethods
from .state import JSON, Chat, CommandScope, World
from .validation import CALLBACK_TEXT_LIMIT, as_bool, chat_param, check_blocked, int_param
from .wire import POLL_CONFLICT, WEBHOOK_CONFLICT, ApiError, Upload, bad_request

QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"

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


def scope_key(params: JSON) -> CommandScope:
    """The setMyCommands/getMyCommands/deleteMyCommands scope of a request."""
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


class BotApi:
    """Every Bot API method the stand-in implements; ``table`` maps names to handlers.

    ``callback_answers`` records each answerCallbackQuery; a callback query older than
    ``callback_query_ttl`` seconds can no longer be answered.
    """

    def __init__(
        self,
        world: World,
        faults: Faults,
        callback_answers: list[JSON],
        business: Business,
    ) -> None:
        self._world = world
        self._business = business
        self._messages = MessageMethods(world, faults, business)
        self.callback_answers = callback_answers
        self.callback_query_ttl: float = 15.0

    def table(self) -> dict[str, Callable[..., Any]]:
        """Bot API method name -> handler ``(params, uploads, request)``."""
        messages = self._messages
        return {
            "getMe": self.get_me,
            "logOut": lambda p, u, r: True,
            "close": lambda p, u, r: True,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "sendMessage": messages.send_message,
            "sendPhoto": messages.send_photo,
            "sendDocument": messages.send_document,
            "sendVoice": messages.send_voice,
            "copyMessage": messages.copy_message,
            "sendMediaGroup": messages.send_media_group,
            "forwardMessage": messages.forward_message,
            "editMessageText": messages.edit_message_text,
            "editMessageCaption": messages.edit_message_caption,
            "editMessageReplyMarkup": messages.edit_message_reply_markup,
            "deleteMessage": messages.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.send_chat_action,
            "getFile": self.get_file,
            "getBusinessConnection": self._business.get_business_connection,
        }

    def get_me(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        return {
            **self._world.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    # ------------------------------------------------------------------ updates, webhooks

    async def get_updates(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> list[JSON]:
        """Long poll: one at a time, none while a webhook is set; offset confirms updates."""
        updates = self._world.updates
        if updates.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        if updates.polling_active:
            raise ApiError(409, POLL_CONFLICT)
        offset = int_param(params, "offset", 0)
        limit = min(max(int_param(params, "limit", 100), 1), 100)
        timeout = max(int_param(params, "timeout", 0), 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            updates.allowed = [str(a) for a in allowed] or None
        updates.confirm(offset)
        updates.poller = request
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                wake = updates.wake
                batch = updates.select(limit)
                remaining = deadline - loop.time()
                if batch or updates.closing or remaining <= 0:
                    return batch
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), remaining)
        finally:
            if updates.poller is request:
                updates.poller = None

    def set_webhook(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self._world.updates.webhook_url = url
        if as_bool(params.get("drop_pending_updates")):
            self._world.updates.pending.clear()
        return True

    def delete_webhook(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> bool:
        self._world.updates.webhook_url = ""
        if as_bool(params.get("drop_pending_updates")):
            self._world.updates.pending.clear()
        return True

    def get_webhook_info(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        return {
            "url": self._world.updates.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._world.updates.pending),
        }

    # ------------------------------------------------------------------ commands

    def set_my_commands(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
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
        key = scope_key(params)
        if key[0] in ("chat", "chat_administrators", "chat_member"):
            chat_param(self._world, {"chat_id": key[1]})
        self._world.commands[key] = cleaned
        return True

    def get_my_commands(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> list[JSON]:
        return list(self._world.commands.get(scope_key(params), []))

    def delete_my_commands(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> bool:
        self._world.commands.pop(scope_key(params), None)
        return True

    # ------------------------------------------------------------------ chats, members

    def get_chat(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        chat = chat_param(self._world, params)
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

    def _member(self, chat: Chat, user_id: int) -> JSON:
        """ChatMember of the bot or a registered user: administrator if in ``chat.admins``."""
        if user_id == self._world.bot_id:
            user: JSON = dict(self._world.bot_user)
        elif user_id in self._world.users:
            user = dict(self._world.users[user_id])
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

    def get_chat_member(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        chat = chat_param(self._world, params)
        return self._member(chat, int_param(params, "user_id"))

    def get_chat_administrators(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> list[JSON]:
        chat = chat_param(self._world, params)
        return [self._member(chat, user_id) for user_id in sorted(chat.admins)]

    # ------------------------------------------------------------------ callbacks, actions, files

    def answer_callback_query(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> bool:
        """Answer once, within ``callback_query_ttl``; the text is at most 200 characters."""
        query_id = str(params.get("callback_query_id") or "")
        query = self._world.queries.get(query_id)
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
                "show_alert": as_bool(params.get("show_alert")),
                "url": params.get("url"),
                "cache_time": params.get("cache_time"),
            }
        )
        return True

    def send_chat_action(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> bool:
        chat = chat_param(self._world, params)
        check_blocked(self._world, chat)
        if params.get("action") not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def get_file(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        file = self._world.files.get(str(params.get("file_id") or ""))
        if file is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": file.file_id,
            "file_unique_id": file.unique_id,
            "file_size": len(file.data),
            "file_path": f"{file.kind}s/{file.file_id}",
        }
