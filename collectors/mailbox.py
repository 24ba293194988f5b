"""Reading a mailbox over IMAP (aioimaplib): new letters by UID, never changing anything.

Small explicit steps, in the spirit of Miniflux's poller; the loop lives with the caller:

    box = Mailbox(url)
    await box.connect()
    while True:
        state, letters = await box.fetch_new(state)   # until it returns no letters,
        ...store letters and state in one transaction...
        if not letters:
            await box.wait(300)                         # IDLE, or a plain sleep
    # on MailboxError: close, back off, connect again (kind "auth" is worth telling a human)

Where reading stopped is a MailboxState (UIDVALIDITY, last UID returned), kept by the
caller. UIDs only mean something within one UIDVALIDITY: when the server reports another one
(a migrated or rebuilt mailbox), reading starts again from UID 1 and the caller drops what it
already has by Message-ID. Nothing is ever marked: letters are fetched with BODY.PEEK[], and
no STORE, EXPUNGE, COPY or MOVE is ever sent, so the director's own mail program still shows
them unread.

A session sees letters that arrived after it selected the mailbox only once the server has
reported them, which servers do at the end of a command: fetch_new sends a NOOP first.

Two things aioimaplib does not do, done here:

* it forgets untagged EXISTS/RECENT that arrive outside IDLE and NOOP (during a FETCH, say),
  and a letter that arrived then would wait for the next timeout: the protocol is subclassed
  to note every such line (`_Protocol`, overriding aioimaplib 2.0's `_handle_line`; the
  tests against Dovecot catch a library change), and `wait` returns at once if one came
  since the last `fetch_new` started;
* it does not notice a dropped connection (a pending command waits for its timeout, an IDLE
  forever): the connection-lost callback sets an event every wait races against.

Passwords never reach logs or error texts: aioimaplib's exceptions print the command they
belong to, LOGIN with its password included, so no error text here is made from them.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import re
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar
from urllib.parse import quote, unquote, urlsplit

import aioimaplib

log = logging.getLogger(__name__)

T = TypeVar("T")
ErrorKind = Literal["auth", "unreachable", "protocol"]

DEFAULT_TIMEOUT = 30.0
# What one fetch_new brings at most, in letters and bytes (the first letter always comes,
# however large: a limit must never leave a letter unread forever).
DEFAULT_BATCH_BYTES = 64 * 1024 * 1024
# RFC 2177: a client should re-issue IDLE at least every 29 minutes, or the server drops it.
IDLE_RENEW_SECONDS = 25 * 60
_CLOSE_TIMEOUT = 5.0


@dataclass(frozen=True)
class MailboxState:
    """Where reading stopped: the mailbox's UIDVALIDITY then, and the highest UID returned."""

    uidvalidity: int | None
    last_uid: int


class MailboxError(Exception):
    """The mailbox cannot be read now. `kind` tells the caller what to say and do:
    "auth" (the server refused the login: a human must fix the password), "unreachable"
    (connection refused, timed out or dropped: retry with backoff), "protocol" (the server
    answered something unusable: no such mailbox, a refused command)."""

    def __init__(self, kind: ErrorKind, reason: str = "") -> None:
        super().__init__(reason or kind)
        self.kind: ErrorKind = kind
        self.reason = reason or kind


# --- the URL -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MailboxAddress:
    """imap[s]://user:password@host[:port]/MAILBOX, parsed. repr() leaves out the password."""

    host: str
    port: int
    user: str
    password: str
    mailbox: str
    tls: bool

    def __repr__(self) -> str:
        return f"MailboxAddress({self.safe_url!r})"

    @property
    def safe_url(self) -> str:
        """The URL without the password, for logs and for the director."""
        scheme = "imaps" if self.tls else "imap"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{quote(self.user, safe='')}@{host}:{self.port}/{self.mailbox}"


def parse_mailbox_url(url: str) -> MailboxAddress:
    """Parse imap:// (port 143) or imaps:// (port 993, TLS) URLs; user and password are
    percent-decoded, the mailbox defaults to INBOX. ValueError (without the password in its
    text) for anything else."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ValueError("mailbox URL is malformed (bad host or port)") from None
    scheme = parts.scheme.lower()
    if scheme not in ("imap", "imaps"):
        raise ValueError(f"mailbox URL must start with imap:// or imaps://, not {scheme!r}")
    if not parts.hostname:
        raise ValueError("mailbox URL has no host")
    if not parts.username or parts.password is None:
        raise ValueError("mailbox URL needs user:password@ before the host")
    mailbox = unquote(parts.path.lstrip("/")).strip() or "INBOX"
    return MailboxAddress(
        host=parts.hostname,
        port=port or (993 if scheme == "imaps" else 143),
        user=unquote(parts.username),
        password=unquote(parts.password),
        mailbox=mailbox,
        tls=scheme == "imaps",
    )


def imap_mailbox_name(name: str) -> str:
    """A mailbox name as IMAP wants it on the wire: modified UTF-7 (RFC 3501 5.1.3) for
    non-ASCII names ("Отзывы" is "&BB4EQgQ3BEsEMgRL-"), then a quoted string."""
    out: list[str] = []
    wide: list[str] = []

    def flush() -> None:
        if wide:
            data = "".join(wide).encode("utf-16-be")
            out.append("&" + base64.b64encode(data).decode().rstrip("=").replace("/", ",") + "-")
            wide.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            wide.append(char)
    flush()
    return aioimaplib.quoted("".join(out))


# --- the protocol --------------------------------------------------------------------------------

_NEWS_RE = re.compile(rb"^\* \d+ (?:EXISTS|RECENT)\b", re.I)
_UIDVALIDITY_RE = re.compile(rb"\[UIDVALIDITY (\d+)\]", re.I)
_FETCH_START_RE = re.compile(rb"^\d+ FETCH \(", re.I)
_UID_RE = re.compile(rb"\bUID (\d+)", re.I)
_SIZE_RE = re.compile(rb"\bRFC822\.SIZE (\d+)", re.I)
_CODE_RE = re.compile(rb"^\[([A-Z-]+)", re.I)


class _Protocol(aioimaplib.IMAP4ClientProtocol):
    """aioimaplib's protocol, noting every untagged EXISTS/RECENT (see the module docstring)."""

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        conn_lost_cb: Callable[[Exception | None], None],
        on_news: Callable[[], None],
    ) -> None:
        super().__init__(loop, conn_lost_cb)
        self._on_news = on_news

    def _handle_line(self, line: bytes, current_cmd: Any) -> Any:
        if _NEWS_RE.match(line):
            self._on_news()
        return super()._handle_line(line, current_cmd)


class _Client(aioimaplib.IMAP4):
    """aioimaplib's client over _Protocol (create_client is the library's own hook)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        timeout: float,
        on_lost: Callable[[Exception | None], None],
        on_news: Callable[[], None],
        ssl_context: ssl.SSLContext | None,
    ) -> None:
        self._on_news = on_news
        super().__init__(host, port, timeout=timeout, conn_lost_cb=on_lost, ssl_context=ssl_context)

    def create_client(
        self,
        host: str,
        port: int,
        loop: asyncio.AbstractEventLoop | None,
        conn_lost_cb: Callable[[Exception | None], None] | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        running = loop or asyncio.get_running_loop()
        assert conn_lost_cb is not None
        protocol = _Protocol(running, conn_lost_cb, self._on_news)
        self.protocol = protocol
        self._client_task = running.create_task(
            running.create_connection(lambda: protocol, host, port, ssl=ssl_context)
        )


def _uid_set(uids: list[int]) -> str:
    """Sorted UIDs as an IMAP sequence set: [3, 4, 5, 9] -> "3:5,9"."""
    ranges: list[str] = []
    start = prev = uids[0]
    for uid in uids[1:]:
        if uid == prev + 1:
            prev = uid
            continue
        ranges.append(f"{start}:{prev}" if prev > start else str(start))
        start = prev = uid
    ranges.append(f"{start}:{prev}" if prev > start else str(start))
    return ",".join(ranges)


def parse_sizes(lines: list[Any], start: int) -> list[tuple[int, int]]:
    """(uid, size) from the response to UID FETCH start:* (UID RFC822.SIZE), in UID order,
    only UIDs >= start: "n:*" returns the last letter even when n is past it."""
    found: dict[int, int] = {}
    for line in lines:
        if not isinstance(line, bytes) or not _FETCH_START_RE.match(line):
            continue
        uid, size = _UID_RE.search(line), _SIZE_RE.search(line)
        if uid and size and int(uid.group(1)) >= start:
            found[int(uid.group(1))] = int(size.group(1))
    return sorted(found.items())


def parse_bodies(lines: list[Any]) -> dict[int, bytes]:
    """uid -> raw letter from the response to UID FETCH ... (BODY.PEEK[]). A body is the
    literal after a "n FETCH (" line; its UID is on that line or on the one closing it
    (servers order the items as they like). Untagged FETCH lines without a body (flag
    changes by another client) are skipped."""
    bodies: dict[int, bytes] = {}
    uid: int | None = None
    body: bytes | None = None

    def done() -> None:
        if uid is not None and body is not None:
            bodies[uid] = body

    for line in lines:
        if isinstance(line, bytearray):
            body = bytes(line)  # aioimaplib hands literals over as bytearrays
            continue
        if not isinstance(line, bytes):
            continue
        if _FETCH_START_RE.match(line):
            done()
            match = _UID_RE.search(line)
            uid = int(match.group(1)) if match else None
            body = None
        elif uid is None and (match := _UID_RE.search(line)):
            uid = int(match.group(1))
    done()
    return bodies


# --- the mailbox ---------------------------------------------------------------------------------


class Mailbox:
    """One IMAP mailbox, read-only: connect, fetch_new, wait, close (see the module docs)."""

    def __init__(self, url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.address = parse_mailbox_url(url)
        self.timeout = timeout
        self._client: _Client | None = None
        self._uidvalidity: int | None = None
        self._lost = asyncio.Event()
        self._news = asyncio.Event()
        self._idling = False

    def __repr__(self) -> str:
        return f"Mailbox({self.address.safe_url!r})"

    @property
    def has_idle(self) -> bool:
        """Whether the connected server can push news (IDLE); False before connect."""
        return self._client is not None and self._client.has_capability("IDLE")

    @property
    def idling(self) -> bool:
        """Whether an IDLE is in progress now (wait() is listening for the server)."""
        return self._idling

    @property
    def uidvalidity(self) -> int | None:
        """The selected mailbox's UIDVALIDITY; None before connect."""
        return self._uidvalidity

    async def connect(self) -> None:
        """Connect, log in and select the mailbox. MailboxError: "unreachable" when no
        connection could be made in time, "auth" when the login is refused, "protocol" when
        the mailbox cannot be selected."""
        await self.close()
        self._lost = asyncio.Event()
        self._news = asyncio.Event()
        where = f"{self.address.host}:{self.address.port}"
        context = ssl.create_default_context() if self.address.tls else None
        lost = self._lost

        def on_lost(exc: Exception | None) -> None:
            lost.set()

        try:
            client = _Client(
                self.address.host,
                self.address.port,
                timeout=self.timeout,
                on_lost=on_lost,
                on_news=self._news.set,
                ssl_context=context,
            )
        except OSError as exc:
            raise MailboxError("unreachable", f"cannot connect to {where}: {exc}") from None
        self._client = client
        try:
            await client.wait_hello_from_server()
        except (OSError, TimeoutError, aioimaplib.AioImapException) as exc:
            await self.close()
            reason = "no greeting in time" if isinstance(exc, TimeoutError) else str(exc)
            raise MailboxError("unreachable", f"cannot connect to {where}: {reason}") from None
        await self._login(client)
        await self._select(client)
        log.info(
            "mailbox %s: connected, UIDVALIDITY %s, IDLE %s",
            self.address.safe_url,
            self._uidvalidity,
            "yes" if self.has_idle else "no",
        )

    async def _login(self, client: _Client) -> None:
        if client.has_capability("LOGINDISABLED"):
            await self.close()
            raise MailboxError(
                "auth", "the server refuses passwords on a plain connection: use imaps://"
            )
        user = aioimaplib.quoted(self.address.user)
        try:
            response = await self._command(client.login(user, self.address.password), "LOGIN")
        except MailboxError:
            await self.close()
            raise
        if response.result != "OK":
            text = _response_text(response)
            await self.close()
            code = _CODE_RE.match(text.encode())
            if response.result == "NO" and code and code.group(1).upper() == "UNAVAILABLE":
                raise MailboxError("unreachable", f"login temporarily unavailable: {text}")
            if response.result == "NO":
                log.warning("mailbox %s: login refused: %s", self.address.safe_url, text)
                raise MailboxError("auth", f"login refused: {text}")
            raise MailboxError("protocol", f"LOGIN rejected: {text}")
        with contextlib.suppress(MailboxError):
            # The capabilities after login can differ from the greeting's (IDLE among them).
            await self._command(client.protocol.capability(), "CAPABILITY")

    async def _select(self, client: _Client) -> None:
        name = imap_mailbox_name(self.address.mailbox)
        response = await self._command(client.select(name), "SELECT")
        if response.result != "OK":
            await self.close()
            raise MailboxError(
                "protocol", f"cannot open {self.address.mailbox!r}: {_response_text(response)}"
            )
        found = next(
            (m for line in response.lines if (m := _UIDVALIDITY_RE.search(bytes(line)))), None
        )
        if found is None:
            await self.close()
            raise MailboxError("protocol", "the server gave no UIDVALIDITY for the mailbox")
        self._uidvalidity = int(found.group(1))

    async def fetch_new(
        self, state: MailboxState, limit: int = 50, *, max_bytes: int = DEFAULT_BATCH_BYTES
    ) -> tuple[MailboxState, list[tuple[int, bytes]]]:
        """Letters after `state` in UID order, at most `limit` (and about `max_bytes`), with
        the state to store with them. Another UIDVALIDITY than the state's (or none in the
        state) means reading from UID 1 again. An empty list: nothing new."""
        client = self._require()
        self._news.clear()  # news from here on is news for the next wait()
        validity = self._uidvalidity
        same = state.uidvalidity is not None and state.uidvalidity == validity
        if not same:
            log.info(
                "mailbox %s: UIDVALIDITY %s (was %s): reading from the first letter",
                self.address.safe_url,
                validity,
                state.uidvalidity,
            )
        last = state.last_uid if same else 0
        start = last + 1
        # Letters that came after SELECT exist for this session only once reported: NOOP.
        self._check(await self._command(client.noop(), "NOOP"), "NOOP")
        listing = await self._command(
            client.uid("fetch", f"{start}:*", "(UID RFC822.SIZE)"), "UID FETCH"
        )
        self._check(listing, "UID FETCH")
        batch = _choose(parse_sizes(list(listing.lines), start), limit, max_bytes)
        if not batch:
            return MailboxState(validity, last), []
        response = await self._command(
            client.uid("fetch", _uid_set(batch), "(BODY.PEEK[])"), "UID FETCH"
        )
        self._check(response, "UID FETCH")
        bodies = parse_bodies(list(response.lines))
        letters = [(uid, bodies[uid]) for uid in batch if uid in bodies]
        if len(letters) < len(batch):
            log.info(
                "mailbox %s: %d letters vanished before they were read",
                self.address.safe_url,
                len(batch) - len(letters),
            )
        newest = max((uid for uid, _ in letters), default=last)
        return MailboxState(validity, max(newest, last)), letters

    async def wait(self, seconds: float) -> bool:
        """Until the server reports new letters or `seconds` pass: IDLE when the server has
        it, else a sleep and a NOOP. True when news came (also news that came during the
        last fetch_new). MailboxError("unreachable") when the connection drops meanwhile."""
        client = self._require()
        if self._news.is_set():
            return True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(0.0, seconds)
        if not self.has_idle:
            await self._until(self._lost, deadline - loop.time())
            self._require()
            response = await self._command(client.noop(), "NOOP")
            self._check(response, "NOOP")
            return self._news.is_set()
        while (remaining := deadline - loop.time()) > 0:
            if await self._idle(client, min(remaining, IDLE_RENEW_SECONDS)):
                return True
        return self._news.is_set()

    async def _idle(self, client: _Client, seconds: float) -> bool:
        idle = await self._command(client.idle_start(timeout=seconds + self.timeout), "IDLE")
        self._idling = True
        try:
            news = await self._until(self._news, seconds)
        finally:
            self._idling = False
            if not self._lost.is_set():
                client.idle_done()
                with contextlib.suppress(MailboxError):
                    await self._command(asyncio.wait_for(idle, self.timeout), "DONE")
            queue = client.protocol.idle_queue
            while not queue.empty():  # what IDLE pushed is already in self._news
                queue.get_nowait()
        self._require()
        return news

    async def close(self) -> None:
        """Log out and drop the connection; never fails, may be called any time."""
        client, self._client = self._client, None
        self._idling = False
        if client is None:
            return
        try:
            if not self._lost.is_set() and client.get_state() in ("AUTH", "SELECTED"):
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(client.logout(), min(self.timeout, _CLOSE_TIMEOUT))
        finally:
            transport = client.protocol.transport
            if transport is not None:
                transport.close()
            for task in (*client.tasks, *client.protocol.tasks):
                task.cancel()
            connecting = getattr(client, "_client_task", None)  # set by create_client
            if connecting is not None and not connecting.done():
                connecting.cancel()

    async def __aenter__(self) -> Mailbox:
        await self.connect()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # --- helpers ---------------------------------------------------------------------------

    def _require(self) -> _Client:
        if self._client is None:
            raise MailboxError("unreachable", "not connected")
        if self._lost.is_set():
            raise MailboxError("unreachable", "the server closed the connection")
        return self._client

    async def _until(self, event: asyncio.Event, seconds: float) -> bool:
        """Wait for `event` up to `seconds`; True if it came. A lost connection raises."""
        waits = {asyncio.ensure_future(event.wait()), asyncio.ensure_future(self._lost.wait())}
        try:
            await asyncio.wait(waits, timeout=max(0.0, seconds), return_when="FIRST_COMPLETED")
        finally:
            for task in waits:
                task.cancel()
        if self._lost.is_set() and event is not self._lost:
            raise MailboxError("unreachable", "the server closed the connection")
        return event.is_set()

    async def _command(self, call: Awaitable[T], what: str) -> T:
        """One IMAP command, raced against the connection dropping. Errors become
        MailboxErrors whose text names the command, never its arguments."""
        if self._lost.is_set():
            if asyncio.iscoroutine(call):
                call.close()
            raise MailboxError("unreachable", "the server closed the connection")
        task = asyncio.ensure_future(call)
        lost = asyncio.ensure_future(self._lost.wait())
        try:
            await asyncio.wait({task, lost}, return_when="FIRST_COMPLETED")
        finally:
            lost.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            raise MailboxError("unreachable", f"the connection dropped during {what}")
        try:
            return task.result()
        except (TimeoutError, aioimaplib.CommandTimeout):
            raise MailboxError("unreachable", f"no answer to {what} in time") from None
        except OSError as exc:
            raise MailboxError("unreachable", f"{what} failed: {exc.strerror or exc}") from None
        except aioimaplib.AioImapException as exc:
            reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
            if what == "LOGIN":
                reason = ""  # may quote the command, password included
            raise MailboxError("protocol", f"{what} failed {reason}".strip()) from None

    @staticmethod
    def _check(response: aioimaplib.Response, what: str) -> None:
        if response.result != "OK":
            raise MailboxError("protocol", f"{what} refused: {_response_text(response)}")


def _choose(sizes: list[tuple[int, int]], limit: int, max_bytes: int) -> list[int]:
    """The UIDs of the next batch: at most `limit`, and no more bytes than `max_bytes`
    except that the first letter always comes."""
    chosen: list[int] = []
    total = 0
    for uid, size in sizes[: max(1, limit)]:
        if chosen and total + size > max_bytes:
            break
        chosen.append(uid)
        total += size
    return chosen


def _response_text(response: aioimaplib.Response) -> str:
    last = response.lines[-1] if response.lines else b""
    text = bytes(last).decode("utf-8", "replace") if isinstance(last, bytes | bytearray) else ""
    return text.strip()[:200] or response.result
