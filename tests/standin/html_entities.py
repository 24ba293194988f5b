"""A strict validator of Telegram's ``parse_mode="HTML"``.

Why it exists: the real Bot API rejects a message whose HTML it cannot parse with
``400 Bad Request: can't parse entities: ...``. A bot that interpolates user text without
escaping it works in every hand-written test and then breaks in production on the first
complaint that contains ``<`` or ``&``. The stand-in server runs every HTML text through this
module so those bugs fail the test suite instead.

The module is pure (no I/O, no state). It reproduces the documented rules of
https://core.telegram.org/bots/api#html-style and measures lengths the way Telegram does:
after parsing, after trimming surrounding whitespace, in UTF-16 code units.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Named entities Telegram understands; every other named entity is an error.
NAMED_ENTITIES: dict[str, str] = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}

#: Tag name -> Telegram entity type. ``span``, ``a``, ``pre``, ``blockquote`` and ``tg-emoji``
#: need attributes and are resolved in ``_entity_for``.
SIMPLE_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}
SUPPORTED_TAGS: frozenset[str] = frozenset(
    [*SIMPLE_TAGS, "span", "a", "blockquote", "tg-emoji"],
)

#: Longest entity body we look for a ``;`` in (``&#x10FFFF;`` is the longest valid one).
_MAX_ENTITY_LENGTH = 10


class HTMLParseError(ValueError):
    """Raised for text Telegram would refuse; ``reason`` mimics Telegram's wording."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"can't parse entities: {reason}")

    @property
    def description(self) -> str:
        """The full ``description`` the Bot API would put in its error response."""
        return f"Bad Request: can't parse entities: {self.reason}"


@dataclass
class ParsedText:
    """Result of parsing: the plain text users see and the entities Telegram would attach."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)

    @property
    def length(self) -> int:
        """Length in UTF-16 code units, the unit Telegram's limits are expressed in."""
        return utf16_len(self.text)


@dataclass
class _OpenTag:
    name: str
    byte_offset: int
    start: int
    entity: dict[str, Any] | None
    attrs: dict[str, str]


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (an emoji outside the BMP counts as 2)."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, index: int) -> tuple[str, int]:
    """Decode the character entity starting at ``source[index] == '&'``.

    Returns the decoded character and the index just after the ``;``.
    """
    end = source.find(";", index + 1, index + 2 + _MAX_ENTITY_LENGTH)
    if end == -1:
        raise HTMLParseError(
            f"Can't find end of a character entity at byte offset {_byte_offset(source, index)}"
        )
    body = source[index + 1 : end]
    if body in NAMED_ENTITIES:
        return NAMED_ENTITIES[body], end + 1
    code: int | None = None
    if body.startswith(("#x", "#X")) and len(body) > 2:
        digits = body[2:]
        if all(c in "0123456789abcdefABCDEF" for c in digits):
            code = int(digits, 16)
    elif body.startswith("#") and len(body) > 1 and body[1:].isascii() and body[1:].isdigit():
        code = int(body[1:])
    if code is None or code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HTMLParseError(
            f'Unsupported HTML entity "&{body};" at byte offset {_byte_offset(source, index)}'
        )
    return chr(code), end + 1


def _is_name_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "-_")


def _read_name(source: str, index: int) -> tuple[str, int]:
    start = index
    while index < len(source) and _is_name_char(source[index]):
        index += 1
    return source[start:index], index


def _skip_spaces(source: str, index: int) -> int:
    while index < len(source) and source[index] in " \t\r\n":
        index += 1
    return index


def _read_attributes(
    source: str, index: int, tag: str, tag_offset: int
) -> tuple[dict[str, str], int]:
    """Read ``name="value"`` pairs up to the closing ``>``; returns attrs and index after it."""
    attrs: dict[str, str] = {}
    while True:
        index = _skip_spaces(source, index)
        if index >= len(source):
            raise HTMLParseError(f"Unclosed start tag at byte offset {tag_offset}")
        if source[index] == ">":
            return attrs, index + 1
        name, after = _read_name(source, index)
        if not name:
            raise HTMLParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(source, index)}"
            )
        index = _skip_spaces(source, after)
        value = ""
        if index < len(source) and source[index] == "=":
            index = _skip_spaces(source, index + 1)
            if index >= len(source):
                raise HTMLParseError(f"Unclosed start tag at byte offset {tag_offset}")
            quote = source[index]
            if quote in "\"'":
                close = source.find(quote, index + 1)
                if close == -1:
                    raise HTMLParseError(f"Unclosed start tag at byte offset {tag_offset}")
                value = _decode_text(source[index + 1 : close], source, index + 1)
                index = close + 1
            else:
                start = index
                while index < len(source) and source[index] not in " \t\r\n>":
                    index += 1
                value = _decode_text(source[start:index], source, start)
        attrs[name.lower()] = value


def _decode_text(fragment: str, source: str, base: int) -> str:
    """Decode entities inside an attribute value (errors report offsets in ``source``)."""
    out: list[str] = []
    i = 0
    while i < len(fragment):
        if fragment[i] == "&":
            try:
                char, nxt = _decode_entity(fragment, i)
            except HTMLParseError:
                _decode_entity(source, base + i)  # re-raise with the offset in the whole text
                raise
            out.append(char)
            i = nxt
        elif fragment[i] == "<":
            raise HTMLParseError(
                f"Unexpected < in attribute value at byte offset {_byte_offset(source, base + i)}"
            )
        else:
            out.append(fragment[i])
            i += 1
    return "".join(out)


def _entity_for(
    tag: str, attrs: dict[str, str], stack: list[_OpenTag], byte_offset: int
) -> dict[str, Any] | None:
    """Entity (without offset/length) a start tag opens, or None when it adds no formatting."""
    if tag in ("pre", "code") or any(o.name in ("pre", "code") for o in stack):
        if tag == "code" and stack and stack[-1].name == "pre":
            language = attrs.get("class", "")
            pre = stack[-1].entity
            if language.startswith("language-") and pre is not None and "language" not in pre:
                pre["language"] = language.removeprefix("language-")
            return None
        if any(o.name in ("pre", "code") for o in stack):
            return None  # Telegram drops entities nested inside code/pre
    if tag in SIMPLE_TAGS:
        return {"type": SIMPLE_TAGS[tag]}
    if tag == "span":
        if attrs.get("class") != "tg-spoiler":
            raise HTMLParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset}'
            )
        return {"type": "spoiler"}
    if tag == "a":
        href = attrs.get("href")
        if not href:
            return None
        return {"type": "text_link", "url": href}
    if tag == "blockquote":
        if any(o.name == "blockquote" for o in stack):
            return None
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    if tag == "tg-emoji":
        emoji_id = attrs.get("emoji-id")
        if not emoji_id or not emoji_id.isdigit():
            raise HTMLParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {byte_offset}'
            )
        return {"type": "custom_emoji", "custom_emoji_id": emoji_id}
    raise AssertionError(f"unhandled tag {tag}")  # pragma: no cover - SUPPORTED_TAGS guards


def parse_html(source: str) -> ParsedText:
    """Parse Telegram HTML into plain text + entities, raising ``HTMLParseError`` like Telegram.

    Offsets of entities are UTF-16 based and refer to the untrimmed text; use ``finalize``
    to apply Telegram's whitespace trimming.
    """
    out: list[str] = []
    position = 0  # UTF-16 length of ``out``
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    i = 0
    n = len(source)
    while i < n:
        char = source[i]
        if char == "&":
            decoded, i = _decode_entity(source, i)
            out.append(decoded)
            position += utf16_len(decoded)
        elif char == "<":
            tag_offset = _byte_offset(source, i)
            if i + 1 < n and source[i + 1] == "/":
                name, j = _read_name(source, i + 2)
                j = _skip_spaces(source, j)
                if j >= n or source[j] != ">":
                    raise HTMLParseError(f"Unclosed end tag at byte offset {tag_offset}")
                name = name.lower()
                if not stack:
                    raise HTMLParseError(f"Unexpected end tag at byte offset {tag_offset}")
                top = stack[-1]
                if name != top.name:
                    raise HTMLParseError(
                        f'Unmatched end tag at byte offset {tag_offset}, expected "</{top.name}>", '
                        f'found "</{name}>"'
                    )
                stack.pop()
                if top.entity is not None and position > top.start:
                    entity = dict(top.entity)
                    entity["offset"] = top.start
                    entity["length"] = position - top.start
                    entities.append(entity)
                i = j + 1
            else:
                name, j = _read_name(source, i + 1)
                name = name.lower()
                if name not in SUPPORTED_TAGS:
                    raise HTMLParseError(
                        f'Unsupported start tag "{name}" at byte offset {tag_offset}'
                    )
                attrs, i = _read_attributes(source, j, name, tag_offset)
                entity = _entity_for(name, attrs, stack, tag_offset)
                stack.append(_OpenTag(name, tag_offset, position, entity, attrs))
        else:
            out.append(char)
            position += utf16_len(char)
            i += 1
    if stack:
        raise HTMLParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def finalize(text: str, entities: list[dict[str, Any]] | None = None) -> ParsedText:
    """Trim surrounding whitespace like Telegram does and clip entities to the kept text."""
    stripped = text.strip()
    if not stripped:
        return ParsedText("", [])
    lead = utf16_len(text[: len(text) - len(text.lstrip())])
    total = utf16_len(stripped)
    kept: list[dict[str, Any]] = []
    for entity in entities or []:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, kept)


def validate_html(source: str) -> int:
    """Validate ``source`` as Telegram HTML and return the trimmed plain-text length (UTF-16).

    Raises ``HTMLParseError`` with Telegram-like wording for text the Bot API would reject.
    """
    parsed = parse_html(source)
    return finalize(parsed.text, parsed.entities).length
