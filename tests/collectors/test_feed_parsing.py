"""collectors.feeds on documents fetched from the local server, encodings included."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import aiohttp
import pytest

from collectors.feeds import FeedError, html_to_text, parse_feed
from collectors.fetch import fetch

MAX = 1024 * 1024


async def _fetch_and_parse(session: aiohttp.ClientSession, url: str, source: str = "src"):
    result = await fetch(session, url, timeout=2, max_bytes=MAX)
    assert result.body is not None
    return await parse_feed(
        result.body, source=source, base_url=result.final_url, content_type=result.content_type
    )


async def test_rss_entries_become_plain_text_mentions(server, session) -> None:
    mentions = await _fetch_and_parse(session, server.url("/rss"), source="reviews")
    assert len(mentions) == 3
    first = mentions[0]
    assert first.source == "reviews"
    assert first.external_id == "review-101"
    assert first.title == "Душ опять не работает"
    # content:encoded wins over description; tags gone, paragraphs kept, &nbsp; is a space.
    assert first.text == "Второй раз за неделю не работает душ в ФитСтудии.\n\nКогда починят?"
    assert "<" not in first.text and "alert" not in first.text
    assert first.link == server.url("/reviews/101")  # relative link resolved
    assert first.published == datetime(2025, 1, 6, 10, 0, tzinfo=UTC)
    assert first.author and "Иван" in first.author

    second = mentions[1]
    assert second.external_id == "https://reviews.example/reviews/102"  # no guid: link
    assert second.text == "Всё понравилось, <3"  # decoded once, not twice
    assert second.published is None

    third = mentions[2]
    assert third.external_id.startswith("sha1:")  # neither guid nor link: content hash
    assert third.link is None


async def test_content_hash_id_is_stable(server, session) -> None:
    a = await _fetch_and_parse(session, server.url("/rss"))
    b = await _fetch_and_parse(session, server.url("/rss"))
    assert a[2].external_id == b[2].external_id


async def test_atom(server, session) -> None:
    (entry,) = await _fetch_and_parse(session, server.url("/atom"))
    assert entry.external_id == "urn:forum:post:7"
    assert entry.title == "Fit-Studio & the shower"
    assert entry.text == "The shower doesn't work again."
    assert entry.author == "Kate"
    assert entry.link == "https://forum.example/t/7"
    assert entry.published == datetime(2025, 1, 6, 10, 0, tzinfo=UTC)


async def test_gzip_feed(server, session) -> None:
    assert len(await _fetch_and_parse(session, server.url("/gzip"))) == 3


@pytest.mark.parametrize("path", ["/cp1251-prolog", "/cp1251-header", "/cp1251-undeclared"])
async def test_windows_1251(server, session, path: str) -> None:
    (entry,) = await _fetch_and_parse(session, server.url(path))
    assert entry.title == "Жалоба на ФитСтудию"
    assert entry.text == "Списали деньги дважды, верните!"


async def test_malformed_xml_is_a_feed_error(server, session) -> None:
    with pytest.raises(FeedError, match="malformed XML"):
        await _fetch_and_parse(session, server.url("/malformed"))


async def test_html_page_is_a_feed_error(server, session) -> None:
    with pytest.raises(FeedError, match="HTML page"):
        await _fetch_and_parse(session, server.url("/html"))


async def test_recoverable_xml_error_still_yields_entries() -> None:
    body = b'<rss version="2.0"><channel><item><guid>1</guid><title>a & b</title></item>'
    mentions = await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    # A bare guid is a permalink by RSS default, so feedparser resolves it against the base.
    assert [m.external_id for m in mentions] == ["http://x/1"]
    assert mentions[0].title == "a & b"


async def test_empty_but_valid_feed_is_no_error() -> None:
    body = b'<rss version="2.0"><channel><title>t</title></channel></rss>'
    assert await parse_feed(body, source="s", base_url="http://x/", content_type=None) == []


async def test_parsing_runs_off_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    seen: list[str] = []
    real = feedparser.parse

    def spy(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    body = (
        b'<rss version="2.0"><channel><item><guid>1</guid><title>a</title></item></channel></rss>'
    )
    await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    assert seen and seen[0] != threading.main_thread().name


async def test_never_opens_a_local_file_named_by_the_body(tmp_path, monkeypatch) -> None:
    """feedparser treats a str/bytes argument as a path or URL; we always hand it a stream."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed").write_text(
        '<rss version="2.0"><channel><item><guid>x</guid>'
        "<title>secret</title></item></channel></rss>"
    )
    with pytest.raises(FeedError):
        await parse_feed(b"feed", source="s", base_url="http://x/", content_type=None)


def test_html_to_text() -> None:
    assert html_to_text("<p>one</p><p>two<br>three</p>") == "one\n\ntwo\nthree"
    assert html_to_text("a &amp;lt; b") == "a &lt; b"
    assert html_to_text("<style>p{}</style>x<script>y()</script>") == "x"
    assert html_to_text("plain   text") == "plain text"
    assert html_to_text('<img alt="😡">') == "😡"


async def test_only_web_links_survive() -> None:
    body = (
        b'<rss version="2.0"><channel><item><guid isPermaLink="false">1</guid><title>a</title>'
        b"<link>javascript:alert(1)</link></item></channel></rss>"
    )
    (mention,) = await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    assert mention.link is None


async def test_html_entities_undefined_in_xml_never_break_a_feed() -> None:
    """`&nbsp;` is not XML, so the strict parser gives up; feedparser's loose one reads the
    feed all the same, with items or (a feed with nothing new yet) without."""
    channel = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Caf&eacute;&nbsp;reviews</title>'
    )
    empty = f"{channel}</channel></rss>".encode()
    assert await parse_feed(empty, source="s", base_url="http://x/", content_type=None) == []
    full = f"{channel}<item><guid>1</guid><title>Душ&nbsp;сломан</title></item></channel></rss>"
    (mention,) = await parse_feed(
        full.encode(), source="s", base_url="http://x/", content_type="application/rss+xml"
    )
    assert (mention.title, mention.source_title) == ("Душ сломан", "Café reviews")


async def test_ebcdic_feed() -> None:
    body = (
        '<?xml version="1.0" encoding="cp037"?>\n<rss version="2.0"><channel><title>Avis</title>'
        "<item><guid>1</guid><title>Douche cassée</title><description>Encore !</description>"
        "</item></channel></rss>"
    ).encode("cp037")
    (mention,) = await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    assert (mention.title, mention.text, mention.source_title) == (
        "Douche cassée",
        "Encore !",
        "Avis",
    )


@pytest.mark.parametrize("content_type", [None, "application/xml"])
async def test_html_page_is_recognised_whatever_it_is_served_as(
    content_type: str | None,
) -> None:
    page = (
        b"<!DOCTYPE html>\n<html><head><title>FitStudio</title></head><body><p>Hi</p></body></html>"
    )
    with pytest.raises(FeedError, match="an HTML page, not a feed"):
        await parse_feed(page, source="s", base_url="http://x/", content_type=content_type)


async def test_a_feed_is_broken_only_when_nothing_in_it_is_usable() -> None:
    """Garbage, or a feed whose XML is garbled beyond what feedparser's loose parser recovers
    and that yields no item, is broken; a feed that merely forgot to declare a namespace
    prefix is an empty feed, not a broken one."""
    for body in (b"\x00\x01\xff\xfe not xml at all \x80", b"just words", b""):
        with pytest.raises(FeedError):
            await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    garbled = b'<rss version="2.0"><channel><title>x</title>\n<<<< <title>oops &</channel>'
    with pytest.raises(FeedError, match="malformed XML"):
        await parse_feed(garbled, source="s", base_url="http://x/", content_type=None)
    undeclared = (
        b'<rss version="2.0"><channel><title>Podcast</title>'
        b"<itunes:author>Kate</itunes:author></channel></rss>"
    )
    assert await parse_feed(undeclared, source="s", base_url="http://x/", content_type=None) == []
