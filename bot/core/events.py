"""What happens to a ticket, as values: who acted, what a client sent, and the changes that
people must be told about. Core produces them; the notifier (through `ports.Fanout`) turns
them into outbox rows inside the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.models import ConversationEntry, Post, Ticket


@dataclass(frozen=True)
class Actor:
    user_id: int
    name: str


@dataclass(frozen=True)
class IncomingMessage:
    """A client's message, already stripped of Telegram types by the handler."""

    chat_id: int
    message_id: int
    user_id: int
    author_name: str
    content_type: str
    text: str
    file_id: str | None = None
    album: str | None = None  # Telegram's media_group_id: the parts of one album share it
    # Written to a director's personal account (Telegram Business): that director's user
    # id. None: written to the bot.
    inbox: int | None = None
    # When Telegram says it was written: a business chat's 24-hour window counts from
    # there, not from when the bot got to it (after an outage, hours later).
    sent_at: datetime | None = None


@dataclass(frozen=True)
class NewAttachment:
    """A file that came with a letter or the web form; `data` None when it was too big to
    keep (the director is told its name and size)."""

    filename: str
    content_type: str
    size: int
    data: bytes | None


@dataclass(frozen=True)
class ExternalMessage:
    """A client's message from outside Telegram (a letter, a review site's notice, the web
    page), stripped of its transport by the collector or the web handler."""

    source: str  # "email", "web", "review:<site>"
    external_id: str  # idempotency: a Message-ID, a hash, the web form's nonce
    author_name: str
    text: str
    contact: str | None = None  # how to reach the client: an address, a phone
    link: str | None = None  # a review: where to answer it
    source_title: str | None = None
    source_tag: str | None = None
    web_token: str | None = None  # hash of a new status link's token
    rating: int | None = None
    mail_id: str | None = None  # the letter's own Message-ID
    answers: tuple[str, ...] = ()  # the Message-IDs this letter answers
    attachments: tuple[NewAttachment, ...] = ()
    ticket_id: int | None = None  # continue this ticket (the client's status page)


@dataclass(frozen=True)
class NewMention:
    """A mention the intake decided to keep, with where it came from and how it is routed."""

    source: str
    external_id: str
    author_id: int | None
    author_name: str
    chat_id: int | None
    message_id: int | None
    text: str
    link: str | None
    keyword: str
    kind: str
    dedupe_key: str
    source_title: str | None
    route: str  # "card" now, or "summary" later
    possible_markers: str | None = None  # why a card, when only possibly a complaint
    # What was learned routed it against the detector: "same_text" or "model" (else None).
    routed_by: str | None = None


@dataclass(frozen=True)
class Intake:
    ticket: Ticket
    entry: ConversationEntry
    opened: bool
    reopened: bool
    duplicate: bool
    album: str | None = None
    attachments: tuple[int, ...] = ()  # stored files that came with the message


@dataclass(frozen=True)
class EditResult:
    ticket: Ticket
    old_text: str
    new_text: str
    entry_id: int = 0  # the edited message: its edits fold into one notice while queued


@dataclass(frozen=True)
class TicketChanged:
    """Any change someone must see: every copy of the card is brought up to date."""

    ticket: Ticket


@dataclass(frozen=True)
class ClientWrote:
    intake: Intake


@dataclass(frozen=True)
class ClientEdited:
    edit: EditResult


@dataclass(frozen=True)
class ReplyRecorded:
    """A staff reply stored in history; `copy_from` is (chat, message) for a media reply."""

    ticket: Ticket
    entry: ConversationEntry
    author: str
    copy_from: tuple[int, int] | None
    # A business ticket answered in the bot's own chat with the client, because the
    # director's chat no longer takes the bot's messages.
    via_bot: bool = False


@dataclass(frozen=True)
class Resolved:
    ticket: Ticket


@dataclass(frozen=True)
class Assigned:
    ticket: Ticket
    actor: Actor


@dataclass(frozen=True)
class StaffRemoved:
    """Someone the configuration no longer lists as staff: the tickets they owned are the
    directors' again (`released`), and the cards in their chat are to show nothing more."""

    user_id: int
    name: str
    released: list[Ticket]
    cards: list[Post]


TicketEvent = (
    TicketChanged | ClientWrote | ClientEdited | ReplyRecorded | Resolved | Assigned | StaffRemoved
)
