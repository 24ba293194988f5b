"""A real HTTP server on 127.0.0.1 serving every kind of source the collectors meet.

Real sockets instead of mocks: conditional GET, redirects, gzip, timeouts and size caps are
exactly the behaviours a mock would get wrong.
"""

from __future__ import annotations

import asyncio
import gzip
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from collectors.fetch import make_session

FIXTURES = Path(__file__).parent / "fixtures"
TME_CHANNEL = "fitmoscow_talk"
HUGE_BYTES = 50 * 1024 * 1024

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Отзывы о клубах</title>
  <link>https://reviews.example/</link>
  <description>Лента отзывов</description>
  <item>
    <title>Душ опять не работает</title>
    <link>/reviews/101</link>
    <guid isPermaLink="false">review-101</guid>
    <author>ivan@example.com (Иван)</author>
    <pubDate>Mon, 06 Jan 2025 13:00:00 +0300</pubDate>
    <description>&lt;p&gt;Второй раз за неделю &lt;b&gt;не работает&lt;/b&gt; душ
      в ФитСтудии.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description>
    <content:encoded><![CDATA[<p>Второй раз за неделю <b>не работает</b> душ в ФитСтудии.</p>
      <p>Когда&nbsp;починят?</p><script>alert(1)</script>]]></content:encoded>
  </item>
  <item>
    <title>Спасибо тренеру</title>
    <link>https://reviews.example/reviews/102</link>
    <description>Всё понравилось, &amp;lt;3</description>
  </item>
  <item>
    <description>Без ссылки и без id: FitStudio на Соколе грязно.</description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>City forum</title>
  <id>urn:forum</id>
  <updated>2025-01-06T10:00:00Z</updated>
  <entry>
    <title type="html">Fit-Studio &amp;amp; the shower</title>
    <id>urn:forum:post:7</id>
    <link href="https://forum.example/t/7"/>
    <updated>2025-01-06T10:00:00Z</updated>
    <author><name>Kate</name></author>
    <content type="html">&lt;div&gt;The shower &lt;i&gt;doesn't work&lt;/i&gt;
      again.&lt;/div&gt;</content>
  </entry>
</feed>
"""

CP1251_RSS = """<?xml version="1.0"{decl}?>
<rss version="2.0"><channel><title>Новости района</title><link>http://local.example/</link>
<item><guid>n-1</guid><title>Жалоба на ФитСтудию</title>
<description>Списали деньги дважды, верните!</description></item>
</channel></rss>
"""

MALFORMED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<<<< <title>unclosed & garbage</channel>"""

HTML_PAGE = b"""<!DOCTYPE html><html><head><title>FitStudio</title></head>
<body><h1>Welcome</h1><p>This is a site, not a feed.</p></body></html>"""

LAST_MODIFIED = formatdate(1736157600, usegmt=True)
DEEP_CHANNEL = "deep_nest"
DEEP_LEVELS = 50_000


def deep_page(levels: int = DEEP_LEVELS) -> str:
    """A hostile t.me/s page: a post whose text opens `levels` <span>s it never closes, each
    with a word in it, then as many stray </b>s, then a second, ordinary post."""
    message = '<div class="tgme_widget_message" data-post="{channel}/{id}">'
    text = '<div class="tgme_widget_message_text">'
    return (
        "<html><body>"
        + message.format(channel=DEEP_CHANNEL, id=1)
        + text
        + "FitStudio: душ не работает"
        + "<span> ой" * levels
        + "</b>" * levels
        + "</div></div>"
        + message.format(channel=DEEP_CHANNEL, id=2)
        + text
        + "Второй пост про FitStudio</div></div></body></html>"
    )


@dataclass
class LocalServer:
    base: str
    hits: Counter[str] = field(default_factory=Counter)
    statuses: list[tuple[str, int]] = field(default_factory=list)
    huge_sent: list[int] = field(default_factory=lambda: [0])
    rss_version: list[int] = field(default_factory=lambda: [1])

    def url(self, path: str) -> str:
        return self.base + path


def _app(server: LocalServer) -> web.Application:
    app = web.Application()

    def reply(request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
        server.statuses.append((request.path, response.status))
        return response

    async def rss(request: web.Request) -> web.StreamResponse:
        server.hits["/rss"] += 1
        etag = f'"rss-v{server.rss_version[0]}"'
        if request.headers.get("If-None-Match") == etag:
            return reply(request, web.Response(status=304, headers={"ETag": etag}))
        body = RSS
        if server.rss_version[0] > 1:
            extra = (
                "<item><title>Новая жалоба</title><guid isPermaLink='false'>review-200</guid>"
                "<description>Хамство на ресепшене</description></item>\n"
            )
            body = body.replace("<item>", extra + "  <item>", 1)
        return reply(
            request,
            web.Response(
                body=body.encode(), headers={"ETag": etag}, content_type="application/rss+xml"
            ),
        )

    async def atom(request: web.Request) -> web.StreamResponse:
        server.hits["/atom"] += 1
        if request.headers.get("If-Modified-Since") == LAST_MODIFIED:
            return reply(request, web.Response(status=304))
        return reply(
            request,
            web.Response(
                body=ATOM.encode(),
                headers={"Last-Modified": LAST_MODIFIED},
                content_type="application/atom+xml",
            ),
        )

    async def redirect(request: web.Request) -> web.StreamResponse:
        code = int(request.match_info["code"])
        cls = web.HTTPMovedPermanently if code == 301 else web.HTTPFound
        raise cls(location="/rss" if code == 301 else "/atom")

    async def loop(request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(location="/loop")

    async def gzipped(request: web.Request) -> web.StreamResponse:
        assert "gzip" in request.headers.get("Accept-Encoding", "")
        return reply(
            request,
            web.Response(
                body=gzip.compress(RSS.encode()),
                headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"},
            ),
        )

    async def cp1251_prolog(request: web.Request) -> web.StreamResponse:
        body = CP1251_RSS.format(decl=' encoding="windows-1251"').encode("cp1251")
        return web.Response(body=body, headers={"Content-Type": "application/rss+xml"})

    async def cp1251_header(request: web.Request) -> web.StreamResponse:
        body = CP1251_RSS.format(decl="").encode("cp1251")
        return web.Response(body=body, headers={"Content-Type": "text/xml; charset=windows-1251"})

    async def cp1251_undeclared(request: web.Request) -> web.StreamResponse:
        body = CP1251_RSS.format(decl="").encode("cp1251")
        return web.Response(body=body, headers={"Content-Type": "application/rss+xml"})

    async def malformed(request: web.Request) -> web.StreamResponse:
        return web.Response(body=MALFORMED, headers={"Content-Type": "application/xml"})

    async def html(request: web.Request) -> web.StreamResponse:
        return web.Response(body=HTML_PAGE, headers={"Content-Type": "text/html; charset=utf-8"})

    async def huge(request: web.Request) -> web.StreamResponse:
        """50 MB produced lazily, so the server itself never holds it either."""
        resp = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
        if request.query.get("declared"):
            resp.content_length = HUGE_BYTES
        await resp.prepare(request)
        chunk = b"<!-- padding -->" * 4096  # 64 KiB
        sent = 0
        try:
            while sent < HUGE_BYTES:
                await resp.write(chunk)
                sent += len(chunk)
                server.huge_sent[0] = sent
        except ConnectionResetError:
            return resp
        await resp.write_eof()
        return resp

    async def hang(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(30)
        return web.Response(text="too late")

    async def error(request: web.Request) -> web.StreamResponse:
        return web.Response(status=int(request.match_info["code"]), text="nope")

    async def busy(request: web.Request) -> web.StreamResponse:
        """A server asking for a pause: /busy/<status>?after=<Retry-After value>."""
        after = request.query.get("after", "")
        return reply(
            request,
            web.Response(status=int(request.match_info["code"]), headers={"Retry-After": after}),
        )

    async def tme(request: web.Request) -> web.StreamResponse:
        server.hits["/s/" + request.match_info["name"]] += 1
        if request.match_info["name"] == DEEP_CHANNEL:
            return web.Response(
                body=deep_page().encode(), headers={"Content-Type": "text/html; charset=utf-8"}
            )
        if request.match_info["name"] != TME_CHANNEL:
            raise web.HTTPFound(location="/" + request.match_info["name"])
        page = (FIXTURES / "tme_s_fitstudio_news.html").read_bytes()
        return web.Response(body=page, headers={"Content-Type": "text/html; charset=utf-8"})

    app.router.add_get("/rss", rss)
    app.router.add_get("/atom", atom)
    app.router.add_get("/redirect/{code}", redirect)
    app.router.add_get("/loop", loop)
    app.router.add_get("/gzip", gzipped)
    app.router.add_get("/cp1251-prolog", cp1251_prolog)
    app.router.add_get("/cp1251-header", cp1251_header)
    app.router.add_get("/cp1251-undeclared", cp1251_undeclared)
    app.router.add_get("/malformed", malformed)
    app.router.add_get("/html", html)
    app.router.add_get("/huge", huge)
    app.router.add_get("/hang", hang)
    app.router.add_get("/status/{code}", error)
    app.router.add_get("/busy/{code}", busy)
    app.router.add_get("/s/{name}", tme)
    return app


@pytest.fixture
async def server() -> AsyncIterator[LocalServer]:
    srv = LocalServer(base="")
    runner = web.AppRunner(
        _app(srv), handler_cancellation=True, access_log=None, shutdown_timeout=0.1
    )
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    srv.base = f"http://{host}:{port}"
    try:
        yield srv
    finally:
        await runner.cleanup()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    """The collectors' own session, allowed onto 127.0.0.1 where the test server lives."""
    async with make_session(allow_private=True) as s:
        yield s
