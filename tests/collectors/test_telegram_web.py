"""The t.me/s preview page: parsed from a recorded fixture and fetched from a local server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from collectors.fetch import CollectorError
from collectors.poller import SourceState, poll_once
from collectors.telegram_web import (
    ChannelUnavailableError,
    channel_from_url,
    channel_page_url,
    parse_channel_bytes,
    parse_channel_page,
)
from tests.collectors.conftest import DEEP_CHANNEL
from tests.collectors.offloop import RecordingExecutor

PAGE = (Path(__file__).parent / "fixtures" / "tme_s_fitstudio_news.html").read_text("utf-8")
CHANNEL = "fitmoscow_talk"


def _parse(base_url: str = "https://t.me/s/fitmoscow_talk"):
    return parse_channel_page(PAGE, channel=CHANNEL, base_url=base_url)


def test_posts_with_text_are_mentions_in_page_order() -> None:
    ids = [m.external_id for m in _parse()]
    # 1841 is an album without a caption: nothing to read, so skipped.
    assert ids == [f"{CHANNEL}/1839", f"{CHANNEL}/1840", f"{CHANNEL}/1843", f"{CHANNEL}/1844"]


def test_text_time_link_and_owner() -> None:
    first = _parse()[0]
    assert first.source == f"t.me/{CHANNEL}"
    assert first.text.startswith("Подписчица пишет:\n\n«Второй раз за неделю не работает душ")
    assert "ФитСтудии" in first.text and first.text.endswith("😡")
    assert first.published == datetime(2025, 1, 6, 10, 0, tzinfo=UTC)
    assert first.link == f"https://t.me/{CHANNEL}/1839"
    assert first.author == "Фитнес Москва | Новости и отзывы"


def test_reply_quote_and_link_preview_are_not_the_post_text() -> None:
    by_id = {m.external_id: m for m in _parse()}
    reply = by_id[f"{CHANNEL}/1840"]
    assert reply.text == "Ответ клуба: душ починили, приносим извинения. Подробнее на сайте."
    assert reply.author == "Анна Смирнова"  # the signature beats the channel name

    forwarded = by_id[f"{CHANNEL}/1843"]
    assert forwarded.text == (
        "Списали деньги за продление дважды! Верните, пожалуйста, лишнее. Fit-Studio, ау?\n#жалоба"
    )
    assert "сеть фитнес-клубов" not in forwarded.text


def test_entities_are_decoded_once() -> None:
    last = _parse()[-1]
    assert last.text.endswith("<3 & до встречи")
    assert last.author == "Ольга К."
    assert last.published == datetime(2025, 1, 6, 15, 5, tzinfo=UTC)


def test_link_stays_public_when_fetched_through_a_mirror() -> None:
    assert _parse("http://127.0.0.1:8080/s/fitmoscow_talk")[0].link == (
        f"https://t.me/{CHANNEL}/1839"
    )


def _fixture(name: str) -> str:
    return (Path(__file__).parent / "fixtures" / name).read_text("utf-8")


GONE = "sokol_sport_yard"


def test_preview_with_channel_info_gives_its_posts() -> None:
    mentions = parse_channel_page(
        _fixture("channel_preview.html"), channel=GONE, base_url=f"https://t.me/s/{GONE}"
    )
    assert [(m.external_id, m.author) for m in mentions] == [
        (f"{GONE}/41", "Сокол: спорт во дворе"),
        (f"{GONE}/42", "Пётр В."),
    ]
    assert "холодная вода" in mentions[1].text


def test_preview_of_a_channel_without_posts_is_empty_not_an_error() -> None:
    page = _fixture("channel_empty.html")
    assert parse_channel_page(page, channel=GONE, base_url=f"https://t.me/s/{GONE}") == []


def test_contact_page_of_a_channel_gone_private_renamed_or_deleted_is_an_error() -> None:
    """t.me/s/<name> of a channel that is no longer public lands on t.me/<name>, the page
    offering to message @name: no posts there must not pass for a quiet channel."""
    page = _fixture("channel_gone.html").encode()
    with pytest.raises(ChannelUnavailableError) as caught:
        parse_channel_bytes(page, GONE, f"https://t.me/{GONE}", "utf-8")
    assert isinstance(caught.value, CollectorError)  # what the poller records as a failure
    assert caught.value.reason == "channel is private, renamed or deleted (no public preview)"
    assert caught.value.retry_after is None


def test_bare_tme_page_and_a_page_that_is_not_telegram_are_errors() -> None:
    bare = "<html><body><div class='tgme_page'>If you have Telegram…</div></body></html>"
    with pytest.raises(ChannelUnavailableError, match="private, renamed or deleted"):
        parse_channel_page(bare, channel="x", base_url="https://t.me")
    for other in ("", "<html><body><h1>Access denied</h1></body></html>"):
        with pytest.raises(ChannelUnavailableError, match="not a Telegram channel preview"):
            parse_channel_page(other, channel="x", base_url="https://mirror.example/s/x")


def test_channel_url_helpers() -> None:
    assert channel_page_url("@brand") == "https://t.me/s/brand"
    assert channel_page_url("brand", "http://127.0.0.1:1/") == "http://127.0.0.1:1/s/brand"
    assert channel_from_url("https://t.me/s/brand?before=10") == "brand"
    assert channel_from_url("https://t.me/brand") == "brand"
    assert channel_from_url("@brand") == "brand"


async def test_poll_channel_from_local_server(server, session) -> None:
    state = SourceState(key="tg:fit", kind="channel", url=channel_page_url(CHANNEL, server.base))
    mentions = await poll_once(state, session, timeout=2)
    assert len(mentions) == 4
    assert {m.source for m in mentions} == {"tg:fit"}
    assert mentions[0].link == f"https://t.me/{CHANNEL}/1839"


async def test_deeply_nested_hostile_page_is_parsed_off_the_loop(server, session) -> None:
    """50,000 unclosed <span>s and 50,000 stray end tags: every element used to rescan the
    whole stack (minutes of a blocked event loop). Now the page parses in a worker thread,
    in linear time, and yields the posts it has."""
    executor = RecordingExecutor()
    asyncio.get_running_loop().set_default_executor(executor)
    state = SourceState(
        key="t.me/deep", kind="channel", url=channel_page_url(DEEP_CHANNEL, server.base)
    )
    async with asyncio.timeout(60):  # generous: it takes well under a second now
        mentions = await poll_once(state, session, timeout=10)
    assert [m.external_id for m in mentions] == [f"{DEEP_CHANNEL}/1", f"{DEEP_CHANNEL}/2"]
    assert mentions[0].text.startswith("FitStudio: душ не работает ой ой")
    assert mentions[1].text == "Второй пост про FitStudio"
    assert "parse_channel_bytes" in executor.ran


def test_end_tags_close_what_they_implicitly_close_and_strays_close_nothing() -> None:
    page = (
        '<div class="tgme_widget_message" data-post="c/1">'
        '<div class="tgme_widget_message_text">один <b>два <i>три</b> четыре</i></u> пять</div>'
        '<span class="tgme_widget_message_from_author">Автор</span>'
        "</div>"
        '<div class="tgme_widget_message" data-post="c/2">'
        '<div class="tgme_widget_message_text">второй</div></div>'
    )
    posts = parse_channel_page(page, channel="c", base_url="https://t.me")
    assert [(m.text, m.author) for m in posts] == [
        ("один два три четыре пять", "Автор"),
        ("второй", None),
    ]


def test_script_and_style_inside_a_post_are_not_its_text() -> None:
    page = (
        '<div class="tgme_widget_message" data-post="c/7">'
        '<div class="tgme_widget_message_text">Тренер опоздал'
        "<script>alert(1)</script><style>.x{color:red}</style>"
        "<noscript>включите JS</noscript> на час</div></div>"
    )
    [mention] = parse_channel_page(page, channel="c", base_url="https://t.me/s/c")
    assert "alert" not in mention.text and "color" not in mention.text
    assert "JS" not in mention.text
    assert "Тренер опоздал" in mention.text and "на час" in mention.text
