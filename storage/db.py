"""One SQLite file behind one aiosqlite connection.

Every statement runs under one asyncio lock: the connection is shared by all handlers, and a
transaction must never interleave with another coroutine's statements. SQLite is local and fast,
so the lock costs microseconds while making "check then write" sequences (claiming a ticket,
joining a client's open ticket) atomic without retry loops.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)

Params = Sequence[Any] | Mapping[str, Any]


async def fetch_all(
    conn: aiosqlite.Connection, sql: str, params: Params = ()
) -> list[aiosqlite.Row]:
    """Every row of a query in one trip to the database thread (a cursor's execute, fetch and
    close are three: on the hot path of every message that triples the cost of a read)."""
    return list(await conn.execute_fetchall(sql, params))


async def fetch_one(
    conn: aiosqlite.Connection, sql: str, params: Params = ()
) -> aiosqlite.Row | None:
    """The first row of a query, or None, in one trip to the database thread."""
    rows = await conn.execute_fetchall(sql, params)
    return next(iter(rows), None)


class Database:
    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: Path) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode=WAL")
        await conn.execute("PRAGMA foreign_keys=ON")
        await conn.execute("PRAGMA busy_timeout=5000")
        await conn.execute("PRAGMA synchronous=NORMAL")
        db = cls(conn, path)
        await db._migrate()
        return db

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Yield the connection inside BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """Yield the connection for reads: no transaction, but never inside someone else's."""
        async with self._lock:
            yield self._conn

    async def _migrate(self) -> None:
        async with self._conn.execute("PRAGMA user_version") as cur:
            row = await cur.fetchone()
        current = int(row[0]) if row else 0
        for version, script in enumerate(MIGRATIONS, start=1):
            if version <= current:
                continue
            log.info("db.migrate version=%d path=%s", version, self.path)
            # executescript commits on its own; the version bump rides in the same script.
            await self._conn.executescript(
                f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version={version};\nCOMMIT;"
            )
