"""A fresh, migrated SQLite file per test, and a connection inside one transaction on it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiosqlite
import pytest

from storage.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "x.db")
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
async def conn(db: Database) -> AsyncIterator[aiosqlite.Connection]:
    """The connection inside `db.transaction()`, as every caller of storage/ gets it."""
    async with db.transaction() as connection:
        yield connection
