"""A raw e-mail (RFC 5322 bytes from the mailbox) -> a Letter: who wrote, what they said,
what they attached, what it answers, and whether a machine sent it.

Pure parsing with the stdlib `email` package (policy.default), no I/O. Letters from
customers are written by every mail program there is, and some by none: headers in raw
8-bit, charsets that lie, MIME trees cut off mid-part. A letter that cannot be read fully
still carries a complaint, so `parse_letter` never raises: what cannot be read is left
empty, and the rest is kept.

Where stdlib's own decoding is not trusted:

* headers are decoded here from their raw values (RFC 2047 encoded-words, adjacent words
  joined before decoding so a character split between two is not lost, raw 8-bit bytes
  guessed) rather than through policy.default's header objects, which raise on some
  malformed addresses;
* the bytes of a text part are decoded by `decode_text`: valid UTF-8 is UTF-8 whatever the
  label, a declared charset is believed unless the text it gives is implausible (Cyrillic
  letters in a scrambled order: KOI8-R read as windows-1251; a Latin charset turning every
  letter into an accented one: windows-1251 labelled ISO-8859-1), and an undeclared or
  unbelievable charset is chosen among the Russian ones by letter frequencies, then by
  charset-normalizer.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import logging
import quopri
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from typing import TypeVar

from charset_normalizer import from_bytes

from collectors.html_elements import VOID_ELEMENTS

log = logging.getLogger(__name__)

T = TypeVar("T")
D = TypeVar("D")


@dataclass(frozen=True)
class Attachment:
    """A file sent with the letter. `data` is None when it is larger than the limit: the
    director is still told its name and size, so "the photo did not come through" is known."""

    filename: str
    content_type: str
    size: int
    data: bytes | None


@dataclass(frozen=True)
class Letter:
    """One letter as the bot needs it. Ids are normalized ("<local@domain>"); `from_addr`
    and `to_addrs` (To, then Cc) are lowercased; `date` is aware UTC. `reply_to` is the
    address replies go to when the letter names another one (web forms send from noreply@
    with the customer there).

    `automatic` is why the letter must never become a ticket nor get a reply
    ("auto-submitted", "bulk", "delivery-status", "out-of-office"), None for a letter a
    person wrote. Review-site notices are machine-sent too (Auto-Submitted, Precedence:
    bulk): ask `collectors.mail_rules.review_notice` first, and `automatic` only for letters
    that are no notice."""

    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    from_name: str
    from_addr: str
    to_addrs: tuple[str, ...]
    subject: str
    text: str
    attachments: tuple[Attachment, ...]
    date: datetime | None
    automatic: str | None
    html: str | None
    reply_to: str | None = None


# --- ids -----------------------------------------------------------------------------------

_ANGLE_ID_RE = re.compile(r"<([^<>]*)>")


def normalize_id(raw: str) -> str:
    """A Message-ID as "<local@domain>" for comparing: angle brackets added when missing,
    whitespace, quotes and comments dropped, the domain lowercased (ids are compared as
    the same letter however a mail program re-spelled the header). "" when there is none."""
    match = _ANGLE_ID_RE.search(raw)
    inner = match.group(1) if match else re.sub(r"\([^()]*\)", "", raw)
    inner = "".join(inner.split()).strip("\"'<>")
    if not inner:
        return ""
    local, at, domain = inner.rpartition("@")
    if at:
        inner = f"{local}@{domain.lower()}"
    return f"<{inner}>"


def own_message_id(domain: str) -> str:
    """A new, globally unique Message-ID for a letter the bot sends from `domain`: random
    (uuid4), so it reveals neither the host's clock nor its process ids. A Message-ID is
    ASCII: an internationalised domain ("магазин.рф") goes in its IDNA form."""
    host = domain.strip().lower().lstrip("@")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        host = host.encode("ascii", "ignore").decode()
    return f"<{uuid.uuid4().hex}@{re.sub(r'[^a-z0-9.-]', '', host) or 'localhost'}>"


def _id_list(raw: str) -> tuple[str, ...]:
    """Ids in a References / In-Reply-To value, in order, duplicates dropped."""
    found = _ANGLE_ID_RE.findall(raw) or raw.split()
    ids: list[str] = []
    for item in found:
        norm = normalize_id(item)
        if norm and norm not in ids:
            ids.append(norm)
    return tuple(ids)


def thread_ids(letter: Letter) -> tuple[str, ...]:
    """The ids of the letters this one answers, closest first: In-Reply-To, then References
    from the newest (last) to the oldest. The caller looks for the first one it knows."""
    ids: list[str] = []
    for item in ((letter.in_reply_to or ""), *reversed(letter.references)):
        if item and item not in ids:
            ids.append(item)
    return tuple(ids)


# --- charsets ------------------------------------------------------------------------------

# Labels Python does not know, or knows as something else, as mail programs write them.
_CHARSET_ALIASES = {
    "win-1251": "cp1251",
    "x-cp1251": "cp1251",
    "cp-1251": "cp1251",
    "windows1251": "cp1251",
    "koi8r": "koi8_r",
    "koi8": "koi8_r",
    "x-koi8-r": "koi8_r",
    "x-mac-cyrillic": "mac_cyrillic",
    "iso-8859-8-i": "iso8859_8",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "ks_c_5601-1987": "euc_kr",
    "x-sjis": "shift_jis",
}
# Single-byte charsets for Latin scripts: mislabelled Cyrillic reads as accented Latin.
_LATIN = frozenset(
    codecs.lookup(name).name
    for name in ("ascii", "latin_1", "cp1252", "iso8859_15", "iso8859_2", "cp1250")
)
_CYRILLIC_CODECS = frozenset(
    codecs.lookup(name).name
    for name in ("cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "mac_cyrillic")
)
# What 8-bit text without a believable label most likely is, for this bot's letters.
_GUESSES = ("cp1251", "koi8_r", "cp1252")
# The ten most frequent Russian letters make up about 60 % of a text's letters; scrambled
# (KOI8-R read as windows-1251 or back) they make up about 30 %. Below _BELIEVE a declared
# Cyrillic charset is doubted, but only with _EVIDENCE letters: a short name is too little.
_COMMON_RU = frozenset("оеаинтсрвл")
_COMMON_SHARE = 0.6
_BELIEVE = 0.75
_EVIDENCE = 20
_WORD_RE = re.compile(r"[^\W\d_]+")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")
_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]+)""", re.I)


def codec_for(label: str | None) -> str | None:
    """Python's codec name for a charset label, None for a label it does not know (or
    UTF-7, which no mail program uses for a body and which hides markup in plain ASCII)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(_CHARSET_ALIASES.get(label, label)).name
    except LookupError:
        return None
    return None if name == "utf-7" else name


def plausibility(text: str) -> float:
    """How much `text` looks like something a person wrote, 0..1, for telling right
    decodings from wrong ones. Cyrillic is judged by how common its letters are; Latin text
    by how few of its letters are accented (mojibake makes all of them accented)."""
    letters = [c for c in text if c.isalpha()]
    wide = [c for c in letters if not c.isascii()]
    if not wide:
        return 1.0
    cyrillic = [c.lower() for c in wide if "\u0400" <= c <= "\u04ff"]
    if len(cyrillic) < 0.8 * len(wide):
        return max(0.0, 1.0 - len(wide) / len(letters))
    common = sum(c in _COMMON_RU for c in cyrillic) / len(cyrillic)
    # Latin-1 read as windows-1251 puts Cyrillic letters inside Latin words: "Cafй crиme".
    words = [w for w in _WORD_RE.findall(text) if not w.isascii()]
    mixed = sum(1 for w in words if _LATIN_LETTER_RE.search(w)) / len(words) if words else 0.0
    return min(1.0, common / _COMMON_SHARE) * (1.0 - mixed)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Bytes of a text part or header -> str; never fails (see the module docstring)."""
    if data.isascii():
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    codec = codec_for(declared)
    believed = _try(data, codec) if codec and codec != "utf-8" else None
    if believed is not None and _credible(believed, codec or ""):
        return believed
    scored: list[tuple[float, int, str]] = []
    for rank, guess in enumerate(_GUESSES):
        text = _try(data, guess)
        if text is not None:
            scored.append((plausibility(text), -rank, text))
    if believed is not None:
        scored.append((plausibility(believed) + 0.05, 1, believed))  # a label breaks ties
    best = max(scored, default=None)
    if best is not None and best[0] >= 0.5:
        return best[2]
    guess = from_bytes(data[:65536]).best()
    if guess is not None:
        text = _try(data, guess.encoding)
        if text is not None:
            return text
    if best is not None:
        return best[2]
    return data.decode(codec or "cp1251", errors="replace")


def _credible(text: str, codec: str) -> bool:
    if codec in _CYRILLIC_CODECS:
        cyrillic = sum(1 for c in text if "\u0400" <= c <= "\u04ff")
        return cyrillic < _EVIDENCE or plausibility(text) >= _BELIEVE
    if codec in _LATIN:
        wide = sum(1 for c in text if c.isalpha() and not c.isascii())
        return wide < 3 or plausibility(text) >= 0.5
    return True


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


# --- headers -------------------------------------------------------------------------------

_ENCODED_WORD_RE = re.compile(r"=\?([^?\s]+)\?([QqBb])\?([^?]*)\?=")
_BETWEEN_WORDS_RE = re.compile(r"[ \t\r\n]*")
_FOLD_RE = re.compile(r"\r?\n[ \t]*")


def decode_header(raw: str) -> str:
    """A raw header value as text: unfolded, RFC 2047 encoded-words decoded (adjacent ones
    of one charset joined first: mail programs split multi-byte characters between them),
    raw 8-bit bytes guessed like a body. Never fails; undecodable words stay as written."""
    raw = _FOLD_RE.sub(" ", _unescape_8bit(raw))
    out: list[str] = []
    pos = 0
    pending: bytearray = bytearray()
    pending_charset: str | None = None

    def flush() -> None:
        nonlocal pending_charset
        if pending_charset is not None:
            out.append(decode_text(bytes(pending), pending_charset))
            pending.clear()
            pending_charset = None

    for match in _ENCODED_WORD_RE.finditer(raw):
        gap = raw[pos : match.start()]
        if pending_charset is None or _BETWEEN_WORDS_RE.fullmatch(gap) is None:
            flush()
            out.append(gap)
        charset = match.group(1).split("*", 1)[0]  # RFC 2231 language suffix: utf-8*ru
        data = _word_bytes(match.group(2), match.group(3))
        if data is None:
            flush()
            out.append(match.group(0))
        else:
            if pending_charset is not None and charset.lower() != pending_charset.lower():
                flush()
            pending_charset = charset
            pending.extend(data)
        pos = match.end()
    flush()
    out.append(raw[pos:])
    return " ".join("".join(out).split())


def _word_bytes(encoding: str, text: str) -> bytes | None:
    try:
        if encoding in "Bb":
            return base64.b64decode(text + "=" * (-len(text) % 4))
        return quopri.decodestring(text.replace("_", " ").encode("ascii"), header=False)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def _unescape_8bit(value: str) -> str:
    """Header values with raw 8-bit bytes come from the parser as surrogate escapes: get
    the bytes back and decode them as text."""
    if not any("\udc80" <= c <= "\udcff" for c in value):
        return value
    return decode_text(value.encode("utf-8", "surrogateescape"))


def _raw_headers(msg: Message) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    try:
        items = list(msg.raw_items())  # type: ignore[attr-defined]
    except Exception:  # a broken parse may leave odd objects behind
        items = []
    for name, value in items:
        headers.setdefault(str(name).lower(), []).append(str(value))
    return headers


def _first(headers: dict[str, list[str]], name: str) -> str:
    values = headers.get(name)
    return values[0] if values else ""


def _addresses(raw: str) -> list[tuple[str, str]]:
    """(name, address) pairs from an address header's raw value, names decoded. Parsing
    before decoding keeps a comma inside an encoded name from splitting an address."""
    raw = _FOLD_RE.sub(" ", _unescape_8bit(raw))
    pairs: list[tuple[str, str]] = []
    try:
        parsed = getaddresses([raw])
    except Exception:  # any parser error means: read it by hand
        parsed = [("", m) for m in re.findall(r"[\w.+'-]+@[\w.-]+", raw)]
    for name, addr in parsed:
        addr = addr.strip().strip("<>").lower()
        if "@" not in addr and not name:
            continue
        pairs.append((decode_header(name).strip().strip('"').strip(), addr))
    return pairs


def _letter_date(raw: str) -> datetime | None:
    if not raw.strip():
        return None
    try:
        moment = parsedate_to_datetime(raw.strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None:  # older Pythons return None instead of raising
        return None
    if moment.tzinfo is None:  # "-0000": the zone is unknown, the time is UTC
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


# --- machine-sent letters --------------------------------------------------------------------

# Subjects of absence notices and auto-replies, at the start of the subject and followed by
# a colon, a bracket or nothing: "Out of office hours support is awful" is a complaint.
_OUT_OF_OFFICE_RE = re.compile(
    r"""^\W*(?:out\s+of\s+(?:the\s+)?office(?:\s+auto-?reply)?|automatic\s+reply|
    auto[-\s]?reply|auto[-\s]?response|autoresponder|автоответ(?:чик)?|автоматический\s+ответ|
    abwesenheitsnotiz|réponse\s+automatique)\s*(?:[:\])\]]|$)""",
    re.I | re.X,
)
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk"})
_DAEMONS = frozenset({"mailer-daemon", "postmaster"})


def automatic_reason(
    headers: dict[str, list[str]], subject: str, from_addr: str, content_types: list[str]
) -> str | None:
    """Why a letter was sent by a machine, or None. Most specific first: a bounce is also
    auto-submitted, an absence notice too. List-Id and List-Unsubscribe do not count: review
    sites put them on the notices that must become tickets."""
    if (
        any(t in ("multipart/report", "message/delivery-status") for t in content_types)
        or from_addr.partition("@")[0] in _DAEMONS
    ):
        return "delivery-status"
    suppress = {t.strip() for t in _first(headers, "x-auto-response-suppress").lower().split(",")}
    if _OUT_OF_OFFICE_RE.match(subject) or suppress & {"oof", "all"}:
        return "out-of-office"
    submitted = re.split(r"[;(\s]", _first(headers, "auto-submitted").strip().lower(), maxsplit=1)[
        0
    ]
    if submitted and submitted != "no":
        return "auto-submitted"
    if any(h in headers for h in ("x-autoreply", "x-autorespond", "x-autoresponder")):
        return "auto-submitted"
    precedence = _first(headers, "precedence").strip().lower()
    if precedence in _BULK_PRECEDENCE:
        return "bulk"
    if precedence == "auto_reply":
        return "auto-submitted"
    return None


# --- HTML -> text ----------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "template", "noscript", "svg"})
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all", re.I)


class _HtmlText(HTMLParser):
    """Text of an HTML letter: scripts, styles and hidden preheaders dropped, a line break
    for <br> and around blocks, "• " before list items, a space between table cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip: list[str] = []  # open tags whose content is not shown

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag not in VOID_ELEMENTS:
                self._skip.append(tag)
            return
        style = dict(attrs).get("style") or ""
        if tag in _SKIP_TAGS or (tag not in VOID_ELEMENTS and _HIDDEN_RE.search(style)):
            self._skip.append(tag)
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n• ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag in ("p", "blockquote", "table") else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:  # close up to the matching tag (HTML in mail is sloppy)
                while self._skip and self._skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n" if tag in ("p", "blockquote", "table") else "\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def html_to_text(html: str) -> str:
    """Readable text of an HTML letter (entities unescaped once), tidied like any text."""
    parser = _HtmlText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; this is the last resort
        log.info("HTML could not be parsed to the end; keeping what was read")
    return tidy_text("".join(parser.parts))


_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def tidy_text(text: str) -> str:
    """Spaces collapsed within lines, trailing spaces gone, at most one blank line in a
    row, invisible characters removed: how a letter is shown in a card."""
    text = _INVISIBLE_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.replace("\xa0", " ").split()) for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def _unflow(text: str, delsp: bool) -> str:
    """format=flowed (RFC 3676, what Thunderbird sends): a line ending in a space goes on in
    the next line; the signature separator "-- " is kept as is."""
    out: list[str] = []
    carry = ""
    for line in text.split("\n"):
        line = line.rstrip("\r")
        if line.endswith(" ") and line != "-- ":
            carry += line[:-1] if delsp else line
            continue
        out.append(carry + line)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


# --- MIME parts ------------------------------------------------------------------------------


def _safe(fn: Callable[[], T], default: D) -> T | D:
    """fn(), or `default` when it raises: the email package has raised on malformed headers
    and parameters in every Python release, and a malformed header must not cost the letter."""
    try:
        return fn()
    except Exception:
        return default


def _content_type(part: Message) -> str:
    value = _safe(part.get_content_type, "text/plain")
    return value.lower() if value else "text/plain"


def _param(part: Message, header: str, name: str) -> str | None:
    """A parameter of a header, RFC 2231 (`name*=utf-8''...`, continuations) and RFC 2047
    (`name="=?utf-8?b?...?="`, non-standard but common) both decoded."""
    value = _safe(lambda: part.get_param(name, header=header), None)
    if isinstance(value, tuple):  # RFC 2231: (charset, language, text with one char a byte)
        charset, _lang, text = value
        try:
            data = str(text).encode("latin-1")
        except UnicodeEncodeError:
            return decode_header(str(text))
        return decode_text(data, charset or "utf-8")
    if value is None:
        return None
    return decode_header(str(value))


def _filename(part: Message) -> str | None:
    name = _param(part, "content-disposition", "filename") or _param(part, "content-type", "name")
    if name is None:
        return None
    name = name.replace("\\", "/").rsplit("/", 1)[-1]  # no directories from the sender
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()
    return name or None


def _flag(part: Message, name: str) -> str:
    """A Content-Type parameter such as format=flowed, lowercased, "" when absent."""
    value = _safe(lambda: part.get_param(name), None)
    return value.lower() if isinstance(value, str) else ""


def _disposition(part: Message) -> str:
    value = _safe(part.get_content_disposition, None)
    return value.lower() if value else ""


def _payload(part: Message) -> bytes:
    """The decoded bytes of a leaf part (base64, quoted-printable or as is)."""
    data = _safe(lambda: part.get_payload(decode=True), None)
    if isinstance(data, bytes):
        return data
    raw = _safe(part.get_payload, None)
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    return b""


def _encoded_size(part: Message) -> int | None:
    """The decoded size of a base64 part, counted on its encoded text without decoding it:
    a 30 MB photo over the limit is never copied into memory a second time."""
    encoding = str(_safe(lambda: part.get("content-transfer-encoding", ""), "") or "")
    if encoding.strip().lower() != "base64":
        return None
    raw = _safe(part.get_payload, None)
    if not isinstance(raw, str):
        return None
    chars = len(raw) - sum(raw.count(c) for c in " \t\r\n")
    padding = raw.rstrip(" \t\r\n").endswith("==") + raw.rstrip(" \t\r\n").endswith("=")
    return max(0, chars * 3 // 4 - padding)


def _leaves(part: Message, depth: int = 0) -> Iterator[Message]:
    """Leaf parts in order; an attached letter (message/rfc822) is one leaf, not opened:
    its text is not this letter's text. Depth is bounded against hostile nesting."""
    if depth > 30:
        return
    if _safe(part.is_multipart, False) and not _content_type(part).startswith("message/"):
        children = _safe(part.get_payload, [])
        for child in children if isinstance(children, list) else []:
            if isinstance(child, Message):
                yield from _leaves(child, depth + 1)
        return
    yield part


def _all_types(part: Message, depth: int = 0) -> list[str]:
    types = [_content_type(part)]
    if depth < 30 and _safe(part.is_multipart, False):
        children = _safe(part.get_payload, [])
        for child in children if isinstance(children, list) else []:
            if isinstance(child, Message):
                types.extend(_all_types(child, depth + 1))
    return types


@dataclass
class _Body:
    plain: list[str]
    html: list[str]
    attachments: list[Attachment]


def _collect(msg: Message, attachment_limit: int) -> _Body:
    body = _Body([], [], [])
    for part in _leaves(msg):
        ctype = _content_type(part)
        filename = _filename(part)
        disposition = _disposition(part)
        text_body = ctype in ("text/plain", "text/html") and not filename
        if text_body and disposition != "attachment" and _elided_size(_payload(part)) is None:
            data = _payload(part)
            charset = _safe(lambda p=part: p.get_content_charset(), None)
            if ctype == "text/html":
                if not charset:
                    declared = _CHARSET_RE.search(data[:4096])
                    charset = declared.group(1).decode("ascii", "ignore") if declared else None
                body.html.append(decode_text(data, str(charset) if charset else None))
            else:
                text = decode_text(data, str(charset) if charset else None)
                if _flag(part, "format") == "flowed":
                    delsp = _flag(part, "delsp") == "yes"
                    text = _unflow(text, delsp)
                body.plain.append(text)
            continue
        if ctype in ("message/delivery-status", "text/rfc822-headers"):
            continue  # the machinery of a bounce, not a file anybody sent
        body.attachments.append(_attachment(part, ctype, filename, attachment_limit))
    return body


def _attachment(part: Message, ctype: str, filename: str | None, limit: int) -> Attachment:
    if ctype.startswith("message/"):
        inner = _safe(part.get_payload, None)
        inner_msg = inner[0] if isinstance(inner, list) and inner else None
        data = _safe(inner_msg.as_bytes, None) if isinstance(inner_msg, Message) else None
        blob = data if isinstance(data, bytes) else _payload(part)
        name = filename or "letter.eml"
        return Attachment(name, ctype, len(blob), blob if len(blob) <= limit else None)
    name = filename or _default_name(ctype)
    size = _encoded_size(part)
    if size is not None and size > limit:
        return Attachment(name, ctype, size, None)
    data = _payload(part)
    elided = _elided_size(data)
    if elided is not None:
        return Attachment(name, ctype, elided, None)
    return Attachment(name, ctype, len(data), data if len(data) <= limit else None)


def _default_name(ctype: str) -> str:
    """A name for a nameless part (a pasted photo): "image.jpeg", "letter.txt"."""
    main, _, sub = ctype.partition("/")
    if ctype == "text/plain":
        return "letter.txt"
    if ctype == "text/html":
        return "letter.html"
    sub = re.sub(r"[^\w.+-]", "", sub.removeprefix("x-")) or "bin"
    return f"{main}.{sub}" if main in ("image", "audio", "video") else f"attachment.{sub}"


# --- the letter -------------------------------------------------------------------------------


# A base64 body this large and over the limit is cut out of the letter before parsing and
# replaced by a marker carrying its decoded size: the email package holds eight to ten times
# a letter's size while parsing it (lines, strings, joins), 330 MB for a 30 MB photo. The
# run is matched possessively ("++"): a plain "+" keeps a backtracking frame for every line.
_ELIDE_FLOOR = 1024 * 1024
_BASE64_RUN_RE = re.compile(rb"^(?:[A-Za-z0-9+/]{4,}={0,2}\r?\n)++", re.M)
_ELIDED = b"\x00firsthand-elided:"


def _elide_large_base64(raw: bytes, limit: int) -> bytes:
    """`raw` with every run of base64 lines that decodes to more than `limit` (and more
    than a megabyte) replaced by one base64 line of _ELIDED + the decoded size."""
    pieces: list[bytes] = []
    pos = 0
    for match in _BASE64_RUN_RE.finditer(raw):
        start, end = match.span()
        if end - start < _ELIDE_FLOOR:
            continue
        # counted in place: a slice of the run would copy it
        chars = end - start - raw.count(b"\n", start, end) - raw.count(b"\r", start, end)
        tail = raw[max(start, end - 8) : end].rstrip()
        size = chars * 3 // 4 - tail.endswith(b"==") - tail.endswith(b"=")
        if size <= limit:
            continue
        pieces += [raw[pos:start], base64.b64encode(_ELIDED + str(size).encode()), b"\r\n"]
        pos = end
    if not pieces:
        return raw
    log.info("letter of %d bytes: large base64 parts left unread (over the limit)", len(raw))
    return b"".join([*pieces, raw[pos:]])


def _elided_size(data: bytes) -> int | None:
    if not data.startswith(_ELIDED):
        return None
    digits = data[len(_ELIDED) :]
    return int(digits) if digits.isdigit() else None


def parse_letter(raw: bytes, *, attachment_limit: int) -> Letter:
    """Read one raw letter. Never raises: garbage gives a Letter with empty fields."""
    raw = _elide_large_base64(raw, attachment_limit)
    try:
        msg: Message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:  # the stdlib parser is lenient; this is the last resort
        log.warning("letter could not be parsed (%d bytes); reading nothing from it", len(raw))
        msg = EmailMessage()
    headers = _raw_headers(msg)
    senders = _addresses(_first(headers, "from")) or _addresses(_first(headers, "sender"))
    from_name, from_addr = senders[0] if senders else ("", "")
    recipients = [
        addr
        for name in ("to", "cc")
        for value in headers.get(name, [])
        for _, addr in _addresses(value)
        if addr
    ]
    reply_to = next((a for _, a in _addresses(_first(headers, "reply-to")) if "@" in a), None)
    subject = " ".join(decode_header(_first(headers, "subject")).split())
    body = _collect(msg, attachment_limit)
    html = "\n".join(body.html) if body.html else None
    plain = tidy_text("\n\n".join(body.plain))
    text = plain or (html_to_text(html) if html else "")
    message_id = normalize_id(_first(headers, "message-id")) or None
    in_reply_to = next(iter(_id_list(_first(headers, "in-reply-to"))), None)
    references = _id_list(" ".join(headers.get("references", [])))
    return Letter(
        message_id=message_id,
        in_reply_to=in_reply_to,
        references=references,
        from_name=from_name,
        from_addr=from_addr,
        to_addrs=tuple(dict.fromkeys(recipients)),
        subject=subject,
        text=text,
        attachments=tuple(body.attachments),
        date=_letter_date(_first(headers, "date")),
        automatic=automatic_reason(headers, subject, from_addr, _all_types(msg)),
        html=html,
        reply_to=reply_to if reply_to != from_addr else None,
    )
