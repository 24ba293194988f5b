"""storage.staff: the table follows the configuration, names follow Telegram."""

from __future__ import annotations

from datetime import timedelta

import aiosqlite

from storage import staff
from storage.models import Role
from tests.storage.rows import T0

# By value, so the tests do not depend on how the enum's members are spelled.
DIRECTOR = Role("director")
MANAGER = Role("manager")


async def test_sync_roles_adds_changes_and_removes(conn: aiosqlite.Connection) -> None:
    await staff.sync_roles(conn, {100: DIRECTOR, 201: MANAGER, 202: MANAGER}, T0)
    await staff.sync_roles(conn, {100: DIRECTOR, 201: DIRECTOR}, T0)
    assert [(m.user_id, m.role) for m in await staff.all_members(conn)] == [
        (100, DIRECTOR),
        (201, DIRECTOR),
    ]
    assert await staff.get(conn, 202) is None


async def test_sync_roles_keeps_learnt_names(conn: aiosqlite.Connection) -> None:
    await staff.sync_roles(conn, {201: MANAGER}, T0)
    await staff.set_names(conn, 201, "Мария", "Иванова", "maria", T0)
    await staff.sync_roles(conn, {201: DIRECTOR}, T0 + timedelta(days=1))
    member = await staff.get(conn, 201)
    assert member is not None
    assert (member.role, member.first_name, member.last_name, member.username) == (
        DIRECTOR,
        "Мария",
        "Иванова",
        "maria",
    )
    assert member.display_name == "Мария Иванова"


async def test_sync_with_no_roles_empties_the_table(conn: aiosqlite.Connection) -> None:
    await staff.sync_roles(conn, {100: DIRECTOR}, T0)
    await staff.sync_roles(conn, {}, T0)
    assert await staff.all_members(conn) == []


async def test_set_names_reports_only_real_changes(conn: aiosqlite.Connection) -> None:
    await staff.sync_roles(conn, {201: MANAGER}, T0)
    assert await staff.set_names(conn, 201, "Мария", "", "maria", T0) is True
    assert await staff.set_names(conn, 201, "Мария", "", "maria", T0) is False
    assert await staff.set_names(conn, 201, "Мария", "", "maria_new", T0) is True
    assert await staff.set_names(conn, 999, "Кто-то", "", "", T0) is False  # not staff


async def test_all_members_orders_directors_first(conn: aiosqlite.Connection) -> None:
    await staff.sync_roles(conn, {300: MANAGER, 200: DIRECTOR, 100: MANAGER}, T0)
    assert [m.user_id for m in await staff.all_members(conn)] == [200, 100, 300]


async def test_sync_roles_names_who_it_removed(db) -> None:  # type: ignore[no-untyped-def]
    from datetime import UTC, datetime

    from storage import staff
    from storage.models import Role

    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    async with db.transaction() as conn:
        assert await staff.sync_roles(conn, {1: Role.DIRECTOR, 2: Role.MANAGER}, now) == []
        assert await staff.sync_roles(conn, {1: Role.DIRECTOR}, now) == [2]
        assert await staff.sync_roles(conn, {1: Role.DIRECTOR}, now) == []
