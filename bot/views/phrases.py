"""What the author of a held reply sees: what the phrase check noticed, why, and the rewrite
it suggests. Pure: the check's findings and the catalogue in, HTML out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.views.cards import MESSAGE_LIMIT, fit_escaped, utf16_len
from bot.views.texts import Html, Texts

FRAGMENT_LIMIT = 80


class Noticed(Protocol):
    """One finding of the phrase check, as far as the preview needs it (bot.core's Finding;
    views sit below core and take it by shape)."""

    @property
    def flag(self) -> str: ...
    @property
    def fragment(self) -> str: ...
    @property
    def hint(self) -> str: ...


def flag_name(flag: str, t: Texts) -> str:
    return t(f"flag_{flag.lower()}")


def render_held(
    ticket_id: int, findings: Sequence[Noticed], suggestion: str | None, t: Texts
) -> str:
    """The preview, filled to Telegram's limit at most: the suggestion is cut, never a flag."""
    lines = [t("held_title", id=ticket_id)]
    for finding in findings:
        fragment = " ".join(finding.fragment.split())[:FRAGMENT_LIMIT]
        key = "held_line_quoted" if fragment else "held_line"
        lines.append(t(key, flag=flag_name(finding.flag, t), fragment=fragment, hint=finding.hint))
    head = "\n".join(lines)
    if suggestion is None:
        return head + "\n\n" + t("held_no_suggestion")
    frame = t("held_suggestion", text="")
    budget = MESSAGE_LIMIT - utf16_len(head) - utf16_len(frame) - 4
    body, cut = fit_escaped(suggestion, budget)
    return head + "\n\n" + t("held_suggestion", text=Html(body + ("…" if cut else "")))


def render_flags(off: frozenset[str], flags: tuple[str, ...], t: Texts) -> str:
    """/phrases: every flag with whether it is on, for the company."""
    lines = [t("phrases_title")]
    for flag in flags:
        key = "phrases_flag_off" if flag in off else "phrases_flag_on"
        lines.append(t(key, flag=flag_name(flag, t)))
    return "\n".join(lines)
