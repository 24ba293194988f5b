"""The rules of the "letter to the director" page and of each client's private status page,
with no HTTP in them: what a letter may hold, how many one address may send, how a form is
proved to come from our own page, how a private link is made, and what a client may see of
their ticket.

A client without Telegram has only the link they were shown, so the link is the key to
their case: a 256-bit random token, of which only the SHA-256 is stored (tickets.web_token)
and which is never logged; log lines name the ticket. A form carries a nonce (one letter,
however many times it is sent) signed together with the browser's cookie under a secret
kept in the settings table, so another site cannot post in a client's name (CSRF), and the
nonce one browser was given cannot be replayed by another to learn a ticket's link.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import logging
import math
import re
import secrets
from collections import OrderedDict, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.events import ExternalMessage, NewAttachment
from bot.core.posters import Posters, tag_problem
from bot.core.tickets import TicketService
from storage import settings
from storage.db import Database
from storage.models import Role, Status, Ticket

log = logging.getLogger(__name__)

SOURCE = "web"
NAME_LIMIT = 100
CONTACT_LIMIT = 200
TEXT_LIMIT = 4000
PHOTO_LIMIT = 5 * 1024 * 1024
PHOTO_TYPES = ("image/jpeg", "image/png", "image/webp")
LETTERS_PER_WINDOW = 5  # new letters from one address …
MESSAGES_PER_WINDOW = 20  # … and messages added on status pages, per window
RATE_WINDOW = timedelta(minutes=10)
# How long a letter sent twice (a double tap, a reload of the thank-you page) still gets the
# link it got the first time; after that (or a restart) it is told the letter arrived.
REPEAT_MEMORY = timedelta(hours=1)
REPEAT_MEMORY_SIZE = 10_000
SECRET_SETTING = "web_form_secret"

_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
_NONCE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_COOKIE = re.compile(r"[A-Za-z0-9_-]{16,64}")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# --- pure rules ------------------------------------------------------------------------


def new_token() -> str:
    """A private status link's token: 32 random bytes, unguessable by any number of tries."""
    return secrets.token_urlsafe(32)


def new_nonce() -> str:
    """A form's own id: sending the same form twice is one letter."""
    return secrets.token_urlsafe(18)


def new_cookie() -> str:
    """A browser's id for signing its forms; it means nothing else."""
    return secrets.token_urlsafe(16)


def token_hash(token: str) -> str:
    """What is stored for a token: its SHA-256 in hex. A leaked database opens no page."""
    return hashlib.sha256(token.encode()).hexdigest()


def is_token(text: str) -> bool:
    """Looks like a token we issue: anything else is not looked up at all."""
    return _TOKEN.fullmatch(text) is not None


def is_nonce(text: str) -> bool:
    return _NONCE.fullmatch(text) is not None


def is_cookie(text: str) -> bool:
    return _COOKIE.fullmatch(text) is not None


def is_email(contact: str) -> bool:
    """A contact an answer could be mailed to (a phone or a Telegram nick is not)."""
    return _EMAIL.fullmatch(contact.strip()) is not None


def photo_type(data: bytes) -> str | None:
    """The image type by the file's own first bytes, never by its name or what the browser
    claims: a script renamed .jpg is not a photo. None: not JPEG, PNG or WebP."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


_EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}


def photo_name(original: str, content_type: str) -> str:
    """A file name safe to show and to send on: the browser's base name without paths or
    control characters, at most 80 characters, with the extension its content really has."""
    base = re.split(r"[\\/]", original)[-1]
    base = re.sub(r"[^\w .()-]", "_", _CONTROL.sub("", base)).strip(" .")[:80]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem or "photo") + _EXTENSIONS[content_type]


def clean_line(text: str) -> str:
    """A one-line field as a person meant it: no control characters, no edge spaces."""
    return " ".join(_CONTROL.sub("", text).split())


def clean_text(text: str) -> str:
    """A message: line breaks kept (browsers send CRLF; the limit counts what the client
    sees, so a newline is one character), control characters dropped, edges trimmed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


def address_key(address: str) -> str:
    """Whose allowance a request uses: the IPv4 address, or the /64 of an IPv6 one, since
    one home or phone gets a whole /64 and could otherwise change address per letter."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class ClientStatus(StrEnum):
    """A ticket's status as the client reads it: no owners, control dates or root causes."""

    RECEIVED = "received"
    IN_WORK = "in_work"
    RESOLVED = "resolved"


def client_status(ticket: Ticket) -> ClientStatus:
    """Resolved when closed; in work once somebody took it, answered or moved it on;
    received until then."""
    if ticket.is_closed:
        return ClientStatus.RESOLVED
    if (
        ticket.status is Status.IN_PROGRESS
        or ticket.owner_id is not None
        or ticket.first_response_at is not None
    ):
        return ClientStatus.IN_WORK
    return ClientStatus.RECEIVED


# --- what comes in ------------------------------------------------------------------------


@dataclass(frozen=True)
class Photo:
    """A file sent in the photo field; `too_big` when more came than PHOTO_LIMIT (then
    `data` holds only its beginning, enough to tell what it is)."""

    filename: str
    data: bytes
    too_big: bool = False


@dataclass(frozen=True)
class Letter:
    """The letter form as sent. `honeypot` is the field people never see: a bot fills it."""

    name: str
    contact: str
    text: str
    consent: bool
    nonce: str
    honeypot: str = ""
    photo: Photo | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Addition:
    """A message added on the status page."""

    text: str
    nonce: str
    honeypot: str = ""


@dataclass(frozen=True)
class Proof:
    """What proves a form came from our page in this browser: the browser's cookie and the
    mark printed into the form for it."""

    cookie: str
    mark: str


def letter_problems(letter: Letter) -> dict[str, str]:
    """Each field that is wrong → the text key saying why (empty: nothing is). Limits are
    checked on the cleaned values, as the client sees them."""
    problems: dict[str, str] = {}
    if letter.honeypot.strip():
        problems["honeypot"] = "web_error_honeypot"
    if len(clean_line(letter.name)) > NAME_LIMIT:
        problems["name"] = "web_error_name_long"
    if len(clean_line(letter.contact)) > CONTACT_LIMIT:
        problems["contact"] = "web_error_contact_long"
    problem = text_problem(letter.text)
    if problem:
        problems["text"] = problem
    if letter.photo is not None:
        if letter.photo.too_big or len(letter.photo.data) > PHOTO_LIMIT:
            problems["photo"] = "web_error_photo_big"
        elif photo_type(letter.photo.data) is None:
            problems["photo"] = "web_error_photo_type"
    if not letter.consent:
        problems["consent"] = "web_error_consent"
    return problems


def text_problem(text: str) -> str | None:
    cleaned = clean_text(text)
    if not cleaned:
        return "web_error_text_empty"
    if len(cleaned) > TEXT_LIMIT:
        return "web_error_text_long"
    return None


# --- what goes out ------------------------------------------------------------------------


class Refusal(StrEnum):
    FORGED = "forged"  # the form's mark does not match this browser: not from our page
    INVALID = "invalid"  # fields are wrong; `problems` says which
    TOO_MANY = "too_many"  # this address has sent its allowance for now


@dataclass(frozen=True)
class Refused:
    why: Refusal
    problems: Mapping[str, str] = field(default_factory=dict)
    retry_after: timedelta | None = None  # TOO_MANY: when the next one is accepted


@dataclass(frozen=True)
class Sent:
    """A letter became ticket `ticket_id`. `token` is the private link's token; None only
    for a letter sent again after this process forgot the link it showed the first time."""

    ticket_id: int
    token: str | None
    repeated: bool = False
    contact: str = ""


@dataclass(frozen=True)
class Added:
    """A message joined the client's ticket, or (the old one closed long ago) opened a new
    ticket `ticket_id` with a new private link `token`."""

    ticket_id: int
    token: str | None = None


@dataclass(frozen=True)
class Addressee:
    """Who the letter page speaks for: the director's name (None when unknown), their own
    words (None: the page's default line) and the poster's place for a tagged link."""

    name: str | None
    words: str | None
    place: str | None


@dataclass(frozen=True)
class Line:
    """One message on the status page. `outgoing`: from the company, signed by `author`
    (with `role`, or the director's own `signature`)."""

    outgoing: bool
    author: str
    text: str
    at: datetime
    role: Role | None = None
    signature: str | None = None
    content_type: str = "text"


@dataclass(frozen=True)
class Case:
    """What a client's private page shows of their ticket: never notes, owners or causes."""

    ticket_id: int
    status: ClientStatus
    lines: tuple[Line, ...]


class RateLimit:
    """At most `limit` hits per `window` per key, in memory: a restart forgets, which costs
    an abuser nothing they could not get by waiting, and keeps the database out of it."""

    def __init__(self, limit: int, window: timedelta, clock: Clock = utc_now) -> None:
        self._limit = limit
        self._window = window
        self._now = clock
        self._hits: dict[str, deque[datetime]] = {}

    def take(self, key: str) -> timedelta | None:
        """Count a hit; None when allowed, else how long until one would be."""
        now = self._now()
        if len(self._hits) > 10_000:
            self._forget_before(now - self._window)
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self._window:
            hits.popleft()
        if len(hits) >= self._limit:
            return hits[0] + self._window - now
        hits.append(now)
        return None

    def give_back(self, key: str) -> None:
        """Undo the last hit: it turned out to create nothing (a repeated letter)."""
        hits = self._hits.get(key)
        if hits:
            hits.pop()

    def _forget_before(self, moment: datetime) -> None:
        for key in [key for key, hits in self._hits.items() if not hits or hits[-1] <= moment]:
            del self._hits[key]


class WebLetters:
    """Letters from the web page and messages from status pages, into tickets: validated,
    proved to come from our own form, rate-limited per address, and nothing else."""

    def __init__(
        self,
        db: Database,
        service: TicketService,
        posters: Posters,
        config: Config,
        *,
        clock: Clock = utc_now,
        letters_per_window: int = LETTERS_PER_WINDOW,
        messages_per_window: int = MESSAGES_PER_WINDOW,
        window: timedelta = RATE_WINDOW,
    ) -> None:
        self._db = db
        self._service = service
        self._posters = posters
        self._config = config
        self._now = clock
        self._letters = RateLimit(letters_per_window, window, clock)
        self._messages = RateLimit(messages_per_window, window, clock)
        self._key: bytes | None = None
        # cookie|nonce → (token, when): a letter sent twice gets the link it got the first time.
        self._tokens: OrderedDict[str, tuple[str, datetime]] = OrderedDict()
        # nonce → when: a message added twice (a double tap) is added once.
        self._added: OrderedDict[str, datetime] = OrderedDict()

    # --- forms ---------------------------------------------------------------------------

    async def mark(self, cookie: str, nonce: str) -> str:
        """The mark a form for this browser (`cookie`) and this nonce carries."""
        digest = hmac.new(await self._secret(), f"form|{cookie}|{nonce}".encode(), "sha256")
        return base64.urlsafe_b64encode(digest.digest()).decode().rstrip("=")

    async def genuine(self, proof: Proof, nonce: str) -> bool:
        """The form was printed by us for this browser: CSRF is refused here."""
        if not (is_cookie(proof.cookie) and is_nonce(nonce)):
            return False
        return hmac.compare_digest(await self.mark(proof.cookie, nonce), proof.mark)

    async def _secret(self) -> bytes:
        """The installation's signing key: made once, kept in the settings table, so forms
        still open in browsers survive a restart. It is the bot's own, not the bot token."""
        if self._key is None:
            async with self._db.transaction() as conn:
                stored = await settings.get(conn, SECRET_SETTING)
                if stored is None:
                    stored = secrets.token_hex(32)
                    await settings.set(conn, SECRET_SETTING, stored)
            self._key = bytes.fromhex(stored)
        return self._key

    # --- the letter page -----------------------------------------------------------------

    async def addressee(self, tag: str | None = None) -> Addressee:
        """The first director (lowest id) by the name Telegram gave, with their poster line;
        a tagged page also names the poster's place."""
        name = words = place = None
        directors = sorted(self._config.director_ids)
        if directors:
            member = await self._service.staff_member(directors[0])
            if member is not None:
                full = " ".join(p for p in (member.first_name, member.last_name) if p)
                name = full or (f"@{member.username}" if member.username else None)
            words = await self._posters.poster_text(directors[0])
        if tag is not None and tag_problem(tag) is None:
            place = await self._posters.title(tag)
        return Addressee(name, words, place)

    async def submit(self, letter: Letter, *, address: str, proof: Proof) -> Sent | Refused:
        """A letter into a new ticket (source "web", the poster's tag if any), with its
        private link; or why not. Sending the same form again gives the same ticket."""
        if not await self.genuine(proof, letter.nonce):
            log.info("web.refused why=forged")
            return Refused(Refusal.FORGED)
        problems = letter_problems(letter)
        if problems:
            log.info("web.refused why=invalid fields=%s", ",".join(sorted(problems)))
            return Refused(Refusal.INVALID, problems)
        key = address_key(address)
        wait = self._letters.take(key)
        if wait is not None:
            log.info("web.refused why=too_many")
            return Refused(Refusal.TOO_MANY, retry_after=wait)
        token = self._token_for(proof.cookie, letter.nonce)
        tag = letter.tag if letter.tag is not None and tag_problem(letter.tag) is None else None
        title = (await self._posters.title(tag) or tag) if tag else None
        files: tuple[NewAttachment, ...] = ()
        if letter.photo is not None:
            kind = photo_type(letter.photo.data)
            assert kind is not None  # letter_problems refused anything else
            files = (
                NewAttachment(
                    photo_name(letter.photo.filename, kind),
                    kind,
                    len(letter.photo.data),
                    letter.photo.data,
                ),
            )
        contact = clean_line(letter.contact)
        intake = await self._service.intake_external(
            ExternalMessage(
                source=SOURCE,
                external_id=letter.nonce,
                author_name=clean_line(letter.name),
                text=clean_text(letter.text),
                contact=contact or None,
                source_tag=tag,
                source_title=title,
                web_token=token_hash(token),
                attachments=files,
            )
        )
        if intake.duplicate:
            self._letters.give_back(key)
            if intake.ticket.web_token != token_hash(token):
                token = None  # sent before this process started: its link is not ours to show
        log.info(
            "web.letter id=%d repeated=%s photo=%s tagged=%s",
            intake.ticket.id,
            intake.duplicate,
            bool(files),
            tag is not None,
        )
        return Sent(intake.ticket.id, token, intake.duplicate, intake.ticket.contact or "")

    def _token_for(self, cookie: str, nonce: str) -> str:
        """The token for this form's letter: the one made the first time it was sent, while
        remembered, so a double submit shows one link (never two, one of them dead). It is
        kept under the browser's cookie as well as the nonce: only the browser that sent the
        letter is ever shown its link again."""
        now = self._now()
        while self._tokens:
            oldest, (_, when) = next(iter(self._tokens.items()))
            if now - when < REPEAT_MEMORY and len(self._tokens) < REPEAT_MEMORY_SIZE:
                break
            del self._tokens[oldest]
        key = f"{cookie}|{nonce}"
        if key not in self._tokens:
            self._tokens[key] = (new_token(), now)
        return self._tokens[key][0]

    # --- the status page -----------------------------------------------------------------

    async def ticket_of(self, token: str) -> Ticket | None:
        if not is_token(token):
            return None
        return await self._service.by_web_token(token_hash(token))

    async def case(self, token: str) -> Case | None:
        """What the link's owner may see: the status, and their messages and the company's
        answers, oldest first. Internal notes never; None for a link that opens nothing."""
        ticket = await self.ticket_of(token)
        if ticket is None:
            return None
        history = await self._service.history(ticket.id)
        roles = {member.user_id: member.role for member in await self._service.staff_members()}
        signatures: dict[int, str | None] = {}
        lines: list[Line] = []
        for entry in sorted(history.entries, key=lambda e: (e.created_at, e.id)):
            if entry.direction == "in":
                lines.append(Line(False, entry.author_name, entry.text, entry.created_at))
            elif entry.direction == "out":
                role = roles.get(entry.author_id) if entry.author_id is not None else None
                signature = None
                if entry.author_id is not None and role is Role.DIRECTOR:
                    if entry.author_id not in signatures:
                        signatures[entry.author_id] = await self._service.signature(entry.author_id)
                    signature = signatures[entry.author_id]
                lines.append(
                    Line(
                        True,
                        entry.author_name,
                        entry.text,
                        entry.created_at,
                        role,
                        signature,
                        entry.content_type,
                    )
                )
        return Case(history.ticket.id, client_status(history.ticket), tuple(lines))

    async def add(
        self, token: str, addition: Addition, *, address: str, proof: Proof
    ) -> Added | Refused | None:
        """A message from the status page into its ticket (reopening it within REOPEN_HOURS
        of closing, as any message would; later, a new ticket with a new link). None: the
        link opens nothing."""
        ticket = await self.ticket_of(token)
        if ticket is None:
            return None
        if not await self.genuine(proof, addition.nonce):
            log.info("web.refused id=%d why=forged", ticket.id)
            return Refused(Refusal.FORGED)
        problems: dict[str, str] = {}
        if addition.honeypot.strip():
            problems["honeypot"] = "web_error_honeypot"
        problem = text_problem(addition.text)
        if problem:
            problems["text"] = problem
        if problems:
            log.info("web.refused id=%d why=invalid fields=%s", ticket.id, ",".join(problems))
            return Refused(Refusal.INVALID, problems)
        if self._seen(addition.nonce):
            return Added(ticket.id)
        wait = self._messages.take(address_key(address))
        if wait is not None:
            self._added.pop(addition.nonce, None)
            log.info("web.refused id=%d why=too_many", ticket.id)
            return Refused(Refusal.TOO_MANY, retry_after=wait)
        fresh = new_token()
        intake = await self._service.intake_external(
            ExternalMessage(
                source=SOURCE,
                external_id=f"more:{addition.nonce}",
                author_name=ticket.author_name,
                text=clean_text(addition.text),
                contact=ticket.contact,
                # used only if the old ticket is past reopening and a new one opens
                web_token=token_hash(fresh),
                ticket_id=ticket.id,
            )
        )
        log.info("web.more id=%d into=%d opened=%s", ticket.id, intake.ticket.id, intake.opened)
        if intake.opened and intake.ticket.id != ticket.id:
            return Added(intake.ticket.id, fresh)
        return Added(intake.ticket.id)

    def _seen(self, nonce: str) -> bool:
        """Whether this form's message was added already; remembers it if not."""
        now = self._now()
        while self._added:
            oldest, when = next(iter(self._added.items()))
            if now - when < REPEAT_MEMORY and len(self._added) < REPEAT_MEMORY_SIZE:
                break
            del self._added[oldest]
        if nonce in self._added:
            return True
        self._added[nonce] = now
        return False


def minutes_until(wait: timedelta) -> int:
    """Whole minutes to tell a client to wait: rounded up, at least one."""
    return max(1, math.ceil(wait.total_seconds() / 60))
