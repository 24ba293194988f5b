"""Feeds and public channels through the real bot: what the director sees, and what never
repeats, floods or stops the other sources."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiosqlite
import pytest

from bot.config import ConfigError, load_config
from storage.db import Database
from tests.conftest import DIRECTOR, TOKEN, Clock, StartBot
from tests.feedsite import CHANNEL, FeedSite, serve
from tests.helpers import texts_to
from tests.standin import StandInTelegram

COMPLAINT = "Второй раз за неделю не работает душ в ФитСтудии, администратор нагрубила"
PRAISE = "Спасибо тренеру FitStudio, всё очень понравилось"


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    async with serve() as running:
        yield running


def count_with(tg: StandInTelegram, chat_id: int, part: str) -> int:
    return sum(1 for text in texts_to(tg, chat_id) if part in text)


async def polled(tg: StandInTelegram, site: FeedSite, name: str, times: int = 1) -> None:
    start = site.hits[name]
    await tg.wait_for(lambda: site.hits[name] >= start + times, timeout=5)


async def test_new_feed_history_is_not_flooded_and_new_items_arrive(
    tg: StandInTelegram, start_bot: StartBot, site: FeedSite
) -> None:
    site.add("a", "old-1", "Жалоба", "Старая жалоба: в ФитСтудии грязно")
    await start_bot(
        FEEDS=site.url("a"), KEYWORDS="FitStudio", POLL_INTERVAL=0.3, MENTION_SUMMARY_MINUTES=0.01
    )
    await polled(tg, site, "a")
    site.add("a", "new-1", "Душ", COMPLAINT)
    site.add("a", "new-2", "Отзыв", PRAISE)
    site.add("a", "new-3", "Другое", "Про соседний клуб, без бренда, грязно и плохо")
    card = await tg.wait_message(DIRECTOR, contains="не работает душ")
    assert "Лента Отзывы a · " in card.text  # the feed's own title, no "?" for its author
    assert site.url("a") not in card.text and "?" not in card.text
    assert "Открыть источник" in card.text
    assert any(e.get("url") == "https://reviews.example/a/new-1" for e in card.entities)
    assert "Ключевое слово: «FitStudio» · похоже на жалобу" in card.text
    labels = [label for label, _ in tg.buttons(card)]
    assert any("Не жалоба" in label for label in labels)
    assert not any("Ответить" in label for label in labels)  # nobody to answer in a feed
    summary = await tg.wait_message(DIRECTOR, contains="🗞 1 упоминание")
    assert "Спасибо тренеру" in summary.text and "похвала" in summary.text
    assert any("карточками" in label for label, _ in tg.buttons(summary))
    assert count_with(tg, DIRECTOR, "Старая жалоба") == 0
    assert count_with(tg, DIRECTOR, "соседний клуб") == 0
    assert count_with(tg, DIRECTOR, "Спасибо тренеру") == 1


async def test_nothing_repeats_cross_posts_and_restarts(
    tg: StandInTelegram, start_bot: StartBot, site: FeedSite, db_path: Path
) -> None:
    env: dict[str, Any] = {
        "FEEDS": f"{site.url('a')},{site.url('b')}",
        "KEYWORDS": "FitStudio",
        "POLL_INTERVAL": 0.3,
    }
    bot = await start_bot(**env)
    await polled(tg, site, "a")
    await polled(tg, site, "b")
    site.add("a", "x-1", "Жалоба", COMPLAINT)
    site.add("b", "other-id", "Жалоба", COMPLAINT + " https://b.example/x")
    await tg.wait_message(DIRECTOR, contains="не работает душ")
    await polled(tg, site, "a")
    await polled(tg, site, "b")
    assert count_with(tg, DIRECTOR, "не работает душ") == 1
    await bot.stop()
    async with aiosqlite.connect(db_path) as conn:  # forget the validators: a full refetch
        await conn.execute("UPDATE sources SET etag = NULL, last_modified = NULL")
        await conn.commit()
    await start_bot(**env)
    await polled(tg, site, "a", times=2)
    await polled(tg, site, "b", times=1)
    assert count_with(tg, DIRECTOR, "не работает душ") == 1


async def test_a_broken_source_never_stops_the_others_and_is_reported_once(
    tg: StandInTelegram, start_bot: StartBot, site: FeedSite
) -> None:
    site.broken.add("down")
    await start_bot(
        FEEDS=f"{site.url('down')},{site.url('a')}", KEYWORDS="FitStudio", POLL_INTERVAL=0.3
    )
    await polled(tg, site, "a")
    site.add("a", "x-1", "Жалоба", COMPLAINT)
    await tg.wait_message(DIRECTOR, contains="не работает душ")
    failing = await tg.wait_message(DIRECTOR, contains="не отвечает")
    assert site.url("down") in failing.text and "HTTP 500" in failing.text
    site.broken.clear()
    # the next poll may be a back-off of 2.4 s (or 4.8 s) away
    await tg.wait_message(DIRECTOR, contains="снова работает", timeout=20)
    assert count_with(tg, DIRECTOR, "не отвечает") == 1
    assert count_with(tg, DIRECTOR, "снова работает") == 1


async def test_health_shows_which_sources_answer_and_why_one_does_not(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], start_bot: StartBot, site: FeedSite
) -> None:
    site.broken.add("down")
    await start_bot(FEEDS=f"{site.url('down')},{site.url('a')}", POLL_INTERVAL=0.3)
    await polled(tg, site, "down", times=2)
    tg.send_command(people[DIRECTOR], "/health")
    report = await tg.wait_message(DIRECTOR, contains="Очередь отправки")
    assert "Источники: 2 · отвечают: 1" in report.text
    assert f"⚠️ {site.url('down')}: ошибок подряд" in report.text and "HTTP 500" in report.text
    assert site.url("a") + ":" not in report.text


async def test_public_channel_new_post_becomes_a_card_with_its_link(
    tg: StandInTelegram, start_bot: StartBot, site: FeedSite
) -> None:
    await start_bot(
        CHANNELS=CHANNEL, TELEGRAM_WEB_URL=site.base, KEYWORDS="FitStudio", POLL_INTERVAL=0.3
    )
    await polled(tg, site, "channel")
    site.channel_complete = True
    card = await tg.wait_message(DIRECTOR, contains="Списали деньги")
    assert f"Канал t.me/{CHANNEL}" in card.text
    assert any(e.get("url") == f"https://t.me/{CHANNEL}/1843" for e in card.entities)
    await polled(tg, site, "channel")
    assert count_with(tg, DIRECTOR, "душ в мужской раздевалке") == 0  # history stays history
    assert count_with(tg, DIRECTOR, "Списали деньги") == 1


def test_source_settings_are_read_and_checked() -> None:
    config = load_config(
        {
            "BOT_TOKEN": TOKEN,
            "FEEDS": "https://a.example/rss, https://b.example/atom,https://a.example/rss",
            "CHANNELS": "@fitstudio_news, https://t.me/sokol_news",
            "KEYWORDS": "FitStudio, Фит Студио",
            "POLL_INTERVAL": "1",
            "MENTION_SUMMARY_MINUTES": "0.5",
        }
    )
    assert config.feeds == ("https://a.example/rss", "https://b.example/atom")
    assert config.channels == ("fitstudio_news", "sokol_news")
    assert config.keywords == ("FitStudio", "Фит Студио")
    assert (config.poll_interval, config.mention_summary_minutes) == (1.0, 0.5)
    assert config.telegram_web_url == "https://t.me"
    for name, value in (
        ("FEEDS", "a.example/rss"),
        ("CHANNELS", "no spaces"),
        ("POLL_INTERVAL", "0"),
    ):
        with pytest.raises(ConfigError, match=name):
            load_config({"BOT_TOKEN": TOKEN, name: value})


async def test_the_same_text_in_feeds_is_one_ticket_within_two_days_and_news_after(
    tg: StandInTelegram, start_bot: StartBot, site: FeedSite
) -> None:
    clock = Clock()
    feeds = ",".join(site.url(name) for name in ("a", "b", "c"))
    await start_bot(clock=clock, FEEDS=feeds, KEYWORDS="FitStudio", POLL_INTERVAL=0.3)
    for name in ("a", "b", "c"):
        await polled(tg, site, name)
    site.add("a", "x-1", "Жалоба", COMPLAINT)
    await tg.wait_message(DIRECTOR, contains="не работает душ")
    site.add("b", "y-1", "Жалоба", COMPLAINT)  # the same story re-posted: merged
    await polled(tg, site, "b", times=2)
    clock.advance(timedelta(hours=49))
    site.add("c", "z-1", "Жалоба", COMPLAINT)  # two days later the same words are news
    await tg.wait_for(lambda: count_with(tg, DIRECTOR, "не работает душ") == 2)
    await polled(tg, site, "b")
    assert count_with(tg, DIRECTOR, "не работает душ") == 2


def alerted(db_path: Path, key: str) -> bool:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute("SELECT alerted_failing FROM sources WHERE key = ?", (key,)).fetchone()
    return bool(row and row[0])


async def test_failing_alert_is_queued_with_its_flag_or_not_at_all(
    tg: StandInTelegram, start_bot: StartBot, site: FeedSite, db_path: Path
) -> None:
    """A crash between flagging a source as reported and queueing the report used to lose
    the report for good. The outbox refusing the row stands in for that crash: the flag must
    roll back with it, so the report goes out once the outbox takes rows again."""
    site.broken.add("down")
    await (await Database.open(db_path)).close()  # the schema, for the trigger from the start
    async with aiosqlite.connect(db_path) as conn:
        await conn.execute(
            """CREATE TRIGGER lose_alert BEFORE INSERT ON outbox
               WHEN NEW.payload LIKE '%не отвечает%'
               BEGIN SELECT RAISE(ABORT, 'crashed before the alert was queued'); END"""
        )
        await conn.commit()
    # a short interval: the backoff after each failure (and so the wait for the recovery)
    # grows from it
    await start_bot(FEEDS=site.url("down"), KEYWORDS="FitStudio", POLL_INTERVAL=0.05)
    await polled(tg, site, "down", times=3)
    assert not alerted(db_path, site.url("down"))
    async with aiosqlite.connect(db_path) as conn:
        await conn.execute("DROP TRIGGER lose_alert")
        await conn.commit()
    failing = await tg.wait_message(DIRECTOR, contains="не отвечает", timeout=10)
    assert site.url("down") in failing.text
    assert alerted(db_path, site.url("down"))
    site.broken.clear()
    await tg.wait_message(DIRECTOR, contains="снова работает", timeout=10)
    await asyncio.sleep(0.5)  # room for a repeat to show up
    assert count_with(tg, DIRECTOR, "не отвечает") == 1
    assert count_with(tg, DIRECTOR, "снова работает") == 1
