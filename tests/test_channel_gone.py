"""A watched public channel that goes private, is renamed or deleted, through the real bot.

Its t.me/s page then sends the reader to t.me/<name>, a page with no posts at all. That used
to count as a healthy poll of a quiet channel, forever; now the directors hear about it once,
like about any failing source, and once more when the channel is public again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web

from tests.conftest import DIRECTOR, StartBot
from tests.helpers import texts_to
from tests.standin import StandInTelegram

FIXTURES = Path(__file__).parent / "collectors" / "fixtures"
NAME = "sokol_sport_yard"
REASON = "channel is private, renamed or deleted (no public preview)"
FAILING = "не отвечает"
RECOVERED = "снова работает"


@dataclass
class ChannelSite:
    """t.me in miniature for one channel: its preview while public, and while not, the
    redirect to the page that only offers to message @name."""

    base: str = ""
    preview: str = "channel_empty.html"
    public: bool = True
    hits: Counter[str] = field(default_factory=Counter)

    def app(self) -> web.Application:
        async def preview(request: web.Request) -> web.StreamResponse:
            name = request.match_info["name"]
            self.hits["preview"] += 1
            if not self.public or name != NAME:
                raise web.HTTPFound(location=f"/{name}")
            return self._page(self.preview)

        async def contact(request: web.Request) -> web.StreamResponse:
            self.hits["contact"] += 1
            return self._page("channel_gone.html")

        app = web.Application()
        app.router.add_get("/s/{name}", preview)
        app.router.add_get("/{name}", contact)
        return app

    @staticmethod
    def _page(fixture: str) -> web.Response:
        body = (FIXTURES / fixture).read_bytes()
        return web.Response(body=body, content_type="text/html", charset="utf-8")


@pytest.fixture
async def site() -> AsyncIterator[ChannelSite]:
    running = ChannelSite()
    runner = web.AppRunner(running.app(), access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    host, port = runner.addresses[0][:2]
    running.base = f"http://{host}:{port}"
    try:
        yield running
    finally:
        await runner.cleanup()


def count_with(tg: StandInTelegram, part: str) -> int:
    return sum(1 for text in texts_to(tg, DIRECTOR) if part in text)


async def test_channel_gone_private_is_reported_once_shown_in_health_and_recovers(
    tg: StandInTelegram, people: dict[int, dict], start_bot: StartBot, site: ChannelSite
) -> None:
    # A short interval: the back-off after each failure grows from it, up to 24 intervals.
    bot = await start_bot(
        CHANNELS=NAME,
        TELEGRAM_WEB_URL=site.base,
        KEYWORDS="FitStudio",
        POLL_INTERVAL=0.05,
        MENTION_SUMMARY_MINUTES=0.01,
    )
    # A channel with no posts yet is a quiet channel, not a failing one.
    await tg.wait_for(lambda: site.hits["preview"] >= 3, timeout=10)
    site.preview = "channel_preview.html"
    await tg.wait_message(DIRECTOR, contains="FitStudio на Соколе", timeout=10)
    assert count_with(tg, FAILING) == 0

    site.public = False
    failing = await tg.wait_message(DIRECTOR, contains=FAILING, timeout=15)
    assert f"t.me/{NAME}" in failing.text and REASON in failing.text
    seen = site.hits["contact"]
    await tg.wait_for(lambda: site.hits["contact"] >= seen + 3, timeout=20)  # still failing
    await bot.settle()
    assert count_with(tg, FAILING) == 1

    tg.send_command(people[DIRECTOR], "/health")
    report = await tg.wait_message(DIRECTOR, contains="Очередь отправки")
    assert "Источники: 1 · отвечают: 0" in report.text
    assert f"⚠️ {site.base}/s/{NAME}: ошибок подряд" in report.text and REASON in report.text

    tg.send_command(people[DIRECTOR], "/sources")
    overview = await tg.wait_message(DIRECTOR, contains="Источники упоминаний")
    lines = overview.text.splitlines()
    channel = lines.index(next(line for line in lines if f"t.me/{NAME}" in line))
    assert REASON in lines[channel + 1]

    site.public = True
    await tg.wait_message(DIRECTOR, contains=RECOVERED, timeout=15)
    seen = site.hits["preview"]
    await tg.wait_for(lambda: site.hits["preview"] >= seen + 2, timeout=10)
    await bot.settle()
    assert count_with(tg, FAILING) == 1
    assert count_with(tg, RECOVERED) == 1
    assert count_with(tg, "FitStudio на Соколе") == 1  # the posts seen before are not news
