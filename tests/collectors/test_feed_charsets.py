"""Feeds in the encodings sites really serve, declared rightly, wrongly or not at all.

Every body here is real bytes in the named encoding; the expected text is what a person
reading the site sees.
"""

from __future__ import annotations

import pytest

from collectors.feeds import parse_feed

RU_TITLE = "Жалоба на ФитСтудию"
RU_TEXT = "Списали деньги дважды, верните! Душ опять не работает, тренер хамит."
FR_TITLE = "La qualité du service"
FR_TEXT = "Très déçu : la qualité a baissé à Noël, l'accueil était glacial."


def _rss(title: str, text: str, declaration: str = '<?xml version="1.0"?>\n') -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>{title.split()[0]}</title>'
        f"<link>http://local.example/</link><item><guid>n-1</guid><title>{title}</title>"
        f"<description>{text}</description></item></channel></rss>\n"
    )


async def _one(body: bytes, content_type: str | None) -> tuple[str | None, str]:
    (mention,) = await parse_feed(
        body, source="s", base_url="http://local.example/", content_type=content_type
    )
    return mention.title, mention.text


@pytest.mark.parametrize(
    ("encoding", "title", "text"),
    [
        ("latin-1", FR_TITLE, FR_TEXT),
        ("koi8-r", RU_TITLE, RU_TEXT),
    ],
)
async def test_undeclared_8bit_feed_is_detected(encoding: str, title: str, text: str) -> None:
    body = _rss(title, text).encode(encoding)
    assert await _one(body, "application/rss+xml") == (title, text)


async def test_utf8_bytes_win_over_a_windows_1251_label() -> None:
    """A server configured for cp1251 serving a feed its CMS writes in UTF-8."""
    body = _rss(RU_TITLE, RU_TEXT, '<?xml version="1.0" encoding="windows-1251"?>\n')
    assert await _one(body.encode("utf-8"), "text/xml; charset=windows-1251") == (
        RU_TITLE,
        RU_TEXT,
    )


async def test_cp1251_bytes_labelled_utf8_are_still_read() -> None:
    body = _rss(RU_TITLE, RU_TEXT).encode("cp1251")
    assert await _one(body, "application/rss+xml; charset=utf-8") == (RU_TITLE, RU_TEXT)


@pytest.mark.parametrize(
    "declaration",
    [
        '\n\n  <?xml version="1.0" encoding="koi8-r"?>\n',  # whitespace before it
        '<?xml version="1.0"\n     encoding="koi8-r"?>\n',  # split over lines
    ],
)
async def test_declaration_in_an_untidy_prolog_is_honoured(declaration: str) -> None:
    body = _rss(RU_TITLE, RU_TEXT, declaration).encode("koi8-r")
    assert await _one(body, "application/rss+xml") == (RU_TITLE, RU_TEXT)


async def test_server_default_charset_loses_to_the_documents_own() -> None:
    """Header and declaration disagree and both decode the bytes: the reading that looks like
    language wins, not blindly the header (many servers add ISO-8859-1 to everything)."""
    body = _rss(RU_TITLE, RU_TEXT, '<?xml version="1.0" encoding="windows-1251"?>\n')
    assert await _one(body.encode("cp1251"), "text/xml; charset=ISO-8859-1") == (
        RU_TITLE,
        RU_TEXT,
    )
