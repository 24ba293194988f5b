"""Test-owned stand-in for the Telegram Bot API.

Why: the bot's tests drive the real aiogram Dispatcher over HTTP against this server, so the
Bot API's rules (HTML parsing, length limits, reply/edit/callback errors, flood limits) are
enforced in tests exactly where production would enforce them.
"""

from .html_entities import HTMLParseError, ParsedText, parse_html, utf16_len, validate_html
from .server import StandInTelegram
from .state import ApiCall, BotMessage
from .wire import ApiError

__all__ = [
    "ApiCall",
    "ApiError",
    "BotMessage",
    "HTMLParseError",
    "ParsedText",
    "StandInTelegram",
    "parse_html",
    "utf16_len",
    "validate_html",
]
