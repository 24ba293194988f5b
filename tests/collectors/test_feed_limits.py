"""What one hostile or oversized feed can cost: entities never expand, text and items are capped.

Sizes are bounded instead of timed: an expanding entity shows up as text that is megabytes
long, whatever the machine's speed.
"""

from __future__ import annotations

import pytest

from collectors.feeds import FeedError, parse_feed

ENTITY_VALUE = "x" * 1024  # used 5,000 times below: 5 MB if expanded
USES = 5_000


def _entity_feed(prolog_extra: str = "") -> str:
    """An RSS whose DTD defines a 1 KB entity, used 5,000 times in one item, and a
    one-character entity that must keep working."""
    return (
        '<?xml version="1.0"?>\n'
        "<!DOCTYPE rss [\n"
        f'<!ENTITY e "{ENTITY_VALUE}">\n'
        '<!ENTITY ef "&#x424;">\n'
        "]>\n"
        f"{prolog_extra}"
        '<rss version="2.0"><channel><title>Отзывы</title>'
        "<item><guid>1</guid><title>&ef;итСтудия: душ</title>"
        f"<description>Жалоба {'&e;' * USES}</description></item>"
        "</channel></rss>"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
async def test_internal_dtd_entities_are_never_expanded(encoding: str) -> None:
    declared = _entity_feed().replace('"1.0"?>', f'"1.0" encoding="{encoding}"?>')
    body = declared.encode(encoding)  # UTF-16 (with a BOM): no byte pattern to strip
    (mention,) = await parse_feed(
        body, source="s", base_url="http://x/", content_type="application/rss+xml"
    )
    assert "x" * 100 not in mention.text
    assert len(mention.text) < 50_000  # 5 MB when the entity expands
    assert mention.text.startswith("Жалоба")
    # An entity standing for one character cannot amplify anything and is kept.
    assert mention.title == "ФитСтудия: душ"


async def test_entity_declared_outside_the_doctype_is_refused() -> None:
    """A prolog too odd to take apart safely is refused rather than half-defused: here a
    declaration after stray text, which feedparser would still copy to its loose parser."""
    body = _entity_feed().replace("]>\n", ']>\njunk\n<!ENTITY e2 "' + "y" * 1024 + '">\n')
    body = body.replace("&e;", "&e2;").encode()
    with pytest.raises(FeedError, match="refused"):
        await parse_feed(body, source="s", base_url="http://x/", content_type=None)


async def test_text_per_mention_is_capped() -> None:
    words = " ".join(f"слово{i}" for i in range(30_000))  # ~270,000 characters
    body = (
        '<rss version="2.0"><channel><title>t</title>'
        f"<item><guid>1</guid><title>{'Очень длинный заголовок ' * 200}</title>"
        f"<description>&lt;p&gt;FitStudio: {words}&lt;/p&gt;</description></item>"
        "</channel></rss>"
    ).encode()
    (mention,) = await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    assert 10_000 < len(mention.text) <= 20_000  # a few tens of KB at most, never 270 KB
    assert mention.text.startswith("FitStudio: слово0 слово1")
    assert mention.text.endswith("…")
    assert mention.title and len(mention.title) <= 1_000


async def test_items_per_poll_are_capped() -> None:
    items = "".join(f"<item><guid>g{i}</guid><title>Отзыв {i}</title></item>" for i in range(250))
    body = f'<rss version="2.0"><channel><title>t</title>{items}</channel></rss>'.encode()
    mentions = await parse_feed(body, source="s", base_url="http://x/", content_type=None)
    # The first ones in the document: feeds list the newest first.
    assert [m.title for m in mentions] == [f"Отзыв {i}" for i in range(200)]
