"""dedupe_key recognises the same words posted twice, and only those."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from collectors.mention import Mention, dedupe_key


def test_same_text_in_two_feeds_has_one_key() -> None:
    a = "Списали деньги дважды! Верните. https://vk.com/wall-1_2"
    b = "списали  деньги ДВАЖДЫ — верните https://t.me/chan/55"
    assert dedupe_key(a) == dedupe_key(b)


def test_yo_and_case_are_ignored() -> None:
    assert dedupe_key("Всё ПЛОХО") == dedupe_key("все плохо")


def test_different_text_different_key() -> None:
    assert dedupe_key("душ не работает") != dedupe_key("душ работает")


def test_mention_is_frozen_and_searchable_includes_title() -> None:
    m = Mention(
        source="s",
        external_id="1",
        author=None,
        text="душ не работает",
        link=None,
        published=datetime(2025, 1, 1, tzinfo=UTC),
        title="ФитСтудия",
    )
    assert m.searchable == "ФитСтудия\nдуш не работает"
    with pytest.raises(AttributeError):
        m.text = "x"  # type: ignore[misc]
