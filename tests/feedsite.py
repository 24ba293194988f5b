"""A local website for the bot's collectors: RSS feeds whose items tests add at will, a
source that can be broken and mended, and the recorded t.me/s page of a public channel."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

TME_PAGE = Path(__file__).parent / "collectors" / "fixtures" / "tme_s_fitstudio_news.html"
CHANNEL = "fitmoscow_talk"


@dataclass
class Item:
    guid: str
    title: str
    text: str
    link: str


@dataclass
class FeedSite:
    base: str = ""
    feeds: dict[str, list[Item]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    hits: Counter[str] = field(default_factory=Counter)
    channel_complete: bool = False  # False: post 1843 is not published yet

    def url(self, name: str) -> str:
        return f"{self.base}/feed/{name}"

    def add(self, name: str, guid: str, title: str, text: str) -> None:
        link = f"https://reviews.example/{name}/{guid}"
        self.feeds.setdefault(name, []).insert(0, Item(guid, title, text, link))

    def _rss(self, name: str) -> str:
        items = "".join(
            f"<item><title>{html.escape(i.title)}</title><guid>{i.guid}</guid>"
            f"<link>{i.link}</link><description>{html.escape(i.text)}</description></item>"
            for i in self.feeds.get(name, [])
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Отзывы {name}</title><link>https://reviews.example/</link>{items}"
            "</channel></rss>"
        )

    def app(self) -> web.Application:
        async def feed(request: web.Request) -> web.StreamResponse:
            name = request.match_info["name"]
            self.hits[name] += 1
            if name in self.broken:
                return web.Response(status=500, text="down")
            etag = f'"{name}-{len(self.feeds.get(name, []))}"'
            if request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(
                body=self._rss(name).encode(),
                headers={"ETag": etag},
                content_type="application/rss+xml",
            )

        async def channel(request: web.Request) -> web.StreamResponse:
            self.hits["channel"] += 1
            page = TME_PAGE.read_text("utf-8")
            if not self.channel_complete:
                page = page.replace(f"{CHANNEL}/1843", "someone_else/1843")
            return web.Response(body=page.encode(), content_type="text/html", charset="utf-8")

        app = web.Application()
        app.router.add_get("/feed/{name}", feed)
        app.router.add_get("/s/{name}", channel)
        return app


@asynccontextmanager
async def serve() -> AsyncIterator[FeedSite]:
    site = FeedSite()
    runner = web.AppRunner(site.app(), access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    host, port = runner.addresses[0][:2]
    site.base = f"http://{host}:{port}"
    try:
        yield site
    finally:
        await runner.cleanup()
