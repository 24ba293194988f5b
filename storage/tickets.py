"""SQL for the `tickets` table: every write to a ticket row, direct or mention, lives here.

Functions take an open connection so callers compose them in one transaction; the "only
once" rules (one claim wins, a ticket closes once, a verdict changes once) are conditions in
the UPDATE itself, so they hold without reading first. Other modules read tickets for their
own purpose (reminders, digests, spikes) but never write them.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import RootCause, Status, Ticket, to_db

_COLUMNS = "*"

# SQL fragments over `tickets`, shared by the reminder and digest queries.
# A complaint: the director's verdict wins over the classifier's guess, as in
# Ticket.is_complaint. Direct messages (no mention_kind) are always complaints.
COMPLAINT = """(verdict = 'complaint'
    OR (verdict IS NULL AND (mention_kind IS NULL OR mention_kind = 'complaint')))"""
# ... that someone can answer in Telegram (a feed item has nobody to reply to).
ANSWERABLE_COMPLAINT = f"client_chat_id IS NOT NULL AND {COMPLAINT}"


async def insert(
    conn: aiosqlite.Connection,
    *,
    source: str,
    external_id: str,
    author_id: int | None,
    author_name: str,
    client_chat_id: int | None,
    text: str,
    link: str | None,
    now: datetime,
    inbox: int | None = None,
    source_tag: str | None = None,
    source_title: str | None = None,
    contact: str | None = None,
    web_token: str | None = None,
    rating: int | None = None,
) -> Ticket | None:
    """Insert a ticket; None when (source, external_id) was already stored (a duplicate)."""
    row = await fetch_one(
        conn,
        """INSERT INTO tickets (source, external_id, author_id, author_name, client_chat_id,
                                text, link, created_at, updated_at, inbox, source_tag,
                                source_title, contact, web_token, rating)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (source, external_id) DO NOTHING
           RETURNING *""",
        (
            source,
            external_id,
            author_id,
            author_name,
            client_chat_id,
            text,
            link,
            to_db(now),
            to_db(now),
            inbox,
            source_tag,
            source_title,
            contact,
            web_token,
            rating,
        ),
    )
    return Ticket.from_row(row) if row else None


async def by_web_token(conn: aiosqlite.Connection, token_hash: str) -> Ticket | None:
    row = await fetch_one(
        conn, f"SELECT {_COLUMNS} FROM tickets WHERE web_token = ?", (token_hash,)
    )
    return Ticket.from_row(row) if row else None


async def by_external_id(
    conn: aiosqlite.Connection, source: str, external_id: str
) -> Ticket | None:
    row = await fetch_one(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE source = ? AND external_id = ?",
        (source, external_id),
    )
    return Ticket.from_row(row) if row else None


async def get(conn: aiosqlite.Connection, ticket_id: int) -> Ticket | None:
    row = await fetch_one(conn, f"SELECT {_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,))
    return Ticket.from_row(row) if row else None


async def latest_for_client(
    conn: aiosqlite.Connection, client_chat_id: int, inbox: int | None = None
) -> Ticket | None:
    """The client's latest ticket in one conversation: with the bot (inbox None) or with a
    director's personal account; a mention in a group is never a client's conversation."""
    row = await fetch_one(
        conn,
        f"""SELECT {_COLUMNS} FROM tickets
            WHERE client_chat_id = ? AND inbox IS ? AND mention_kind IS NULL
            ORDER BY id DESC LIMIT 1""",
        (client_chat_id, inbox),
    )
    return Ticket.from_row(row) if row else None


async def continued_in_bot(conn: aiosqlite.Connection, client_chat_id: int) -> Ticket | None:
    """A client's open ticket from a director's personal chat that went on in the bot (its
    follow-up was answered there, or it was answered there): their next message to the bot
    belongs to it, not to a new ticket."""
    row = await fetch_one(
        conn,
        f"""SELECT {_COLUMNS} FROM tickets t
            WHERE client_chat_id = ? AND inbox IS NOT NULL AND status != 'closed'
              AND EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id
                          AND ((e.kind = 'reopened' AND e.detail = 'follow-up')
                               OR (e.kind = 'replied' AND e.detail = 'via bot')))
            ORDER BY id DESC LIMIT 1""",
        (client_chat_id,),
    )
    return Ticket.from_row(row) if row else None


async def open_in_inbox(conn: aiosqlite.Connection, inbox: int) -> list[Ticket]:
    """Open tickets that came through one director's personal chats."""
    rows = await fetch_all(
        conn,
        f"SELECT {_COLUMNS} FROM tickets WHERE inbox = ? AND status != 'closed' ORDER BY id",
        (inbox,),
    )
    return [Ticket.from_row(row) for row in rows]


async def awaiting_in_window(
    conn: aiosqlite.Connection, closing_from: datetime, closing_to: datetime
) -> list[Ticket]:
    """Open business tickets whose client wrote last between the two moments and got no
    answer since, not yet nudged about that message (a `window_nudge` event)."""
    rows = await fetch_all(
        conn,
        f"""SELECT {_COLUMNS} FROM tickets t
            WHERE inbox IS NOT NULL AND status != 'closed'
              AND last_client_at > ? AND last_client_at <= ?
              AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id
                              AND m.direction = 'out' AND m.delivered = 1
                              AND m.created_at >= t.last_client_at)
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id
                              AND e.kind = 'window_nudge' AND e.detail = t.last_client_at)
            ORDER BY id""",
        (to_db(closing_from), to_db(closing_to)),
    )
    return [Ticket.from_row(row) for row in rows]


async def list_open(
    conn: aiosqlite.Connection, *, owner_id: int | None = None, limit: int = 50
) -> list[Ticket]:
    sql = f"SELECT {_COLUMNS} FROM tickets WHERE status != 'closed'"
    params: tuple[object, ...] = ()
    if owner_id is not None:
        sql += " AND owner_id = ?"
        params = (owner_id,)
    sql += " ORDER BY id LIMIT ?"
    return [Ticket.from_row(row) for row in await fetch_all(conn, sql, (*params, limit))]


async def count_open(conn: aiosqlite.Connection) -> int:
    row = await fetch_one(conn, "SELECT count(*) FROM tickets WHERE status != 'closed'")
    return int(row[0]) if row else 0


async def claim(conn: aiosqlite.Connection, ticket_id: int, owner_id: int, now: datetime) -> bool:
    """Take an unowned open ticket; exactly one of several simultaneous claims succeeds."""
    cur = await conn.execute(
        """UPDATE tickets SET owner_id = ?, status = 'in_progress', updated_at = ?
           WHERE id = ? AND owner_id IS NULL AND status != 'closed'""",
        (owner_id, to_db(now), ticket_id),
    )
    return cur.rowcount == 1


async def set_owner(
    conn: aiosqlite.Connection, ticket_id: int, owner_id: int, now: datetime
) -> None:
    await conn.execute(
        """UPDATE tickets SET owner_id = ?, updated_at = ?,
                  status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END
           WHERE id = ?""",
        (owner_id, to_db(now), ticket_id),
    )


async def set_due(
    conn: aiosqlite.Connection, ticket_id: int, due_at: datetime, now: datetime
) -> None:
    await conn.execute(
        "UPDATE tickets SET due_at = ?, updated_at = ? WHERE id = ?",
        (to_db(due_at), to_db(now), ticket_id),
    )


async def set_root_cause(
    conn: aiosqlite.Connection,
    ticket_id: int,
    cause: RootCause,
    now: datetime,
    note: str | None = None,
) -> None:
    """The cause and its word: a named cause clears the word an earlier OTHER left."""
    await conn.execute(
        "UPDATE tickets SET root_cause = ?, root_cause_note = ?, updated_at = ? WHERE id = ?",
        (cause.value, note if cause is RootCause.OTHER else None, to_db(now), ticket_id),
    )


async def close(
    conn: aiosqlite.Connection, ticket_id: int, resolution: str | None, now: datetime
) -> bool:
    cur = await conn.execute(
        """UPDATE tickets SET status = 'closed', closed_at = ?, resolution = ?, updated_at = ?
           WHERE id = ? AND status != 'closed'""",
        (to_db(now), resolution, to_db(now), ticket_id),
    )
    return cur.rowcount == 1


async def release_owned(conn: aiosqlite.Connection, owner_id: int, now: datetime) -> list[int]:
    """Unassign the open tickets of someone who is no longer staff; their ids."""
    rows = await fetch_all(
        conn,
        """UPDATE tickets SET owner_id = NULL, updated_at = ?
           WHERE owner_id = ? AND status != 'closed' RETURNING id""",
        (to_db(now), owner_id),
    )
    return sorted(int(row[0]) for row in rows)


async def reopen(conn: aiosqlite.Connection, ticket_id: int, now: datetime) -> None:
    await conn.execute(
        """UPDATE tickets SET closed_at = NULL, updated_at = ?,
                  status = CASE WHEN owner_id IS NULL THEN 'open' ELSE 'in_progress' END
           WHERE id = ?""",
        (to_db(now), ticket_id),
    )


async def mark_first_response(conn: aiosqlite.Connection, ticket_id: int, now: datetime) -> None:
    await conn.execute(
        """UPDATE tickets SET first_response_at = coalesce(first_response_at, ?), updated_at = ?,
                  status = CASE WHEN status = 'open' THEN 'in_progress' ELSE status END
           WHERE id = ?""",
        (to_db(now), to_db(now), ticket_id),
    )


async def set_text(conn: aiosqlite.Connection, ticket_id: int, text: str, now: datetime) -> None:
    await conn.execute(
        "UPDATE tickets SET text = ?, updated_at = ? WHERE id = ?", (text, to_db(now), ticket_id)
    )


async def window_just_closed(conn: aiosqlite.Connection, before: datetime) -> list[Ticket]:
    """Open business tickets whose reply window has closed and whose cards have not been
    redrawn for it yet (no `window_closed` event for that client message)."""
    rows = await fetch_all(
        conn,
        f"""SELECT {_COLUMNS} FROM tickets t
            WHERE inbox IS NOT NULL AND status != 'closed' AND last_client_at <= ?
              AND NOT EXISTS (SELECT 1 FROM events e WHERE e.ticket_id = t.id
                              AND e.kind = 'window_closed' AND e.detail = t.last_client_at)
            ORDER BY id""",
        (to_db(before),),
    )
    return [Ticket.from_row(row) for row in rows]


async def touch(conn: aiosqlite.Connection, ticket_id: int, now: datetime) -> None:
    await conn.execute("UPDATE tickets SET updated_at = ? WHERE id = ?", (to_db(now), ticket_id))


async def client_wrote(
    conn: aiosqlite.Connection, ticket_id: int, now: datetime, sent_at: datetime | None = None
) -> None:
    """The client wrote (at `sent_at`, by Telegram's clock, when known): the ticket is
    fresh, and a business chat's reply window opens anew from that moment. A redelivered
    older message never moves the window back."""
    wrote = to_db(min(sent_at, now) if sent_at is not None else now)
    await conn.execute(
        """UPDATE tickets SET updated_at = ?,
               last_client_at = MAX(COALESCE(last_client_at, ''), ?)
           WHERE id = ?""",
        (to_db(now), wrote, ticket_id),
    )


__all__ = ["Status", "Ticket"]


# --- mentions' own columns ----------------------------------------------------------------


async def set_mention_fields(
    conn: aiosqlite.Connection,
    ticket_id: int,
    *,
    matched_keyword: str | None,
    mention_kind: str,
    dedupe_key: str,
    source_title: str | None,
    source_message_id: int | None,
    mention_route: str,
    possible_markers: str | None = None,
    routed_by: str | None = None,
) -> None:
    await conn.execute(
        """UPDATE tickets SET matched_keyword = ?, mention_kind = ?, dedupe_key = ?,
                  source_title = ?, source_message_id = ?, mention_route = ?,
                  possible_markers = ?, routed_by = ?
           WHERE id = ?""",
        (
            matched_keyword,
            mention_kind,
            dedupe_key,
            source_title,
            source_message_id,
            mention_route,
            possible_markers,
            routed_by,
            ticket_id,
        ),
    )


async def set_verdict(
    conn: aiosqlite.Connection, ticket_id: int, verdict: str, now: datetime
) -> bool:
    """True when the decision changed."""
    cur = await conn.execute(
        """UPDATE tickets SET verdict = ?, updated_at = ?
           WHERE id = ? AND verdict IS NOT ?""",
        (verdict, to_db(now), ticket_id, verdict),
    )
    return cur.rowcount == 1


async def set_route(conn: aiosqlite.Connection, ticket_id: int, route: str) -> None:
    await conn.execute("UPDATE tickets SET mention_route = ? WHERE id = ?", (route, ticket_id))


async def mark_summarized(conn: aiosqlite.Connection, ticket_ids: list[int]) -> None:
    await conn.executemany(
        """UPDATE tickets SET mention_route = 'summarized'
           WHERE id = ? AND mention_route = 'summary'""",
        [(ticket_id,) for ticket_id in ticket_ids],
    )
