"""Pure rendering: escaping, Telegram's 4096 limit, splitting and list lines."""

from __future__ import annotations

import html
import string
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.views.cards import (
    MESSAGE_LIMIT,
    CardFacts,
    fill_and_split,
    fit_escaped,
    format_delay,
    pack_blocks,
    render_card,
    render_history,
    render_list,
    split_escaped,
    utf16_len,
)
from bot.views.texts import Texts
from storage.models import ConversationEntry, RootCause, Status, Ticket

TZ = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
RU = Texts("ru")


def ticket(**overrides: object) -> Ticket:
    base: dict[str, object] = dict(
        id=7,
        source="telegram",
        external_id="1:1",
        author_id=1,
        author_name="Анна (@anna)",
        client_chat_id=1,
        text="Душ не работает",
        link=None,
        status=Status.OPEN,
        owner_id=None,
        due_at=None,
        root_cause=None,
        created_at=NOW,
        updated_at=NOW,
        first_response_at=None,
        closed_at=None,
        resolution=None,
    )
    base.update(overrides)
    return Ticket(**base)  # type: ignore[arg-type]


def test_card_shows_everything_a_director_needs() -> None:
    card = render_card(
        ticket(
            owner_id=5,
            due_at=NOW + timedelta(days=1),
            root_cause=RootCause.PROCESS,
            status=Status.IN_PROGRESS,
            first_response_at=NOW + timedelta(minutes=12),
        ),
        CardFacts(owner_name="Мария", message_count=3),
        RU,
        TZ,
        NOW,
    )
    assert card.startswith("🟡 <b>Обращение №7</b>")
    assert "Telegram, личные сообщения · Анна (@anna) · 23.11 12:00" in card
    assert "Душ не работает" in card
    assert "Ответственный: Мария" in card
    assert "Контроль: 24.11 12:00, завтра" in card
    assert "Причина: Сломан процесс" in card
    assert "Первый ответ через 12 мин" in card
    assert "3 сообщения в истории · /ticket 7" in card


@pytest.mark.parametrize(
    ("due", "now", "shown"),
    [
        (NOW + timedelta(days=1), NOW, "Контроль: 24.11 12:00, завтра"),
        (NOW + timedelta(days=1), NOW + timedelta(days=1), "Контроль: 24.11 12:00, сегодня"),
        (NOW + timedelta(days=1), NOW + timedelta(days=2), "Контроль: 24.11 12:00, вчера"),
        (NOW + timedelta(days=1), NOW + timedelta(days=5), "Контроль: 24.11 12:00 ·"),
        (NOW + timedelta(days=40), NOW, "Контроль: 02.01.2027 12:00 ·"),
    ],
)
def test_card_shows_the_control_date_itself(due: datetime, now: datetime, shown: str) -> None:
    """The date in the configured timezone, the word only while it is near: a card that stays
    in the chat must not say "завтра" the day after."""
    card = render_card(ticket(due_at=due), CardFacts(None, 1), RU, TZ, now)
    assert shown in card


FEED = "http://reviews.example/feed.xml"


def feed_ticket(**overrides: object) -> Ticket:
    values: dict[str, object] = dict(
        source=FEED,
        external_id="review-101",
        author_id=None,
        author_name="",
        client_chat_id=None,
        text="Душ опять не работает\nВторой раз за неделю.",
        link="https://reviews.example/reviews/101",
        matched_keyword="ФитСтудия",
        mention_kind="complaint",
        mention_route="card",
    )
    return ticket(**{**values, **overrides})


def test_feed_card_names_the_feed_the_author_and_links_the_item() -> None:
    card = render_card(
        feed_ticket(source_title="Отзывы о клубах", author_name="Иван"),
        CardFacts(None, 1),
        RU,
        TZ,
        NOW,
    )
    assert "Лента Отзывы о клубах · Иван · 23.11 12:00" in card
    assert '<a href="https://reviews.example/reviews/101">Открыть источник</a>' in card
    assert "Душ опять не работает\nВторой раз за неделю." in card  # the item's title leads
    assert "?" not in card


def test_feed_card_without_title_or_author_shows_the_host_and_no_question_mark() -> None:
    card = render_card(feed_ticket(link=None), CardFacts(None, 1), RU, TZ, NOW)
    assert "Лента reviews.example · 23.11 12:00" in card
    assert FEED + " ·" not in card
    assert f'<a href="{FEED}">Открыть источник</a>' in card  # no item link: the feed's
    assert "?" not in card


def test_card_of_a_direct_message_without_a_name_has_no_question_mark() -> None:
    card = render_card(ticket(author_name=""), CardFacts(None, 1), RU, TZ, NOW)
    assert "Telegram, личные сообщения · 23.11 12:00" in card
    assert "?" not in card and "href" not in card


def test_card_source_title_is_escaped_once() -> None:
    card = render_card(
        ticket(source="tg:-100", source_title="Кофе & <спорт>"), CardFacts(None, 1), RU, TZ, NOW
    )
    assert "Чат «Кофе &amp; &lt;спорт&gt;» · Анна (@anna)" in card


def test_feed_card_in_english() -> None:
    card = render_card(feed_ticket(link=None), CardFacts(None, 1), Texts("en"), TZ, NOW)
    assert "Feed reviews.example · 23.11 12:00" in card


def test_card_escapes_user_text_and_names() -> None:
    card = render_card(
        ticket(
            text="<b>x</b> & <script>", author_name="<i>Хакер</i>", link='https://e.x/?a=1&b="2"'
        ),
        CardFacts(owner_name="<u>", message_count=1),
        RU,
        TZ,
        NOW,
    )
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;" in card
    assert "&lt;i&gt;Хакер&lt;/i&gt;" in card
    assert 'href="https://e.x/?a=1&amp;b=&quot;2&quot;"' in card
    assert "Ответственный: &lt;u&gt;" in card


@pytest.mark.parametrize("text", ["я" * 5000, "<" * 5000, "😡" * 3000, "&amp;" * 2000])
def test_card_of_huge_text_fits_and_points_to_full_text(text: str) -> None:
    card = render_card(ticket(text=text), CardFacts(None, 1), RU, TZ, NOW)
    assert utf16_len(card) <= MESSAGE_LIMIT
    assert "/ticket 7" in card
    assert utf16_len(card) > MESSAGE_LIMIT - 200


def test_fit_escaped_never_cuts_an_entity() -> None:
    escaped, trimmed = fit_escaped("a&b" * 10, 12)
    assert trimmed
    assert html.unescape(escaped) == "a&ba&b"[: len(html.unescape(escaped))]
    assert not escaped.endswith("&") and not escaped.endswith("&am")


def test_split_escaped_keeps_every_character_and_respects_budget() -> None:
    raw = "".join(string.ascii_letters[i % 52] + ("<" if i % 7 == 0 else " ") for i in range(9000))
    pieces = split_escaped(raw, 1000)
    assert all(utf16_len(piece) <= 1000 for piece in pieces)
    assert "".join(html.unescape(piece) for piece in pieces) == raw


def test_fill_and_split_sends_a_long_reply_whole() -> None:
    raw = "слово " * 1500
    parts = fill_and_split(RU, "client_reply", "text", raw, signature="Ирина, директор")
    assert len(parts) >= 2
    assert all(utf16_len(p) <= MESSAGE_LIMIT for p in parts)
    assert parts[0].startswith("<b>Ирина, директор</b>\n")
    body = html.unescape(parts[0].split("\n", 1)[1]) + "".join(html.unescape(p) for p in parts[1:])
    assert body == raw


def test_history_is_split_into_valid_messages_and_loses_nothing() -> None:
    entries = [
        ConversationEntry(
            i,
            7,
            "in" if i % 2 else "out",
            1,
            "Анна",
            1,
            i,
            "text",
            f"сообщение {i} " + "x" * 900,
            None,
            True,
            NOW,
            None,
        )
        for i in range(12)
    ]
    messages = render_history(ticket(), entries, RU, TZ)
    assert len(messages) > 1
    assert all(utf16_len(m) <= MESSAGE_LIMIT for m in messages)
    joined = "".join(messages)
    assert all(f"сообщение {i} " in joined for i in range(12))


def test_pack_blocks_joins_small_blocks() -> None:
    assert pack_blocks(["a", "b", "c"]) == ["a\n\nb\n\nc"]
    assert pack_blocks(["a" * 3000, "b" * 3000]) == ["a" * 3000, "b" * 3000]


def test_list_trims_previews_and_says_when_more() -> None:
    items = [(ticket(id=i, text="Очень " * 30), None) for i in range(1, 5)]
    text = render_list("list_open", items, RU, limit=3)
    assert text.count("№") == 3
    assert "… и ещё, показаны первые 3." in text
    assert "Очень Очень" in text and "…" in text
    assert render_list("list_open", [], RU, limit=3) == "Открытых обращений нет. 🎉"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "0 мин"), (59, "59 мин"), (61, "1 ч 1 мин"), (60 * 25, "1 дн 1 ч")],
)
def test_format_delay(minutes: int, expected: str) -> None:
    assert format_delay(timedelta(minutes=minutes), RU) == expected
