"""The Bot API methods that create, change or remove messages in a chat.

Why: sending, copying, forwarding, editing and deleting are most of what a bot does and where
most of its bugs show: replies to vanished messages, edits that change nothing, captions on
text, files of the wrong type, sends to users who blocked it or faster than flood limits allow.
They share one path that stores what the bot posted as a ``BotMessage``, so it lives here
apart from the other methods (``methods.py``).
"""

from __future__ import annotations

from aiohttp import web

from .business import CANNOT_COPY, Business, named_connection
from .faults import Faults
from .state import JSON, BotMessage, Chat, StoredFile, World, json_copy
from .validation import (
    as_bool,
    chat_param,
    check_blocked,
    int_param,
    render_caption,
    render_text,
    reply_target,
    validate_markup,
)
from .wire import Upload, bad_request

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

#: How an image a photo may be starts: PNG or JPEG (Telegram refuses other bytes as a photo).
IMAGE_MAGIC: tuple[bytes, ...] = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def kind_of(message: JSON) -> str:
    """``text``, ``photo``, ``document``, ``voice`` or ``other``."""
    for kind in ("text", "photo", "document", "voice"):
        if kind in message:
            return kind
    return "other"


class MessageMethods:
    """sendMessage/Photo/Document/Voice, copyMessage, forwardMessage, editMessage*,
    deleteMessage - each a handler ``(params, uploads, request)`` for ``HttpFront``."""

    def __init__(self, world: World, faults: Faults, business: Business) -> None:
        self._world = world
        self._faults = faults
        self._business = business

    # ------------------------------------------------------------------ sending

    def send_message(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        chat, reply_to, markup = self._prepare_send("sendMessage", params)
        rendered = render_text(params)
        self._faults.check_flood("sendMessage", chat)
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

    def send_photo(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        return self._send_media("sendPhoto", "photo", params, uploads)

    def send_document(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        return self._send_media("sendDocument", "document", params, uploads)

    def send_voice(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        return self._send_media("sendVoice", "voice", params, uploads)

    def _send_media(self, method: str, kind: str, params: JSON, uploads: dict[str, Upload]) -> JSON:
        chat, reply_to, markup = self._prepare_send(method, params)
        file = self._resolve_file(params, uploads, kind, kind)
        caption = render_caption(params)
        self._faults.check_flood(method, chat)
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
                    "duration": int_param(params, "duration", 1),
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

    def send_media_group(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> list[JSON]:
        """An album: 2-10 items, photos and videos together or documents or audio each on
        their own, one caption each; every message shares a media_group_id. An item is a
        known file id or an upload (``attach://<name>``, how aiogram sends an InputFile):
        an uploaded photo must be a PNG or JPEG image. Every item is checked before any is
        posted, since Telegram sends an album whole or not at all."""
        chat, reply_to, _ = self._prepare_send("sendMediaGroup", params)
        if "reply_markup" in params:
            raise bad_request("reply markup is not supported in media groups")
        media = params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise bad_request("wrong number of media in the media group: must be 2-10")
        if not all(isinstance(item, dict) for item in media):
            raise bad_request("can't parse InputMedia: object expected")
        kinds = {item.get("type") for item in media}
        if not (kinds <= {"photo", "video"} or kinds in ({"document"}, {"audio"})):
            raise bad_request("can't mix these media types in a media group")
        files = [self._album_file(item, uploads) for item in media]
        group = f"group-{len(self._world.files)}-{chat.id}-{len(chat.messages)}"
        self._faults.check_flood("sendMediaGroup", chat)  # one album, one send
        sent: list[JSON] = []
        for item, file in zip(media, files, strict=True):
            kind = str(item["type"])
            caption = render_caption(item)
            content: JSON = {"media_group_id": group}
            if kind == "photo":
                content["photo"] = [
                    {
                        "file_id": file.file_id,
                        "file_unique_id": file.unique_id,
                        "width": 1280,
                        "height": 960,
                        "file_size": len(file.data),
                    }
                ]
            else:
                content[kind] = {"file_id": file.file_id, "file_unique_id": file.unique_id}
            if caption.text:
                content["caption"] = caption.text
                if caption.entities:
                    content["caption_entities"] = caption.entities
            message = self._post_bot_message(
                "sendMediaGroup",
                chat,
                {**params, "parse_mode": item.get("parse_mode")},
                kind,
                content,
                html=item.get("caption"),
                reply_to=reply_to,
                markup=None,
                file=file,
            )
            sent.append(message.message)
        return sent

    def _album_file(self, item: JSON, uploads: dict[str, Upload]) -> StoredFile:
        """The file of one album item: an upload, stored as a new file, or a known file id."""
        kind = str(item.get("type"))
        value = str(item.get("media", ""))
        if value.startswith("attach://"):
            upload = uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
            if kind == "photo" and not upload.data.startswith(IMAGE_MAGIC):
                raise bad_request("IMAGE_PROCESS_FAILED")
            return self._world.new_file(kind, upload.data, upload.filename, upload.content_type)
        file = self._world.files.get(value)
        if file is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if kind == "photo" and file.kind != "photo":
            raise bad_request(f"can't use file of type {file.kind.title()} as Photo")
        return file

    def copy_message(self, params: JSON, uploads: dict[str, Upload], request: web.Request) -> JSON:
        if named_connection(params) is not None:
            # A business bot is not in the chats it would copy from on the owner's behalf.
            raise bad_request(CANNOT_COPY)
        source_chat, source = self._source_message(params, "copy")
        chat, reply_to, markup = self._prepare_send("copyMessage", params)
        kind = kind_of(source)
        content = {k: json_copy(source[k]) for k in CONTENT_KEYS if k in source}
        html: str | None = source.get("text", source.get("caption"))
        if kind != "text" and "caption" in params:
            caption = render_caption(params)
            content.pop("caption", None)
            content.pop("caption_entities", None)
            if caption.text:
                content["caption"] = caption.text
                if caption.entities:
                    content["caption_entities"] = caption.entities
            html = params.get("caption")
        self._faults.check_flood("copyMessage", chat)
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

    def forward_message(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        source_chat, source = self._source_message(params, "forward")
        chat = chat_param(self._world, params)
        check_blocked(self._world, chat)
        self._faults.check_flood("forwardMessage", chat)
        content = {k: json_copy(source[k]) for k in CONTENT_KEYS if k in source}
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
            kind_of(source),
            content,
            html=None,
            reply_to=None,
            markup=None,
            file=self._file_of(source),
            source=(source_chat.id, int(source["message_id"])),
        )
        return message.message

    # ------------------------------------------------------------------ editing, deleting

    def edit_message_text(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        current = self._editable(params)
        if current.kind != "text":
            raise bad_request("there is no text in the message to edit")
        rendered = render_text(params)
        markup = validate_markup(params.get("reply_markup"), inline_only=True)
        content = {"text": rendered.text, "entities": rendered.entities or None}
        return self._apply_edit(current, content, markup, params, str(params.get("text")))

    def edit_message_caption(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        current = self._editable(params)
        if current.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        rendered = render_caption(params)
        markup = validate_markup(params.get("reply_markup"), inline_only=True)
        content = {
            "caption": rendered.text or None,
            "caption_entities": rendered.entities or None,
        }
        return self._apply_edit(current, content, markup, params, params.get("caption"))

    def edit_message_reply_markup(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> JSON:
        current = self._editable(params)
        markup = validate_markup(params.get("reply_markup"), inline_only=True)
        return self._apply_edit(current, {}, markup, params, current.html)

    def delete_message(
        self, params: JSON, uploads: dict[str, Upload], request: web.Request
    ) -> bool:
        chat = chat_param(self._world, params)
        message_id = int_param(params, "message_id")
        if chat.messages.pop(message_id, None) is None:
            raise bad_request("message to delete not found")
        if message_id in chat.bot_messages:
            chat.bot_messages[message_id].deleted = True
        return True

    # ------------------------------------------------------------------ helpers

    def _prepare_send(self, method: str, params: JSON) -> tuple[Chat, JSON | None, JSON | None]:
        """Target chat (not blocked), the message replied to and the validated markup."""
        chat = self._target_chat(params)
        reply_to = reply_target(self._world, chat, params)
        markup = validate_markup(params.get("reply_markup"))
        return chat, reply_to, markup

    def _target_chat(self, params: JSON) -> Chat:
        """The chat a send or an edit writes into: with ``business_connection_id``, the
        owner's chat with that client (business rules apply), else the bot's own chat."""
        if named_connection(params) is not None:
            return self._business.chat_for_send(params)
        chat = chat_param(self._world, params)
        check_blocked(self._world, chat)
        return chat

    def _resolve_file(
        self, params: JSON, uploads: dict[str, Upload], field_name: str, kind: str
    ) -> StoredFile:
        """The file to send: an upload, a URL (fetched) or a known file_id of that kind."""
        value = params.get(field_name)
        if value is None or value == "":
            raise bad_request(f"there is no {field_name} in the request")
        if isinstance(value, str) and value.startswith("attach://"):
            upload = uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(f"there is no {field_name} in the request")
            return self._world.new_file(kind, upload.data, upload.filename, upload.content_type)
        value = str(value)
        if value.startswith(("http://", "https://")):
            name = value.rsplit("/", 1)[-1] or None
            return self._world.new_file(kind, b"downloaded-by-stand-in", name, None)
        file = self._world.files.get(value)
        if file is None:
            raise bad_request("wrong file identifier/HTTP URL specified")
        if file.kind != kind:
            raise bad_request(f"can't use file of type {file.kind.title()} as {kind.title()}")
        return file

    def _source_message(self, params: JSON, action: str) -> tuple[Chat, JSON]:
        """``from_chat_id`` + ``message_id`` of copyMessage/forwardMessage."""
        source_chat = chat_param(self._world, params, "from_chat_id")
        message_id = int_param(params, "message_id")
        source = source_chat.messages.get(message_id)
        if source is None:
            raise bad_request(f"message to {action} not found")
        return source_chat, source

    def _file_of(self, message: JSON) -> StoredFile | None:
        kind = kind_of(message)
        if kind == "photo":
            return self._world.files.get(message["photo"][-1]["file_id"])
        if kind in ("document", "voice"):
            return self._world.files.get(message[kind]["file_id"])
        return None

    def _post_bot_message(
        self,
        method: str,
        chat: Chat,
        params: JSON,
        kind: str,
        content: JSON,
        *,
        html: str | None,
        reply_to: JSON | None,
        markup: JSON | None,
        file: StoredFile | None = None,
        source: tuple[int, int] | None = None,
    ) -> BotMessage:
        """Store a message from the bot in the chat and as a ``BotMessage`` for the test."""
        message = self._world.new_message(chat, self._business.author(chat), content)
        if reply_to is not None:
            message["reply_to_message"] = self._world.reply_copy(reply_to)
        if markup is not None and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        if as_bool(params.get("protect_content")):
            message["has_protected_content"] = True
        self._business.sign(chat, message)
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
            force_reply=bool(markup and as_bool(markup.get("force_reply"))),
            disable_notification=as_bool(params.get("disable_notification")),
            protect_content=as_bool(params.get("protect_content")),
            file_id=file.file_id if file is not None else None,
            file_name=file.file_name if file is not None else None,
            date=message["date"],
            params=params,
            message=message,
            source=source,
        )
        chat.bot_messages[bot_message.message_id] = bot_message
        return bot_message

    def _editable(self, params: JSON) -> BotMessage:
        """The bot's message an edit method targets (it must still exist)."""
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._target_chat(params)
        message_id = int_param(params, "message_id")
        current = chat.bot_messages.get(message_id)
        if current is None or current.deleted or message_id not in chat.messages:
            raise bad_request("message to edit not found")
        return current

    def _apply_edit(
        self,
        current: BotMessage,
        content: JSON,
        markup: JSON | None,
        params: JSON,
        html: str | None,
    ) -> JSON:
        """Change the message (None values remove keys); an edit that changes nothing is 400."""
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
        message["edit_date"] = self._world.now()
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
        if "business_connection_id" in message:
            self._business.echo("edited_business_message", message)
        return message
