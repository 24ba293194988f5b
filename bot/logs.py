"""Logging set-up with one guarantee: the bot token never reaches a log line.

The token is part of every Bot API URL, so any library that logs a URL or an exception with
one in it would leak it; the filter scrubs it from every record before any handler writes it.
"""

from __future__ import annotations

import logging
import re

TOKEN_PATTERN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")


class RedactToken(logging.Filter):
    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def _scrub(self, text: str) -> str:
        return TOKEN_PATTERN.sub("<token>", text.replace(self._token, "<token>"))

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg = self._scrub(message)
        record.args = None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self._scrub(text)
            record.exc_info = None
            record.msg = f"{record.msg}\n{record.exc_text}"
            record.exc_text = None
        return True


def setup_logging(token: str, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiogram.event").setLevel(logging.WARNING)
