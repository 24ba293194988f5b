"""Replies by email: a client who wrote a letter gets the answer as a letter, in the thread.

`build_message` turns an `OutgoingLetter` into a standard message (pure, so the exact headers
are unit-tested); `MailSender` sends it through the configured SMTP server, one connection per
letter because volume is a few letters an hour. A failure comes back as one `MailError` that
says whether trying again can help: the caller owns the retry schedule (with backoff), the same
split the Telegram outbox makes between a 5xx and a blocked chat.

Threading: In-Reply-To names the client's letter and References carries the thread, so the
answer lands under the complaint in the client's mail program. Auto-Submitted is deliberately
not set: these are personal answers written by people, and "auto-replied" letters are hidden
or dropped by some mail programs and never answered by autoresponders' etiquette.

The SMTP password never leaves this module: not in `repr`, logs or any `MailError.reason`.
"""

from __future__ import annotations

import base64
import email.utils
import ipaddress
import logging
import re
import ssl
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import (
    Address,
    HeaderRegistry,
    UniqueAddressHeader,
    UnstructuredHeader,
)
from email.message import EmailMessage
from email.policy import SMTP, EmailPolicy
from urllib.parse import quote, unquote, urlsplit

import aiosmtplib

log = logging.getLogger(__name__)

#: How many ids References keeps: the thread's first letter and the latest ones. Enough for
#: any mail program to place the answer; unbounded, a long thread would grow every letter.
MAX_REFERENCES = 20
#: A Message-ID longer than this is not one a mail program wrote; it is dropped, not folded.
MAX_ID_LENGTH = 250
#: The subject of an answer to a letter that had none: "Re:" is what mail programs show in
#: every language, where a "(no subject)" would be in one language only.
EMPTY_REPLY_SUBJECT = "Re:"
ENCODED_WORD_LIMIT = 75  # RFC 2047: an encoded word is at most 75 characters

SMTP_PORT = 587  # submission, STARTTLS when offered
SMTPS_PORT = 465  # implicit TLS

# Printable ASCII without the brackets and spaces: a non-ASCII id could not go in our headers.
_ID_CHARS = r"[\x21-\x3b\x3d\x3f-\x7e]+"
_ID = re.compile(rf"<{_ID_CHARS}>")
_BARE_ID = re.compile(rf"{_ID_CHARS}@{_ID_CHARS}")
# "Re:", "RE :", "re[2]:", "Re(3):", "Re^2:", repeated: what mail programs put before a
# subject they answer. "Fwd:" is not one: a forwarded letter answered stays "Re: Fwd: ...".
_REPLY_PREFIX = re.compile(r"^(?:\s*re(?:\s*\[\d+\]|\s*\(\d+\)|\^\d+)?\s*:)+\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class OutgoingLetter:
    """One answer to send. Ids are written as in headers, with angle brackets:
    `in_reply_to` is the client's letter, `references` that letter's own References."""

    to_addr: str
    to_name: str
    subject: str
    text: str
    in_reply_to: str | None
    references: tuple[str, ...]
    message_id: str


class MailError(Exception):
    """Sending failed. `permanent` says a retry cannot help (the server refused the address or
    the letter with a 5xx, rejected the login, or the letter cannot be written): give up and
    tell a person. Otherwise (no connection, a timeout, a 4xx) retry later with backoff.
    `reason` is readable and never contains the SMTP password."""

    def __init__(self, reason: str, *, permanent: bool, code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.code = code

    def __repr__(self) -> str:
        return f"MailError({self.reason!r}, permanent={self.permanent}, code={self.code})"


# --- the letter -----------------------------------------------------------------------------


def reply_subject(subject: str) -> str:
    """The subject of an answer: one "Re: " before the original, whatever reply prefixes it
    carried ("RE:", "Re[2]:", "Re: Re:" all become one "Re: "), other prefixes such as "Fwd:"
    kept. Whitespace (a folded header's line breaks too) becomes single spaces.
    An empty subject gives `EMPTY_REPLY_SUBJECT`."""
    rest = _REPLY_PREFIX.sub("", _one_line(subject), count=1)
    return f"Re: {rest}" if rest else EMPTY_REPLY_SUBJECT


def message_ids(values: Iterable[str]) -> list[str]:
    """Every Message-ID in these header values, in order: `<id>` tokens, or a bare `id@host`
    given without brackets. Anything else (and an id too long to be real) is dropped, so a
    malformed header from a client's letter can neither break nor inject into ours."""
    found: list[str] = []
    for value in values:
        ids = _ID.findall(value)
        if not ids and _BARE_ID.fullmatch(value.strip()):
            ids = [f"<{value.strip()}>"]
        found.extend(token for token in ids if len(token) <= MAX_ID_LENGTH)
    return found


def thread_references(references: Iterable[str], in_reply_to: str | None) -> list[str]:
    """References of an answer (RFC 5322 3.6.4): the parent's References, then the parent.
    Duplicates are dropped; past MAX_REFERENCES the first id (the thread's start, which mail
    programs use to group) and the latest ones are kept."""
    parent = message_ids([in_reply_to]) if in_reply_to else []
    ids = list(dict.fromkeys(token for token in message_ids(references) if token not in parent))
    ids += parent
    if len(ids) > MAX_REFERENCES:
        ids = [ids[0], *ids[-(MAX_REFERENCES - 1) :]]
    return ids


def _b_word(text: str) -> str:
    return f"=?utf-8?b?{base64.b64encode(text.encode()).decode()}?="


def encoded_words(text: str) -> list[str]:
    """`text` as RFC 2047 words of at most 75 characters, split between characters, with
    every space inside a word: whitespace between two encoded words is dropped when they are
    read back, so a space left between them would vanish from the subject."""
    words: list[str] = []
    chunk = ""
    for char in text:
        if chunk and len(_b_word(chunk + char)) > ENCODED_WORD_LIMIT:
            words.append(_b_word(chunk))
            chunk = ""
        chunk += char
    if chunk:
        words.append(_b_word(chunk))
    return words


def _is_plain(word: str) -> bool:
    """A word a reader shows as it stands: ASCII and not looking like an encoded word."""
    return word.isascii() and "=?" not in word


def _text_tokens(text: str) -> list[str]:
    """Header text as tokens to fold between: leading plain words ("Re:", "Fwd:") stay
    readable, everything from the first word that is not plain is encoded."""
    words = text.split(" ")
    plain = 0
    while plain < len(words) and _is_plain(words[plain]):
        plain += 1
    rest = " ".join(words[plain:])
    return [word for word in words[:plain] if word] + (encoded_words(rest) if rest else [])


def _fold_tokens(name: str, tokens: list[str], policy: EmailPolicy) -> str:
    """`Name: tok tok`, a line break before any token that would pass the line limit (a
    token longer than a whole line gets a line of its own: it is never cut)."""
    limit = policy.max_line_length or 998
    lines = [f"{name}:"]
    for token in tokens:
        if len(lines[-1]) + 1 + len(token) > limit and lines[-1] != f"{name}:":
            lines.append("")
        lines[-1] += f" {token}"
    return policy.linesep.join(lines) + policy.linesep


class _IdListHeader(UnstructuredHeader):
    """Message-ID, In-Reply-To, References: ids folded between ids, never inside one.

    The stock header classes fold a long id by encoding it as RFC 2047 words, which no mail
    program reads back as an id: the answer would fall out of the thread."""

    def fold(self, *, policy: EmailPolicy) -> str:  # type: ignore[override]
        return _fold_tokens(self.name, str(self).split(), policy)


class _TextHeader(UnstructuredHeader):
    """Subject, encoded with every space kept. The stock folder, splitting a long Cyrillic
    subject into several encoded words, puts a space between words outside them, where
    readers drop it ("длинная тема" came back as "длиннаятема")."""

    def fold(self, *, policy: EmailPolicy) -> str:  # type: ignore[override]
        return _fold_tokens(self.name, _text_tokens(_one_line(str(self))), policy)


class _MailboxHeader(UniqueAddressHeader):
    """From and To: one mailbox, its display name encoded the way `_TextHeader` encodes.

    A name too long for one encoded word (about 22 Cyrillic letters) is split between
    letters, as RFC 2047 wants and mail programs read; Python's own `policy.default` parser
    shows a space at each split inside a display name (it keeps the whitespace RFC 2047 says
    to drop), so read such headers back with `email.header.decode_header`."""

    def fold(self, *, policy: EmailPolicy) -> str:  # type: ignore[override]
        tokens: list[str] = []
        for address in self.addresses:
            name = _one_line(address.display_name)
            if not name or _is_plain(name):
                tokens.append(email.utils.formataddr((name, address.addr_spec)))
                continue
            tokens.extend(encoded_words(name))
            tokens.append(f"<{address.addr_spec}>")
        return _fold_tokens(self.name, tokens, policy)


def _policy() -> EmailPolicy:
    """Policy SMTP (CRLF, 78-character lines) with the headers above folded our way."""
    registry = HeaderRegistry()
    for name in ("message-id", "in-reply-to", "references"):
        registry.map_to_type(name, _IdListHeader)
    registry.map_to_type("subject", _TextHeader)
    for name in ("from", "to"):
        registry.map_to_type(name, _MailboxHeader)
    policy: EmailPolicy = SMTP.clone(header_factory=registry)
    return policy


POLICY = _policy()


def build_message(
    letter: OutgoingLetter,
    sender: str,
    sender_name: str | None,
    *,
    date: datetime | None = None,
) -> EmailMessage:
    """The letter as it goes on the wire (policy SMTP: CRLF, folded headers, non-ASCII names
    and subjects as RFC 2047 words, a utf-8 text body in 7bit, 8bit, quoted-printable or
    base64, whichever the policy finds fits). Pure apart from `date`, which defaults to now.
    Raises ValueError when an address or the Message-ID is not one."""
    message = EmailMessage(policy=POLICY)
    message["From"] = _address(sender, sender_name)
    message["To"] = _address(letter.to_addr, letter.to_name)
    answering = bool(letter.in_reply_to or letter.references)
    subject = reply_subject(letter.subject) if answering else _one_line(letter.subject)
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(date or datetime.now(UTC))
    message["Message-ID"] = _own_id(letter.message_id)
    _thread_headers(message, letter)
    message.set_content(letter.text, charset="utf-8")
    return message


def make_message_id(sender: str) -> str:
    """A new `<unique@domain>` for a letter from `sender`, made before sending so it can be
    stored with the reply and recognised when the client answers it."""
    domain = sender.rpartition("@")[2] or "localhost"
    return email.utils.make_msgid(domain=domain)


def _one_line(text: str) -> str:
    """Header text from user input: line breaks would end the header (or be refused)."""
    return _SPACE.sub(" ", text).strip()


def _address(addr: str, name: str | None) -> Address:
    """An address with its display name; the policy encodes a Cyrillic name as RFC 2047."""
    addr = addr.strip()
    if not addr or any(ch.isspace() for ch in addr) or "@" not in addr:
        raise ValueError(f"not an email address: {addr!r}")
    return Address(display_name=_one_line(name or ""), addr_spec=addr)


def _own_id(message_id: str) -> str:
    ids = message_ids([message_id])
    if len(ids) != 1 or ids[0] != message_id.strip():
        raise ValueError(f"not a Message-ID: {message_id!r}")
    return ids[0]


def _thread_headers(message: EmailMessage, letter: OutgoingLetter) -> None:
    parent = message_ids([letter.in_reply_to]) if letter.in_reply_to else []
    if parent:
        message["In-Reply-To"] = parent[-1]
    references = thread_references(letter.references, parent[-1] if parent else None)
    if references:
        message["References"] = " ".join(references)


# --- the server -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SmtpTarget:
    """SMTP_URL taken apart: smtps://user:password@host[:port] (implicit TLS, port 465) or
    smtp://[user:password@]host[:port] (port 587, STARTTLS when the server offers it).
    User and password are percent-decoded, so a login like `bot%40example.com` works."""

    host: str
    port: int
    implicit_tls: bool
    username: str | None
    password: str | None = field(repr=False)

    @classmethod
    def parse(cls, url: str) -> SmtpTarget:
        """Raises ValueError; the message never quotes the URL, which holds the password."""
        parts = urlsplit(url.strip())
        if parts.scheme not in ("smtp", "smtps"):
            raise ValueError("SMTP URL must start with smtp:// or smtps://")
        if not parts.hostname:
            raise ValueError("SMTP URL has no host")
        try:
            port = parts.port
        except ValueError:
            raise ValueError("SMTP URL has a malformed port") from None
        implicit = parts.scheme == "smtps"
        username = unquote(parts.username) if parts.username else None
        password = unquote(parts.password) if parts.password is not None else None
        default_port = SMTPS_PORT if implicit else SMTP_PORT
        return cls(parts.hostname, port or default_port, implicit, username, password)

    def __str__(self) -> str:
        user = f"{quote(self.username, safe='')}@" if self.username else ""
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{user}{self.host}:{self.port}"

    @property
    def loopback(self) -> bool:
        """A server on this machine: a password sent to it in clear stays on the machine."""
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False

    def scrub(self, text: str) -> str:
        """`text` with the password removed, in every form it could take on the wire (plain,
        percent-encoded, base64 alone or as AUTH PLAIN/LOGIN send it)."""
        for secret in self._secret_forms():
            text = text.replace(secret, "***")
        return text

    def _secret_forms(self) -> Iterator[str]:
        if not self.password:
            return
        user = self.username or ""
        yield self.password
        yield quote(self.password, safe="")
        for raw in (self.password, f"\0{user}\0{self.password}"):
            yield base64.b64encode(raw.encode()).decode()


class MailSender:
    """Sends letters through one SMTP server; see `SmtpTarget` for the URL.

    Without implicit TLS the connection is upgraded with STARTTLS whenever the server offers
    it. A server that does not is spoken to in plain text, but a password is only ever sent
    over TLS or to a server on this machine (a local relay): anywhere else that would hand it
    to anyone on the path, so it is a permanent `MailError` telling the operator to use
    smtps://. `tls_context` replaces the system's trusted certificates (tests, private CAs).
    """

    def __init__(
        self,
        smtp_url: str,
        sender: str,
        *,
        timeout: float = 30.0,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self._target = SmtpTarget.parse(smtp_url)
        self._sender = sender
        self._timeout = timeout
        self._tls_context = tls_context

    def __repr__(self) -> str:
        return f"MailSender({self._target}, sender={self._sender!r})"

    @property
    def sender(self) -> str:
        return self._sender

    async def send(self, letter: OutgoingLetter, sender_name: str | None = None) -> str:
        """Send one letter; returns its Message-ID. Raises MailError (see `permanent`).

        A timeout waiting for the server's answer to the letter's data is temporary, so a
        letter the server did take in that moment may arrive twice; that beats losing one."""
        try:
            message = build_message(letter, self._sender, sender_name)
        except ValueError as error:
            failure = MailError(f"the letter cannot be written: {error}", permanent=True)
            raise self._failed(failure) from None
        try:
            await self._deliver(message, letter.to_addr.strip())
        except MailError as error:
            raise self._failed(error) from None
        except (aiosmtplib.SMTPException, OSError, ValueError) as error:
            raise self._failed(self._classify(error)) from None
        log.info("mail.sent server=%s message_id=%s", self._target, letter.message_id)
        return letter.message_id

    async def _deliver(self, message: EmailMessage, recipient: str) -> None:
        client = aiosmtplib.SMTP(
            hostname=self._target.host,
            port=self._target.port,
            use_tls=self._target.implicit_tls,
            start_tls=None,  # STARTTLS if offered
            timeout=self._timeout,
            tls_context=self._tls_context,
        )
        try:
            await client.connect()
            await self._login(client)
            await client.send_message(message, sender=self._sender, recipients=[recipient])
        except BaseException:
            client.close()  # no polite QUIT on the way out of a failure or a cancellation
            raise
        await _quit(client)

    async def _login(self, client: aiosmtplib.SMTP) -> None:
        if self._target.username is None:
            return
        encrypted = client.get_transport_info("sslcontext") is not None
        if not encrypted and not self._target.loopback:
            raise MailError(
                f"{self._target.host} offers no STARTTLS, and the password is not sent in "
                f"clear: use smtps:// (port {SMTPS_PORT})",
                permanent=True,
            )
        await client.login(self._target.username, self._target.password or "")

    def _classify(self, error: BaseException) -> MailError:
        """Whether trying again can help, and what to tell a person."""
        code, text = _response(error)
        untrusted = _cert_error(error)
        if untrusted is not None:
            reason = f"the certificate of {self._target.host} is not trusted: {untrusted}"
            return MailError(self._target.scrub(reason), permanent=True)
        if code is not None:
            what = "login refused" if _is_auth(error) else "the server answered"
            reason = f"{what} {code} {text}".strip()
            return MailError(self._target.scrub(reason), permanent=code >= 500, code=code)
        if isinstance(error, OSError):
            # Refused, reset, timed out, hung up (aiosmtplib's connection errors and timeouts
            # are OSErrors too), or a TLS handshake cut short: the network's weather.
            reason = f"{self._target.host}:{self._target.port} unreachable: {text}"
            return MailError(self._target.scrub(reason), permanent=False)
        # No AUTH on the server, SMTPUTF8 needed and missing, an address aiosmtplib refuses:
        # nothing a retry changes.
        return MailError(self._target.scrub(f"cannot send: {text}"), permanent=True)

    def _failed(self, error: MailError) -> MailError:
        log.warning(
            "mail.failed server=%s permanent=%s reason=%s",
            self._target,
            error.permanent,
            error.reason,
        )
        return error


async def _quit(client: aiosmtplib.SMTP) -> None:
    """Say QUIT after a delivery; a server that hangs up or fails at it changes nothing about
    the letter it has accepted, so that is no error."""
    try:
        await client.quit()
    except (aiosmtplib.SMTPException, OSError):
        client.close()


def _response(error: BaseException) -> tuple[int | None, str]:
    """The SMTP code (for a refused recipient: that recipient's) and a one-line text."""
    if isinstance(error, aiosmtplib.SMTPRecipientsRefused) and error.recipients:
        first = error.recipients[0]
        return first.code, _one_line(first.message)
    if isinstance(error, aiosmtplib.SMTPResponseException):
        return error.code, _one_line(error.message)
    text = _one_line(str(error)) or type(error).__name__
    return None, text


def _is_auth(error: BaseException) -> bool:
    return isinstance(error, aiosmtplib.SMTPAuthenticationError)


def _cert_error(error: BaseException) -> str | None:
    """The certificate problem behind a failed TLS handshake, if that is what failed."""
    seen: BaseException | None = error
    for _ in range(10):  # a chain of causes is short; a cycle must not hang us
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError):
            return _one_line(seen.verify_message or str(seen))
        seen = seen.__cause__ or seen.__context__
    return None
