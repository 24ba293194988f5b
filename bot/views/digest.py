"""The morning digest, rendered from plain facts: no I/O, so every section is unit-tested.

A director reads it on a phone before the day starts, so each list is short (the oldest or
most urgent first, then "and N more") and a quiet morning is one line or nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.views.cards import format_delay, pack_blocks, source_label
from bot.views.dates import format_due
from bot.views.texts import Html, Texts
from storage.digests import Answer
from storage.models import Ticket

LIST_LIMIT = 10
NAME_LIMIT = 40


@dataclass(frozen=True)
class DigestFacts:
    day: date
    new: list[tuple[str, int]] = field(default_factory=list)  # source label (HTML), count
    open_by_owner: list[tuple[str, int]] = field(default_factory=list)  # owner name, count
    overdue: list[tuple[Ticket, str]] = field(default_factory=list)  # ticket, owner name
    overdue_total: int = 0
    waiting: list[Ticket] = field(default_factory=list)
    waiting_total: int = 0
    answers: list[Answer] = field(default_factory=list)

    @property
    def nothing_to_report(self) -> bool:
        return (
            not (self.new or self.open_by_owner or self.overdue_total or self.waiting_total)
            and not self.answers
        )


def _name(raw: str) -> str:
    return raw if len(raw) <= NAME_LIMIT else raw[: NAME_LIMIT - 1] + "…"


def source_name(source: str, title: str | None, t: Texts, tag: str | None = None) -> Html:
    """A source's label for the digest, its title (or feed URL) shortened before escaping:
    ten sources with long titles must not push one section past Telegram's 4096 limit. DMs
    that came through a poster's link are counted by the poster."""
    if tag:
        return Html(t("source_telegram_tag", title=_name(title or tag)))
    return Html(source_label(source, t, _name(title or source)))


def _more(lines: list[str], total: int, t: Texts) -> list[str]:
    if total > len(lines):
        lines.append(t("digest_more", n=total - len(lines)))
    return lines


def render_digest(
    facts: DigestFacts, t: Texts, tz: ZoneInfo, now: datetime, *, all_clear: bool
) -> list[str]:
    """The digest as messages (normally one); [] when there is nothing to say and the director
    chose silence over the one-line "all clear"."""
    if facts.nothing_to_report:
        return [t("digest_all_clear")] if all_clear else []
    sections = [t("digest_title", date=facts.day.strftime("%d.%m.%Y"))]
    if facts.new:
        total = sum(count for _, count in facts.new)
        lines = [t("digest_new_title", count=total)]
        lines += [
            t("digest_count_line", name=Html(label), count=count)
            for label, count in facts.new[:LIST_LIMIT]
        ]
        sections.append("\n".join(_more(lines, len(facts.new) + 1, t)))
    if facts.open_by_owner:
        total = sum(count for _, count in facts.open_by_owner)
        lines = [t("digest_open_title", count=total)]
        lines += [
            t("digest_count_line", name=_name(owner), count=count)
            for owner, count in facts.open_by_owner[:LIST_LIMIT]
        ]
        sections.append("\n".join(_more(lines, len(facts.open_by_owner) + 1, t)))
    if facts.overdue_total:
        lines = [t("digest_overdue_title", count=facts.overdue_total)]
        for ticket, owner in facts.overdue[:LIST_LIMIT]:
            assert ticket.due_at is not None
            due = format_due(ticket.due_at, tz, now, t.language)
            lines.append(t("digest_overdue_line", id=ticket.id, owner=_name(owner), due=due))
        sections.append("\n".join(_more(lines, facts.overdue_total + 1, t)))
    if facts.waiting_total:
        lines = [t("digest_waiting_title", count=facts.waiting_total)]
        lines += [
            t(
                "digest_waiting_line",
                id=ticket.id,
                author=_name(ticket.author_name or "?"),
                delay=format_delay(now - ticket.created_at, t),
            )
            for ticket in facts.waiting[:LIST_LIMIT]
        ]
        sections.append("\n".join(_more(lines, facts.waiting_total + 1, t)))
    if facts.answers:
        lines = [t("digest_answers_title", count=len(facts.answers))]
        for item in facts.answers[:LIST_LIMIT]:
            key = {"yes": "digest_answer_yes", "no": "digest_answer_no"}.get(
                item.answer or "", "digest_answer_none"
            )
            rating = Html(t("digest_rating", rating=item.rating)) if item.rating else ""
            lines.append(t(key, id=item.ticket_id, author=_name(item.author or "?"), rating=rating))
        sections.append("\n".join(_more(lines, len(facts.answers) + 1, t)))
    return pack_blocks(sections)
