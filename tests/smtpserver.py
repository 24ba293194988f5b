"""A real SMTP server for tests (aiosmtpd in its own thread), with the faults mail meets.

The bot's mail is checked against what an actual server received over a socket: the envelope,
the raw bytes and the parsed letter. The server listens on 127.0.0.1 on a port the system
picks, so any number of tests (and pytest-xdist workers) run side by side.

Fault switches: `refuse_next(code, text, at=...)` answers the next transaction's RCPT or DATA
with an error (550 mailbox unavailable, 451 try again...); `stop()` and `start()` make the
server unreachable and back on the same port. AUTH (LOGIN, PLAIN) is on by default and then
required, over plain text too (tests have no certificates unless they ask, see `make_tls`);
`tls="starttls"` or `"implicit"` serve TLS.

    async def test_x(smtp_server: SmtpTestServer) -> None:  # fixture, AUTH on
        ...send to smtp_server.url...
        [letter] = await smtp_server.wait_for(1)

    with SmtpTestServer(login=None) as server:  # no AUTH at all
        ...
"""

from __future__ import annotations

import asyncio
import email
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

HOST = "127.0.0.1"
LOGIN = "bot@firsthand.test"
#: Characters a URL must percent-encode, so the sender's decoding of SMTP_URL is exercised.
PASSWORD = "s3cret:p@ss/w%rd?#"

Stage = Literal["rcpt", "data"]
TlsMode = Literal["none", "starttls", "implicit"]


@dataclass(frozen=True)
class Received:
    """One letter the server accepted, as it came over the wire."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    raw: bytes
    message: EmailMessage  # parsed with policy.default: headers decoded
    login: str | None  # who authenticated for it, None without AUTH
    tls: bool  # whether it came over TLS (implicit or STARTTLS)


@dataclass(frozen=True)
class Tls:
    """A self-signed certificate for 127.0.0.1 and the contexts each side needs."""

    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        """Trusts this certificate only: what a client configured for it would use."""
        return ssl.create_default_context(cafile=str(self.cert))


def make_tls(directory: Path) -> Tls:
    """Write a fresh key and a self-signed certificate for 127.0.0.1 (with openssl; the
    test skips when there is none: the point is our client's TLS, not making certificates)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: no certificate for the TLS tests")
    cert, key = directory / "cert.pem", directory / "key.pem"
    key_options = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    subject = ["-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        [openssl, "req", "-x509", *key_options, "-days", "2", *subject, *files],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return Tls(cert, key)


class _Smtp(SMTP):
    """aiosmtpd's SMTP, taking AUTH over plain text when told to without warning about it on
    every connection: that is what the tests without certificates want."""

    def __init__(self, handler: _Handler, *, plain_auth: bool, **kwargs: Any) -> None:
        super().__init__(handler, auth_require_tls=True, **kwargs)
        self._auth_require_tls = not plain_auth


class _Controller(Controller):
    """aiosmtpd's Controller, listening on port 0 (the system picks a free one) and then
    remembering the port, so a restart comes back where the client expects it."""

    def __init__(self, handler: _Handler, *, plain_auth: bool, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self._plain_auth = plain_auth

    def factory(self) -> SMTP:
        return _Smtp(self.handler, plain_auth=self._plain_auth, **self.SMTP_kwargs)

    def _create_server(self) -> Any:
        return self._listen()

    async def _listen(self) -> asyncio.AbstractServer:
        server = await self.loop.create_server(
            self._factory_invoker, host=self.hostname, port=self.port, ssl=self.ssl_context
        )
        self.port = server.sockets[0].getsockname()[1]
        return server


class _Handler:
    """aiosmtpd's hooks; they run in the server's thread, not the test's event loop."""

    def __init__(self, owner: SmtpTestServer) -> None:
        self._owner = owner

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        refusal = self._owner._take_fault("rcpt")
        if refusal is not None:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        refusal = self._owner._take_fault("data")
        if refusal is not None:
            return refusal
        self._owner._record(session, envelope)
        return "250 Message accepted for delivery"


class SmtpTestServer:
    """A running SMTP server on 127.0.0.1 (started by `start` or `with`)."""

    def __init__(
        self,
        *,
        login: str | None = LOGIN,
        password: str = PASSWORD,
        tls: TlsMode = "none",
        certificate: Tls | None = None,
    ) -> None:
        if tls != "none" and certificate is None:
            raise ValueError("a TLS server needs a certificate: make_tls(tmp_path)")
        self.login = login
        self.password = password
        self.tls = tls
        self._certificate = certificate
        self.port = 0
        self.messages: list[Received] = []
        self.logins: list[str] = []  # every successful AUTH, in order
        self.failed_logins = 0
        self._fault: tuple[int, str, Stage] | None = None
        self._lock = threading.Lock()
        self._controller: _Controller | None = None

    # --- what clients need ----------------------------------------------------------------

    @property
    def url(self) -> str:
        """SMTP_URL for this server with the right credentials (none without AUTH)."""
        if self.login is None:
            return self.url_for(None, None)
        return self.url_for(self.login, self.password)

    def url_for(self, login: str | None, password: str | None) -> str:
        """SMTP_URL for this server with any credentials (a wrong password, none at all)."""
        scheme = "smtps" if self.tls == "implicit" else "smtp"
        userinfo = ""
        if login is not None:
            userinfo = quote(login, safe="")
            if password is not None:
                userinfo += ":" + quote(password, safe="")
            userinfo += "@"
        return f"{scheme}://{userinfo}{HOST}:{self.port}"

    async def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:  # noqa: ASYNC109
        """The letters received once there are at least `count` of them."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while len(self.messages) < count:
            if loop.time() >= deadline:
                raise AssertionError(
                    f"the SMTP server received {len(self.messages)} letters in {timeout}s, "
                    f"expected {count}"
                )
            await asyncio.sleep(0.01)
        return list(self.messages)

    # --- faults ---------------------------------------------------------------------------

    def refuse_next(self, code: int, text: str, *, at: Stage = "rcpt") -> None:
        """Answer `code text` at the next transaction's RCPT (or DATA) instead of accepting.
        One refusal: the transaction after it is accepted again."""
        with self._lock:
            self._fault = (code, text, at)

    def start(self) -> None:
        """Listen (again: on the same port after `stop`)."""
        if self._controller is not None:
            return
        implicit = self._tls_context("implicit")
        controller = _Controller(
            _Handler(self), hostname=HOST, port=self.port, ssl_context=implicit, **self._options()
        )
        controller.start()
        self.port = controller.port
        self._controller = controller

    def _options(self) -> dict[str, Any]:
        """aiosmtpd's SMTP settings for this server's AUTH and STARTTLS."""
        return {
            "server_hostname": "smtp.firsthand.test",
            "tls_context": self._tls_context("starttls"),
            "authenticator": self._authenticate if self.login is not None else None,
            "auth_required": self.login is not None,
            # Plain-text AUTH for the tests without certificates; with STARTTLS, AUTH only
            # after it, so a delivery there proves the client upgraded. Without a login, AUTH
            # is not offered at all.
            "plain_auth": self.tls != "starttls" and self.login is not None,
        }

    def _tls_context(self, mode: TlsMode) -> ssl.SSLContext | None:
        if self._certificate is None or self.tls != mode:
            return None
        return self._certificate.server_context()

    def stop(self) -> None:
        """Stop listening: connections are refused until `start`."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> SmtpTestServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the server's side (its thread) ---------------------------------------------------

    def _authenticate(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        mechanism: str,
        auth_data: Any,
    ) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = auth_data.login.decode("utf-8", "replace")
        password = auth_data.password.decode("utf-8", "replace")
        if login == self.login and password == self.password:
            with self._lock:
                self.logins.append(login)
            return AuthResult(success=True, auth_data=login)
        with self._lock:
            self.failed_logins += 1
        return AuthResult(success=False, handled=False)

    def _take_fault(self, stage: Stage) -> str | None:
        with self._lock:
            if self._fault is None or self._fault[2] != stage:
                return None
            code, text, _ = self._fault
            self._fault = None
        return f"{code} {text}"

    def _record(self, session: Session, envelope: Envelope) -> None:
        raw = envelope.original_content or b""
        if isinstance(envelope.content, bytes):
            raw = envelope.content
        parsed = email.message_from_bytes(raw, policy=default)
        assert isinstance(parsed, EmailMessage)
        login = session.auth_data if session.authenticated else None
        self.messages.append(
            Received(
                mail_from=envelope.mail_from or "",
                rcpt_tos=tuple(envelope.rcpt_tos),
                raw=raw,
                message=parsed,
                login=login if isinstance(login, str) else None,
                tls=self.tls == "implicit" or session.ssl is not None,
            )
        )


@pytest.fixture
def smtp_server() -> Iterator[SmtpTestServer]:
    """A running server requiring AUTH as LOGIN / PASSWORD; `.url` carries them."""
    with SmtpTestServer() as server:
        yield server
