"""Posters and tags without Telegram: the QR code on a rendered poster decodes back to the
exact link, the PDF is one A4 page, tags are what Telegram carries, text is only text, and
the counts /links shows come from the right month."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
import zxingcpp
from matplotlib.image import imread

from bot.core.posters import (
    CHAT_START,
    TAG_LIMIT,
    Posters,
    deep_link,
    month_start,
    tag_problem,
)
from bot.views.poster import dark_runs, fit_size, printable, render_links, render_poster, wrap
from bot.views.texts import Texts
from storage import source_tags, tickets
from storage.db import Database
from storage.source_tags import TagCount

LINK = "https://t.me/firsthand_test_bot?start=hall2"
MSK = ZoneInfo("Europe/Moscow")
RU = Texts("ru")


def decoded(png: bytes) -> list[str]:
    """What a phone's camera would read off the PNG: every barcode zxing finds in it."""
    pixels = imread(io.BytesIO(png))  # floats in [0, 1], RGB or RGBA
    gray = (pixels[..., :3].mean(axis=2) * 255).round().astype(np.uint8)
    return [barcode.text for barcode in zxingcpp.read_barcodes(gray)]


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


# --- the poster -------------------------------------------------------------------------------


def test_the_qr_code_decodes_back_to_the_exact_link() -> None:
    pdf, png = render_poster(LINK, "firsthand_test_bot", "Напишите мне напрямую", "Зал №2")
    assert decoded(png) == [LINK]
    assert pdf.startswith(b"%PDF")
    assert pages(pdf) == 1
    width, height = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)", pdf).groups()
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4 in points
    shape = imread(io.BytesIO(png)).shape
    assert shape[0] > shape[1] >= 1200  # portrait, sharp enough on a phone


def test_the_longest_link_telegram_allows_still_decodes() -> None:
    link = deep_link("a" * 32, "Z_-9" * 16)
    _, png = render_poster(link, "a" * 32, "Напишите мне", None)
    assert decoded(png) == [link]


def test_hostile_text_is_only_text_and_the_code_still_decodes() -> None:
    # mathtext would refuse an unknown command; markup, emoji, controls and a page of words
    headline = "$\\nosuchcommand$ <b>жирный</b> 🙂 \u202e\x00 " + "слово " * 500 + "Б" * 300
    pdf, png = render_poster(LINK, "firsthand_test_bot", headline, "$\\x$ " * 40)
    assert decoded(png) == [LINK]
    assert pages(pdf) == 1


def test_the_poster_is_the_same_for_the_same_words() -> None:
    first = render_poster(LINK, "firsthand_test_bot", "Напишите мне", "Зал №2")
    assert render_poster(LINK, "firsthand_test_bot", "Напишите мне", "Зал №2") == first
    assert render_poster(LINK, "firsthand_test_bot", "Напишите мне", "Зал №3")[1] != first[1]


def test_dark_runs_cover_exactly_the_dark_modules() -> None:
    matrix = [[1, 1, 0, 1], [0, 0, 0, 0], [0, 1, 1, 1]]
    assert dark_runs(matrix) == [(0, 0, 2), (0, 3, 4), (2, 1, 4)]


def test_wrap_breaks_between_words_and_inside_a_word_too_long_for_a_line() -> None:
    def width(text: str) -> float:
        return float(len(text))

    assert wrap("Напишите мне напрямую, я читаю", 14, width) == [
        "Напишите мне",
        "напрямую, я",
        "читаю",
    ]
    assert wrap("ab " + "x" * 25, 10, width) == ["ab", "x" * 10, "x" * 10, "x" * 5]
    assert wrap("  \n ", 10, width) == []
    assert all(len(line) <= 7 for line in wrap("раз два три четыре пятьшестьсемь", 7, width))


def test_a_line_that_must_stay_one_line_takes_smaller_type() -> None:
    def sizer(size: float) -> Callable[[str], float]:
        return lambda text: len(text) * size

    assert fit_size("abcd", 10, 100, sizer) == 10
    assert fit_size("a" * 12, 10, 100, sizer) == pytest.approx(100 / 12)
    assert fit_size("a" * 1000, 10, 100, sizer) == 7  # never unreadably small


def test_printable_keeps_words_and_drops_what_would_print_as_a_box() -> None:
    text = "Зал\n№2\t$5 <b> 🙂\u202e\x07 é"
    assert printable(text, "DejaVu Sans", "normal") == "Зал №2 $5 <b> é"


# --- tags and links ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "problem"),
    [
        ("hall2", None),
        ("locker-room", None),
        ("Reception_1", None),
        ("a", None),
        ("x" * TAG_LIMIT, None),
        ("x" * (TAG_LIMIT + 1), "poster_tag_too_long"),
        ("зал2", "poster_tag_chars"),
        ("hall 2", "poster_tag_chars"),
        ("hall.2", "poster_tag_chars"),
        ("hall2\n", "poster_tag_chars"),
        ("hall２", "poster_tag_chars"),  # a full-width digit is a digit, not one Telegram takes
        ("", "poster_tag_empty"),
        ("fh-chat", "poster_tag_reserved"),
        ("fh-anything", "poster_tag_reserved"),
        ("FH-chat", None),  # tags are case-sensitive, as Telegram passes them
        ("my-fh-", None),
    ],
)
def test_tag_problem(tag: str, problem: str | None) -> None:
    assert tag_problem(tag) == problem


def test_every_problem_is_answered_in_both_languages_quoting_the_tag_safely() -> None:
    for language in ("ru", "en"):
        t = Texts(language)
        for tag in ("", "x" * 65, "<b>зал</b>", "fh-x"):
            problem = tag_problem(tag)
            assert problem is not None
            answer = t(problem, tag=tag, limit=TAG_LIMIT)
            assert "<b>зал" not in answer
            if tag == "<b>зал</b>":
                assert "&lt;b&gt;зал&lt;/b&gt;" in answer


def test_deep_link() -> None:
    assert deep_link("firsthand_test_bot", "hall2") == LINK
    assert tag_problem(CHAT_START) == "poster_tag_reserved"


def test_this_month_begins_where_the_company_is() -> None:
    # 22:00 UTC on 31 October is already 1 November in Moscow
    assert month_start(datetime(2026, 10, 31, 22, 0, tzinfo=UTC), MSK) == datetime(
        2026, 10, 31, 21, 0, tzinfo=UTC
    )
    assert month_start(datetime(2026, 10, 31, 20, 59, tzinfo=UTC), MSK) == datetime(
        2026, 9, 30, 21, 0, tzinfo=UTC
    )
    assert month_start(datetime(2026, 1, 15, tzinfo=UTC), UTC) == datetime(2026, 1, 1, tzinfo=UTC)


def test_links_list_each_tag_with_its_link_and_count() -> None:
    entries = [
        (TagCount("hall2", "Зал <№2>", 3), deep_link("bot", "hall2")),
        (TagCount("site", None, 1), deep_link("bot", "site")),
    ]
    [text] = render_links(entries, RU)
    assert text.startswith("<b>Ссылки с метками</b>")
    assert "<b>Зал &lt;№2&gt;</b> · <code>hall2</code>\nhttps://t.me/bot?start=hall2\n" in text
    assert "3 обращения" in text and "1 обращение" in text
    assert "<code>site</code> (без названия)" in text
    assert text.endswith("<code>/poster метка Название</code>")  # how to give one a title
    assert render_links([], RU) == [RU("links_empty")]
    [titled] = render_links(entries[:1], Texts("en"))
    assert "3 cases" in titled and "/poster tag Title" not in titled


def test_many_links_are_split_into_messages_telegram_takes() -> None:
    entries = [
        (TagCount(f"tag{n:03}", "Т" * 60, n), deep_link("b" * 32, f"tag{n:03}" + "x" * 58))
        for n in range(60)
    ]
    messages = render_links(entries, RU)
    assert len(messages) > 1
    assert all(len(message) <= 4096 for message in messages)
    joined = "\n".join(messages)
    assert all(joined.count(f"<code>tag{n:03}</code>") == 1 for n in range(60))


# --- the service, on a real database ----------------------------------------------------------


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "posters.db")
    try:
        yield database
    finally:
        await database.close()


async def _ticket(db: Database, tag: str | None, at: datetime) -> None:
    async with db.transaction() as conn:
        await tickets.insert(
            conn,
            source="direct",
            external_id=f"{tag}-{at.isoformat()}",
            author_id=1,
            author_name="Анна",
            client_chat_id=1,
            text="душ не работает",
            link=None,
            now=at,
            source_tag=tag,
        )


async def test_links_count_this_months_tickets_in_the_companys_timezone(db: Database) -> None:
    now = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
    posters = Posters(db, clock=lambda: now, timezone=MSK)
    await posters.set_title("hall2", "Зал №1")
    await posters.set_title("hall2", "Зал №2")  # a new title replaces the old one
    await posters.set_title("quiet", "Тихий угол")
    await _ticket(db, "hall2", datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    await _ticket(db, "hall2", datetime(2026, 10, 31, 21, 30, tzinfo=UTC))  # 1 Nov in Moscow
    await _ticket(db, "hall2", datetime(2026, 10, 31, 20, 30, tzinfo=UTC))  # still October
    await _ticket(db, "site", datetime(2026, 11, 10, 9, 0, tzinfo=UTC))  # never titled
    await _ticket(db, "old", datetime(2026, 10, 10, 9, 0, tzinfo=UTC))  # last month only
    await _ticket(db, None, datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    await posters.started(7, "lobby")  # a start this month, no ticket yet
    assert await posters.links() == [
        TagCount("hall2", "Зал №2", 2),
        TagCount("site", None, 1),
        TagCount("lobby", None, 0),
        TagCount("quiet", "Тихий угол", 0),
    ]
    # in UTC the October ticket at 21:30 is not this month's
    in_utc = Posters(db, clock=lambda: now)
    assert (await in_utc.links())[0] == TagCount("hall2", "Зал №2", 1)
    assert await posters.title("hall2") == "Зал №2"
    assert await posters.title("site") is None


async def test_a_start_keeps_only_a_tag_a_poster_could_carry(db: Database) -> None:
    now = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)
    posters = Posters(db, clock=lambda: now)
    await posters.started(1, "hall2")
    await posters.started(2, "зал")
    await posters.started(3, CHAT_START)
    await posters.started(4, None)
    await posters.started(5, "x" * 65)
    async with db.read() as conn:
        starts = {uid: await source_tags.start_of(conn, uid) for uid in range(1, 6)}
    assert {uid: start.tag for uid, start in starts.items() if start} == {
        1: "hall2",
        2: None,
        3: None,
        4: None,
        5: None,
    }
    # a later start without a tag keeps the tag the client came with
    await posters.started(1, None)
    async with db.read() as conn:
        start = await source_tags.start_of(conn, 1)
    assert start is not None and start.tag == "hall2"
    assert start.tagged_at == now


async def test_poster_text_is_each_directors_own(db: Database) -> None:
    posters = Posters(db)
    assert await posters.poster_text(100) is None
    await posters.set_poster_text(100, "Пишите мне, я на связи")
    assert await posters.poster_text(100) == "Пишите мне, я на связи"
    assert await posters.poster_text(101) is None
    await posters.set_poster_text(100, None)
    assert await posters.poster_text(100) is None


async def test_tickets_by_tag_reads_from_the_moment_given(db: Database) -> None:
    since = datetime(2026, 11, 1, tzinfo=UTC)
    await _ticket(db, "a", since)
    await _ticket(db, "a", since - timedelta(seconds=1))
    await _ticket(db, "b", since + timedelta(days=3))
    async with db.read() as conn:
        assert await source_tags.tickets_by_tag(conn, since) == {"a": 1, "b": 1}
        assert await source_tags.all_tags(conn) == []
