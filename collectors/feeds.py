"""RSS/Atom bytes -> Mentions, via feedparser but never with feedparser's own HTTP.

Fetching stays in `collectors.fetch` (timeouts, size cap, conditional GET); this module only
turns a document already in memory into plain-text mentions.
"""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import io
import logging
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from collectors.fetch import CollectorError
from collectors.mention import Mention, tidy_text

log = logging.getLogger(__name__)

_PROLOG_ENCODING_RE = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([\w.:-]+)[\"']", re.I)
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# An undeclared 8-bit document from a Russian site is far more likely cp1251 than the
# windows-1252 feedparser would assume, and a wrong guess only garbles what is already garbled.
FALLBACK_ENCODING = "windows-1251"


class FeedError(CollectorError):
    """The document was downloaded but is not a usable feed."""


async def parse_feed(
    body: bytes, *, source: str, base_url: str, content_type: str | None
) -> list[Mention]:
    """Parse in a worker thread: feedparser is pure Python and a big feed would stall the loop."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, parse_feed_sync, body, source, base_url, content_type)


def parse_feed_sync(
    body: bytes, source: str, base_url: str, content_type: str | None
) -> list[Mention]:
    """Blocking variant for callers already off the loop (benchmarks, scripts)."""
    headers = {
        "content-location": base_url,
        "content-type": _effective_content_type(body, content_type),
    }
    # We strip all markup to plain text ourselves, so feedparser's HTML sanitising and
    # resolving of URIs inside content would be work thrown away (~25% of parse time).
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise FeedError(_bozo_reason(parsed.get("bozo_exception"), content_type))
        if not parsed.get("version"):
            raise FeedError("not an RSS or Atom feed")
        return []
    if parsed.get("bozo"):
        log.info(
            "feed parsed with warnings source=%s reason=%s",
            source,
            _bozo_reason(parsed.get("bozo_exception"), content_type),
        )
    feed_title = html_to_text((parsed.get("feed") or {}).get("title") or "") or None
    mentions = [_to_mention(entry, source, base_url, feed_title) for entry in entries]
    return [m for m in mentions if m.text or m.title]


def _effective_content_type(body: bytes, content_type: str | None) -> str:
    ctype = content_type or "application/xml"
    if _CHARSET_RE.search(ctype) or body.startswith(_BOMS) or _PROLOG_ENCODING_RE.match(body):
        return ctype
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return f"{ctype.split(';')[0]}; charset={FALLBACK_ENCODING}"
    return ctype


def _bozo_reason(exc: object, content_type: str | None) -> str:
    if content_type and "html" in content_type.lower():
        return "an HTML page, not a feed"
    if exc is None:
        return "not a feed"
    message = getattr(exc, "getMessage", None)
    text = message() if callable(message) else str(exc)
    return f"malformed XML: {text}"[:200]


def _to_mention(entry: Any, source: str, base_url: str, feed_title: str | None) -> Mention:
    title = html_to_text(entry.get("title") or "") or None
    text = html_to_text(_entry_html(entry))
    link = entry.get("link")
    if link:
        link = urljoin(base_url, link)
        if urlsplit(link).scheme not in ("http", "https"):
            link = None  # a javascript: or data: link must never reach a clickable card
    external_id = entry.get("id") or link or _content_hash(title, text)
    author = entry.get("author") or None
    return Mention(
        source=source,
        external_id=str(external_id),
        author=html_to_text(author) if author else None,
        text=text,
        link=link or None,
        published=_entry_time(entry),
        title=title,
        source_title=feed_title,
    )


def _entry_html(entry: Any) -> str:
    """The fullest body the entry has: content:encoded / atom content beat the summary."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if value:
            return str(value)
    return str(entry.get("summary") or entry.get("description") or "")


def _entry_time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            # feedparser already normalised it to UTC as a struct_time.
            return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    return None


def _content_hash(title: str | None, text: str) -> str:
    return "sha1:" + hashlib.sha1(f"{title or ''}\n{text}".encode()).hexdigest()


_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "section",
        "article",
        "hr",
    ]
)
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_SKIP_TAGS = frozenset({"script", "style", "head", "template"})


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            # In HTML a newline is just a space; only block tags break lines.
            self.parts.append(_SPACE_RE.sub(" ", data))


def html_to_text(html: str) -> str:
    """Plain text with paragraph breaks kept: the director reads it in a Telegram card."""
    if "<" not in html and "&" not in html:
        return tidy_text(html)  # plain text: its newlines are meant
    # convert_charrefs decodes entities exactly once, so "&amp;lt;" stays a visible "&lt;".
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return tidy_text("".join(parser.parts))
