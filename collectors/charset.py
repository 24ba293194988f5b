"""Choosing the character encoding of a downloaded XML document (a feed) and decoding it.

A feed says what it is encoded in three places that can disagree: a byte-order mark, the
HTTP `Content-Type` charset and the `<?xml ... encoding="..."?>` declaration. Servers often
send a default charset that has nothing to do with the file, and many feeds declare nothing
at all. The order here: a BOM is believed; bytes that are valid UTF-8 with non-ASCII
characters in them are UTF-8 whatever the labels say (no legacy 8-bit text of any length is
valid UTF-8 by accident); otherwise a declared charset that decodes the bytes is used (when
two declared ones both decode, the detector picks between just those two); and when nothing
is declared or nothing declared fits, charset-normalizer guesses among the encodings web
feeds really use.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

# Legacy encodings met on the web, most likely first for this bot's (mostly Russian) feeds:
# the order breaks ties between guesses the detector finds equally plausible. Exotic code
# pages (Mac, ISO-8859-10, Thai for KOI8 bytes...) fit short texts by chance and are left out.
DETECTABLE = (
    "cp1251",
    "cp1252",
    "koi8_r",
    "koi8_u",
    "cp1250",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "cp866",
    "shift_jis",
    "euc_jp",
    "euc_kr",
    "gb18030",
    "big5",
)
# charset-normalizer ranks by "mess" first, which on a short feed often crowns a code page
# for another script whose letters raise no alarm (KOI8-R bytes read as Hebrew or Thai). Its
# language fit ("coherence") tells those apart, so a guess scores coherence minus
# _CHAOS_WEIGHT x mess; scores within _TIE of the best are equally good (differences that
# small are noise on a few hundred letters) and the earliest in DETECTABLE wins.
_CHAOS_WEIGHT = 2.0
_TIE = 0.02
# How much text the detector reads at most: enough for any language model, cheap on 5 MB.
_SAMPLE_BYTES = 64 * 1024
# Text between tags: markup is ASCII and only dilutes the signal. No multi-byte encoding
# above uses '<' or '>' inside a character, so splitting there is safe; nor a byte below
# '0', which is where an overlong run is cut.
_BETWEEN_TAGS_RE = re.compile(rb"[^<>]+")
_SAFE_CUT_RE = re.compile(rb"[\x00-\x2f](?=[^\x00-\x2f]*$)")

_DECLARATION_RE = re.compile(
    r"""^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([\w.:+-]+)["'][^>]*?\?>""", re.I
)
_HTTP_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?([\w.:+-]+)""", re.I)
# Labels browsers treat as another encoding, or that Python spells differently.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "windows-874": "cp874",
    "x-mac-cyrillic": "mac_cyrillic",
    "x-sjis": "shift_jis",
    "x-euc-jp": "euc_jp",
    "x-cp1251": "cp1251",
    "win-1251": "cp1251",
    "cp-1251": "cp1251",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """The document as text, and how its encoding was chosen (for logs and tests)."""

    text: str
    encoding: str
    how: str  # "bom", "ascii", "utf-8", "declared", "detected" or "fallback"


def decode_document(body: bytes, content_type: str | None) -> Decoded:
    """The feed as text; never fails: a last resort decodes with replacement characters."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            text = _try_decode(body[len(bom) :], encoding)
            if text is not None:
                return Decoded(text, encoding, "bom")
            log.info("byte-order mark says %s but the bytes are not", encoding)
            body = body[len(bom) :]
            break
    family = _family(body)
    declared = _declared(body, content_type, family)
    if family != "ascii":
        return _decode_wide(body, family, declared)
    if body.isascii():
        return _decode_ascii(body, declared)
    text = _try_decode(body, "utf-8")
    if text is not None:
        if declared and declared[0] != "utf-8":
            log.info("declared %s but the bytes are UTF-8: read as UTF-8", declared[0])
        return Decoded(text, "utf-8", "utf-8")
    fitting = [e for e in declared if _try_decode(body, e) is not None]
    if fitting:
        # Header and declaration disagree and both decode: let the text decide between them.
        picked = _detect(body, candidates=tuple(fitting)) if len(fitting) > 1 else None
        picked = picked or fitting[0]
        return Decoded(body.decode(picked), picked, "declared")
    if declared:
        log.info("declared %s does not fit the bytes: guessing", "/".join(declared))
    detected = _detect(body)
    if detected:
        return Decoded(body.decode(detected), detected, "detected")
    fallback = "cp1252" if _try_decode(body, "cp1252") is not None else "latin-1"
    return Decoded(body.decode(fallback), fallback, "fallback")


def strip_declaration(text: str) -> str:
    """The document without its XML declaration, whose encoding no longer applies once the
    text is decoded (and which must not sit after whitespace, where XML forbids it)."""
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end != -1:
            return text[end + 2 :].lstrip(" \t\r\n")
    return text


def _family(body: bytes) -> str:
    """How '<' is spelled when there is no BOM (XML 1.0 appendix F): the codec needed to read
    the declaration at all."""
    head = body[:4]
    if head == b"\x00\x00\x00<":
        return "utf-32-be"
    if head == b"<\x00\x00\x00":
        return "utf-32-le"
    if len(head) == 4 and head[0] == 0 and head[2] == 0 and head[1] and head[3]:
        return "utf-16-be"
    if len(head) == 4 and head[1] == 0 and head[3] == 0 and head[0] and head[2]:
        return "utf-16-le"
    if head == b"\x4c\x6f\xa7\x94":  # '<?xm' in EBCDIC
        return "cp037"
    return "ascii"


def _declared(body: bytes, content_type: str | None, family: str) -> list[str]:
    """Python codec names from the HTTP header then the XML declaration, dropping labels
    Python does not know and labels that cannot be right for how the document starts."""
    labels: list[str] = []
    if content_type:
        match = _HTTP_CHARSET_RE.search(content_type)
        if match:
            labels.append(match.group(1))
    head = body[:1024].decode("latin-1" if family == "ascii" else family, errors="ignore")
    # The XML declaration, even after leading whitespace or split over lines: both are common
    # in feeds written by templates, and both escape feedparser's own look for it.
    declaration = _DECLARATION_RE.match(head)
    if declaration:
        labels.append(declaration.group(1))
    found: list[str] = []
    for label in labels:
        codec = _codec(label)
        if codec and _spells_like(codec, family) and codec not in found:
            found.append(codec)
    return found


def _codec(label: str) -> str | None:
    label = label.strip().lower()
    try:
        codec = codecs.lookup(_ALIASES.get(label, label)).name
    except LookupError:
        log.info("unknown charset label %r ignored", label)
        return None
    # UTF-7 turns '+...-' runs of plain ASCII into other characters, '<' included: no feed
    # is written in it, and believing a label that says so is how markup gets smuggled in.
    return None if codec == "utf-7" else codec


def _spells_like(codec: str, family: str) -> bool:
    """Whether markup in `codec` looks like markup in `family`: 'utf-16' declared inside a
    document whose first bytes are ASCII is a copy-pasted template, not the truth."""
    try:
        return "<?xml".encode(codec) == "<?xml".encode(family)
    except (UnicodeError, LookupError):
        return False


def _decode_wide(body: bytes, family: str, declared: list[str]) -> Decoded:
    """UTF-16/32 and EBCDIC: the family itself, or a declared sibling (cp500 for cp037)."""
    for encoding in [*declared, family]:
        if (text := _try_decode(body, encoding)) is not None:
            return Decoded(text, encoding, "declared")
    log.info("bytes are not valid %s: decoded with replacement characters", family)
    return Decoded(body.decode(family, errors="replace"), family, "fallback")


def _decode_ascii(body: bytes, declared: list[str]) -> Decoded:
    """7-bit bytes: ASCII, unless a 7-bit encoding such as ISO-2022-JP is declared."""
    for encoding in declared:
        if encoding in ("utf-8", "cp1252"):
            continue  # the same text as ASCII
        if (text := _try_decode(body, encoding)) is not None:
            return Decoded(text, encoding, "declared")
    return Decoded(body.decode("ascii"), "ascii", "ascii")


def _try_decode(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(body: bytes, candidates: tuple[str, ...] = DETECTABLE) -> str | None:
    """charset-normalizer's guess among `candidates`, ranked for short texts (see
    _CHAOS_WEIGHT); None when every candidate reads as nonsense."""
    sample = _sample(body)
    if not sample:
        return None
    matches = from_bytes(
        sample,
        steps=1,
        chunk_size=len(sample),
        cp_isolation=list(candidates),
        preemptive_behaviour=False,
        threshold=0.5,
    )
    scores = {_codec_name(m.encoding): m.coherence - _CHAOS_WEIGHT * m.chaos for m in matches}
    if not scores:
        return None
    best = max(scores.values())
    order = {_codec_name(name): i for i, name in enumerate(candidates)}

    def rank(name: str) -> tuple[int, float]:
        if scores[name] >= best - _TIE:
            return 0, order.get(name, len(order))
        return 1, -scores[name]

    # The sample is a part of the body: the pick must also decode the rest.
    return next((n for n in sorted(scores, key=rank) if _try_decode(body, n) is not None), None)


def _codec_name(name: str) -> str:
    """Python's own spelling, so 'koi8_r' from the detector and 'koi8-r' from a label match."""
    return codecs.lookup(name).name


def _sample(body: bytes) -> bytes:
    """Runs of non-ASCII text between tags, _SAMPLE_BYTES at most, each cut only where no
    multi-byte character can be split (a split one would disqualify the right encoding)."""
    runs: list[bytes] = []
    room = _SAMPLE_BYTES
    for match in _BETWEEN_TAGS_RE.finditer(body):
        run = match.group()
        if run.isascii():
            continue
        if len(run) > room:
            cut = _SAFE_CUT_RE.search(run, 0, room)
            run = run[: cut.end()] if cut else run[:room]
        runs.append(run.strip())
        room -= len(run) + 1
        if room <= 0:
            break
    return b"\n".join(runs)
