"""Telegram's parameter rules, shared by the stand-in's Bot API methods.

Why: these rules are where a bot goes wrong - unescaped HTML, texts over 4096 or captions over
1024 UTF-16 units, malformed keyboards, callback data over 64 bytes, replies to messages that
are gone, sends to users who blocked the bot. Each rule lives here once, with Telegram's own
error text, so ``methods.py`` and ``messages.py`` read as what each method does.
"""

from __future__ import annotations

from typing import Any

from .html_entities import HTMLParseError, ParsedText, finalize, parse_html
from .state import JSON, Chat, World
from .wire import BLOCKED, ApiError, bad_request

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_TEXT_LIMIT = 200
CALLBACK_DATA_LIMIT = 64
COPY_TEXT_LIMIT = 256
MAX_BUTTONS = 100
MAX_BUTTONS_PER_ROW = 8

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


def as_bool(value: Any) -> bool:
    """A boolean parameter as Telegram reads it (form bodies carry ``"true"``)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes")
    return bool(value)


def int_param(params: JSON, name: str, default: int | None = None) -> int:
    """An integer parameter; missing is an error unless ``default`` is given."""
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


def chat_param(world: World, params: JSON, name: str = "chat_id") -> Chat:
    """The chat named by ``params[name]``: a numeric id or ``@username``."""
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(f"{name} is empty")
    if isinstance(value, str) and value.startswith("@"):
        for chat in world.chats.values():
            if chat.info.get("username", "").lower() == value[1:].lower():
                return chat
        raise bad_request("chat not found")
    try:
        chat_id = int(value)
    except (TypeError, ValueError):
        raise bad_request("chat not found") from None
    chat = world.chats.get(chat_id)
    if chat is None:
        raise bad_request("chat not found")
    if chat_id in world.migrated:
        raise ApiError(
            400,
            "Bad Request: group chat was upgraded to a supergroup chat",
            {"migrate_to_chat_id": world.migrated[chat_id]},
        )
    return chat


def check_blocked(world: World, chat: Chat) -> None:
    """403 if the chat is a private chat with a user who blocked the bot."""
    if chat.is_private and chat.id in world.blocked:
        raise ApiError(403, BLOCKED)


def render(
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


def render_text(params: JSON) -> ParsedText:
    """A message text: parsed, at most 4096 units, not empty."""
    result = render(
        params.get("text"),
        params.get("parse_mode"),
        params.get("entities"),
        limit=TEXT_LIMIT,
        too_long="message is too long",
    )
    if not result.text:
        raise bad_request("message text is empty")
    return result


def render_caption(params: JSON) -> ParsedText:
    """A media caption: parsed, at most 1024 units, may be empty."""
    return render(
        params.get("caption"),
        params.get("parse_mode"),
        params.get("caption_entities"),
        limit=CAPTION_LIMIT,
        too_long="message caption is too long",
    )


def validate_markup(markup: Any, *, inline_only: bool = False) -> JSON | None:
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
                validate_inline_button(button)
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
    if as_bool(markup.get("remove_keyboard")) or as_bool(markup.get("force_reply")):
        return markup
    raise bad_request("can't parse reply keyboard markup JSON object")


def validate_inline_button(button: Any) -> None:
    """One inline button: non-empty text, exactly one action, valid callback data / URL."""
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
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT:
            raise bad_request("BUTTON_DATA_INVALID")
    if "copy_text" in button:
        # Bot API 7.11: a CopyTextButton's text is 1-256 characters (Telegram's wording for the
        # refusal is undocumented; this one names the field the way its other errors do).
        copy = button["copy_text"]
        text = copy.get("text") if isinstance(copy, dict) else None
        if not isinstance(text, str) or not 1 <= len(text) <= COPY_TEXT_LIMIT:
            raise bad_request("BUTTON_COPY_TEXT_INVALID")
    if "url" in button:
        url = button["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://", "tg://")):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def reply_target(world: World, chat: Chat, params: JSON) -> JSON | None:
    """The message being replied to (None if no reply or tolerated missing one)."""
    reply = params.get("reply_parameters")
    allow_missing = as_bool(params.get("allow_sending_without_reply"))
    if isinstance(reply, dict):
        message_id = reply.get("message_id")
        allow_missing = allow_missing or as_bool(reply.get("allow_sending_without_reply"))
        # Naming the chat written into keeps it (a business chat is not in ``world.chats``).
        if reply.get("chat_id") not in (None, "") and str(reply["chat_id"]) != str(chat.id):
            chat = chat_param(world, reply, "chat_id")
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
