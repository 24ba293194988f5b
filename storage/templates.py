"""SQL for the company's own reply templates (`reply_templates`), written by its directors.

The six built-in templates are texts in the catalogue, not rows: a row is only what a director
added, so an upgrade can improve the built-in wording without a data migration. A template is
deleted outright; a button that still names it finds nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import from_db, to_db


@dataclass(frozen=True)
class CompanyTemplate:
    id: int
    title: str
    body: str
    updated_by: int
    updated_at: datetime


def _from_row(row: aiosqlite.Row) -> CompanyTemplate:
    updated = from_db(row["updated_at"])
    assert updated is not None
    return CompanyTemplate(
        id=row["id"],
        title=row["title"],
        body=row["body"],
        updated_by=row["updated_by"],
        updated_at=updated,
    )


_COLUMNS = "id, title, body, updated_by, updated_at"


async def all_templates(conn: aiosqlite.Connection) -> list[CompanyTemplate]:
    """Every template, oldest first: the order directors added them in stays put."""
    rows = await fetch_all(conn, f"SELECT {_COLUMNS} FROM reply_templates ORDER BY id")
    return [_from_row(row) for row in rows]


async def get(conn: aiosqlite.Connection, template_id: int) -> CompanyTemplate | None:
    row = await fetch_one(
        conn, f"SELECT {_COLUMNS} FROM reply_templates WHERE id = ?", (template_id,)
    )
    return _from_row(row) if row else None


async def count(conn: aiosqlite.Connection) -> int:
    row = await fetch_one(conn, "SELECT COUNT(*) FROM reply_templates")
    return int(row[0]) if row else 0


async def add(
    conn: aiosqlite.Connection, title: str, body: str, actor_id: int, now: datetime
) -> int:
    cur = await conn.execute(
        """INSERT INTO reply_templates (title, body, created_by, created_at, updated_by,
                                        updated_at)
           VALUES (?, ?, ?, ?, ?, ?)""",
        (title, body, actor_id, to_db(now), actor_id, to_db(now)),
    )
    assert cur.lastrowid is not None
    return int(cur.lastrowid)


async def update(
    conn: aiosqlite.Connection,
    template_id: int,
    title: str | None,
    body: str,
    actor_id: int,
    now: datetime,
) -> bool:
    """Replace the text (and the title, when one is given); False if there is no such row."""
    cur = await conn.execute(
        """UPDATE reply_templates
           SET title = COALESCE(?, title), body = ?, updated_by = ?, updated_at = ?
           WHERE id = ?""",
        (title, body, actor_id, to_db(now), template_id),
    )
    return cur.rowcount > 0


async def delete(conn: aiosqlite.Connection, template_id: int) -> bool:
    cur = await conn.execute("DELETE FROM reply_templates WHERE id = ?", (template_id,))
    return cur.rowcount > 0
