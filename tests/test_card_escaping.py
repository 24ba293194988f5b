"""A card's source line and link are escaped exactly once.

They once came out escaped twice (`a=1&amp;amp;b=2`, `&amp;lt;чат&amp;gt;`): the label was
escaped when built and again when formatted into the card, so directors read entity names
instead of the chat's title and got a link with a broken query. Escaping too little is
caught as well: a raw `<` in a title would break Telegram's HTML parse.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.views.cards import CardFacts, render_card
from bot.views.texts import Texts
from storage.models import Status, Ticket

TZ = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
RU = Texts("ru")
FEED = "https://reviews.example/feed.xml?a=1&b=2"


def mention(source: str, **overrides: object) -> Ticket:
    values: dict[str, object] = dict(
        id=3,
        source=source,
        external_id="42",
        author_id=None,
        author_name="Гость",
        client_chat_id=None,
        text="Душ не работает",
        link="https://reviews.example/r/42?a=1&b=2",
        status=Status.OPEN,
        owner_id=None,
        due_at=None,
        root_cause=None,
        created_at=NOW,
        updated_at=NOW,
        first_response_at=None,
        closed_at=None,
        resolution=None,
        matched_keyword="ФитСтудия",
        mention_kind="complaint",
        mention_route="card",
        source_title="<чат>",
    )
    values.update(overrides)
    return Ticket(**values)  # type: ignore[arg-type]


def card(ticket: Ticket) -> str:
    return render_card(ticket, CardFacts(None, 1), RU, TZ, NOW)


def assert_escaped_once(html: str) -> None:
    assert "&amp;amp;" not in html and "&amp;lt;" not in html and "&amp;gt;" not in html
    assert "<чат>" not in html


def test_feed_mention_source_and_link_are_escaped_once() -> None:
    html = card(mention(FEED))
    assert "Лента &lt;чат&gt; · Гость · 23.11 12:00" in html
    assert '<a href="https://reviews.example/r/42?a=1&amp;b=2">' in html
    assert html.count("a=1&amp;b=2") == 1
    assert_escaped_once(html)


def test_feed_mention_without_its_own_link_links_the_feed_escaped_once() -> None:
    html = card(mention(FEED, link=None, source_title=None))
    assert "Лента reviews.example · Гость" in html
    assert f'<a href="{FEED.replace("&", "&amp;")}">' in html
    assert_escaped_once(html)


def test_group_mention_chat_title_and_link_are_escaped_once() -> None:
    html = card(
        mention(
            "tg:-100123",
            source_title="<чат> & друзья",
            link="https://t.me/c/123/5?a=1&b=2",
            author_name="Пётр",
        )
    )
    assert "Чат «&lt;чат&gt; &amp; друзья» · Пётр" in html
    assert '<a href="https://t.me/c/123/5?a=1&amp;b=2">' in html
    assert_escaped_once(html)
