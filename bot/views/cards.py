"""Pure rendering of tickets for staff: the card, list lines and the history.

Nothing here talks to Telegram or the database, so every limit (4096 characters, escaping) is
checked by plain unit tests. Lengths are counted in UTF-16 code units of the HTML source, which
is never less than what Telegram counts after parsing, so a rendered text always fits.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from bot.views.dates import format_due
from bot.views.texts import Html, Texts
from storage.models import ConversationEntry, Event, RootCause, Status, Ticket

MESSAGE_LIMIT = 4096
FILES_SHOWN = 5  # a letter with twenty attachments names five on the card
LIST_PREVIEW = 60
# A close within this of the control date counts as on time: the date is set to the minute.
PROMISE_GRACE = timedelta(minutes=1)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def fit_escaped(raw: str, budget: int) -> tuple[str, bool]:
    """Escape as much of `raw` as fits in `budget`; True when something was left out."""
    escaped = html.escape(raw, quote=False)
    if utf16_len(escaped) <= budget:
        return escaped, False
    used = 0
    cut = 0
    for index, char in enumerate(raw):
        size = utf16_len(html.escape(char, quote=False))
        if used + size > budget:
            cut = index
            break
        used += size
    return html.escape(raw[:cut], quote=False), True


def split_escaped(raw: str, budget: int) -> list[str]:
    """Split a long text into escaped pieces of at most `budget`, preferring line/word breaks."""
    pieces: list[str] = []
    rest = raw
    while rest:
        piece, trimmed = fit_escaped(rest, budget)
        if not trimmed:
            pieces.append(piece)
            break
        taken = len(html.unescape(piece))
        window = rest[:taken]
        soft = max(window.rfind("\n"), window.rfind(" "))
        if soft > taken * 0.7:
            taken = soft + 1
        pieces.append(html.escape(rest[:taken], quote=False))
        rest = rest[taken:]
    return pieces


def format_moment(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d.%m %H:%M")


def format_delay(delay: timedelta, t: Texts) -> str:
    minutes = max(0, int(delay.total_seconds() // 60))
    if minutes < 60:
        return t("minutes", n=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return t("hours", h=hours, m=minutes)
    days, hours = divmod(hours, 24)
    return t("days", d=days, h=hours)


@dataclass(frozen=True)
class CardFacts:
    """What the card shows beyond the ticket row itself, gathered by the caller."""

    owner_name: str | None
    message_count: int
    last_reply_failed: bool = False
    # a ticket from a director's personal chat: why the bot cannot answer there at all
    # ("none", "disabled", "rights"; "" when it can), and whether the client has the bot
    business_off: str = ""
    client_has_bot: bool = False
    window_closes: datetime | None = None  # when the bot can no longer write there
    files: tuple[str, ...] = ()  # names of the files a letter or the web form brought


def source_label(source: str, t: Texts, title: str | None = None) -> str:
    """Where a ticket came from, as a director reads it: a DM, a feed, a channel or a chat.

    Source keys are "telegram" (DMs), "t.me/<name>" (public channels), "tg:<chat id>"
    (chats the bot is in) and a feed's URL.
    """
    if source == "telegram":
        return t("source_telegram")
    if source == "business":
        return t("source_business")
    if source == "email":
        return t("source_email", name=title) if title else t("source_email_untitled")
    if source == "web":
        return t("source_web")
    if source.startswith("review:"):
        return t("source_review", name=title or source.removeprefix("review:"))
    if source.startswith("tg:"):
        return t("source_chat", name=title or source)
    if source.startswith("t.me/"):
        return t("source_channel", name=source)
    return t("source_feed", name=title or source)


def is_feed(source: str) -> bool:
    """A feed's source key is its own http(s) URL; every other kind has a prefix."""
    return urlsplit(source).scheme in ("http", "https")


def card_source(ticket: Ticket, t: Texts) -> str:
    """The card's source: a feed by its own title, or by its host when it has none (the full
    URL of a feed says little and crowds the line)."""
    title = ticket.source_title
    if ticket.source_tag and ticket.source == "telegram":
        return t("source_telegram_tag", title=title or ticket.source_tag)
    if ticket.source_tag:
        return t("source_web") + " · " + t("source_via_tag", title=title or ticket.source_tag)
    if not title and is_feed(ticket.source):
        title = urlsplit(ticket.source).hostname or ticket.source
    return source_label(ticket.source, t, title)


def card_meta(ticket: Ticket, t: Texts, tz: ZoneInfo) -> str:
    """Source, author and when; an unknown author (most feeds) is left out, never a "?"."""
    source = Html(card_source(ticket, t))
    when = format_moment(ticket.created_at, tz)
    if not ticket.author_name:
        return t("card_meta_no_author", source=source, when=when)
    return t("card_meta", source=source, author=ticket.author_name, when=when)


def card_link(ticket: Ticket) -> str | None:
    """The item's own link; for a feed entry without one, the feed itself."""
    if ticket.link:
        return ticket.link
    return ticket.source if is_feed(ticket.source) else None


def mention_lines(ticket: Ticket, t: Texts) -> list[str]:
    """Which keyword matched, what the classifier made of it, and the director's decision."""
    if ticket.mention_kind is None:
        return []
    kind = Html(t(f"kind_{ticket.mention_kind}"))
    if ticket.matched_keyword:
        lines = [t("card_mention", keyword=ticket.matched_keyword, kind=kind)]
    else:
        lines = [t("card_mention_kind", kind=kind)]
    if ticket.verdict is None and ticket.routed_by is not None and ticket.mention_route == "card":
        # What the director taught raised it: say so, or the card looks unexplained.
        lines.append(t(f"card_possible_{ticket.routed_by}"))
    elif ticket.possible_markers and ticket.verdict is None:
        # Routed for recall: the text alone earned a card without being a certain complaint.
        lines.append(t("card_possible_complaint", markers=ticket.possible_markers))
    if ticket.verdict == "complaint":
        lines.append(t("card_verdict_complaint"))
    elif ticket.verdict == "not_complaint":
        lines.append(t("card_verdict_not"))
    return lines


def stars(rating: int) -> str:
    rating = max(1, min(5, rating))
    return "★" * rating + "☆" * (5 - rating)


def outside_lines(ticket: Ticket, t: Texts) -> list[str]:
    """For a client outside Telegram: a review's stars, and how to reach whoever wrote."""
    lines = []
    if ticket.rating is not None:
        lines.append(t("card_rating", stars=stars(ticket.rating), rating=ticket.rating))
    if ticket.contact and ticket.source in ("email", "web"):
        lines.append(t("card_contact", contact=ticket.contact))
    return lines


def status_label(status: Status, t: Texts) -> str:
    return t(f"status_{status.value}")


def render_card(ticket: Ticket, facts: CardFacts, t: Texts, tz: ZoneInfo, now: datetime) -> str:
    title_key = {
        Status.OPEN: "card_title_new",
        Status.IN_PROGRESS: "card_title_work",
        Status.CLOSED: "card_title_closed",
    }[ticket.status]
    head = [t(title_key, id=ticket.id), card_meta(ticket, t, tz)]
    link = card_link(ticket)
    if link:
        head.append(t("card_link", url=link))
    head.extend(mention_lines(ticket, t))
    head.extend(outside_lines(ticket, t))
    tail = [status_line(ticket, facts, t, tz, now)]
    if ticket.first_response_at:
        delay = format_delay(ticket.first_response_at - ticket.created_at, t)
        tail.append(t("card_first_response", delay=delay))
    elif not ticket.is_closed:
        tail.append(t("card_waiting"))
    promise = promise_line(ticket, t, now)
    if promise:
        tail.append(promise)
    if ticket.resolution:
        tail.append(t("card_resolution", text=ticket.resolution[:500]))
    if facts.last_reply_failed:
        tail.append(t("card_undelivered"))
    window = business_line(ticket, facts, t, tz, now)
    if window:
        tail.append(window)
    if facts.files:
        shown = ", ".join(facts.files[:FILES_SHOWN])
        more = len(facts.files) - FILES_SHOWN
        tail.append(t("card_files", names=shown + (f" (+{more})" if more > 0 else "")))
    if facts.message_count > 1:
        tail.append(t("card_messages", count=facts.message_count, id=ticket.id))
    top, bottom = "\n".join(head), "\n".join(tail)
    trimmed_note = "\n" + t("card_trimmed", id=ticket.id)
    budget = MESSAGE_LIMIT - utf16_len(top) - utf16_len(bottom) - 4 - utf16_len(trimmed_note)
    body, trimmed = fit_escaped(ticket.text or "…", budget)
    if trimmed:
        body += trimmed_note
    return f"{top}\n\n{body}\n\n{bottom}"


def business_line(
    ticket: Ticket, facts: CardFacts, t: Texts, tz: ZoneInfo, now: datetime
) -> str | None:
    """Until when a reply can go into the director's personal chat, or why it cannot."""
    closes = facts.window_closes
    if ticket.inbox is None or ticket.is_closed or closes is None:
        return None
    if facts.business_off:
        return t(f"card_business_off_{facts.business_off}")
    when = format_moment(closes, tz)  # no "tomorrow": the card is not redrawn at midnight
    if now < closes:
        return t("card_business_until", when=when)
    return t(
        "card_business_closed_bot" if facts.client_has_bot else "card_business_closed", when=when
    )


def status_line(ticket: Ticket, facts: CardFacts, t: Texts, tz: ZoneInfo, now: datetime) -> str:
    nobody = t("nobody")
    return t(
        "card_status",
        status=status_label(ticket.status, t),
        owner=facts.owner_name or nobody,
        due=format_due(ticket.due_at, tz, now, t.language) if ticket.due_at else nobody,
        cause=Html(cause_label(ticket, t)),
    )


def cause_label(ticket: Ticket, t: Texts) -> str:
    """The root cause as staff read it, HTML-safe: "other" shows the word it was given."""
    if ticket.root_cause is None:
        return t("nobody")
    if ticket.root_cause is RootCause.OTHER and ticket.root_cause_note:
        return t("cause_other_named", note=ticket.root_cause_note)
    return t(f"cause_{ticket.root_cause.value}")


def span(delta: timedelta, t: Texts) -> str:
    """How far past a date, in the one unit that reads naturally: days from a day on, hours
    from an hour on, minutes below that ("2 дня", "5 часов", "20 минут")."""
    minutes = max(1, int(delta.total_seconds() // 60))
    if minutes < 60:
        return t("span_minutes", count=minutes)
    hours = minutes // 60
    if hours < 24:
        return t("span_hours", count=hours)
    return t("span_days", count=hours // 24)


def promise_line(ticket: Ticket, t: Texts, now: datetime) -> str | None:
    """A control date is a promise: the card says when it was missed, and by how much.

    An open ticket past its date says "missed by 2 days" (in its first hour, only that the
    date has come: a card stays in the chat, and "missed by 3 minutes" would read wrong all
    day); a ticket closed after its date says how late. Kept promises need no line.
    """
    due = ticket.due_at
    if due is None:
        return None
    if ticket.is_closed:
        closed = ticket.closed_at
        if closed is not None and closed - due > PROMISE_GRACE:
            return t("card_promise_late", span=span(closed - due, t))
        return None
    late = now - due
    if late <= timedelta(0):
        return None
    if late < timedelta(hours=1):
        return t("card_promise_due_now")
    return t("card_promise_missed", span=span(late, t))


def render_list(
    title_key: str, items: list[tuple[Ticket, str | None]], t: Texts, limit: int
) -> str:
    """A compact list of tickets; `items` pairs each ticket with its owner's name."""
    if not items:
        return t("list_empty")
    lines = [t(title_key)]
    for ticket, owner in items[:limit]:
        preview = " ".join(ticket.text.split())
        if len(preview) > LIST_PREVIEW:
            preview = preview[: LIST_PREVIEW - 1] + "…"
        lines.append(
            t(
                "list_line",
                id=ticket.id,
                status=status_label(ticket.status, t),
                owner=owner or t("nobody"),
                text=preview,
            )
        )
    if len(items) > limit:
        lines.append(t("list_more", n=limit))
    return pack_blocks(lines)[0]


def render_history(
    ticket: Ticket,
    entries: list[ConversationEntry],
    t: Texts,
    tz: ZoneInfo,
    earlier_versions: dict[int, list[str]] | None = None,
    trail: list[Event] | None = None,
) -> list[str]:
    """The whole conversation as messages that each fit Telegram's limit; nothing is cut.

    An edited client message shows its earlier versions too, because what a client first
    wrote can matter when the case is reviewed; what the phrase check noticed in a reply, and
    what its author chose, stands where it happened.
    """
    blocks = [t("history_title", id=ticket.id)]
    checks = [event for event in trail or [] if event.kind == "phrase_check"]
    for entry in entries:
        while checks and checks[0].created_at <= entry.created_at:
            blocks.append(_check_block(checks.pop(0), t, tz))
        blocks.extend(_entry_blocks(entry, t, tz))
        for old in (earlier_versions or {}).get(entry.id, []):
            blocks.extend(_text_blocks(t("history_was"), old))
    blocks.extend(_check_block(event, t, tz) for event in checks)
    if any(event.kind == "followup_skipped" for event in trail or []):
        blocks.append(t("followup_no_bot"))
    return pack_blocks(blocks)


def _check_block(event: Event, t: Texts, tz: ZoneInfo) -> str:
    """'held ORDER,NO_APOLOGY' or 'as_is …' / 'suggested …' / 'rewrite …' as one line."""
    choice, _, flags = event.detail.partition(" ")
    names = ", ".join(t(f"flag_{flag.lower()}") for flag in flags.split(",") if flag)
    outcome = choice if choice in ("held", "as_is", "suggested", "rewrite") else "held"
    when = format_moment(event.created_at, tz)
    return t(f"history_check_{outcome}", when=when, flags=Html(names) if names else "—")


def _text_blocks(header: str, raw: str) -> list[str]:
    budget = MESSAGE_LIMIT - utf16_len(header) - 1
    pieces = split_escaped(raw, budget) or [""]
    return [header + "\n" + pieces[0], *pieces[1:]]


def _entry_blocks(entry: ConversationEntry, t: Texts, tz: ZoneInfo) -> list[str]:
    when = format_moment(entry.created_at, tz)
    if entry.direction == "in":
        header = t("history_in", author=entry.author_name or "?", when=when)
    elif entry.direction == "note":
        header = t("history_note", author=entry.author_name, when=when)
    elif entry.delivered:
        header = t("history_out", author=entry.author_name, when=when)
    else:
        header = t("history_out_failed", author=entry.author_name, when=when)
    if entry.edited_at:
        header += " " + t("history_edited")
    if entry.is_deleted:
        header += " " + t("history_deleted")
    raw = entry.text
    if entry.content_type != "text":
        media = t("history_media", kind=entry.content_type)
        raw = f"{html.unescape(media)} {raw}".strip()
    return _text_blocks(header, raw)


def pack_blocks(
    blocks: list[str], limit: int = MESSAGE_LIMIT, separator: str = "\n\n"
) -> list[str]:
    """Join HTML blocks (blank lines between them by default) into as few messages as fit."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        candidate = f"{current}{separator}{block}" if current else block
        if utf16_len(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = block
    if current:
        messages.append(current)
    return messages


def fill_to_fit(
    t: Texts, key: str, field: str, raw: str, limit: int = MESSAGE_LIMIT, **values: object
) -> str:
    """Format `key` with `raw` escaped into `field`, trimmed so the whole fits `limit`."""
    frame = t(key, **values, **{field: ""})
    body, trimmed = fit_escaped(raw, limit - utf16_len(frame) - 1)
    return t(key, **values, **{field: Html(body + ("…" if trimmed else ""))})


def fill_and_split(t: Texts, key: str, field: str, raw: str, **values: object) -> list[str]:
    """Like `fill_to_fit`, but a text too long for one message continues in the next ones,
    because a staff reply must reach the client whole."""
    frame = t(key, **values, **{field: ""})
    first_budget = MESSAGE_LIMIT - utf16_len(frame)
    first, trimmed = fit_escaped(raw, first_budget)
    if not trimmed:
        return [t(key, **values, **{field: Html(first)})]
    pieces = split_escaped(raw, first_budget)
    head = t(key, **values, **{field: Html(pieces[0])})
    rest = split_escaped("".join(html.unescape(p) for p in pieces[1:]), MESSAGE_LIMIT)
    return [head, *rest]
