"""One HTTP GET done the polite way: conditional, bounded in time and in size.

Feeds are polled forever, so every request must be cheap when nothing changed (ETag /
Last-Modified -> 304) and must never let one bad server hang the poller or exhaust memory.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import aiohttp

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
