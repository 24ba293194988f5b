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

from collectors.charset import decode_document, strip_declaration
from collectors.dtd import UnsafeDocument, defuse_doctype
from collectors.fetch import CollectorError
from collectors.mention import Mention, tidy_text

log = logging.getLogger(__name__)

# What one poll of one feed may produce. The fetch cap bounds the bytes, not what they expand
# to, and a card shows 4,096 characters anyway; the rest of a long article is kept so that a
# keyword near its end still matches.
MAX_ENTRIES = 200
MAX_TEXT_CHARS = 20_000
MAX_TITLE_CHARS = 1_000
MAX_AUTHOR_CHARS = 200
MAX_LINK_CHARS = 2_048
MAX_ID_CHARS = 512
# Far above the fetch cap: a caller handing over more has lost its own bound.
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024

# Errors after which feedparser's loose parser is known to recover fully: HTML named
# entities undefined in XML and namespace prefixes never declared; and feedparser's own
# notes about declared charsets and media types, which are no errors in the XML at all.
_RECOVERABLE_ERRORS = ("undefined entity", "unbound prefix")
_NOTES = (
    feedparser.CharacterEncodingOverride,
    feedparser.CharacterEncodingUnknown,
    feedparser.NonXMLContentType,
)
# An HTML page served as XML (or with no type at all) still deserves to be called one.
_HTML_ROOT_RE = re.compile(r"^\s*(?:<!DOCTYPE\s+html[^>]*>\s*)?<html\b", re.I)


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
    if len(body) > MAX_DOCUMENT_BYTES:
        raise FeedError(f"too large to parse: {len(body)} bytes (limit {MAX_DOCUMENT_BYTES})")
    decoded = decode_document(body, content_type)
    try:
        text = defuse_doctype(strip_declaration(decoded.text))
    except UnsafeDocument as exc:
        raise FeedError(f"refused: {exc}") from exc
    parsed = _feedparser(text, base_url, content_type)
    entries = parsed.get("entries") or []
    if not entries and _broken(parsed):
        raise FeedError(_broken_reason(parsed.get("bozo_exception"), content_type, text))
    if parsed.get("bozo"):
        log.info(
            "feed parsed with warnings source=%s encoding=%s (%s) reason=%s",
            source,
            decoded.encoding,
            decoded.how,
            _bozo_reason(parsed.get("bozo_exception")),
        )
    if len(entries) > MAX_ENTRIES:
        log.info("feed has %d entries, reading %d source=%s", len(entries), MAX_ENTRIES, source)
    feed_title = _capped_text((parsed.get("feed") or {}).get("title"), MAX_TITLE_CHARS)
    mentions = [_to_mention(e, source, base_url, feed_title) for e in entries[:MAX_ENTRIES]]
    return [m for m in mentions if m.text or m.title]


def _feedparser(text: str, base_url: str, content_type: str | None) -> Any:
    """feedparser on text we already decoded: handed as UTF-8 bytes and labelled so, it has
    no charset left to guess. Always a stream: a str or bytes argument would be taken for a
    path or URL."""
    mime = (content_type or "").split(";")[0].strip() or "application/xml"
    headers = {"content-location": base_url, "content-type": f"{mime}; charset=utf-8"}
    # We strip all markup to plain text ourselves, so feedparser's HTML sanitising and
    # resolving of URIs inside content would be work thrown away (~25% of parse time).
    return feedparser.parse(
        io.BytesIO(text.encode("utf-8", errors="replace")),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )


def _broken(parsed: Any) -> bool:
    """With no entries, a feed is still a feed when feedparser recognised its format and the
    XML was whole apart from what the loose parser is built to recover from: an empty feed is
    not a broken one, but a truncated or garbled one that lost its items is."""
    if not parsed.get("version"):
        return True
    exc = parsed.get("bozo_exception")
    if not parsed.get("bozo") or exc is None or isinstance(exc, _NOTES):
        return False
    return _error_message(exc) not in _RECOVERABLE_ERRORS


def _broken_reason(exc: object, content_type: str | None, text: str) -> str:
    if (content_type and "html" in content_type.lower()) or _HTML_ROOT_RE.match(text):
        return "an HTML page, not a feed"
    if exc is None or isinstance(exc, _NOTES):
        return "not an RSS or Atom feed"
    return _bozo_reason(exc)


def _bozo_reason(exc: object) -> str:
    if exc is None:
        return "not a feed"
    return f"malformed XML: {_error_message(exc)}"[:200]


def _error_message(exc: object) -> str:
    """The parser's words without its position: SAX errors carry both."""
    message = getattr(exc, "getMessage", None)
    return str(message() if callable(message) else exc)


def _to_mention(entry: Any, source: str, base_url: str, feed_title: str | None) -> Mention:
    title = _capped_text(entry.get("title"), MAX_TITLE_CHARS)
    text = _capped_text(_entry_html(entry), MAX_TEXT_CHARS) or ""
    link = _web_link(entry.get("link"), base_url)
    external_id = str(entry.get("id") or link or _content_hash(title, text))
    if len(external_id) > MAX_ID_CHARS:
        external_id = _content_hash(external_id, "")  # stable, and short enough to index
    return Mention(
        source=source,
        external_id=external_id,
        author=_capped_text(entry.get("author"), MAX_AUTHOR_CHARS),
        text=text,
        link=link if link and len(link) <= MAX_LINK_CHARS else None,
        published=_entry_time(entry),
        title=title,
        source_title=feed_title,
    )


def _web_link(link: object, base_url: str) -> str | None:
    if not link:
        return None
    resolved = urljoin(base_url, str(link))
    if urlsplit(resolved).scheme not in ("http", "https"):
        return None  # a javascript: or data: link must never reach a clickable card
    return resolved


def _capped_text(html: object, limit: int) -> str | None:
    """Plain text of at most `limit` characters, cut at a word where one is near. The HTML is
    cut first, so an entry of megabytes costs what a long article costs."""
    if not html:
        return None
    text = html_to_text(str(html)[: limit * 16])
    if len(text) <= limit:
        return text or None
    cut = text[: limit - 1]
    space = cut.rfind(" ", limit - 200)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


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
