"""Phrase rules per language, compiled once: what the phrase check looks for in a staff reply.

The rules are data (``ru.py``, ``en.py``) so that wording can be tuned without touching the
engine in ``bot.core.phrase_check``. Every pattern is wrapped in word-boundary lookarounds
here, so the data never has to repeat them and a stem cannot fire inside a longer word
("скоро" inside "скорость"). Python's ``re`` treats Cyrillic letters as word characters, so
the lookarounds work for both languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from bot.core.phrase_rules import en, ru

__all__ = ["Rule", "RuleSet", "rules_for"]

_LANGUAGES: dict[str, ModuleType] = {"ru": ru, "en": en}


@dataclass(frozen=True)
class Rule:
    """One phrase to catch: the compiled pattern and what to tell the author about it."""

    pattern: re.Pattern[str]
    flag: str
    suggestion: str | None
    hint: str
    source: str
    order: int
    """Position in the data: breaks ties between matches of equal length."""


@dataclass(frozen=True)
class RuleSet:
    """Everything the engine needs for one language."""

    language: str
    rules: tuple[Rule, ...]
    apology: re.Pattern[str]
    alternative: re.Pattern[str]
    promise: re.Pattern[str]
    ask: re.Pattern[str]
    now: re.Pattern[str]
    step: re.Pattern[str]
    greeting: re.Pattern[str]
    opening: str
    named_opening: str
    question_openers: tuple[str, ...]
    absence_hints: dict[str, str]
    absence_sources: dict[str, str]


def _words(pattern: str) -> re.Pattern[str]:
    """Whole words only, any case."""
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


def _build(language: str, data: ModuleType) -> RuleSet:
    rules = tuple(
        Rule(_words(pattern), flag, suggestion, hint, source, order)
        for order, (pattern, flag, suggestion, hint, source) in enumerate(data.RULES)
    )
    return RuleSet(
        language=language,
        rules=rules,
        apology=_words(data.APOLOGY),
        alternative=_words(data.ALTERNATIVE),
        promise=_words(data.PROMISE),
        # A question mark is not a word character, so it gets no boundaries of its own.
        ask=re.compile(rf"\?|(?<!\w)(?:{data.ASK})(?!\w)", re.IGNORECASE),
        now=_words(data.NOW),
        step=_words(data.STEP),
        greeting=re.compile(data.GREETING, re.IGNORECASE),
        opening=data.OPENING,
        named_opening=data.NAMED_OPENING,
        question_openers=data.QUESTION_OPENERS,
        absence_hints={"NO_APOLOGY": data.NO_APOLOGY_HINT, "NO_NEXT_STEP": data.NO_NEXT_STEP_HINT},
        absence_sources=dict(data.ABSENCE_SOURCES),
    )


@cache
def _compiled(code: str) -> RuleSet:
    return _build(code, _LANGUAGES[code])


def rules_for(language: str) -> RuleSet:
    """The rule set for a language code ("ru", "ru-RU", "en"…); English for any other.

    Compiled on first use and kept: about a hundred patterns, a few milliseconds once.
    """
    return _compiled("ru" if language.lower().startswith("ru") else "en")
