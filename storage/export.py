"""SQL for /export: every complaint of a period with what the director wants beside it (owner,
control dates, follow-up answer, reopenings), one row per ticket.

One query per page, keyed on the ticket id: each page is a statement of its own that ends
before the next begins, so an export of 100,000 tickets never holds the shared reader's
snapshot open (the sender reading cards on it would stop seeing new commits) and never needs
all rows in memory at once. The history (control dates, reopenings) and the follow-up are
correlated subqueries on their tables' per-ticket indexes, so a page costs what its own
tickets cost, not a scan of every event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import aiosqlite

from storage.db import fetch_all
from storage.models import Role, StaffMember, from_db, to_db
from storage.tickets import COMPLAINT

# Joins the `due_set` details of a ticket: never part of an ISO date, a title or a number.
_SEPARATOR = "\x1f"

_PAGE = f"""
SELECT t.id, t.source, t.source_title, t.link, t.author_name, t.text, t.status,
       t.created_at, t.first_response_at, t.owner_id, t.due_at, t.closed_at, t.resolution,
       t.root_cause, t.root_cause_note,
       s.role AS owner_role, s.first_name AS owner_first, s.last_name AS owner_last,
       s.username AS owner_username,
       (SELECT group_concat(detail, '{_SEPARATOR}') FROM (
            SELECT detail FROM events e
            WHERE e.ticket_id = t.id AND e.kind = 'due_set' ORDER BY e.id)) AS due_history,
       (SELECT count(*) FROM events e
            WHERE e.ticket_id = t.id AND e.kind = 'reopened') AS reopened,
       (SELECT count(*) FROM followups f WHERE f.ticket_id = t.id) AS followups_asked,
       (SELECT f.answer FROM followups f
            WHERE f.ticket_id = t.id ORDER BY f.reminder_id DESC LIMIT 1) AS followup_answer,
       (SELECT f.rating FROM followups f
            WHERE f.ticket_id = t.id AND f.rating IS NOT NULL
            ORDER BY f.reminder_id DESC LIMIT 1) AS rating
FROM tickets t
LEFT JOIN staff s ON s.user_id = t.owner_id
WHERE t.id > :after AND {COMPLAINT}  -- its columns are the ticket's: staff has none of them
  AND (:since IS NULL OR t.created_at >= :since) AND (:until IS NULL OR t.created_at < :until)
ORDER BY t.id
LIMIT :limit
"""


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One complaint as the export shows it; moments are UTC, as stored."""

    id: int
    source: str
    source_title: str | None
    link: str | None
    author_name: str
    text: str
    status: str
    created_at: datetime
    first_response_at: datetime | None
    owner_id: int | None
    owner_name: str | None  # the staff member's display name; None for nobody
    due_at: datetime | None
    due_history: tuple[datetime, ...]  # every control date set, in the order they were set
    root_cause: str | None
    root_cause_note: str | None  # the staff's own word for an "other" cause
    resolution: str | None
    closed_at: datetime | None
    followup_asked: bool
    followup_answer: str | None  # "yes", "no" or None (not asked, or not answered yet)
    rating: int | None
    reopened: int

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> ExportRow:
        created = from_db(row["created_at"])
        assert created is not None
        return cls(
            id=row["id"],
            source=row["source"],
            source_title=row["source_title"],
            link=row["link"],
            author_name=row["author_name"],
            text=row["text"],
            status=row["status"],
            created_at=created,
            first_response_at=from_db(row["first_response_at"]),
            owner_id=row["owner_id"],
            owner_name=_owner_name(row),
            due_at=from_db(row["due_at"]),
            due_history=_due_history(row["due_history"]),
            root_cause=row["root_cause"],
            root_cause_note=row["root_cause_note"],
            resolution=row["resolution"],
            closed_at=from_db(row["closed_at"]),
            followup_asked=bool(row["followups_asked"]),
            followup_answer=row["followup_answer"],
            rating=row["rating"],
            reopened=int(row["reopened"]),
        )


def _owner_name(row: aiosqlite.Row) -> str | None:
    """The owner as cards name them; an owner no longer on the staff by their id, since the
    staff table forgets removed people but the ticket still says who had it."""
    owner_id = row["owner_id"]
    if owner_id is None:
        return None
    if row["owner_role"] is None:
        return str(owner_id)
    member = StaffMember(
        owner_id,
        Role(row["owner_role"]),
        row["owner_first"],
        row["owner_last"],
        row["owner_username"],
    )
    return member.display_name


def _due_history(joined: str | None) -> tuple[datetime, ...]:
    """The `due_set` events' details (ISO moments, as TicketService.set_due writes them);
    a detail that is not a moment is skipped rather than failing the whole export, and one
    without an offset is taken as UTC, as every stored moment is."""
    if not joined:
        return ()
    moments: list[datetime] = []
    for detail in joined.split(_SEPARATOR):
        try:
            moment = datetime.fromisoformat(detail)
        except ValueError:
            continue
        moments.append(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return tuple(moments)


async def page(
    conn: aiosqlite.Connection,
    since: datetime | None,
    until: datetime | None,
    *,
    after: int = 0,
    limit: int = 1000,
) -> list[ExportRow]:
    """Up to `limit` complaints created in [since, until) (None: unbounded), with ids above
    `after`, in id order: the caller asks again after the last id until a page comes back
    short. Mentions the director or the classifier called something other than a complaint
    are left out, as in every count the director sees."""
    params = {"after": after, "since": to_db(since), "until": to_db(until), "limit": limit}
    return [ExportRow.from_row(row) for row in await fetch_all(conn, _PAGE, params)]
