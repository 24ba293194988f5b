"""Brand matching that survives how people actually type a brand name.

"FitStudio" reaches us as "Fit-Studio", "fit studio", "фит студио", "ФитСтудии",
"фитстудией". Each keyword is compiled once into a regex that:

* ignores case and treats ё as е;
* splits the keyword into words (spaces, hyphens, CamelCase, letter/digit boundaries) and
  lets the text join those words with nothing, a space, a hyphen, a dot or an underscore;
* offers a Cyrillic transliteration for every Latin word, letter by letter with the usual
  alternatives (so "studio" also reads "студио", "fit" reads "фит");
* lets the last word take a Russian case ending (after dropping its final vowel) in
  Cyrillic, and 's / s in Latin.

A match must start and end on a word boundary: "fitstudiox" or "суперфитстудио" are not
the brand. That costs a miss when a brand is glued to another word, and buys no false alarm
on an unrelated longer word, which matters more when every hit lands on the director's phone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SEP = r"[\s\-‐‑–—_.·'’]{0,3}"
_WORD_SPLIT_RE = re.compile(r"[^\w]+|_")
_CAMEL_RE = re.compile(
    r"(?<=[a-zа-я])(?=[A-ZА-Я])|(?<=[A-Za-zА-Яа-я])(?=\d)|(?<=\d)(?=[A-Za-zА-Яа-я])"
)

# Latin -> Cyrillic, longest spelling first. Each value lists what a Russian writer uses.
_TRANSLIT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sch", ("ш", "щ", "сч")),
    ("tch", ("ч",)),
    ("sh", ("ш",)),
    ("ch", ("ч", "х")),
    ("zh", ("ж",)),
    ("kh", ("х",)),
    ("ts", ("ц", "тс")),
    ("tz", ("ц",)),
    ("ph", ("ф",)),
    ("th", ("т", "с")),
    ("ya", ("я", "йа")),
    ("yu", ("ю",)),
    ("yo", ("е", "йо")),
    ("ye", ("е", "йе")),
    ("oo", ("у",)),
    ("ee", ("и", "е")),
    ("ea", ("и", "е", "еа")),
    ("ck", ("к",)),
    ("qu", ("кв",)),
    ("a", ("а", "э")),
    ("b", ("б",)),
    ("c", ("к", "с", "ц")),
    ("d", ("д",)),
    ("e", ("е", "э", "")),
    ("f", ("ф",)),
    ("g", ("г", "дж")),
    ("h", ("х", "г", "")),
    ("i", ("и", "ай", "й")),
    ("j", ("дж", "ж", "й")),
    ("k", ("к",)),
    ("l", ("л",)),
    ("m", ("м",)),
    ("n", ("н",)),
    ("o", ("о", "а")),
    ("p", ("п",)),
    ("q", ("к",)),
    ("r", ("р",)),
    ("s", ("с", "з")),
    ("t", ("т",)),
    ("u", ("у", "ю", "а")),
    ("v", ("в",)),
    ("w", ("в", "у")),
    ("x", ("кс",)),
    ("y", ("и", "й", "ы")),
    ("z", ("з",)),
)
_VOWELS_LAT = frozenset("aeiouy")
_VOWELS_CYR = frozenset("аеиоуыэюяйь")
# Case/number endings a Russian writer glues onto a (possibly foreign) name.
_RU_ENDINGS = [
    "иями",
    "ями",
    "ами",
    "иях",
    "иям",
    "ией",
    "ием",
    "ию",
    "ия",
    "ии",
    "ий",
    "ие",
    "иа",
    "ио",
    "ой",
    "ей",
    "ою",
    "ею",
    "ом",
    "ем",
    "ам",
    "ям",
    "ах",
    "ях",
    "ов",
    "ев",
    "ью",
    "ья",
    "ье",
    "ьи",
    "а",
    "я",
    "о",
    "е",
    "и",
    "ы",
    "у",
    "ю",
    "ь",
]
_RU_ENDING_RE = "(?:" + "|".join(sorted(_RU_ENDINGS, key=len, reverse=True)) + ")?"
_EN_ENDING_RE = r"(?:['’]s|s|es)?"


def normalise(text: str) -> str:
    """Lower-case, ё -> е, compatibility forms folded: the form both text and keywords share."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def split_words(keyword: str) -> list[str]:
    """'FitStudio' -> ['fit', 'studio']; 'Fit-Studio 24' -> ['fit', 'studio', '24']."""
    words: list[str] = []
    for chunk in _WORD_SPLIT_RE.split(unicodedata.normalize("NFKC", keyword)):
        words.extend(part for part in _CAMEL_RE.split(chunk) if part)
    return [normalise(w) for w in words]


def _is_latin(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+", word))


def _translit_pieces(word: str) -> list[str]:
    """One regex alternation per Latin spelling unit, kept apart so the stem can be cut."""
    pieces: list[str] = []
    i = 0
    while i < len(word):
        if i and word[i] == word[i - 1] and word[i] not in "eo" and pieces:
            # "coffee" is "кофе": a doubled consonant is often written once in Cyrillic.
            pieces.append(pieces[-1] + "?")
            i += 1
            continue
        for latin, cyrillic in _TRANSLIT:
            if word.startswith(latin, i):
                alternatives = [re.escape(c) for c in cyrillic]
                required = [a for a in alternatives if a]
                group = "(?:" + "|".join(required) + ")"
                pieces.append(group + ("?" if len(required) < len(alternatives) else ""))
                i += len(latin)
                break
        else:
            pieces.append(re.escape(word[i]))
            i += 1
    return pieces


def _inflected_cyrillic(pieces: list[str], last_is_vowel: bool) -> str:
    stem = pieces[:-1] if last_is_vowel and len(pieces) > 3 else pieces
    return "".join(stem) + _RU_ENDING_RE


def _word_pattern(word: str, *, last: bool) -> str:
    if word.isdigit():
        return re.escape(word)
    if _is_latin(word):
        pieces = _translit_pieces(word)
        cyr = _inflected_cyrillic(pieces, word[-1] in _VOWELS_LAT) if last else "".join(pieces)
        latin = re.escape(word) + (_EN_ENDING_RE if last else "")
        return f"(?:{latin}|{cyr})"
    if last and len(word) > 3:
        stem = word[:-1] if word[-1] in _VOWELS_CYR else word
        return re.escape(stem) + _RU_ENDING_RE
    return re.escape(word)


def compile_keyword(keyword: str) -> re.Pattern[str]:
    words = split_words(keyword)
    if not words:
        raise ValueError(f"keyword has no letters or digits: {keyword!r}")
    body = _SEP.join(_word_pattern(word, last=i == len(words) - 1) for i, word in enumerate(words))
    return re.compile(rf"(?<!\w){body}(?!\w)")


@dataclass(frozen=True)
class _Compiled:
    keyword: str
    pattern: re.Pattern[str]


class KeywordMatcher:
    """Answers 'which configured brand does this text mention?' with minus-words as a veto."""

    def __init__(self, keywords: Iterable[str], exclude: Iterable[str] = ()) -> None:
        self._keywords = [_Compiled(k, compile_keyword(k)) for k in keywords if k.strip()]
        self._exclude = [_Compiled(k, compile_keyword(k)) for k in exclude if k.strip()]

    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(c.keyword for c in self._keywords)

    def match(self, text: str) -> str | None:
        """The first configured keyword found, or None; any minus-word vetoes the whole text."""
        if not self._keywords or not text:
            return None
        norm = normalise(text)
        if any(c.pattern.search(norm) for c in self._exclude):
            return None
        for c in self._keywords:
            if c.pattern.search(norm):
                return c.keyword
        return None
