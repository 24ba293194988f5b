"""One HTTP GET done the polite way: conditional, bounded in time and in size, and only to
the public internet unless told otherwise.

Feeds are polled forever, so every request must be cheap when nothing changed (ETag /
Last-Modified -> 304) and must never let one bad server hang the poller or exhaust memory.

Feed URLs come from directors' chats, so a URL is untrusted input: without a guard, a feed at
http://127.0.0.1:8500/ turns the bot into a reader of internal services (their pages become
tickets) and its error texts into a port scanner. The guard lives in the session's connector
(`make_session`), because only there is every connection seen, after DNS and on every
redirect hop, including a name that resolves differently on the second lookup.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp.abc import AbstractResolver
from aiohttp.resolver import ThreadedResolver
from yarl import URL

if TYPE_CHECKING:
    from aiohttp.abc import ResolveResult
    from aiohttp.client_reqrep import ClientRequest
    from aiohttp.connector import Connection
    from aiohttp.tracing import Trace

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 10
USER_AGENT = "Firsthand/0.1 (+complaint monitor; polite feed reader)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.5, */*;q=0.1"
)
_CHUNK = 64 * 1024


class CollectorError(Exception):
    """Base for failures that belong to a source (bad URL, bad server, bad document).

    `reason` is short and human: it is shown to the director next to the source.
    """

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after  # seconds the server asked us to wait, if it did


class FetchError(CollectorError):
    """The document could not be downloaded."""


# --- which addresses a feed may live at ---------------------------------------------------------

# Shown to the director. It is decided before any connection is tried, so it says nothing about
# whether something listens there: no "cannot connect" vs "HTTP 404" difference to probe with.
PRIVATE_TARGET = "address not allowed (private network)"
ODD_IP_FORM = "address not allowed (unusual IP address form)"
ADD_TIME_DNS_TIMEOUT = 5.0

_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
# Special-purpose ranges that are never a web server on the internet. `is_global` knows most of
# them, but its table has changed between Python patch releases; this list pins the verdict.
_NEVER_PUBLIC = tuple(
    ipaddress.ip_network(block)
    for block in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.0.2.0/24",
        "192.88.99.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "2001::/23",
        "2001:db8::/32",
        "3fff::/20",
    )
)
# IPv6 forms that carry an IPv4 address the packets really go to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_IPV4_TRANSLATED = ipaddress.IPv6Network("::ffff:0:0:0/96")


class PrivateTargetError(aiohttp.ClientConnectionError):
    """A request was stopped before connecting because its address is not public.

    Not an OSError on purpose: aiohttp would wrap one into a DNS error with the system's
    wording, and the director must see `reason`, the same for every refused address.
    """

    def __init__(self, host: str, reason: str = PRIVATE_TARGET) -> None:
        super().__init__(f"{reason}: {host}")
        self.host = host
        self.reason = reason


def is_public_address(value: str | ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """True only for an address on the public internet.

    `is_global` is the basis, but alone it lets through IPv4 multicast, and IPv6 forms that
    wrap an IPv4 address (::ffff:127.0.0.1, 64:ff9b::a00:1, 2002:7f00:1::) are judged by
    the address inside them, since that is where the packets end up. IPv6 outside 2000::/3
    is not unicast on the internet at all. Anything unparsable is not public.
    """
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_ipv4(address)
        if inner is not None:
            return _public_ipv4(inner)
        return address in _GLOBAL_UNICAST and _global(address)
    return _public_ipv4(address)


def _public_ipv4(address: ipaddress.IPv4Address) -> bool:
    return _global(address) and not address.is_multicast  # is_global lets multicast through


def _global(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return address.is_global and not any(
        address.version == block.version and address in block for block in _NEVER_PUBLIC
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64 or address in _IPV4_COMPATIBLE or address in _IPV4_TRANSLATED:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _looks_like_ip(host: str) -> bool:
    """aiohttp's own test for "this host is an address, skip DNS": anything with a colon or
    made of digits and dots. Mirrored here because such hosts never reach the resolver."""
    return ":" in host or host.replace(".", "").isdigit()


def literal_host_refusal(host: str | None) -> str | None:
    """Why a host written as an IP address may not be contacted, or None.

    Names are left to the resolver (None). Numeric hosts that are not a plain address
    (2130706433, 127.1, 0177.0.0.1) are refused outright: the system resolver reads them as
    127.0.0.1, and no feed needs to be written that way.
    """
    if not host or not _looks_like_ip(host):
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return ODD_IP_FORM
    return None if is_public_address(address) else PRIVATE_TARGET


class PublicResolver(AbstractResolver):
    """Resolves through `inner`, then keeps only public addresses.

    Filtering (rather than refusing a name with any private address) still reaches a
    dual-homed public site; a name with nothing public left is refused before connecting.
    Being on the connector, it sees every lookup, so a name that answers with a public
    address at add time and a private one later (DNS rebinding) is caught at poll time.
    """

    def __init__(self, inner: AbstractResolver | None = None) -> None:
        self._inner = inner or ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        found = await self._inner.resolve(host, port, family)
        public = [entry for entry in found if is_public_address(entry["host"])]
        if not public:
            log.info("fetch refused host=%s: it resolves to no public address", host)
            raise PrivateTargetError(host)
        return public

    async def close(self) -> None:
        await self._inner.close()


class FeedConnector(aiohttp.TCPConnector):
    """A TCP connector that, unless `allow_private`, connects only to public addresses.

    Names go through `PublicResolver`; IP literals, which aiohttp never hands to a
    resolver, are checked in `connect`, which aiohttp calls for the first request and for
    every redirect hop alike, pooled connection or not. `resolver` is the lookup underneath
    (the system's by default); the policy always wraps it.
    """

    def __init__(
        self, *, allow_private: bool, resolver: AbstractResolver | None = None, **kwargs: Any
    ) -> None:
        if not allow_private:
            resolver = PublicResolver(resolver)
        super().__init__(resolver=resolver, **kwargs)
        self.allow_private = allow_private

    async def connect(
        self,
        req: ClientRequest,
        traces: list[Trace],
        timeout: aiohttp.ClientTimeout,  # noqa: ASYNC109 - aiohttp's signature, passed on
    ) -> Connection:
        if not self.allow_private:
            host = req.url.host
            reason = literal_host_refusal(host)
            if reason is not None:
                log.info("fetch refused host=%s reason=%s", host, reason)
                raise PrivateTargetError(host or "", reason)
        return await super().connect(req, traces, timeout)


def make_session(
    *, allow_private: bool, resolver: AbstractResolver | None = None
) -> aiohttp.ClientSession:
    """The session to fetch sources with; `allow_private` is ALLOW_PRIVATE_FEEDS.

    The policy is part of the session so no caller can fetch with one and forget the other.
    No `trust_env`: behind an environment proxy the target would be resolved by the proxy,
    out of the guard's sight.
    """
    return aiohttp.ClientSession(
        connector=FeedConnector(allow_private=allow_private, resolver=resolver)
    )


async def refuse_private(
    url: str,
    *,
    allow_private: bool,
    resolver: AbstractResolver | None = None,
    timeout: float = ADD_TIME_DNS_TIMEOUT,  # noqa: ASYNC109 - a bound on one DNS lookup
) -> str | None:
    """Why `url` may not become a source, or None: lets `/feeds add` answer at once.

    Only a courtesy: the connector checks again on every poll, which is what stops a name
    re-pointed later. So a lookup that fails or is slow returns None and leaves the verdict
    to the first poll rather than refusing a feed over a DNS hiccup.
    """
    if allow_private:
        return None
    try:
        host = URL(url).host
    except (TypeError, ValueError):
        return None
    if not host:
        return None
    if _looks_like_ip(host):
        return literal_host_refusal(host)
    try:
        async with asyncio.timeout(timeout):
            await PublicResolver(resolver).resolve(host, 0, socket.AF_UNSPEC)
    except PrivateTargetError as exc:
        return exc.reason
    except (OSError, TimeoutError):
        return None
    return None


# A server may ask for a pause (429, 503); a day is the longest we take it at its word.
MAX_RETRY_AFTER = 24 * 3600.0


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date), capped;
    None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - now).total_seconds()), MAX_RETRY_AFTER)


@dataclass(frozen=True)
class FetchResult:
    status: int
    body: bytes | None  # None on 304 Not Modified
    etag: str | None
    last_modified: str | None
    final_url: str
    content_type: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


async def fetch(
    session: aiohttp.ClientSession,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,  # noqa: ASYNC109 - a per-source budget, part of the API
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> FetchResult:
    """GET `url`, raising FetchError with a one-line reason on any failure.

    `timeout` covers everything (connect, redirects, headers, body), because a server that
    trickles one byte a minute is as bad as one that never answers. `max_bytes` counts the
    decoded body while it streams, so a gzip bomb is stopped as early as a huge plain file.
    Which addresses may be reached is the session's policy (`make_session`); a refused one
    fails here with the same reason whether or not anything listens there.
    """
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(timeout):
            return await _get(session, url, headers, etag, last_modified, max_bytes)
    except FetchError as exc:
        log.info("fetch failed url=%s reason=%s", url, exc.reason)
        raise
    except PrivateTargetError as exc:
        reason = exc.reason
    except TimeoutError:
        reason = f"no answer within {timeout:g}s"
    except aiohttp.TooManyRedirects:
        reason = "too many redirects"
    except aiohttp.InvalidURL:
        reason = "invalid URL"
    except aiohttp.ClientConnectorError as exc:
        reason = f"cannot connect: {exc.os_error.strerror or exc.os_error}"
    except aiohttp.ClientPayloadError:
        reason = "broken response body"
    except aiohttp.ClientResponseError as exc:
        reason = f"bad response: {exc.message}"
    except aiohttp.ClientError as exc:
        reason = f"network error: {type(exc).__name__}"
    except ValueError as exc:  # e.g. a URL yarl cannot parse
        reason = f"invalid URL: {exc}"
    log.info("fetch failed url=%s reason=%s", url, reason)
    raise FetchError(reason)


async def _get(
    session: aiohttp.ClientSession,
    url: str,
    headers: dict[str, str],
    etag: str | None,
    last_modified: str | None,
    max_bytes: int,
) -> FetchResult:
    async with session.get(
        url, headers=headers, allow_redirects=True, max_redirects=MAX_REDIRECTS
    ) as resp:
        final_url = str(resp.url)
        content_type = resp.headers.get("Content-Type")
        if resp.status == 304:
            # Servers may omit validators on 304; the ones we sent are still current.
            return FetchResult(
                status=304,
                body=None,
                etag=resp.headers.get("ETag") or etag,
                last_modified=resp.headers.get("Last-Modified") or last_modified,
                final_url=final_url,
                content_type=content_type,
            )
        if resp.status >= 400:
            wait = None
            if resp.status in (429, 503):
                wait = retry_after_seconds(resp.headers.get("Retry-After"), datetime.now(UTC))
            raise FetchError(f"HTTP {resp.status} {resp.reason or ''}".strip(), retry_after=wait)
        if resp.status != 200:
            raise FetchError(f"unexpected HTTP {resp.status}")
        declared = resp.content_length
        if (
            declared is not None
            and declared > max_bytes
            and not resp.headers.get("Content-Encoding")
        ):
            raise FetchError(f"too large: {declared} bytes (limit {max_bytes})")
        body = await _read_capped(resp, max_bytes)
        return FetchResult(
            status=200,
            body=body,
            etag=resp.headers.get("ETag"),
            last_modified=resp.headers.get("Last-Modified"),
            final_url=final_url,
            content_type=content_type,
        )


async def _read_capped(resp: aiohttp.ClientResponse, max_bytes: int) -> bytes:
    buf = bytearray()
    async for chunk in resp.content.iter_chunked(_CHUNK):
        buf += chunk
        if len(buf) > max_bytes:
            raise FetchError(f"too large: over {max_bytes} bytes")
    return bytes(buf)
