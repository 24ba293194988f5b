"""Feeds may not point into the bot's own network (hardening item 8).

A director's /feeds add is untrusted input: a feed at a loopback, private or link-local
address must be refused after DNS and on every redirect, before any connection is made, and
with one reason whatever is (or is not) listening there. ALLOW_PRIVATE_FEEDS lifts that for
tests and intranets.

The server here is a bare asyncio one that counts TCP connections, so "refused" is checked
as "nothing reached it", not as "we got an error".
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp.abc import AbstractResolver, ResolveResult

from collectors.fetch import (
    ODD_IP_FORM,
    PRIVATE_TARGET,
    FetchError,
    fetch,
    is_public_address,
    literal_host_refusal,
    make_session,
    refuse_private,
)
from collectors.poller import Poller, SourceState
from tests.conftest import DIRECTOR, StartBot
from tests.standin import StandInTelegram

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Internal</title>'
    b"<item><guid>secret-1</guid><title>FitStudio admin panel</title>"
    b"<description>Internal status page</description></item></channel></rss>"
)


@dataclass
class CountingServer:
    """Answers every request with a small RSS document and counts the connections made."""

    port: int = 0
    connections: int = 0
    paths: list[str] = field(default_factory=list)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            self.paths.append(head.split(b" ", 2)[1].decode())
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                + f"Content-Length: {len(RSS)}\r\nConnection: close\r\n\r\n".encode()
                + RSS
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def internal() -> AsyncIterator[CountingServer]:
    counting = CountingServer()
    server = await asyncio.start_server(counting.handle, "127.0.0.1", 0)
    counting.port = server.sockets[0].getsockname()[1]
    try:
        yield counting
    finally:
        server.close()
        await server.wait_closed()


class HostsResolver(AbstractResolver):
    """DNS for names that exist only in a test: each name maps to the addresses given."""

    def __init__(self, hosts: dict[str, Iterable[str]]) -> None:
        self.hosts = {name: list(addresses) for name, addresses in hosts.items()}
        self.asked: list[str] = []

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        self.asked.append(host)
        if host not in self.hosts:
            raise OSError(socket.EAI_NONAME, f"no such test host {host}")
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in self.hosts[host]
        ]

    async def close(self) -> None:
        return None


def rebinding_resolver() -> HostsResolver:
    """A public-looking name pointed at 127.0.0.1, as a hostile DNS zone would."""
    return HostsResolver(
        {
            "feeds.localtest": ["127.0.0.1"],
            "mixed.localtest": ["10.0.0.7", "::1", "127.0.0.1"],
            "metadata.localtest": ["169.254.169.254"],
        }
    )


async def refused_reason(session: aiohttp.ClientSession, url: str) -> str:
    with pytest.raises(FetchError) as info:
        await fetch(session, url, timeout=5, max_bytes=1024 * 1024)
    return info.value.reason


# --- the address rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "8.8.8.8",
        "1.1.1.1",
        "93.184.216.34",
        "100.63.255.255",  # just below shared address space
        "100.128.0.1",  # just above it
        "2606:4700:4700::1111",
        "2a00:1450:4010:c05::64",
        "::ffff:8.8.8.8",  # IPv4-mapped, public inside
        "64:ff9b::808:808",  # NAT64 of 8.8.8.8: how an IPv6-only host reaches IPv4 sites
        "2002:808:808::1",  # 6to4 of 8.8.8.8
    ],
)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.1",
        "169.254.169.254",  # cloud metadata
        "100.64.0.1",  # shared address space (carrier NAT)
        "100.127.255.254",
        "0.0.0.0",
        "0.1.2.3",
        "224.0.0.1",  # multicast, which is_global alone lets through
        "239.255.255.250",
        "240.0.0.1",  # reserved
        "255.255.255.255",
        "192.0.0.8",
        "192.0.2.1",  # documentation
        "198.18.0.1",  # benchmarking
        "198.51.100.7",
        "203.0.113.9",
        "::",
        "::1",
        "fe80::1",
        "fe80::1%eth0",
        "fc00::1",
        "fd12:3456:789a::1",
        "ff02::1",  # multicast
        "ff0e::1",
        "::ffff:127.0.0.1",  # IPv4-mapped loopback
        "::ffff:10.1.2.3",
        "::ffff:169.254.169.254",
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:0:7f00:1",  # IPv4-translated
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 of 10.0.0.1
        "64:ff9b:1::a00:1",  # local-use NAT64
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:c0a8:101::1",  # 6to4 of 192.168.1.1
        "2001:db8::1",  # documentation
        "100::1",  # discard-only
        "not an address",
        "",
    ],
)
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize(
    ("host", "reason"),
    [
        ("127.0.0.1", PRIVATE_TARGET),
        ("10.20.30.40", PRIVATE_TARGET),
        ("169.254.169.254", PRIVATE_TARGET),
        ("::1", PRIVATE_TARGET),
        ("::ffff:7f00:1", PRIVATE_TARGET),
        ("fe80::1%eth0", PRIVATE_TARGET),
        ("2130706433", ODD_IP_FORM),  # 127.0.0.1 as one number
        ("127.1", ODD_IP_FORM),
        ("0177.0.0.1", ODD_IP_FORM),  # octal
        ("127.0.0.1.", ODD_IP_FORM),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
        ("feeds.example.com", None),  # a name: the resolver decides
        ("localhost", None),
        ("0x7f.1", None),  # not digits: goes through the resolver, which filters it
        (None, None),
    ],
)
def test_hosts_written_as_addresses_are_judged_without_dns(
    host: str | None, reason: str | None
) -> None:
    assert literal_host_refusal(host) == reason


# --- fetching with the default policy ---------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "[::ffff:127.0.0.1]", "localhost"],
)
async def test_a_feed_inside_is_refused_before_any_connection(
    internal: CountingServer, host: str
) -> None:
    async with make_session(allow_private=False) as session:
        reason = await refused_reason(session, f"http://{host}:{internal.port}/feed")
    assert reason == PRIVATE_TARGET
    assert internal.connections == 0


async def test_an_address_in_odd_notation_is_refused_before_any_connection(
    internal: CountingServer,
) -> None:
    async with make_session(allow_private=False) as session:
        reason = await refused_reason(session, f"http://2130706433:{internal.port}/feed")
    assert reason == ODD_IP_FORM
    assert internal.connections == 0


@pytest.mark.parametrize("name", ["feeds.localtest", "mixed.localtest", "metadata.localtest"])
async def test_a_name_resolving_inside_is_refused_before_any_connection(
    internal: CountingServer, name: str
) -> None:
    dns = rebinding_resolver()
    async with make_session(allow_private=False, resolver=dns) as session:
        reason = await refused_reason(session, f"http://{name}:{internal.port}/feed")
    assert dns.asked == [name]
    assert reason == PRIVATE_TARGET
    assert internal.connections == 0


async def test_refused_and_closed_ports_look_the_same(internal: CountingServer) -> None:
    """No port-scan oracle: a listening port and a closed one give the same answer."""
    async with make_session(allow_private=False) as session:
        listening = await refused_reason(session, f"http://127.0.0.1:{internal.port}/")
        closed = await refused_reason(session, "http://127.0.0.1:9/")
    assert listening == closed == PRIVATE_TARGET


async def test_the_poller_refuses_by_default(internal: CountingServer) -> None:
    """The session the poller makes for itself carries the default policy."""
    polled = asyncio.Event()
    found: list[object] = []

    async def on_state(state: SourceState) -> None:
        polled.set()

    async def on_mentions(state: SourceState, mentions: list[object], first: bool) -> None:
        found.extend(mentions)

    state = SourceState("inside", "feed", f"http://127.0.0.1:{internal.port}/feed")
    poller = Poller([state], on_mentions=on_mentions, on_state=on_state, interval=60, timeout=5)
    task = asyncio.create_task(poller.run())
    try:
        await asyncio.wait_for(polled.wait(), 30)
    finally:
        poller.stop()
        await task
    assert state.last_error == PRIVATE_TARGET
    assert found == [] and internal.connections == 0


# --- ALLOW_PRIVATE_FEEDS=true -----------------------------------------------------------------


async def test_allowed_private_feeds_are_fetched(internal: CountingServer) -> None:
    dns = rebinding_resolver()
    async with make_session(allow_private=True, resolver=dns) as session:
        direct = await fetch(session, f"http://127.0.0.1:{internal.port}/a", timeout=5)
        named = await fetch(session, f"http://feeds.localtest:{internal.port}/b", timeout=5)
    assert direct.body == RSS and named.body == RSS
    assert internal.paths == ["/a", "/b"]


async def test_the_poller_fetches_when_allowed(internal: CountingServer) -> None:
    polled = asyncio.Event()

    async def on_state(state: SourceState) -> None:
        polled.set()

    async def on_mentions(state: SourceState, mentions: list[object], first: bool) -> None:
        return None

    state = SourceState("inside", "feed", f"http://127.0.0.1:{internal.port}/feed")
    poller = Poller(
        [state],
        on_mentions=on_mentions,
        on_state=on_state,
        interval=60,
        timeout=5,
        allow_private=True,
    )
    task = asyncio.create_task(poller.run())
    try:
        await asyncio.wait_for(polled.wait(), 30)
    finally:
        poller.stop()
        await task
    assert state.last_error is None and state.last_ok_at is not None
    assert internal.paths == ["/feed"]


# --- the early answer for /feeds add ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8500/v1/kv", PRIVATE_TARGET),
        ("http://[::1]/", PRIVATE_TARGET),
        ("http://169.254.169.254/latest/meta-data/", PRIVATE_TARGET),
        ("http://2130706433/", ODD_IP_FORM),
        ("https://feeds.localtest/rss", PRIVATE_TARGET),
        ("https://mixed.localtest/rss", PRIVATE_TARGET),
        ("https://news.example/rss", None),  # resolves to a public address
        ("https://8.8.8.8/rss", None),
        ("https://unknown.localtest/rss", None),  # DNS fails: left to the poll to report
        ("not a url", None),
    ],
)
async def test_refuse_private_at_add_time(url: str, reason: str | None) -> None:
    dns = rebinding_resolver()
    dns.hosts["news.example"] = ["93.184.216.34"]
    assert await refuse_private(url, allow_private=False, resolver=dns) == reason
    assert await refuse_private(url, allow_private=True, resolver=dns) is None


async def test_refuse_private_knows_localhost() -> None:
    """Through the system's own resolver, as in production."""
    assert await refuse_private("http://localhost:6379/", allow_private=False) == PRIVATE_TARGET


# --- through the whole bot ------------------------------------------------------------------------


async def test_the_bot_refuses_an_internal_feed_unless_allowed(
    internal: CountingServer,
    tg: StandInTelegram,
    people: dict[int, dict[str, Any]],
    start_bot: StartBot,
) -> None:
    """ALLOW_PRIVATE_FEEDS reaches the poller: left unset, the director is told why the feed
    fails, with the same words for any internal address, and the server never sees a byte."""
    url = f"http://127.0.0.1:{internal.port}/feed"
    bot = await start_bot(
        FEEDS=url, KEYWORDS="FitStudio", POLL_INTERVAL=0.3, ALLOW_PRIVATE_FEEDS=""
    )
    assert bot.app.config.allow_private_feeds is False
    failing = await tg.wait_message(DIRECTOR, contains="не отвечает", timeout=20)
    assert url in failing.text and PRIVATE_TARGET in failing.text
    assert internal.connections == 0
    await bot.stop()

    await start_bot(FEEDS=url, KEYWORDS="FitStudio", POLL_INTERVAL=0.3, ALLOW_PRIVATE_FEEDS="true")
    await tg.wait_message(DIRECTOR, contains="снова работает", timeout=20)
    assert internal.paths and set(internal.paths) == {"/feed"}
