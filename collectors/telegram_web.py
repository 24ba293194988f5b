"""Public Telegram channels read through their web preview (https://t.me/s/<name>).

The preview needs no bot membership and no API key, which is why it is the way to watch
channels where customers and local news re-post complaints. Parsed with the stdlib HTML
parser: the markup is stable enough and we only need a handful of classes.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from collectors.fetch import CollectorError
from collectors.html_elements import VOID_ELEMENTS
from collectors.mention import Mention, tidy_text

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://t.me"
_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
PUBLIC_BASE_URL = "https://t.me"

# Blocks only the preview of a public channel has: the channel's card and its post history.
# A channel with no posts yet still has them; a channel gone private, renamed or deleted
# has not, whatever t.me answers instead.
_PREVIEW_CLASSES = frozenset(["tgme_channel_info", "tgme_channel_history"])
# The frame of t.me/<name>, where t.me/s/<name> sends whoever asks for a preview that is
# not there ("If you have Telegram, you can contact @name right away").
_TME_PAGE_CLASS = "tgme_page"

GONE_REASON = "channel is private, renamed or deleted (no public preview)"
NOT_PREVIEW_REASON = "the page is not a Telegram channel preview"


class ChannelUnavailableError(CollectorError):
    """The channel's page was downloaded but is not its public preview.

    Raised rather than returning no posts: an empty list would count as a healthy poll and
    a channel that went away would look fine, with no new posts, forever.
    """


def channel_page_url(channel: str, base_url: str = DEFAULT_BASE_URL) -> str:
    """Where the preview of `channel` lives; base is configurable for mirrors and tests."""
    return f"{base_url.rstrip('/')}/s/{channel.lstrip('@')}"


def channel_from_url(url: str) -> str:
    """`https://t.me/s/name?before=1` -> `name`; also accepts `https://t.me/name` and `@name`."""
    if url.startswith("@"):
        return url[1:]
    parts = [p for p in urlsplit(url).path.split("/") if p]
    if parts and parts[0] == "s":
        parts = parts[1:]
    if not parts:
        raise ValueError(f"no channel name in {url!r}")
    return parts[0]


def source_for_channel(channel: str) -> str:
    return f"t.me/{channel}"


@dataclass
class _Post:
    data_post: str
    text_parts: list[str] = field(default_factory=list)
    owner: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    datetime_attr: str | None = None
    date_href: str | None = None


# Elements whose content is code or markup, never text a reader sees.
_HIDDEN = ("script", "style", "noscript", "template")


class _ChannelPageParser(HTMLParser):
    """Walks the page keeping a stack of open elements tagged with the role they play.

    Beside the stack it counts open elements per role and per tag, so "am I inside the
    text?" and "is a <div> open at all?" cost O(1). Rescanning the stack on every tag made a
    page of 50,000 unclosed <span>s take minutes; now every element is pushed and popped
    once, so parsing is linear in the page whatever its nesting.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.posts: list[_Post] = []
        self._stack: list[tuple[str, str | None]] = []
        self._role_counts: Counter[str] = Counter()
        self._tag_counts: Counter[str] = Counter()
        self._post: _Post | None = None
        self.is_preview = False  # a channel preview's own blocks or posts were seen
        self.is_tme_page = False  # t.me's page for a name without a preview was seen

    def _in(self, role: str) -> bool:
        return self._role_counts[role] > 0

    def _roles(self) -> set[str]:
        return {role for role, count in self._role_counts.items() if count > 0}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        classes = set((attr.get("class") or "").split())
        if classes & _PREVIEW_CLASSES:
            self.is_preview = True
        elif _TME_PAGE_CLASS in classes:
            self.is_tme_page = True
        roles = self._roles()
        if tag == "br" and "text" in roles and self._post:
            self._post.text_parts.append("\n")
        if tag in VOID_ELEMENTS:
            return
        role: str | None = None
        if "tgme_widget_message" in classes and attr.get("data-post"):
            if self._post is not None:  # unclosed previous post: keep what we have
                self.posts.append(self._post)
            self._post = _Post(data_post=str(attr["data-post"]))
            self.is_preview = True
            role = "message"
        elif self._post is not None and "message" in roles:
            role = self._role_inside_message(tag, classes, attr, roles)
        self._stack.append((tag, role))
        self._tag_counts[tag] += 1
        if role:
            self._role_counts[role] += 1

    def _role_inside_message(
        self, tag: str, classes: set[str], attr: dict[str, str | None], roles: set[str]
    ) -> str | None:
        assert self._post is not None
        if roles & {"reply", "preview", "forward"}:
            return None
        if "tgme_widget_message_reply" in classes:
            return "reply"
        if "tgme_widget_message_link_preview" in classes:
            return "preview"
        if "tgme_widget_message_forwarded_from" in classes:
            return "forward"
        if "tgme_widget_message_text" in classes and "js-message_reply_text" not in classes:
            return "text"
        if "tgme_widget_message_owner_name" in classes:
            return "owner"
        if "tgme_widget_message_from_author" in classes:
            return "signature"
        if "tgme_widget_message_date" in classes:
            self._post.date_href = attr.get("href")
            return "date"
        if tag == "time" and "date" in roles and attr.get("datetime"):
            self._post.datetime_attr = attr["datetime"]
        return None

    def handle_endtag(self, tag: str) -> None:
        if not self._tag_counts[tag]:
            return  # a stray end tag: nothing to close, and no stack to scan for it
        closed_roles: set[str] = set()
        while self._stack:  # pops what the end tag implicitly closes: each element once
            open_tag, role = self._stack.pop()
            self._tag_counts[open_tag] -= 1
            if role:
                self._role_counts[role] -= 1
                closed_roles.add(role)
            if open_tag == tag:
                break
        if "message" in closed_roles and self._post is not None:
            self.posts.append(self._post)
            self._post = None
        elif "text" in closed_roles and self._post is not None:
            self._post.text_parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._post is None or any(self._tag_counts[tag] for tag in _HIDDEN):
            return  # a script's or a style's source is not what anybody wrote
        if self._in("text"):
            self._post.text_parts.append(_SPACE_RE.sub(" ", data))  # <br> alone breaks lines
        elif self._in("owner"):
            self._post.owner.append(data)
        elif self._in("signature"):
            self._post.signature.append(data)

    def close(self) -> None:
        super().close()
        if self._post is not None:
            self.posts.append(self._post)
            self._post = None


async def parse_channel(
    body: bytes, *, channel: str, base_url: str, charset: str | None = None
) -> list[Mention]:
    """Decode and parse in a worker thread, like `parse_feed`: a big or deeply nested page is
    pure-Python work that would otherwise stall every other source and the bot itself."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(
        None, parse_channel_bytes, body, channel, base_url, charset or "utf-8"
    )


def parse_channel_bytes(body: bytes, channel: str, base_url: str, charset: str) -> list[Mention]:
    """Blocking variant for callers already off the loop."""
    html = body.decode(charset, errors="replace")
    return parse_channel_page(html, channel=channel, base_url=base_url)


def parse_channel_page(html: str, *, channel: str, base_url: str) -> list[Mention]:
    """Posts with text on one preview page, oldest first as Telegram renders them.

    Media-only posts are skipped: there is nothing to match a brand or a complaint in.
    The link is always the public https://t.me/<post> so the director can open it in
    Telegram even when the page came through a mirror; `base_url` (where the page was
    fetched, after redirects) only resolves a relative date anchor.

    Raises `ChannelUnavailableError` when the page is not a channel preview at all, so the
    poller counts the poll as failed; a preview with no posts yet is simply empty.
    """
    parser = _ChannelPageParser()
    parser.feed(html)
    parser.close()
    if not parser.is_preview:
        reason = GONE_REASON if parser.is_tme_page else NOT_PREVIEW_REASON
        log.info(
            "telegram page is no preview channel=%s url=%s reason=%s", channel, base_url, reason
        )
        raise ChannelUnavailableError(reason)
    wanted = channel.lstrip("@").lower()
    mentions: list[Mention] = []
    for post in parser.posts:
        name, _, msg_id = post.data_post.partition("/")
        if not msg_id or name.lower() != wanted:
            continue  # an embedded post of another channel does not belong to this source
        text = tidy_text("".join(post.text_parts))
        if not text:
            continue
        author = tidy_text("".join(post.signature)) or tidy_text("".join(post.owner)) or None
        mentions.append(
            Mention(
                source=source_for_channel(name),
                external_id=post.data_post,
                author=author,
                text=text,
                link=_post_link(post, base_url),
                published=_parse_time(post.datetime_attr),
            )
        )
    if not parser.posts:
        log.info("telegram page has no posts channel=%s base=%s", channel, base_url)
    return mentions


def _post_link(post: _Post, base_url: str) -> str:
    canonical = f"{PUBLIC_BASE_URL}/{post.data_post}"
    if post.date_href:
        href = urljoin(base_url, post.date_href)
        if urlsplit(href).netloc == urlsplit(PUBLIC_BASE_URL).netloc:
            return href
    return canonical


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
