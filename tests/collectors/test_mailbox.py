"""collectors.mailbox against a real Dovecot (tests/mailserver.py), one per test.

Nothing of the IMAP protocol is mocked: UIDVALIDITY, "n:*" ranges, BODY.PEEK, IDLE pushes
and dropped connections are exactly what a mock would get wrong. The test's own view of the
mailbox is a plain imaplib client (ImapServer.flags and friends).
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from urllib.parse import quote

import pytest

from collectors.letters import parse_letter
from collectors.mailbox import (
    Mailbox,
    MailboxError,
    MailboxState,
    _choose,
    _uid_set,
    imap_mailbox_name,
    parse_bodies,
    parse_mailbox_url,
    parse_sizes,
)
from tests import mailserver
from tests.mailserver import ImapServer

imap_server = mailserver.imap_server  # the fixture (tests/conftest.py may register it too)

TIMEOUT = 10.0
START = MailboxState(None, 0)
# "Soon" and "only after a long wait" kept far apart: the suite runs on loaded machines.
SOON = 8.0
LONG = 60.0


def letter(n: int, text: str = "") -> bytes:
    return (
        f"From: client{n}@example.test\r\nTo: support@shop.test\r\n"
        f"Subject: letter {n}\r\nMessage-ID: <letter-{n}@example.test>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text or f'Жалоба номер {n}'}\r\n"
    ).encode()


async def drain(box: Mailbox, state: MailboxState) -> tuple[MailboxState, list[int]]:
    """fetch_new until it returns nothing, as the caller does: the UIDs read, in order."""
    uids: list[int] = []
    while True:
        state, got = await box.fetch_new(state)
        if not got:
            return state, uids
        uids += [uid for uid, _ in got]


@pytest.fixture
async def box(imap_server: ImapServer) -> AsyncIterator[Mailbox]:
    mailbox = Mailbox(imap_server.url, timeout=TIMEOUT)
    await mailbox.connect()
    try:
        yield mailbox
    finally:
        await mailbox.close()


# --- reading -------------------------------------------------------------------------------------


async def test_new_letters_in_uid_order_and_left_unread(
    imap_server: ImapServer, box: Mailbox
) -> None:
    sent = {imap_server.deliver(letter(n)): letter(n) for n in range(1, 4)}
    state, got = await box.fetch_new(START)
    assert [uid for uid, _ in got] == sorted(sent) == [1, 2, 3]
    assert all(raw == sent[uid] for uid, raw in got)
    assert state == MailboxState(box.uidvalidity, 3)
    assert box.uidvalidity == imap_server.uidvalidity()
    # Nothing was marked: BODY.PEEK[], no STORE. The director's mail program shows them unread.
    flags = imap_server.flags()
    assert set(flags) == {1, 2, 3}
    assert not any("\\Seen" in f or "\\Deleted" in f for f in flags.values())
    # and nothing more is new
    assert await box.fetch_new(state) == (state, [])


async def test_limit_and_batches(imap_server: ImapServer, box: Mailbox) -> None:
    for n in range(1, 6):
        imap_server.deliver(letter(n))
    state, got = await box.fetch_new(START, limit=2)
    assert ([u for u, _ in got], state.last_uid) == ([1, 2], 2)
    state, got = await box.fetch_new(state, limit=2)
    assert ([u for u, _ in got], state.last_uid) == ([3, 4], 4)
    state, got = await box.fetch_new(state, limit=2)
    assert ([u for u, _ in got], state.last_uid) == ([5], 5)
    assert await box.fetch_new(state, limit=2) == (state, [])


async def test_byte_budget_still_brings_one_big_letter(
    imap_server: ImapServer, box: Mailbox
) -> None:
    big = letter(1, "x" * 200_000)
    imap_server.deliver(big)
    imap_server.deliver(letter(2))
    state, got = await box.fetch_new(START, max_bytes=1000)
    assert [(uid, raw) for uid, raw in got] == [(1, big)]
    state, got = await box.fetch_new(state, max_bytes=1000)
    assert [uid for uid, _ in got] == [2]


async def test_star_range_past_the_last_uid_returns_nothing(
    imap_server: ImapServer, box: Mailbox
) -> None:
    """ "UID FETCH 4:*" answers with the last letter (UID 3) when nothing is newer."""
    for n in range(1, 4):
        imap_server.deliver(letter(n))
    state = MailboxState(box.uidvalidity, 3)
    assert await box.fetch_new(state) == (state, [])
    ahead = MailboxState(box.uidvalidity, 100)
    assert await box.fetch_new(ahead) == (ahead, [])


async def test_restart_with_saved_state_reads_only_newer(imap_server: ImapServer) -> None:
    for n in range(1, 3):
        imap_server.deliver(letter(n))
    async with Mailbox(imap_server.url, timeout=TIMEOUT) as first:
        saved, uids = await drain(first, START)
    assert uids == [1, 2]
    for n in range(3, 5):
        imap_server.deliver(letter(n))
    async with Mailbox(imap_server.url, timeout=TIMEOUT) as second:
        state, uids = await drain(second, saved)
    assert uids == [3, 4]
    assert state == MailboxState(saved.uidvalidity, 4)


async def test_new_uidvalidity_reads_everything_again(imap_server: ImapServer) -> None:
    for n in range(1, 4):
        imap_server.deliver(letter(n))
    async with Mailbox(imap_server.url, timeout=TIMEOUT) as box:
        saved, uids = await drain(box, START)
    assert uids == [1, 2, 3]
    new = imap_server.bump_uidvalidity()
    assert new != saved.uidvalidity
    async with Mailbox(imap_server.url, timeout=TIMEOUT) as box:
        state, got = await box.fetch_new(saved)
    assert [parse_letter(raw, attachment_limit=0).message_id for _, raw in got] == [
        "<letter-1@example.test>",
        "<letter-2@example.test>",
        "<letter-3@example.test>",
    ]
    assert state == MailboxState(new, 3)


async def test_caller_loop_loses_nothing_across_restarts_and_uidvalidity(
    imap_server: ImapServer,
) -> None:
    """The caller's loop, inline: store letters and state together, restart from the stored
    state, dedupe by Message-ID. Every letter is stored once, none is lost."""
    stored: dict[str, int] = {}  # Message-ID -> times seen
    db_state = START

    async def run_once() -> None:
        nonlocal db_state
        async with Mailbox(imap_server.url, timeout=TIMEOUT) as box:
            while True:
                state, got = await box.fetch_new(db_state, limit=3)
                # one "transaction": the letters and the new state
                for _, raw in got:
                    key = parse_letter(raw, attachment_limit=0).message_id or ""
                    stored[key] = stored.get(key, 0) + 1
                db_state = state
                if not got:
                    break

    def expected(upto: int) -> set[str]:
        return {f"<letter-{n}@example.test>" for n in range(1, upto + 1)}

    for n in range(1, 8):
        imap_server.deliver(letter(n))
    await run_once()
    assert set(stored) == expected(7)
    for n in range(8, 10):
        imap_server.deliver(letter(n))
    await run_once()  # a restart: a new Mailbox with the stored state
    assert set(stored) == expected(9) and set(stored.values()) == {1}
    imap_server.bump_uidvalidity()
    imap_server.deliver(letter(10))
    await run_once()
    assert set(stored) == expected(10)
    # after the UIDVALIDITY change the old letters came again: the caller drops them by id
    assert stored["<letter-10@example.test>"] == 1
    assert stored["<letter-1@example.test>"] == 2
    await run_once()
    assert stored["<letter-1@example.test>"] == 2  # and only once


# --- errors --------------------------------------------------------------------------------------


async def test_wrong_password_is_auth(imap_server: ImapServer) -> None:
    box = Mailbox(imap_server.url_for(password="not-the-password"), timeout=TIMEOUT)
    with pytest.raises(MailboxError) as caught:
        await box.connect()
    assert caught.value.kind == "auth"
    assert "not-the-password" not in str(caught.value) and "not-the-password" not in repr(box)


async def test_closed_port_is_unreachable() -> None:
    # A port bound but not listening refuses connections, and no other test can take it.
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        port = reserved.getsockname()[1]
        started = time.monotonic()
        with pytest.raises(MailboxError) as caught:
            await Mailbox(f"imap://u:p@127.0.0.1:{port}/INBOX", timeout=30).connect()
    assert caught.value.kind == "unreachable"
    assert time.monotonic() - started < SOON  # refused, not timed out


async def test_silent_server_is_unreachable_after_the_timeout() -> None:
    """A port that accepts but never greets (a hung server, a firewall's tarpit)."""
    clients: list[asyncio.StreamWriter] = []

    async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        clients.append(writer)

    server = await asyncio.start_server(accept, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        started = time.monotonic()
        with pytest.raises(MailboxError) as caught:
            await Mailbox(f"imap://u:p@127.0.0.1:{port}/INBOX", timeout=0.5).connect()
        assert caught.value.kind == "unreachable"
        assert time.monotonic() - started < SOON
    finally:
        for writer in clients:
            writer.close()
        server.close()
        await server.wait_closed()


async def test_tls_to_a_plain_port_is_unreachable_not_auth(imap_server: ImapServer) -> None:
    url = imap_server.url.replace("imap://", "imaps://", 1)
    with pytest.raises(MailboxError) as caught:
        await Mailbox(url, timeout=TIMEOUT).connect()
    assert caught.value.kind == "unreachable"


async def test_missing_mailbox_is_protocol(imap_server: ImapServer) -> None:
    box = Mailbox(imap_server.url_for(mailbox="NoSuchFolder"), timeout=TIMEOUT)
    with pytest.raises(MailboxError) as caught:
        await box.connect()
    assert caught.value.kind == "protocol"


async def test_use_before_connect_is_an_error() -> None:
    box = Mailbox("imap://u:p@127.0.0.1:1/INBOX")
    assert not box.has_idle and box.uidvalidity is None
    with pytest.raises(MailboxError):
        await box.fetch_new(START)
    await box.close()  # tolerant: nothing to close


async def test_non_ascii_mailbox_name(imap_server: ImapServer) -> None:
    client = imap_server.client()
    try:
        assert client.create(imap_mailbox_name("Отзывы"))[0] == "OK"
    finally:
        client.logout()
    imap_server.deliver(letter(1), mailbox=imap_mailbox_name("Отзывы"))
    url = imap_server.url_for(mailbox="Отзывы")
    assert url.endswith("/" + quote("Отзывы", safe=""))
    async with Mailbox(url, timeout=TIMEOUT) as box:
        _, got = await box.fetch_new(START)
    assert [raw for _, raw in got] == [letter(1)]


# --- waiting -------------------------------------------------------------------------------------


async def wait_until_idling(box: Mailbox) -> None:
    for _ in range(2000):
        if box.idling:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("wait() never started IDLE")


async def test_idle_wakes_up_on_delivery(imap_server: ImapServer, box: Mailbox) -> None:
    assert box.has_idle
    state, _ = await box.fetch_new(START)
    waiting = asyncio.create_task(box.wait(LONG))
    await wait_until_idling(box)
    delivered = time.monotonic()
    imap_server.deliver(letter(1))
    assert await asyncio.wait_for(waiting, LONG) is True
    # Dovecot itself waits half a second to batch news; SOON allows for a loaded machine.
    assert time.monotonic() - delivered < SOON
    state, got = await box.fetch_new(state)
    assert [uid for uid, _ in got] == [1]


async def test_idle_times_out_quietly(box: Mailbox) -> None:
    await box.fetch_new(START)
    started = time.monotonic()
    assert await box.wait(0.5) is False
    assert 0.45 < time.monotonic() - started < SOON
    assert not box.idling
    # the connection is still good after DONE
    assert await box.fetch_new(START) == (MailboxState(box.uidvalidity, 0), [])


async def test_news_during_fetch_is_not_lost(imap_server: ImapServer, box: Mailbox) -> None:
    """A letter reported while a FETCH runs (aioimaplib drops that EXISTS) wakes the next
    wait() at once, instead of after its whole timeout."""
    state, _ = await box.fetch_new(START)
    imap_server.deliver(letter(1))
    # This fetch asks past the new letter: it gets nothing, but its answer carries EXISTS.
    ahead = MailboxState(box.uidvalidity, 50)
    assert (await box.fetch_new(ahead))[1] == []
    started = time.monotonic()
    assert await box.wait(LONG) is True
    assert time.monotonic() - started < SOON  # at once, not after LONG
    assert [uid for uid, _ in (await box.fetch_new(state))[1]] == [1]


async def test_connection_dropped_during_idle(imap_server: ImapServer, box: Mailbox) -> None:
    await box.fetch_new(START)
    waiting = asyncio.create_task(box.wait(LONG))
    await wait_until_idling(box)
    dropped = time.monotonic()
    imap_server.drop_connections()
    with pytest.raises(MailboxError) as caught:
        await asyncio.wait_for(waiting, LONG)
    assert caught.value.kind == "unreachable"
    assert time.monotonic() - dropped < SOON
    with pytest.raises(MailboxError):
        await box.fetch_new(START)
    # The caller reconnects and goes on.
    imap_server.deliver(letter(1))
    await box.connect()
    assert [uid for uid, _ in (await box.fetch_new(START))[1]] == [1]


async def test_without_idle_wait_polls() -> None:
    with ImapServer(idle=False) as server:
        async with Mailbox(server.url, timeout=TIMEOUT) as box:
            assert not box.has_idle
            state, _ = await box.fetch_new(START)
            started = time.monotonic()
            assert await box.wait(0.3) is False
            assert 0.29 < time.monotonic() - started < SOON
            server.deliver(letter(1))
            assert await box.wait(0.3) is True  # the NOOP after the sleep reports it
            assert [uid for uid, _ in (await box.fetch_new(state))[1]] == [1]
            server.drop_connections()
            with pytest.raises(MailboxError) as caught:
                await box.wait(5)
            assert caught.value.kind == "unreachable"


# --- pure pieces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("imap://u:p@mail.example/INBOX", ("mail.example", 143, "u", "p", "INBOX", False)),
        ("imaps://u:p@mail.example", ("mail.example", 993, "u", "p", "INBOX", True)),
        ("IMAPS://u:p@mail.example:1993/", ("mail.example", 1993, "u", "p", "INBOX", True)),
        (
            "imap://box%40shop.test:p%40ss%20w%2Frd%3A1@127.0.0.1:1430/Archive%2F2024",
            ("127.0.0.1", 1430, "box@shop.test", "p@ss w/rd:1", "Archive/2024", False),
        ),
        (
            "imaps://u@x.test:p@ss@mail.example/INBOX",
            ("mail.example", 993, "u@x.test", "p@ss", "INBOX", True),
        ),
        ("imap://u:p@[::1]:143/Отзывы", ("::1", 143, "u", "p", "Отзывы", False)),
        ("imap://u:@mail.example/", ("mail.example", 143, "u", "", "INBOX", False)),
    ],
)
def test_parse_mailbox_url(url: str, expected: tuple[object, ...]) -> None:
    address = parse_mailbox_url(url)
    got = (address.host, address.port, address.user, address.password, address.mailbox, address.tls)
    assert got == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://u:secret@mail.example/INBOX",
        "imap://mail.example/INBOX",
        "imap://u@mail.example/INBOX",
        "imap://u:secret@/INBOX",
        "imap://u:secret@mail.example:99999/INBOX",
        "imap://u:secret@mail.example:port/INBOX",
    ],
)
def test_bad_mailbox_urls(url: str) -> None:
    with pytest.raises(ValueError) as caught:
        Mailbox(url)
    assert "secret" not in str(caught.value)


def test_repr_and_safe_url_hide_the_password() -> None:
    box = Mailbox("imaps://box%40shop.test:hunter2@mail.example/INBOX")
    assert "hunter2" not in repr(box) and "hunter2" not in repr(box.address)
    assert box.address.safe_url == "imaps://box%40shop.test@mail.example:993/INBOX"


@pytest.mark.parametrize(
    ("name", "wire"),
    [
        ("INBOX", '"INBOX"'),
        ("Отзывы", '"&BB4EQgQ3BEsEMgRL-"'),
        ("A&B", '"A&-B"'),
        ("Sent Items", '"Sent Items"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("Входящие/Жалобы", '"&BBIERQQ+BDQETwRJBDgENQ-/&BBYEMAQ7BD4EMQRL-"'),
    ],
)
def test_imap_mailbox_name(name: str, wire: str) -> None:
    assert imap_mailbox_name(name) == wire


def test_uid_set_and_batches() -> None:
    assert _uid_set([1]) == "1"
    assert _uid_set([3, 4, 5, 9, 11, 12]) == "3:5,9,11:12"
    sizes = [(1, 10), (2, 10), (3, 10), (4, 10)]
    assert _choose(sizes, 3, 1000) == [1, 2, 3]
    assert _choose(sizes, 50, 25) == [1, 2]
    assert _choose([(7, 10_000)], 50, 25) == [7]  # one always comes
    assert _choose(sizes, 0, 1000) == [1]
    assert _choose([], 50, 1000) == []


def test_parse_sizes_drops_the_star_quirk() -> None:
    lines = [b"3 FETCH (UID 9 RFC822.SIZE 120)", b"Fetch completed."]
    assert parse_sizes(lines, start=10) == []
    lines = [b"1 FETCH (UID 10 RFC822.SIZE 5)", b"2 FETCH (RFC822.SIZE 7 UID 12)", b"done"]
    assert parse_sizes(lines, start=10) == [(10, 5), (12, 7)]


def test_parse_bodies_with_uid_before_or_after_the_literal() -> None:
    lines = [
        b"1 FETCH (UID 5 BODY[] {3}",
        bytearray(b"abc"),
        b")",
        b"2 FETCH (BODY[] {2}",
        bytearray(b"de"),
        b" UID 6)",
        b"3 FETCH (FLAGS (\\Seen))",  # another client's flag change: no body
        b"Fetch completed.",
    ]
    assert parse_bodies(lines) == {5: b"abc", 6: b"de"}
