"""Plain records read from the database, and how moments are stored; nothing here knows
Telegram.

Rows shared by several storage modules (tickets, conversation entries, events, staff, posts)
live here so the layers above can use them as values without importing any SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import aiosqlite


class Status(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class RootCause(StrEnum):
    """Why a complaint happened (phrase guide R18: «кривой процесс», «кривое информирование»,
    «завышенное ожидание»), or OTHER with the staff's own word in `Ticket.root_cause_note`.
    UNFOUNDED is no longer offered; it stays so tickets that carry it still read."""

    PROCESS = "process"
    INFORMING = "informing"
    EXPECTATIONS = "expectations"
    UNFOUNDED = "unfounded"
    OTHER = "other"


class Role(StrEnum):
    """Who someone is to the bot, decided from the configured ids on every update.

    Only staff roles are ever stored (the staff table's CHECK allows "director" and
    "manager"); everyone else is a CLIENT.
    """

    DIRECTOR = "director"
    MANAGER = "manager"
    CLIENT = "client"

    @property
    def is_staff(self) -> bool:
        return self is not Role.CLIENT


def to_db(moment: datetime | None) -> str | None:
    """Store UTC ISO strings: they sort as text and survive any server timezone."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_db(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _dt(row: aiosqlite.Row, key: str) -> datetime | None:
    return from_db(row[key])


# Columns added by later migrations: a row read before they exist (a partial SELECT, an old
# test database) simply leaves them at their defaults.
_LATER_COLUMNS = (
    "matched_keyword",
    "mention_kind",
    "verdict",
    "dedupe_key",
    "source_title",
    "source_message_id",
    "mention_route",
    "root_cause_note",
    "possible_markers",
    "inbox",
    "last_client_at",
    "source_tag",
    "contact",
    "web_token",
    "rating",
    "routed_by",
)


@dataclass(frozen=True)
class Ticket:
    id: int
    source: str
    external_id: str
    author_id: int | None
    author_name: str
    client_chat_id: int | None
    text: str
    link: str | None
    status: Status
    owner_id: int | None
    due_at: datetime | None
    root_cause: RootCause | None
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    resolution: str | None
    # Mentions found outside the bot's DMs (issue 3); None for a direct message.
    matched_keyword: str | None = None
    mention_kind: str | None = None  # the classifier's verdict: complaint, praise, ...
    verdict: str | None = None  # the director's decision: "complaint" or "not_complaint"
    dedupe_key: str | None = None
    source_title: str | None = None
    source_message_id: int | None = None  # the group message a Reply must answer
    mention_route: str | None = None  # "card", "summary" (waiting) or "summarized"
    # The staff's word for an OTHER root cause ("парковка"); None for the named causes.
    root_cause_note: str | None = None
    # A card for a mention only possibly a complaint: the detector's reasons ("ждал, сбой").
    possible_markers: str | None = None
    # A client who wrote to a director's personal account (Telegram Business): that
    # director's user id, the "inbox"; None for the bot's own chats and for mentions.
    inbox: int | None = None
    # When the client last wrote: a business chat may be answered only for 24 hours after.
    last_client_at: datetime | None = None
    source_tag: str | None = None  # the deep-link tag the client started the bot with
    # A client who wrote by mail or on the web page: how to reach them (an address, a phone).
    contact: str | None = None
    web_token: str | None = None  # hash of the private status link's token
    rating: int | None = None  # a review site's stars, 1-5
    # A mention routed by what was learned against the detector: "same_text" (the director's
    # verdict on this very text) or "model" (the installation's own model).
    routed_by: str | None = None

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Ticket:
        created = _dt(row, "created_at")
        updated = _dt(row, "updated_at")
        assert created is not None and updated is not None
        extra = {name: row[name] for name in _LATER_COLUMNS if name in row.keys()}  # noqa: SIM118
        if "last_client_at" in extra:
            extra["last_client_at"] = from_db(extra["last_client_at"])
        return cls(
            **extra,
            id=row["id"],
            source=row["source"],
            external_id=row["external_id"],
            author_id=row["author_id"],
            author_name=row["author_name"],
            client_chat_id=row["client_chat_id"],
            text=row["text"],
            link=row["link"],
            status=Status(row["status"]),
            owner_id=row["owner_id"],
            due_at=_dt(row, "due_at"),
            root_cause=RootCause(row["root_cause"]) if row["root_cause"] else None,
            created_at=created,
            updated_at=updated,
            first_response_at=_dt(row, "first_response_at"),
            closed_at=_dt(row, "closed_at"),
            resolution=row["resolution"],
        )

    @property
    def is_closed(self) -> bool:
        return self.status is Status.CLOSED

    @property
    def is_mention(self) -> bool:
        return self.mention_kind is not None

    @property
    def is_complaint(self) -> bool:
        """The director's decision wins over the classifier's guess."""
        if self.verdict is not None:
            return self.verdict == "complaint"
        return self.mention_kind in (None, "complaint")


@dataclass(frozen=True)
class ConversationEntry:
    """One line of a ticket's history: a client message, a staff reply or an internal note."""

    id: int
    ticket_id: int
    direction: str
    author_id: int | None
    author_name: str
    chat_id: int | None
    message_id: int | None
    content_type: str
    text: str
    file_id: str | None
    delivered: bool
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None = None  # the client deleted it in a business chat
    mail_id: str | None = None  # the letter's Message-ID, for a message that came or went by mail
    inbox: int | None = None  # written in a director's personal chat (Telegram Business)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> ConversationEntry:
        created = _dt(row, "created_at")
        assert created is not None
        keys = row.keys()
        deleted = _dt(row, "deleted_at") if "deleted_at" in keys else None
        mail_id = row["mail_id"] if "mail_id" in keys else None
        inbox = row["inbox"] if "inbox" in keys else None
        return cls(
            id=row["id"],
            ticket_id=row["ticket_id"],
            direction=row["direction"],
            author_id=row["author_id"],
            author_name=row["author_name"],
            chat_id=row["chat_id"],
            message_id=row["message_id"],
            content_type=row["content_type"],
            text=row["text"],
            file_id=row["file_id"],
            delivered=bool(row["delivered"]),
            created_at=created,
            edited_at=_dt(row, "edited_at"),
            deleted_at=deleted,
            mail_id=mail_id,
            inbox=inbox,
        )


@dataclass(frozen=True)
class Event:
    id: int
    ticket_id: int | None
    actor_id: int | None
    kind: str
    detail: str
    created_at: datetime

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> Event:
        created = _dt(row, "created_at")
        assert created is not None
        return cls(
            row["id"], row["ticket_id"], row["actor_id"], row["kind"], row["detail"], created
        )


@dataclass(frozen=True)
class StaffMember:
    user_id: int
    role: Role
    first_name: str
    last_name: str
    username: str

    @classmethod
    def from_row(cls, row: aiosqlite.Row) -> StaffMember:
        return cls(
            row["user_id"], Role(row["role"]), row["first_name"], row["last_name"], row["username"]
        )

    @property
    def display_name(self) -> str:
        name = " ".join(part for part in (self.first_name, self.last_name) if part)
        if name:
            return name
        return f"@{self.username}" if self.username else str(self.user_id)


@dataclass(frozen=True)
class Post:
    """A bot message in some chat that stands for a ticket: its card, a relay, or a prompt."""

    chat_id: int
    message_id: int
    ticket_id: int
    kind: str

    @classmethod
    def from_row(cls, row: aiosqlite.Row | dict[str, Any]) -> Post:
        return cls(row["chat_id"], row["message_id"], row["ticket_id"], row["kind"])
