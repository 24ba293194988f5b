"""The line that says a client's message is forwarded, and whose words it really carries.

A client forwarding a manager's reply or a channel's post is quoting someone else; without
this line the card, the relay and /ticket would show those words as the client's own.

The line becomes part of the stored message text, and stored text is plain everywhere: cards,
relays and the history escape it when they render. The catalogue's templates are HTML and
`Texts` escapes every value it formats in, so the formatted line is unescaped once to get its
plain reading (as `cards` does for the media label). Names stay exactly as Telegram gave them
and are escaped once, at render. The templates used here must hold no markup for that reason.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.views.texts import Html, Texts


@dataclass(frozen=True)
class Origin:
    """Who first wrote a forwarded message and when, as plain values: the handler reads them
    off Telegram's MessageOrigin, so rendering never depends on aiogram's types."""

    name: str | None  # None when Telegram gives no name a person could read
    date: datetime
    signature: str | None = None  # the post's author, for a channel or chat that signs posts


def origin_when(date: datetime, tz: ZoneInfo) -> str:
    """Always with the year: a forward can be of something written long ago, and the line is
    stored, so a word like "yesterday" would be wrong the day after."""
    return date.astimezone(tz).strftime("%d.%m.%Y %H:%M")


def origin_line(origin: Origin, t: Texts, tz: ZoneInfo) -> str:
    """The plain-text line, e.g. "↪️ Переслано от: Иван Петров · 14.11.2023 22:13"."""
    when = origin_when(origin.date, tz)
    if origin.name is None:
        return html.unescape(t("forwarded_anonymous", when=when))
    name: str = origin.name
    if origin.signature:
        # already escaped by `t`: Html keeps the outer `t` from escaping it a second time
        name = Html(t("forwarded_signed", name=origin.name, signature=origin.signature))
    return html.unescape(t("forwarded_from", name=name, when=when))


def with_origin(text: str, origin: Origin | None, t: Texts, tz: ZoneInfo) -> str:
    """The stored text of a message: its own text under the origin line when forwarded; a
    forwarded sticker or voice note with no text is stored as the line alone."""
    if origin is None:
        return text
    line = origin_line(origin, t, tz)
    return f"{line}\n{text}" if text else line
