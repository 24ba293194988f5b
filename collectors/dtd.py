"""Defusing a feed's document type declaration before any XML parser sees it.

An internal DTD subset can define an entity of a few kilobytes and the document can use it
tens of thousands of times: a 160 KB feed became a 2-billion-character post. Both of
feedparser's parsers expand such entities (expat fully, the loose parser from the "safe"
ones feedparser copies over), and the fetch size cap says nothing about the expanded size.
So the internal subset goes, before parsing. Entities that stand for a single character
(`<!ENTITY nbsp "&#160;">`, a common way to let a feed use HTML names) cannot amplify
anything: their references are replaced here by the character reference itself, which both
parsers read the same way (feedparser's loose parser garbles such entities on its own).
"""

from __future__ import annotations

import re

# feedparser cuts the document at the first `<` + word character and looks for entity
# declarations before it; nothing of the kind may survive there.
_FEEDPARSER_HEAD_RE = re.compile(r"<\w", re.ASCII)
_ENTITY_DECL_RE = re.compile(r"<!ENTITY", re.I)
_ONE_CHAR_ENTITY_RE = re.compile(
    r"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])(&\#(?:x[0-9A-Fa-f]{1,6}|[0-9]{1,7});|[^&<%"'])\2\s*>"""
)
_SPACE = " \t\r\n"
# What can open or close something inside a DOCTYPE; everything between is skipped at once.
_DOCTYPE_TOKEN_RE = re.compile(r"""["'\[\]>]|<!--|<\?""")
_ENTITY_REF_RE = re.compile(r"&([A-Za-z_][\w.-]*);")


class UnsafeDocument(ValueError):
    """The document declares entities in a way this module cannot take apart safely."""


def defuse_doctype(text: str) -> str:
    """`text` with its prolog reduced to its DOCTYPEs' names and external ids, and references
    to their one-character entities spelled as character references; raises UnsafeDocument
    when an entity declaration would still reach a parser.

    Comments and processing instructions of the prolog go too: nothing in a feed needs them,
    and feedparser finds entity declarations even inside them."""
    doctypes: list[str] = []
    chars: dict[str, str] = {}
    pos = 0
    while True:
        start = _skip_space(text, pos)
        if text.startswith("<?", start):
            pos = _after(text, "?>", start + 2)
        elif text.startswith("<!--", start):
            pos = _after(text, "-->", start + 4)
        elif text[start : start + 9].upper() == "<!DOCTYPE":
            pos, bracket = _doctype_end(text, start)
            if bracket is None:
                doctypes.append(text[start:pos])
            else:
                doctypes.append(text[start:bracket].rstrip() + ">")
                chars.update(_one_char_entities(text[bracket:pos]))
        else:
            break
    result = "".join(f"{d}\n" for d in doctypes) + _spell_out(text[pos:], chars)
    head = _FEEDPARSER_HEAD_RE.search(result)
    if _ENTITY_DECL_RE.search(result, 0, head.start() if head else len(result)):
        raise UnsafeDocument("entity declaration outside a document type declaration")
    return result


def _one_char_entities(subset: str) -> dict[str, str]:
    """Name -> character reference, for the entities of `subset` that are one character."""
    found: dict[str, str] = {}
    for name, _, value in _ONE_CHAR_ENTITY_RE.findall(subset):
        found.setdefault(name, value if value.startswith("&#") else f"&#{ord(value)};")
    return found


def _spell_out(body: str, chars: dict[str, str]) -> str:
    if not chars:
        return body
    return _ENTITY_REF_RE.sub(lambda m: chars.get(m.group(1), m.group()), body)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    return pos


def _after(text: str, marker: str, pos: int) -> int:
    end = text.find(marker, pos)
    if end == -1:
        raise UnsafeDocument(f"unterminated {marker!r} in the prolog")
    return end + len(marker)


def _doctype_end(text: str, start: int) -> tuple[int, int | None]:
    """Index just past the DOCTYPE's closing '>', and of its '[' if it has an internal
    subset. Quoted literals, comments and processing instructions may hold '>' or ']'."""
    pos = start + 9
    bracket: int | None = None
    in_subset = False
    while match := _DOCTYPE_TOKEN_RE.search(text, pos):
        token, pos = match.group(), match.end()
        if token in ('"', "'"):
            pos = _after(text, token, pos)
        elif token == "<!--" and in_subset:
            pos = _after(text, "-->", pos)
        elif token == "<?" and in_subset:
            pos = _after(text, "?>", pos)
        elif token == "[" and bracket is None:
            bracket, in_subset = match.start(), True
        elif token == "]":
            in_subset = False
        elif token == ">" and not in_subset:
            return pos, bracket
    raise UnsafeDocument("unterminated document type declaration")
