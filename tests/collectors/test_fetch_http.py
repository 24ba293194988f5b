"""collectors.fetch against a real local server: the network behaviours that matter."""

from __future__ import annotations

import time
import tracemalloc

import aiohttp
import pytest

from collectors.fetch import FetchError, fetch

MAX = 1024 * 1024


async def test_rss_200_then_304_with_etag(server, session: aiohttp.ClientSession) -> None:
    first = await fetch(session, server.url("/rss"), timeout=2, max_bytes=MAX)
    assert first.status == 200
    assert first.body and b"<rss" in first.body
    assert first.etag == '"rss-v1"'
    assert first.content_type and first.content_type.startswith("application/rss+xml")

    second = await fetch(session, server.url("/rss"), etag=first.etag, timeout=2, max_bytes=MAX)
    assert second.status == 304
    assert second.not_modified and second.body is None
    assert second.etag == first.etag
    assert server.hits["/rss"] == 2


async def test_last_modified_304_keeps_validator(server, session) -> None:
    first = await fetch(session, server.url("/atom"), timeout=2, max_bytes=MAX)
    assert first.last_modified and first.etag is None
    second = await fetch(
        session, server.url("/atom"), last_modified=first.last_modified, timeout=2, max_bytes=MAX
    )
    assert second.status == 304 and second.body is None
    # The server sent no Last-Modified on 304; the one we hold must survive.
    assert second.last_modified == first.last_modified


@pytest.mark.parametrize(("code", "target"), [(301, "/rss"), (302, "/atom")])
async def test_redirects_are_followed(server, session, code: int, target: str) -> None:
    result = await fetch(session, server.url(f"/redirect/{code}"), timeout=2, max_bytes=MAX)
    assert result.status == 200
    assert result.final_url == server.url(target)


async def test_redirect_loop_is_an_error(server, session) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        await fetch(session, server.url("/loop"), timeout=2, max_bytes=MAX)


async def test_gzip_is_decoded(server, session) -> None:
    result = await fetch(session, server.url("/gzip"), timeout=2, max_bytes=MAX)
    assert result.body is not None and result.body.startswith(b"<?xml")


@pytest.mark.parametrize("code", [404, 500, 503])
async def test_http_errors_have_short_reason(server, session, code: int) -> None:
    with pytest.raises(FetchError) as info:
        await fetch(session, server.url(f"/status/{code}"), timeout=2, max_bytes=MAX)
    assert info.value.reason.startswith(f"HTTP {code}")


async def test_connection_refused(session) -> None:
    with pytest.raises(FetchError, match="cannot connect"):
        await fetch(session, "http://127.0.0.1:9/feed", timeout=2, max_bytes=MAX)


async def test_invalid_url(session) -> None:
    with pytest.raises(FetchError):
        await fetch(session, "not a url", timeout=2, max_bytes=MAX)


@pytest.mark.parametrize("query", ["", "?declared=1"])
async def test_oversized_body_is_cut_off_quickly(server, session, query: str) -> None:
    """50 MB on offer; we stop at the cap, fast, without holding anything near 50 MB."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        with pytest.raises(FetchError, match="too large"):
            await fetch(session, server.url("/huge" + query), timeout=5, max_bytes=MAX)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 1.0
    assert peak < 8 * MAX, f"peak traced memory {peak} bytes"
    assert server.huge_sent[0] < 20 * 1024 * 1024  # the server never got to send it all


async def test_hanging_server_costs_only_the_timeout(server, session) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0\.3s"):
        await fetch(session, server.url("/hang"), timeout=0.3, max_bytes=MAX)
    elapsed = time.monotonic() - started
    assert 0.25 <= elapsed < 0.8
