"""One SQLite file behind two aiosqlite connections: one writer, one reader.

Transactions run on the writer under one asyncio lock, so a "check then write" sequence
(claiming a ticket, joining a client's open ticket) is atomic without retry loops; reads run
beside them on the reader (WAL), so they neither wait for nor hold the writer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
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


async def _connect(path: Path) -> aiosqlite.Connection:
    conn = await aiosqlite.connect(path, isolation_level=None)
    conn.row_factory = aiosqlite.Row
    await conn.execute_fetchall("PRAGMA foreign_keys=ON")
    await conn.execute_fetchall("PRAGMA busy_timeout=5000")
    return conn


class Database:
    """A writer connection under a lock, and a reader connection beside it.

    Every transaction runs on the writer under one asyncio lock: it is shared by all handlers,
    and a transaction must never interleave with another coroutine's statements ("check then
    write" sequences such as claiming a ticket stay atomic without retry loops). Reads go to
    their own connection: in WAL mode a reader sees everything committed before it began and
    neither waits for the writer nor holds it, so the sender drawing a card does not queue
    behind a thousand handlers' transactions.
    """

    def __init__(self, conn: aiosqlite.Connection, reader: aiosqlite.Connection, path: Path):
        self._conn = conn
        self._reader = reader
        self._lock = asyncio.Lock()
        self._after_commit: list[Callable[[], None]] = []
        self.path = path

    @classmethod
    async def open(cls, path: Path) -> Database:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await _connect(path)
        await conn.execute_fetchall("PRAGMA journal_mode=WAL")
        await conn.execute_fetchall("PRAGMA synchronous=NORMAL")
        writer_only = cls(conn, conn, path)
        await writer_only._migrate()
        reader = await _connect(path)
        await reader.execute_fetchall("PRAGMA query_only=ON")
        return cls(conn, reader, path)

    async def close(self) -> None:
        async with self._lock:
            await self._reader.close()
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """Yield the writer inside BEGIN IMMEDIATE … COMMIT, rolled back on any error."""
        async with self._lock:
            self._after_commit = []
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")
            callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the transaction in progress has committed (never if it rolls
        back): whoever it wakes reads on the other connection and must find the rows there."""
        self._after_commit.append(callback)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        """Yield the reader: each statement sees what was committed before it began."""
        yield self._reader

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
