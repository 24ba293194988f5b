"""Replies by email: what a real SMTP server receives, and how each failure is classified.

The letter is checked as the client's mail program will read it (decoded subject and names,
threading headers, the exact text); failures as the caller needs them: permanent (give up,
tell a person) or temporary (retry with backoff), never with the password in the reason.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.header import decode_header, make_header
from urllib.parse import quote

import pytest

from bot.delivery.mail import (
    MAX_REFERENCES,
    MailError,
    MailSender,
    OutgoingLetter,
    SmtpTarget,
    build_message,
    make_message_id,
    message_ids,
    reply_subject,
    thread_references,
)
from tests import smtpserver
from tests.smtpserver import LOGIN, PASSWORD, Received, SmtpTestServer, Tls, make_tls

# The fixture, until tests/conftest.py registers it for every module.

SENDER = "bot@firsthand.test"
DIRECTOR_NAME = "Ирина Петрова, директор"
CLIENT_LETTER = "<CAK1x9-zq@mail.gmail.com>"
THREAD_START = "<root-001@mail.example.com>"
LONG_LINE = "Мы проверили записи камер и журнал зала: " + "тренер пришёл вовремя, " * 20
REPLY_TEXT = (
    "Анна, здравствуйте!\n"
    "\n"
    "Простите, что так вышло с записью на 19:00.\n"
    f"{LONG_LINE}\n"
    "Точка контроля: 25.11, я сама позвоню.\n"
    "-- \n"
    "Ирина Петрова, директор"
)


def letter(**changes: object) -> OutgoingLetter:
    fields: dict[str, object] = {
        "to_addr": "anna@example.com",
        "to_name": "Анна Смирнова",
        "subject": "Жалоба на тренера",
        "text": REPLY_TEXT,
        "in_reply_to": CLIENT_LETTER,
        "references": (THREAD_START,),
        "message_id": make_message_id(SENDER),
    }
    fields.update(changes)
    return OutgoingLetter(**fields)  # type: ignore[arg-type]


def body(received: Received) -> str:
    """The text as the client reads it (mail bodies travel with CRLF line ends)."""
    content = received.message.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


def secret_forms(password: str) -> list[str]:
    """The password as it could leak: plain, URL-encoded, base64 alone or as AUTH PLAIN."""
    return [
        password,
        quote(password, safe=""),
        base64.b64encode(password.encode()).decode(),
        base64.b64encode(f"\0{LOGIN}\0{password}".encode()).decode(),
    ]


def assert_no_password(error: MailError, caplog: pytest.LogCaptureFixture, password: str) -> None:
    shown = [error.reason, str(error), repr(error), caplog.text]
    for text in shown:
        for secret in secret_forms(password):
            assert secret not in text


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    return make_tls(tmp_path_factory.mktemp("smtp-tls"))


# --- the letter (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Жалоба на тренера", "Re: Жалоба на тренера"),
        ("Re: Жалоба на тренера", "Re: Жалоба на тренера"),
        ("RE: Жалоба", "Re: Жалоба"),
        ("re:Жалоба", "Re: Жалоба"),
        ("Re[2]: Жалоба", "Re: Жалоба"),
        ("Re(3): Жалоба", "Re: Жалоба"),
        ("Re: RE: Re: Жалоба", "Re: Жалоба"),
        ("Fwd: Жалоба", "Re: Fwd: Жалоба"),
        ("Re: Fwd: Жалоба", "Re: Fwd: Жалоба"),
        ("Regarding the gym", "Re: Regarding the gym"),
        ("Отзыв\r\n\to зале", "Re: Отзыв o зале"),
        ("", "Re:"),
        ("   ", "Re:"),
        ("Re:", "Re:"),
    ],
)
def test_reply_subject(original: str, expected: str) -> None:
    assert reply_subject(original) == expected
    assert reply_subject(reply_subject(original)) == expected


def test_references_follow_the_thread_without_repeats_and_stay_short() -> None:
    assert thread_references((THREAD_START,), CLIENT_LETTER) == [THREAD_START, CLIENT_LETTER]
    # The parent moves to the end; repeats go; malformed entries are dropped.
    assert thread_references(
        (THREAD_START, CLIENT_LETTER, "<b@x>", "<b@x>", "not an id", "<a@x> <c@x>"), CLIENT_LETTER
    ) == [THREAD_START, "<b@x>", "<a@x>", "<c@x>", CLIENT_LETTER]
    long_thread = tuple(f"<m{n}@mail.example.com>" for n in range(50))
    refs = thread_references(long_thread, CLIENT_LETTER)
    assert len(refs) == MAX_REFERENCES
    assert refs[0] == "<m0@mail.example.com>"  # the thread's start, which groups it
    assert refs[-2:] == ["<m49@mail.example.com>", CLIENT_LETTER]
    assert thread_references((), None) == []


def test_ids_from_a_clients_letter_are_taken_only_when_they_are_ids() -> None:
    assert message_ids(
        ["<a@x> <b@y>", "c@z", "<ид@почта.рф>", "junk", "<" + "q" * 300 + "@x>"]
    ) == [
        "<a@x>",
        "<b@y>",
        "<c@z>",  # bare, as some programs write it: given its brackets
    ]
    made = make_message_id(SENDER)
    assert made.startswith("<") and made.endswith("@firsthand.test>")
    assert message_ids([made]) == [made] and make_message_id(SENDER) != made


def test_the_message_is_a_personal_threaded_answer() -> None:
    long_id = "<" + "a" * 90 + "@mail.example.com>"
    message = build_message(
        letter(in_reply_to=long_id, references=(THREAD_START,)),
        SENDER,
        DIRECTOR_NAME,
        date=datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
    )
    raw = message.as_bytes()
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    # A long id is folded onto its own line, never encoded into RFC 2047 words.
    assert f"In-Reply-To: {long_id}\r\n" in head
    assert f"References: {THREAD_START}\r\n {long_id}\r\n" in head
    assert "=?" not in head.split("Message-ID:")[1]
    assert "Auto-Submitted" not in head  # written by a person: never marked automatic
    assert message["Date"] == "Mon, 23 Nov 2026 09:00:00 +0000"
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    assert message["Content-Transfer-Encoding"] in ("8bit", "quoted-printable", "base64")
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    # Other header lines keep to 78 characters; only a line holding that one long id is longer.
    assert all(len(line) <= 78 for line in head.split("\r\n") if long_id not in line)


def test_a_new_letter_is_not_marked_as_an_answer() -> None:
    message = build_message(
        letter(in_reply_to=None, references=(), to_name="Smith, John"), SENDER, None
    )
    assert message["Subject"] == "Жалоба на тренера"
    assert message["In-Reply-To"] is None and message["References"] is None
    head = message.as_bytes().split(b"\r\n\r\n", 1)[0].decode("ascii")
    assert f"\r\nFrom: {SENDER}\r\n" in f"\r\n{head}\r\n"
    assert '\r\nTo: "Smith, John" <anna@example.com>\r\n' in f"\r\n{head}\r\n"


def test_names_and_subjects_keep_every_space_when_split_into_encoded_words() -> None:
    """A long Cyrillic subject or name needs several RFC 2047 words; the spaces between the
    words of the text must survive the split (Python's stock folder loses them)."""
    subject = "Жалоба на обслуживание в зале №2, очень длинная тема письма про тренера"
    name = "Ирина Петрова, директор сети фитнес-клубов «Первый зал» по Москве"
    message = build_message(letter(subject=subject), SENDER, name)
    head = message.as_bytes().split(b"\r\n\r\n", 1)[0].decode("ascii")
    fields = dict(
        line.split(": ", 1) for line in head.replace("\r\n ", " ").split("\r\n") if ": " in line
    )
    assert str(make_header(decode_header(fields["Subject"]))) == f"Re: {subject}"
    assert str(make_header(decode_header(fields["From"]))) == f"{name} <{SENDER}>"
    assert fields["Subject"].count("=?utf-8?") > 1  # it really was split


def test_header_injection_stays_inside_the_header() -> None:
    message = build_message(
        letter(subject="Жалоба\r\nBcc: all@example.com", to_name="Анна\r\nX-Evil: 1"),
        SENDER,
        "Ирина\nX-Evil: 2",
    )
    raw = message.as_bytes()
    assert b"\r\nBcc:" not in raw and b"\r\nX-Evil:" not in raw
    assert message["Subject"] == "Re: Жалоба Bcc: all@example.com"


@pytest.mark.parametrize(
    "changes",
    [{"to_addr": "not an address"}, {"to_addr": ""}, {"message_id": "no brackets here"}],
)
def test_a_letter_that_cannot_be_written_is_refused(changes: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        build_message(letter(**changes), SENDER, None)


def test_the_smtp_url_is_taken_apart_and_never_shown_with_its_password() -> None:
    target = SmtpTarget.parse(f"smtps://{quote(LOGIN, safe='')}:{quote(PASSWORD, safe='')}@mx.x")
    assert (target.host, target.port, target.implicit_tls) == ("mx.x", 465, True)
    assert (target.username, target.password) == (LOGIN, PASSWORD)
    plain = SmtpTarget.parse("smtp://relay.example.com")
    assert (plain.port, plain.implicit_tls, plain.username, plain.password) == (
        587,
        False,
        None,
        None,
    )
    assert SmtpTarget.parse("smtp://u:p@127.0.0.1:2525").port == 2525
    assert SmtpTarget.parse("smtp://127.0.0.1").loopback
    assert not SmtpTarget.parse("smtp://mx.example.com").loopback
    sender = MailSender(f"smtps://u:{quote(PASSWORD, safe='')}@mx.x", SENDER)
    for shown in (repr(sender), str(target), repr(target)):
        assert PASSWORD not in shown and quote(PASSWORD, safe="") not in shown
    for bad in ("http://mx.x", "smtp://", "smtp://mx.x:port"):
        with pytest.raises(ValueError):
            SmtpTarget.parse(bad)


# --- sending to a real server ---------------------------------------------------------------


async def test_a_russian_reply_arrives_threaded_and_exact(smtp_server: SmtpTestServer) -> None:
    outgoing = letter()
    sent_id = await MailSender(smtp_server.url, SENDER).send(outgoing, DIRECTOR_NAME)

    [received] = await smtp_server.wait_for(1)
    message = received.message
    assert received.mail_from == SENDER
    assert received.rcpt_tos == ("anna@example.com",)
    assert received.login == LOGIN  # AUTH happened, with the percent-decoded credentials
    assert message["Subject"] == "Re: Жалоба на тренера"
    assert message["From"].addresses[0].display_name == DIRECTOR_NAME
    assert message["From"].addresses[0].addr_spec == SENDER
    assert message["To"].addresses[0].display_name == "Анна Смирнова"
    assert message["Message-ID"] == sent_id == outgoing.message_id
    assert message["In-Reply-To"] == CLIENT_LETTER
    assert message["References"].split() == [THREAD_START, CLIENT_LETTER]
    assert message["Auto-Submitted"] is None
    assert body(received) == REPLY_TEXT + "\n"
    assert LONG_LINE in body(received)  # the long line comes back whole, not broken
    # On the wire every line is within SMTP's limit and the headers are pure ASCII.
    assert all(len(line) <= 998 for line in received.raw.split(b"\r\n"))
    received.raw.split(b"\r\n\r\n", 1)[0].decode("ascii")


async def test_re_is_not_doubled_when_answering_an_answer(smtp_server: SmtpTestServer) -> None:
    sender = MailSender(smtp_server.url, SENDER)
    await sender.send(letter(subject="Re: Жалоба на тренера"))
    await sender.send(
        letter(subject="RE: Re[2]: Жалоба на тренера", message_id="<2@firsthand.test>")
    )

    first, second = await smtp_server.wait_for(2)
    assert first.message["Subject"] == "Re: Жалоба на тренера"
    assert second.message["Subject"] == "Re: Жалоба на тренера"
    assert first.raw.count(b"Re:") == 1


@pytest.mark.parametrize(
    ("code", "at", "permanent"),
    [
        (550, "rcpt", True),  # no such mailbox: retrying cannot help
        (451, "rcpt", False),  # greylisting, try again later
        (451, "data", False),
        (554, "data", True),  # rejected as spam or policy
    ],
)
async def test_refusals_are_permanent_on_5xx_and_temporary_on_4xx(
    smtp_server: SmtpTestServer,
    caplog: pytest.LogCaptureFixture,
    code: int,
    at: smtpserver.Stage,
    permanent: bool,
) -> None:
    sender = MailSender(smtp_server.url, SENDER)
    smtp_server.refuse_next(code, "5.1.1 mailbox unavailable", at=at)
    with pytest.raises(MailError) as caught:
        await sender.send(letter())

    assert caught.value.permanent is permanent
    assert caught.value.code == code
    assert str(code) in caught.value.reason and "mailbox unavailable" in caught.value.reason
    assert_no_password(caught.value, caplog, PASSWORD)
    assert smtp_server.messages == []
    # The refusal was one transaction's: the retry the caller makes goes through.
    await sender.send(letter())
    await smtp_server.wait_for(1)


async def test_a_password_echoed_by_the_server_is_scrubbed(
    smtp_server: SmtpTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Whatever a server says comes into the reason; a password in it must not."""
    echoed = " ".join(secret_forms(PASSWORD))
    smtp_server.refuse_next(550, f"no such user, you sent {echoed}")
    with pytest.raises(MailError) as caught:
        await MailSender(smtp_server.url, SENDER).send(letter())
    assert "no such user" in caught.value.reason
    assert_no_password(caught.value, caplog, PASSWORD)


async def test_a_server_that_is_down_is_temporary_and_the_retry_delivers(
    smtp_server: SmtpTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    sender = MailSender(smtp_server.url, SENDER, timeout=5)
    smtp_server.stop()
    with pytest.raises(MailError) as caught:
        await sender.send(letter())
    assert caught.value.permanent is False
    assert "unreachable" in caught.value.reason
    assert_no_password(caught.value, caplog, PASSWORD)

    smtp_server.start()
    await sender.send(letter())
    assert len(await smtp_server.wait_for(1)) == 1


async def test_a_server_that_never_answers_times_out_as_temporary() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # no greeting, ever
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        loop = asyncio.get_running_loop()
        started = loop.time()
        with pytest.raises(MailError) as caught:
            await MailSender(f"smtp://127.0.0.1:{port}", SENDER, timeout=0.5).send(letter())
        assert caught.value.permanent is False
        assert loop.time() - started < 5
    finally:
        server.close()


async def test_a_wrong_password_is_permanent_and_never_shown(
    smtp_server: SmtpTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "Wr0ng-pass:word@42"
    caplog.set_level(logging.DEBUG)
    sender = MailSender(smtp_server.url_for(LOGIN, wrong), SENDER)
    with pytest.raises(MailError) as caught:
        await sender.send(letter())

    assert caught.value.permanent is True
    assert caught.value.code == 535
    assert "login refused" in caught.value.reason
    assert smtp_server.failed_logins >= 1 and smtp_server.logins == []
    assert_no_password(caught.value, caplog, wrong)
    assert wrong not in repr(sender)
    assert smtp_server.messages == []


async def test_no_login_where_the_server_requires_one_is_permanent(
    smtp_server: SmtpTestServer,
) -> None:
    with pytest.raises(MailError) as caught:
        await MailSender(smtp_server.url_for(None, None), SENDER).send(letter())
    assert caught.value.permanent is True
    assert caught.value.code == 530


async def test_without_auth_to_a_server_that_does_not_require_it() -> None:
    with SmtpTestServer(login=None) as server:
        assert "@" not in server.url
        await MailSender(server.url, SENDER).send(letter(), DIRECTOR_NAME)
        [received] = await server.wait_for(1)
    assert received.login is None
    assert received.message["Subject"] == "Re: Жалоба на тренера"


async def test_a_login_for_a_server_without_auth_is_permanent(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with SmtpTestServer(login=None) as server:
        sender = MailSender(server.url_for(LOGIN, PASSWORD), SENDER)
        with pytest.raises(MailError) as caught:
            await sender.send(letter())
        assert server.messages == []
    assert caught.value.permanent is True
    assert "AUTH" in caught.value.reason
    assert_no_password(caught.value, caplog, PASSWORD)


async def test_the_password_never_goes_in_clear_to_a_remote_server(
    smtp_server: SmtpTestServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server without STARTTLS anywhere but on this machine gets no password."""
    monkeypatch.setattr(SmtpTarget, "loopback", property(lambda self: False))
    with pytest.raises(MailError) as caught:
        await MailSender(smtp_server.url, SENDER).send(letter())
    assert caught.value.permanent is True
    assert "STARTTLS" in caught.value.reason and "smtps://" in caught.value.reason
    assert smtp_server.logins == [] and smtp_server.failed_logins == 0


# --- TLS ------------------------------------------------------------------------------------


@pytest.fixture
async def starttls_server(tls: Tls) -> AsyncIterator[SmtpTestServer]:
    with SmtpTestServer(tls="starttls", certificate=tls) as server:
        yield server


async def test_starttls_is_used_when_offered(starttls_server: SmtpTestServer, tls: Tls) -> None:
    """This server offers AUTH only after STARTTLS: a delivery proves the upgrade."""
    sender = MailSender(starttls_server.url, SENDER, tls_context=tls.client_context())
    await sender.send(letter(), DIRECTOR_NAME)
    [received] = await starttls_server.wait_for(1)
    assert received.tls is True
    assert received.login == LOGIN


async def test_an_untrusted_certificate_is_permanent(
    starttls_server: SmtpTestServer, caplog: pytest.LogCaptureFixture
) -> None:
    with pytest.raises(MailError) as caught:
        await MailSender(starttls_server.url, SENDER).send(letter())  # system CAs only
    assert caught.value.permanent is True
    assert "certificate" in caught.value.reason
    assert starttls_server.logins == []
    assert_no_password(caught.value, caplog, PASSWORD)


async def test_smtps_speaks_tls_from_the_first_byte(tls: Tls) -> None:
    with SmtpTestServer(tls="implicit", certificate=tls) as server:
        assert server.url.startswith("smtps://")
        sender = MailSender(server.url, SENDER, tls_context=tls.client_context())
        await sender.send(letter())
        [received] = await server.wait_for(1)
    assert received.tls is True
    assert received.login == LOGIN
