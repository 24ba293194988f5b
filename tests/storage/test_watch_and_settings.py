"""storage.watch (keywords, minus-words, blocked authors), storage.settings (bot-wide flags)
and storage.director_settings (each director's preferences)."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import director_settings, settings, watch
from tests.storage.rows import T0


async def test_current_lists_every_kind_in_insertion_order(conn: aiosqlite.Connection) -> None:
    await watch.seed(conn, "keyword", "фитстудия", T0)
    await watch.add(conn, "keyword", "fitstudio", T0 + timedelta(seconds=1))
    await watch.add(conn, "exclude", "вакансия", T0)
    assert await watch.current(conn) == {
        "keyword": ["фитстудия", "fitstudio"],
        "exclude": ["вакансия"],
        "author": [],
    }


async def test_add_is_false_for_a_word_already_listed(conn: aiosqlite.Connection) -> None:
    assert await watch.add(conn, "keyword", "фитстудия", T0) is True
    assert await watch.add(conn, "keyword", "фитстудия", T0) is False
    assert await watch.add(conn, "exclude", "фитстудия", T0) is True  # another list


async def test_removed_config_word_stays_removed_after_seed(conn: aiosqlite.Connection) -> None:
    await watch.seed(conn, "keyword", "фитстудия", T0)
    await watch.add(conn, "exclude", "фитстудия", T0)
    assert await watch.remove(conn, "фитстудия") == ["exclude", "keyword"]
    await watch.seed(conn, "keyword", "фитстудия", T0)  # the next start, same configuration
    assert await watch.current(conn) == {"keyword": [], "exclude": [], "author": []}
    assert await watch.remove(conn, "фитстудия") == []
    assert await watch.add(conn, "keyword", "фитстудия", T0) is True  # a director brings it back
    assert (await watch.current(conn))["keyword"] == ["фитстудия"]


async def test_settings_are_none_until_set_and_then_overwritten(
    conn: aiosqlite.Connection,
) -> None:
    assert await settings.get(conn, "instant_all") is None
    await settings.set(conn, "instant_all", "1")
    await settings.set(conn, "other", "x")
    assert await settings.get(conn, "instant_all") == "1"
    await settings.set(conn, "instant_all", "0")
    assert await settings.get(conn, "instant_all") == "0"
    assert await settings.get(conn, "other") == "x"


async def test_director_digest_all_clear_defaults_on_and_is_per_director(
    conn: aiosqlite.Connection,
) -> None:
    assert await director_settings.digest_all_clear(conn, 100) is True
    await director_settings.set_digest_all_clear(conn, 100, False, T0)
    assert await director_settings.digest_all_clear(conn, 100) is False
    assert await director_settings.digest_all_clear(conn, 101) is True
    await director_settings.set_digest_all_clear(conn, 100, True, T0)
    assert await director_settings.digest_all_clear(conn, 100) is True
