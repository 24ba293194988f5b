"""A real Dovecot IMAP server for tests: one per test, on 127.0.0.1, in its own temp dir.

The mailbox code is tested against the server people actually run, not a mock of the IMAP
protocol: UIDVALIDITY, `n:*` ranges, BODY.PEEK, IDLE pushes and dropped connections are
exactly what a mock would get wrong.

How it is set up (all in one directory under /tmp, removed on stop):

* its own `dovecot.conf` and nothing else (`dovecot -F -c <conf>`): base_dir (sockets),
  state_dir and the log live in the temp dir, so any number of servers run side by side
  (pytest-xdist) and the system's Dovecot, if any, is never touched;
* plaintext LOGIN without TLS (`ssl = no`, `disable_plaintext_auth = no`), no delay after
  a failed login (`auth_failure_delay = 0`) nor the growing penalty for repeated failures
  from one address (anvil's penalty socket is closed, mode 0), a passwd-file with one user, a Maildir, IDLE
  (Dovecot's default; changes are noticed through inotify, with a 1 s fallback check so a
  box out of inotify watches is still quick). `ImapServer(idle=False)` advertises no IDLE
  (`imap_capability` without it), for clients that must poll;
* as root (CI), Dovecot refuses to run mail processes as root and needs unprivileged users
  for its login and internal processes: login runs as `dovenull`, internal services as
  `dovecot` (both come with the Debian package; `nobody` where they are missing) and the mail
  itself belongs to `nobody`; the temp dir is world-traversable and the Maildir is chowned.
  As a normal user everything runs as that user, with chroots switched off;
* the temp dir is made with a short name directly in /tmp: Dovecot's unix sockets live under
  base_dir and a socket path may not exceed 108 bytes, which pytest's tmp_path can.

The port is found by binding port 0 and handing the number to Dovecot; if another process
takes it in between, Dovecot fails to bind and start() tries another. start() returns when
the server has sent its greeting (about 30 ms here); stop() kills the process group at once
(Dovecot's own shutdown takes a second) and removes the directory. Dovecot runs under a
small shell watchdog, so that it dies with the test process even when that is killed.

bump_uidvalidity() and drop_connections() use doveadm with the server's own config
(`doveadm mailbox update --uid-validity`, `doveadm kick`): no restart, a few milliseconds.
"""

from __future__ import annotations

import contextlib
import getpass
import grp
import imaplib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

import pytest

USER = "director@firsthand.test"
# Characters that must be percent-encoded in a URL and quoted in IMAP, but not ':' (the
# passwd-file's separator).
PASSWORD = "p@ss w/rd%1"
START_TIMEOUT = 10.0
_START_ATTEMPTS = 5


def _find(program: str, fallback: str) -> str | None:
    """The program on PATH, or where Debian puts it (/usr/sbin is not on every user's PATH)."""
    return shutil.which(program) or (fallback if os.access(fallback, os.X_OK) else None)


DOVECOT = _find("dovecot", "/usr/sbin/dovecot")
DOVEADM = _find("doveadm", "/usr/bin/doveadm")


# Dovecot runs under a shell that holds the read end of a pipe from the test process: when
# the test process goes, however it goes (killed by a timeout, kill -9 of the run), the pipe
# closes, `read` returns, and the shell kills Dovecot, removes the server's directory and
# kills the rest of the process group, itself included: no Dovecot outlives its test. stop()
# does the same from Python. ($0 is Dovecot, $1 the config, $2 the directory.)
_WATCHDOG = '"$0" -F -c "$1" </dev/null & read _; kill -KILL $!; rm -rf "$2"; kill -KILL 0'


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _account(name: str, fallback: str) -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(name)
    except KeyError:
        return pwd.getpwnam(fallback)


class ImapServer:
    """One Dovecot instance with one user and an INBOX; see the module docstring."""

    def __init__(self, *, user: str = USER, password: str = PASSWORD, idle: bool = True) -> None:
        if ":" in user or ":" in password:
            raise ValueError("':' separates fields in Dovecot's passwd-file")
        self.user = user
        self.password = password
        self.idle = idle
        self.port = 0
        self.dir: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> ImapServer:
        if DOVECOT is None or DOVEADM is None:
            raise RuntimeError("Dovecot is not installed: apt-get install dovecot-imapd")
        if self.dir is None:
            self.dir = Path(tempfile.mkdtemp(prefix="fh-imap-"))
            self._prepare()
        try:
            for _ in range(_START_ATTEMPTS):
                self.port = _free_port()
                self._write_config()
                if self._launch():
                    return self
            raise RuntimeError(f"Dovecot found no free port: {self.log_text()[-2000:]}")
        except BaseException:
            self.stop()
            raise

    def pause(self) -> None:
        """Stop serving but keep the mailbox and the port: a server that went down."""
        self._halt()

    def resume(self) -> None:
        """Serve again on the same port, with the same mail."""
        assert self.dir is not None, "resume() after pause(), not after stop()"
        # a killed master may linger as a zombie nobody reaps: its pid file would stop the
        # new one ("already running")
        for stale in self.dir.rglob("master.pid"):
            stale.unlink()
        if not self._launch():
            raise RuntimeError(f"Dovecot could not take its port again: {self.log_text()[-2000:]}")

    def stop(self) -> None:
        self._halt()
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None

    def __enter__(self) -> ImapServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- what tests use ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """imap://user:password@127.0.0.1:port/INBOX, user and password percent-encoded."""
        return self.url_for()

    def url_for(self, *, password: str | None = None, mailbox: str = "INBOX") -> str:
        secret = self.password if password is None else password
        return (
            f"imap://{quote(self.user, safe='')}:{quote(secret, safe='')}"
            f"@127.0.0.1:{self.port}/{quote(mailbox, safe='')}"
        )

    def client(self) -> imaplib.IMAP4:
        """A plain, logged-in imaplib client (the test's own view of the mailbox)."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=START_TIMEOUT)
        client.login(self.user, self.password)
        return client

    def deliver(self, raw: bytes, mailbox: str = "INBOX") -> int:
        """Put a letter into the mailbox (IMAP APPEND, unflagged) and return its UID."""
        client = self.client()
        try:
            status, data = client.append(mailbox, "", None, raw)
            if status != "OK":
                raise RuntimeError(f"APPEND failed: {data!r}")
            match = re.search(rb"APPENDUID \d+ (\d+)", data[0] or b"")
            if match is None:
                raise RuntimeError(f"no APPENDUID in {data!r}")
            return int(match.group(1))
        finally:
            client.logout()

    def flags(self, mailbox: str = "INBOX") -> dict[int, set[str]]:
        """Every letter's flags by UID, read without changing them (EXAMINE is read-only)."""
        client = self.client()
        try:
            client.select(mailbox, readonly=True)
            status, data = client.uid("FETCH", "1:*", "(UID FLAGS)")
            found: dict[int, set[str]] = {}
            for item in data if status == "OK" else []:
                line = item if isinstance(item, bytes) else b""
                match = re.search(rb"UID (\d+) FLAGS \(([^)]*)\)", line)
                if match:
                    found[int(match.group(1))] = set(match.group(2).decode().split())
            return found
        finally:
            client.logout()

    def uidvalidity(self, mailbox: str = "INBOX") -> int:
        client = self.client()
        try:
            status, data = client.status(mailbox, "(UIDVALIDITY)")
            match = re.search(rb"UIDVALIDITY (\d+)", data[0] or b"") if status == "OK" else None
            if match is None:
                raise RuntimeError(f"STATUS failed: {data!r}")
            return int(match.group(1))
        finally:
            client.logout()

    def bump_uidvalidity(self, mailbox: str = "INBOX") -> int:
        """Give the mailbox a new UIDVALIDITY, as a server migration or a rebuilt index does,
        and return it. The letters stay; a client must treat every UID it knew as void."""
        new = self.uidvalidity(mailbox) + 1
        self._doveadm("mailbox", "update", "-u", self.user, "--uid-validity", str(new), mailbox)
        return new

    def drop_connections(self) -> None:
        """Kill every client connection of the user (the server itself stays up)."""
        self._doveadm("kick", self.user)

    def log_text(self) -> str:
        if self.dir is None or not (self.dir / "dovecot.log").exists():
            return ""
        return (self.dir / "dovecot.log").read_text("utf-8", errors="replace")

    # --- internals ---------------------------------------------------------------------------

    def _prepare(self) -> None:
        assert self.dir is not None
        self.dir.chmod(0o755)  # Dovecot's unprivileged processes must reach their sockets
        mail = self.dir / "mail"
        mail.mkdir()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("nobody")
            os.chown(mail, owner.pw_uid, owner.pw_gid)
            uid, gid = owner.pw_uid, owner.pw_gid
        else:
            uid, gid = os.getuid(), os.getgid()
        passwd = self.dir / "passwd"
        passwd.write_text(f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{mail}::\n")
        passwd.chmod(0o644)

    def _write_config(self) -> None:
        assert self.dir is not None
        if os.geteuid() == 0:
            login_user = _account("dovenull", "nobody").pw_name
            internal = _account("dovecot", "nobody")
            internal_user = internal.pw_name
            internal_group = _group_name(internal.pw_gid) or internal_user
            chroot = ""
        else:
            login_user = internal_user = getpass.getuser()
            internal_group = _group_name(os.getgid()) or login_user
            chroot = "\n  chroot ="
        capability = "" if self.idle else "imap_capability = IMAP4rev1 LITERAL+ UIDPLUS\n"
        conf = f"""# Written by tests/mailserver.py for one test; see that module.
base_dir = {self.dir}/run
state_dir = {self.dir}/state
instance_name = fh-imap-{self.port}
log_path = {self.dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = 1
mail_location = maildir:{self.dir}/mail/Maildir
mail_fsync = never
mailbox_idle_check_interval = 1 secs
{capability}passdb {{
  driver = passwd-file
  args = scheme=PLAIN {self.dir}/passwd
}}
userdb {{
  driver = passwd-file
  args = {self.dir}/passwd
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}{chroot}
}}
service anvil {{{chroot}
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
"""
        (self.dir / "dovecot.conf").write_text(conf)

    def _launch(self) -> bool:
        """Start Dovecot on self.port; False when the port was taken meanwhile."""
        assert self.dir is not None and DOVECOT is not None
        stderr = self.dir / "stderr.log"
        with stderr.open("ab") as errors:
            self._process = subprocess.Popen(
                [
                    "/bin/sh",
                    "-c",
                    _WATCHDOG,
                    DOVECOT,
                    str(self.dir / "dovecot.conf"),
                    str(self.dir),
                ],
                stdin=subprocess.PIPE,  # the watchdog's lifeline: see _WATCHDOG
                stdout=subprocess.DEVNULL,
                stderr=errors,
                start_new_session=True,  # one process group: stop() ends all of it at once
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            failure = stderr.read_text(errors="replace")
            if "Fatal:" in failure or self._process.poll() is not None:
                self._halt()
                if "Address already in use" in failure:
                    return False
                raise RuntimeError(f"Dovecot did not start: {failure[-2000:]}")
            if self._greets():
                return True
            time.sleep(0.01)
        self._halt()
        raise RuntimeError(f"Dovecot sent no greeting in {START_TIMEOUT}s: {self.log_text()}")

    def _greets(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1.0) as sock:
                return sock.recv(64).startswith(b"* OK")
        except OSError:
            return False

    def _halt(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        # SIGKILL to the whole group: a throwaway server needs no clean shutdown, and
        # Dovecot's own (SIGTERM) takes a second, waiting for its children to exit.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
        if process.stdin is not None:
            process.stdin.close()

    def _doveadm(self, *args: str) -> str:
        assert self.dir is not None and DOVEADM is not None
        done = subprocess.run(
            [DOVEADM, "-c", str(self.dir / "dovecot.conf"), *args],
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"doveadm {' '.join(args)} failed: {done.stderr or done.stdout}")
        return done.stdout


def _group_name(gid: int) -> str | None:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return None


@pytest.fixture
def imap_server() -> Iterator[ImapServer]:
    """A fresh, running Dovecot with an empty INBOX, stopped and removed after the test.

    A missing Dovecot fails the test rather than skipping it: CI installs it
    (.ci/system-packages), and a skipped mailbox suite would pass without testing anything.
    """
    if DOVECOT is None or DOVEADM is None:
        pytest.fail("Dovecot is not installed: apt-get install dovecot-imapd")
    server = ImapServer()
    try:
        yield server.start()
    finally:
        server.stop()
