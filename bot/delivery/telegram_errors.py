"""What Telegram's error texts mean for us: harmless, gone, or permanent for a recipient."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError

PERMANENT_MARKERS = (
    "chat not found",
    "user not found",
    "bot was blocked",
    "user is deactivated",
    "bot was kicked",
    "not enough rights",
    "have no rights",
    "chat_write_forbidden",
    "peer_id_invalid",
)


def is_not_modified(error: TelegramBadRequest) -> bool:
    """Editing a message to what it already says: Telegram refuses, and that is fine."""
    return "message is not modified" in error.message


@contextmanager
def unless_unchanged() -> Iterator[None]:
    """Around an edit in place: a double press edits to the same look, which Telegram refuses
    with "message is not modified"; that refusal means the message is already right."""
    try:
        yield
    except TelegramBadRequest as error:
        if not is_not_modified(error):
            raise


def is_gone(error: TelegramBadRequest) -> bool:
    text = error.message.lower()
    return "message to edit not found" in text or "message can't be edited" in text


def is_unreachable(error: TelegramAPIError) -> bool:
    """The recipient cannot get messages from the bot at all (blocked, left, no such chat)."""
    if isinstance(error, TelegramForbiddenError):
        return True
    text = error.message.lower()
    return any(marker in text for marker in PERMANENT_MARKERS)
