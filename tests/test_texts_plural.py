"""Plural forms come from CLDR through Babel, the catalogue refuses to be assembled wrongly, and
every text formats with its own placeholders.

Russian has three forms for whole numbers, and which one a number takes depends on its last
two digits (21 обращение, 22 обращения, 25 обращений, 111 обращений): the kind of rule a
hand-written `if n == 1` gets wrong, hence these exact cases.
"""

from __future__ import annotations

import string
from types import ModuleType

import pytest

from bot.views.texts import CATALOGUES, CatalogueError, Html, Texts, merge, plural_forms

RU = Texts("ru")
EN = Texts("en")


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "<b>1 открытое обращение</b>"),
        (2, "<b>2 открытых обращения</b>"),
        (5, "<b>5 открытых обращений</b>"),
        (11, "<b>11 открытых обращений</b>"),
        (21, "<b>21 открытое обращение</b>"),
        (22, "<b>22 открытых обращения</b>"),
        (25, "<b>25 открытых обращений</b>"),
        (111, "<b>111 открытых обращений</b>"),
    ],
)
def test_russian_picks_one_few_many_by_the_last_digits(count: int, expected: str) -> None:
    assert RU("digest_open_title", count=count) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 сообщение в истории · /ticket 7"),
        (2, "2 сообщения в истории · /ticket 7"),
        (5, "5 сообщений в истории · /ticket 7"),
        (11, "11 сообщений в истории · /ticket 7"),
        (21, "21 сообщение в истории · /ticket 7"),
        (22, "22 сообщения в истории · /ticket 7"),
        (25, "25 сообщений в истории · /ticket 7"),
        (111, "111 сообщений в истории · /ticket 7"),
    ],
)
def test_russian_card_counts_its_messages(count: int, expected: str) -> None:
    assert RU("card_messages", count=count, id=7) == expected


def test_russian_verb_agrees_with_the_number() -> None:
    assert RU("digest_waiting_title", count=1) == "<b>1 обращение ждёт первого ответа</b>"
    assert RU("digest_waiting_title", count=21) == "<b>21 обращение ждёт первого ответа</b>"
    assert RU("digest_waiting_title", count=3) == "<b>3 обращения ждут первого ответа</b>"
    assert RU("digest_waiting_title", count=12) == "<b>12 обращений ждут первого ответа</b>"


def test_english_has_one_and_other() -> None:
    assert EN("digest_open_title", count=1) == "<b>1 open case</b>"
    assert EN("digest_open_title", count=2) == "<b>2 open cases</b>"
    assert EN("digest_open_title", count=0) == "<b>0 open cases</b>"
    assert EN("card_messages", count=1, id=7) == "1 message in the history · /ticket 7"
    assert EN("card_messages", count=2, id=7) == "2 messages in the history · /ticket 7"
    assert EN("health_sources_more", count=1) == "…and 1 more failing source: /sources"
    assert EN("health_sources_more", count=2) == "…and 2 more failing sources: /sources"


def test_plural_texts_still_escape_their_values() -> None:
    title = RU("burst_title", count=2)
    assert title.startswith("📥 <b>2 новых обращения.</b>")
    line = RU("sources_line", id=1, name=Html("<i>Лента</i>"), ok="<?>", error="—", count=1)
    assert line == "1. <i>Лента</i>\n    успех: &lt;?&gt; · ошибка: — · 1 упоминание"


def test_a_plural_text_without_count_is_refused() -> None:
    with pytest.raises(TypeError, match="count"):
        RU("digest_open_title")


def test_each_language_needs_its_own_categories() -> None:
    assert plural_forms("ru") == {"one", "few", "many", "other"}
    assert plural_forms("en") == {"one", "other"}


def _module(name: str, texts: dict[str, object]) -> ModuleType:
    module = ModuleType(name)
    module.TEXTS = texts  # type: ignore[attr-defined]
    return module


def test_merge_refuses_a_key_in_two_modules() -> None:
    first = _module("screens.cards", {"title": "A", "ok": "fine"})
    second = _module("screens.digest", {"title": "B"})
    with pytest.raises(CatalogueError, match=r"'title'.*screens\.cards.*screens\.digest"):
        merge("ru", first, second)
    assert merge("ru", first, _module("screens.other", {"more": "C"})) == {
        "title": "A",
        "ok": "fine",
        "more": "C",
    }


def test_merge_refuses_missing_or_foreign_plural_forms() -> None:
    english_forms = {"one": "{count} case", "other": "{count} cases"}
    with pytest.raises(CatalogueError, match="plural forms"):
        merge("ru", _module("screens.digest", {"open": english_forms}))
    assert merge("en", _module("screens.digest", {"open": english_forms})) == {
        "open": english_forms
    }
    with pytest.raises(CatalogueError, match="plural forms"):
        merge("en", _module("screens.digest", {"open": {**english_forms, "few": "x"}}))


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_text_formats_with_its_placeholders(language: str) -> None:
    texts = Texts(language)
    for key, template in CATALOGUES[language].items():
        forms = template if isinstance(template, dict) else {"other": template}
        names = set().union(*(_placeholders(form) for form in forms.values()))
        values = {name: 3 if name == "count" else f"<{name}>" for name in names}
        out = texts(key, **values)
        for name in names - {"count"}:
            assert f"&lt;{name}&gt;" in out, (key, name)  # filled in, and escaped
        assert "{" not in out.replace("{{", ""), key
