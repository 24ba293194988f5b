"""The database file: migrations on open, transactions that commit or roll back whole."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from storage import messages, tickets
from storage.db import Database
from storage.migrations import MIGRATIONS
from tests.storage import rows

TABLES = {
    "tickets",
    "messages",
    "message_edits",
    "posts",
    "events",
    "staff",
    "sources",
    "seen_items",
    "watch_words",
    "mention_settings",
    "reminders",
    "followups",
    "digests",
    "director_settings",
    "scheduler_state",
    "outbox",
}


async def _version(db: Database) -> int:
    async with db.read() as conn, conn.execute("PRAGMA user_version") as cur:
        row = await cur.fetchone()
    assert row is not None
    return int(row[0])


async def test_fresh_database_gets_every_migration_and_table(db: Database) -> None:
    assert await _version(db) == len(MIGRATIONS)
    async with (
        db.read() as conn,
        conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur,
    ):
        names = {row[0] for row in await cur.fetchall()}
    assert names >= TABLES


async def test_reopening_is_a_no_op_and_keeps_the_rows(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    first = await Database.open(path)
    async with first.transaction() as conn:
        made = await rows.ticket(conn, external_id="kept")
    await first.close()

    again = await Database.open(path)  # re-running a CREATE TABLE would raise here
    try:
        assert await _version(again) == len(MIGRATIONS)
        async with again.read() as conn:
            kept = await tickets.get(conn, made.id)
        assert kept == made
    finally:
        await again.close()


async def test_an_older_database_gets_only_the_missing_migrations(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as raw:
        await raw.executescript(f"{MIGRATIONS[0]}\nPRAGMA user_version=1;")
    db = await Database.open(path)
    try:
        assert await _version(db) == len(MIGRATIONS)
        async with db.transaction() as conn:
            await rows.mention(conn)  # columns from migration 2 are there
    finally:
        await db.close()


async def test_transaction_rolls_back_everything_on_error(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as conn:
            await rows.ticket(conn, external_id="lost")
            raise RuntimeError("boom")
    async with db.read() as conn:
        assert await tickets.count_open(conn) == 0


async def test_foreign_keys_are_enforced(conn: aiosqlite.Connection) -> None:
    with pytest.raises(aiosqlite.IntegrityError):
        await messages.add(
            conn,
            ticket_id=999,
            direction="in",
            author_id=1,
            author_name="x",
            text="orphan",
            now=rows.T0,
        )


async def test_reads_see_what_was_committed_and_never_what_is_in_flight(db: Database) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO mention_settings (name, value) VALUES ('probe', 'in flight')"
        )
        async with db.read() as reader:  # the reader does not wait for the writer
            rows = await reader.execute_fetchall("SELECT value FROM mention_settings")
        assert list(rows) == []
    async with db.read() as reader:
        rows = await reader.execute_fetchall("SELECT value FROM mention_settings")
    assert [tuple(r) for r in rows] == [("in flight",)]


async def test_after_commit_runs_once_committed_and_never_after_a_rollback(db: Database) -> None:
    calls: list[str] = []
    async with db.transaction():
        db.after_commit(lambda: calls.append("committed"))
        assert calls == []
    assert calls == ["committed"]
    with pytest.raises(RuntimeError):
        async with db.transaction():
            db.after_commit(lambda: calls.append("rolled back"))
            raise RuntimeError("boom")
    async with db.transaction():
        pass
    assert calls == ["committed"]


async def test_repeated_verdicts_on_one_text_fold_into_its_first_example(tmp_path: Path) -> None:
    """Databases from before one-example-per-text: the first row of a text stays, with its
    prediction, and takes the text's latest label."""
    fold = next(i for i, m in enumerate(MIGRATIONS) if "one example per text" in m)
    path = tmp_path / "old.db"
    async with aiosqlite.connect(path) as raw:
        await raw.executescript("\n".join(MIGRATIONS[:fold]) + f"\nPRAGMA user_version={fold};")
        for text_hash, label, predicted in (("a", 1, 0), ("b", 0, 0), ("a", 1, None), ("a", 0, 1)):
            await raw.execute(
                "INSERT INTO verdict_examples (text_hash, text, label, predicted, created_at)"
                " VALUES (?, ?, ?, ?, '2026-01-01T00:00:00+00:00')",
                (text_hash, text_hash, label, predicted),
            )
        await raw.commit()
    db = await Database.open(path)
    try:
        async with (
            db.read() as conn,
            conn.execute(
                "SELECT id, text_hash, label, predicted FROM verdict_examples ORDER BY id"
            ) as cur,
        ):
            assert [tuple(r) for r in await cur.fetchall()] == [(1, "a", 0, 0), (2, "b", 0, 0)]
    finally:
        await db.close()
