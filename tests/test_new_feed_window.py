"""A newly added feed: the last day's items are news, older and undated ones are history."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from aiohttp import web

from bot.core.sources import split_history
from collectors.mention import Mention
from tests.conftest import DIRECTOR, Clock, StartBot
from tests.helpers import texts_to
from tests.standin import StandInTelegram

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def mention(guid: str, published: datetime | None) -> Mention:
    return Mention("feed", guid, None, f"text {guid}", None, published)


def test_split_keeps_the_last_day_and_calls_the_rest_history() -> None:
    items = [
        mention("hour", NOW - timedelta(hours=1)),
        mention("day_edge", NOW - timedelta(hours=23, minutes=59)),
        mention("two_days", NOW - timedelta(days=2)),
        mention("undated", None),
        mention("slightly_ahead", NOW + timedelta(minutes=30)),
        mention("far_future", NOW + timedelta(days=400)),
    ]
    recent, history = split_history(items, NOW)
    assert [m.external_id for m in recent] == ["hour", "day_edge", "slightly_ahead"]
    assert [m.external_id for m in history] == ["two_days", "undated", "far_future"]


@dataclass
class DatedItem:
    guid: str
    text: str
    published: datetime | None


@dataclass
class DatedFeed:
    """One RSS feed whose items carry a pubDate (or none), served on 127.0.0.1."""

    base: str = ""
    items: list[DatedItem] = field(default_factory=list)
    hits: int = 0

    @property
    def url(self) -> str:
        return f"{self.base}/feed"

    def rss(self) -> str:
        parts = []
        for item in self.items:
            date = f"<pubDate>{format_datetime(item.published)}</pubDate>" if item.published else ""
            parts.append(
                f"<item><title>Отзыв</title><guid>{item.guid}</guid>"
                f"<link>https://reviews.example/{item.guid}</link>{date}"
                f"<description>{html.escape(item.text)}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Отзывы</title><link>https://reviews.example/</link>{''.join(parts)}"
            "</channel></rss>"
        )


@pytest.fixture
async def feed() -> AsyncIterator[DatedFeed]:
    site = DatedFeed()

    async def handle(request: web.Request) -> web.StreamResponse:
        site.hits += 1
        return web.Response(body=site.rss().encode(), content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed", handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    host, port = runner.addresses[0][:2]
    site.base = f"http://{host}:{port}"
    try:
        yield site
    finally:
        await runner.cleanup()


async def test_added_feed_brings_todays_complaints_and_not_its_archive(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], start_bot: StartBot, feed: DatedFeed
) -> None:
    clock = Clock(moment=NOW)
    feed.items = [
        DatedItem("today", "В FitStudio сегодня нагрубили на ресепшене", NOW - timedelta(hours=3)),
        DatedItem("lastweek", "В FitStudio на прошлой неделе было грязно", NOW - timedelta(days=7)),
        DatedItem("undated", "В FitStudio когда-то сломался душ", None),
    ]
    await start_bot(clock, KEYWORDS="FitStudio", POLL_INTERVAL=0.3)
    tg.send_command(people[DIRECTOR], f"/feeds add {feed.url}")
    await tg.wait_message(DIRECTOR, contains="нагрубили на ресепшене")
    await tg.wait_for(lambda: feed.hits >= 2)  # a second poll: nothing more turns up
    feed.items.insert(0, DatedItem("later", "В FitStudio опять нагрубили, ужасный сервис", None))
    await tg.wait_message(DIRECTOR, contains="опять нагрубили, ужасный")
    said = texts_to(tg, DIRECTOR)
    assert not any("прошлой неделе" in text or "сломался душ" in text for text in said)
