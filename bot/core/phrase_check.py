"""The phrase check: what in a staff reply would hurt a complaining client, before it is sent.

A reply goes to the client in the company's name, and the guide the product follows (the
service documents 000-003) is specific about what not to say: passing the client on, orders,
a bare "no", blame, rudeness, boilerplate, promises without a date. This module finds those
phrases and two absences (no apology in the first answer to a complaint, no next step) and
proposes a rewrite where a phrase has a safe replacement. It only advises; whoever calls it
decides whether to hold the reply.

Pure and local on purpose: no I/O, no clock, no model, rules as data in
``bot.core.phrase_rules``. A reply of a few thousand characters is checked in about a
millisecond (``bench/phrase_check.py``), so it can run on every reply without being noticed.

How a reply is read:

* Every rule's pattern is matched; where matches overlap, the one starting first wins, then
  the longer, then the earlier rule, so each word is blamed on one rule at most.
* A refusal or a "not us" followed by an offer ("…, но давайте я посмотрю") is not reported:
  the guide's own better phrasing starts exactly like that.
* Words inside a reported phrase count neither as an apology nor as a next step:
  "приносим извинения за доставленные неудобства" is boilerplate, not an apology.
* NO_APOLOGY: only for the first answer to a complaint, when no word owns the failure.
* NO_NEXT_STEP: when the reply promises something the client will get or hear ("вышлем",
  "перезвоним") with no day or hour and asks the client nothing; or when a first answer has no
  step at all: no date, no question or offer, nobody looking into it ("разберусь", "уже
  чиним") or reporting it done ("починили"). Looking into it needs no date: the guide's own
  "давайте я посмотрю" has none. A later reply that only explains is not flagged: not every
  message needs a step, and the other flags cover what such a reply gets wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice
from typing import Final

from bot.core.phrase_rules import Rule, RuleSet, rules_for
from bot.views.date_mentions import SAME_LENGTH_NORMALISATION, mentions_time, script_language

__all__ = ["FLAGS", "Check", "Finding", "check_reply"]

FLAGS: tuple[str, ...] = (
    "NOT_US",
    "ORDER",
    "REFUSAL_NO_ALT",
    "BLAME",
    "RUDE",
    "BUREAUCRATIC",
    "VAGUE_PROMISE",
    "NO_APOLOGY",
    "NO_NEXT_STEP",
)

EXCUSABLE: Final[frozenset[str]] = frozenset({"NOT_US", "REFUSAL_NO_ALT"})
"""Flags an offer right after the phrase cancels: "not this, but here is what I can do"."""

_SENTENCE_END: Final = re.compile(r"[.!?…\n]+(?=\s|$)")
_BEFORE_SENTENCE: Final = re.compile(r"(?:^|[.!?…\n])[\s«\"'(]*$")
_QUESTION_END: Final = re.compile(r"[.!](?=\s|$)|[?\n]|$")


@dataclass(frozen=True)
class Finding:
    """One thing the check noticed.

    ``start``/``end`` locate ``fragment`` in the checked text (both -1 for an absence), so a
    caller can highlight it without searching again.
    """

    flag: str
    fragment: str
    hint: str
    source: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Check:
    """The findings, in text order with absences last, and a rewrite if one could be made.

    ``language`` is the rule language that was applied: the reply's own when its letters make
    it clear, else the one asked for.
    """

    findings: tuple[Finding, ...]
    suggestion: str | None
    language: str = "ru"

    @property
    def flags(self) -> tuple[str, ...]:
        found = {finding.flag for finding in self.findings}
        return tuple(flag for flag in FLAGS if flag in found)


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    rule: Rule


def _scan(text: str, rules: RuleSet) -> list[_Hit]:
    """Every rule match, overlaps settled: first start, then longest, then earliest rule."""
    hits = [
        _Hit(match.start(), match.end(), rule)
        for rule in rules.rules
        for match in rule.pattern.finditer(text)
        if match.end() > match.start()
    ]
    hits.sort(key=lambda h: (h.start, h.start - h.end, h.rule.order))
    kept: list[_Hit] = []
    for hit in hits:
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept


def _excused(text: str, hit: _Hit, rules: RuleSet) -> bool:
    """An offer in the rest of the sentence or the next one makes a refusal a redirection."""
    ends = [m.end() for m in islice(_SENTENCE_END.finditer(text, hit.end), 2)]
    window_end = ends[1] if len(ends) == 2 else len(text)
    return rules.alternative.search(text, hit.end, window_end) is not None


def _masked(text: str, hits: list[_Hit]) -> str:
    """The text with reported phrases blanked out (same length, so positions still hold)."""
    if not hits:
        return text
    parts: list[str] = []
    position = 0
    for hit in hits:
        parts.append(text[position : hit.start])
        parts.append(" " * (hit.end - hit.start))
        position = hit.end
    parts.append(text[position:])
    return "".join(parts)


def _relevant_hits(text: str, rules: RuleSet) -> list[_Hit]:
    return [
        h for h in _scan(text, rules) if not (h.rule.flag in EXCUSABLE and _excused(text, h, rules))
    ]


def _apologises(text: str, hits: list[_Hit], rules: RuleSet) -> bool:
    return rules.apology.search(_masked(text, hits)) is not None


def _dated(masked: str, rules: RuleSet) -> bool:
    """A day, an hour or "right now": what a promise must come with."""
    return rules.now.search(masked) is not None or mentions_time(masked, rules.language)


def _asks(masked: str, rules: RuleSet) -> bool:
    """A question, a request or an offer: the client's answer comes before any date."""
    return rules.ask.search(masked) is not None


def _missing_step(normalised: str, masked: str, first_reply: bool, rules: RuleSet) -> bool:
    """A promise with no date and nothing asked; or a first answer with no step of any kind."""
    if _dated(masked, rules) or _asks(masked, rules):
        return False
    if rules.promise.search(normalised) is not None:
        return True
    return first_reply and rules.step.search(masked) is None


def _at_sentence_start(text: str, position: int) -> bool:
    return _BEFORE_SENTENCE.search(text[max(0, position - 40) : position]) is not None


def _fitted(suggestion: str, text: str, position: int) -> str:
    """Capitalised where a sentence starts; otherwise as written in the data."""
    if _at_sentence_start(text, position):
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


def _into_question(text: str, position: int) -> str:
    """End the sentence running on from ``position`` with "?" instead of "." or "!"."""
    end = _QUESTION_END.search(text, position)
    if end is None or end.group() == "?":
        return text
    if end.group() in (".", "!"):
        return text[: end.start()] + "?" + text[end.end() :]
    stop = end.start()
    while stop > position and text[stop - 1].isspace():
        stop -= 1
    return text[:stop] + "?" + text[stop:]


def _replaced(text: str, hits: list[_Hit], rules: RuleSet) -> str:
    """Apply the rules' replacements right to left, so earlier positions stay valid."""
    for hit in reversed(hits):
        suggestion = hit.rule.suggestion
        if suggestion is None:
            continue
        replacement = _fitted(suggestion, text, hit.start)
        text = text[: hit.start] + replacement + text[hit.end :]
        if suggestion.lower().startswith(rules.question_openers):
            text = _into_question(text, hit.start + len(replacement))
    return text


def _opened(text: str, rules: RuleSet, client_name: str | None) -> str:
    """An apology put first, after a greeting if there is one, addressing the client by name
    unless the greeting or the reply's first word already does."""
    greeting = rules.greeting.match(text)
    head = text[: greeting.end()] if greeting else ""
    rest = text[len(head) :]
    name = (client_name or "").strip()
    named = bool(name) and name.casefold() not in head.casefold()
    if named:
        address = re.match(rf"{re.escape(name)}\s*[,!]\s*", rest, re.IGNORECASE)
        if address:
            rest = rest[address.end() :]
    opening = rules.named_opening.format(name=name) if named else rules.opening
    rest = rest[:1].upper() + rest[1:]
    gap = " " if head and not head[-1].isspace() else ""
    return f"{head}{gap}{opening} {rest}".rstrip()


def _suggestion(
    text: str,
    hits: list[_Hit],
    add_apology: bool,
    rules: RuleSet,
    client_name: str | None,
) -> str | None:
    rewritten = _replaced(text, hits, rules)
    # A replacement may bring its own apology ("приносим извинения за доставленные
    # неудобства" → "простите нас…"); then one is enough. The rest of the text had none, or
    # NO_APOLOGY would not have been raised, so only the replacements need a look.
    brought = any(h.rule.suggestion and rules.apology.search(h.rule.suggestion) for h in hits)
    if add_apology and not brought:
        rewritten = _opened(rewritten, rules, client_name)
    return None if rewritten == text else rewritten


def check_reply(
    text: str,
    *,
    language: str,
    first_reply: bool,
    disabled: frozenset[str] = frozenset(),
    client_name: str | None = None,
) -> Check:
    """Check one staff reply before it reaches a client.

    ``language`` is the company's; a reply clearly written in the other language is checked
    with that language's rules (and gets hints in it). ``first_reply`` is True for the first
    answer to a complaint, the one that must apologise. Flags in ``disabled`` are neither
    reported nor rewritten. ``client_name`` is used to address the client in an added apology.
    """
    code = script_language(text, language)
    rules = rules_for(code)
    if not text.strip():
        return Check((), None, code)
    normalised = text.translate(SAME_LENGTH_NORMALISATION)
    hits = _relevant_hits(normalised, rules)

    missing: list[str] = []
    if first_reply and not _apologises(normalised, hits, rules):
        missing.append("NO_APOLOGY")
    if _missing_step(normalised, _masked(normalised, hits), first_reply, rules):
        missing.append("NO_NEXT_STEP")

    shown = [h for h in hits if h.rule.flag not in disabled]
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for hit in shown:
        fragment = text[hit.start : hit.end]
        key = (hit.rule.flag, " ".join(fragment.casefold().split()))
        if key in seen:
            continue  # the same careless words twice are one thing to fix
        seen.add(key)
        findings.append(
            Finding(hit.rule.flag, fragment, hit.rule.hint, hit.rule.source, hit.start, hit.end)
        )
    for flag in missing:
        if flag not in disabled:
            findings.append(
                Finding(flag, "", rules.absence_hints[flag], rules.absence_sources[flag])
            )

    add_apology = "NO_APOLOGY" in missing and "NO_APOLOGY" not in disabled
    suggestion = _suggestion(text, shown, add_apology, rules, client_name)
    return Check(tuple(findings), suggestion, code)
