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

Odd keywords are part of the job, because directors type whatever their brand is:

* a run of one letter ("Brrrr", "Coffee") becomes one bounded repeat, never nested
  quantifiers, so no keyword can make an invalid or explosive regex;
* "+", "#", "&", "@" and math/currency signs are part of the brand ("C++", "C#", "AT&T") and
  are matched literally; dropping them would turn "C++" into the letter "c", which (with its
  Cyrillic reading "с") is in every other Russian sentence;
* other punctuation and emoji are decoration ("(x)", "FitStudio™", "FitStudio 💪");
* a one-letter word is matched as that letter only: its transliterations and case endings
  ("с", "со", "бы") are ordinary Russian words.

A Latin brand's Cyrillic reading is loose (vowels and doubled letters vary), so it can land
on an everyday word: "Coffee" reads "кофе" and "кафе", "Bar" reads "бар". A one-word Cyrillic
match that is a common Russian word (in any case form) is therefore not the brand: a director
whose brand is "Coffee" wants to hear about Coffee, not about every café in town. A reading
of several words ("кофе бин" for "Coffee Bean") is specific enough and still counts.

A keyword ending in "!" ("Coffee!") is matched exactly as typed, with no Cyrillic reading at
all: the director's switch for a brand whose every reading is somebody's ordinary word.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

log = logging.getLogger(__name__)

# How much of a text is searched for the brand. Every mention is a chat message (at most
# 4096 characters), a caption or a feed entry; the card shows only the first few thousand
# characters either way, and a title is searched first. A brand named only after 8 KB of a
# long blog post is hardly a complaint about it, while searching a 5 MB hostile "entry" with
# a dozen keyword regexes would be time stolen from every other source.
MATCH_CHARS = 8192

_SEP = r"[\s\-‐‑–—_.·'’]{0,3}"
_SYMBOL_SEP = r"\s?"  # "C ++" is still C++, but "C, с ++" is not
_WORD_CHUNK_RE = re.compile(r"[^\W_]+")
_TOKEN_RE = re.compile(r"[^\W_]+|[^\w\s]+")
_KEPT_SYMBOLS = frozenset("+#&@")
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
# A word ending in «й» («Музей», «Трамвай», «Добрый») keeps that letter only in some forms:
# «й» itself is an ending, and an adjective's «ый/ий/ой» gives way to the adjective's own.
_RU_ADJECTIVE_ENDINGS = [
    "ыми", "ими", "ого", "его", "ому", "ему", "ый", "ий", "ой", "ая", "яя", "ое", "ее",
    "ые", "ие", "ых", "их", "ым", "им", "ом", "ем", "ую", "юю", "ей",
]  # fmt: skip
_RU_Y_ENDING_RE = (
    "(?:"
    + "|".join(sorted({*_RU_ENDINGS, *_RU_ADJECTIVE_ENDINGS, "й"}, key=len, reverse=True))
    + ")?"
)
_EN_ENDING_RE = r"(?:['’]s|s|es)?"

# A keyword ending in this is matched without transliteration: "Coffee!" is only "Coffee".
EXACT_MARK = "!"
_CYRILLIC_RE = re.compile(r"[а-я]")
_ONE_WORD_RE = re.compile(r"[^\W_]+")

# Everyday Russian words a Latin brand's loose Cyrillic reading lands on. Not a dictionary:
# the short, frequent words of reviews and chat (places, food, money, service, pronouns),
# which is where a reading like "кафе" for "Coffee" or "бар" for "Bar" does harm.
_COMMON_RU_TEXT = """
    кафе кофе чай сок суп сыр торт хлеб мясо рыба вода еда пиво вино молоко бар паб клуб
    ресторан кухня меню пицца бургер суши ролл десерт салат завтрак обед ужин столик
    дом мир кот сон сад лес парк море пляж город улица метро центр офис зал душ сауна
    студия салон магазин маркет рынок аптека банк касса карта кредит бонус приз деньги
    сумма счет цена тариф номер заказ доставка курьер товар сервис сайт сеть связь смс
    отель хостел тур поход кино театр музей шоу фото видео радио авто мото такси машина
    спорт фитнес тренер бассейн бокс йога танцы мода стиль лайк пост блог чат бот тест
    топ хит стоп старт финиш плюс минус лото бинго тема лето зима весна осень день ночь
    час год раз два три мама папа друг вопрос ответ проблема очередь
    как так там тут вот вон все весь нет где кто что это эти тот мне мой наш ваш они она
    оно его нас вас нам вам был была было были есть будет пока мимо сам сама уже еще
    очень только если или для без при про под над ради
"""
COMMON_RU_WORDS = frozenset(_COMMON_RU_TEXT.split())


def _common_forms(words: Iterable[str]) -> frozenset[str]:
    """Every word with the case endings a Russian writer glues on ("кафе", "клубе", "барам")."""
    forms: set[str] = set()
    for word in words:
        forms.add(word)
        stem = word[:-1] if word[-1] in _VOWELS_CYR else word
        forms.update(stem + ending for ending in _RU_ENDINGS)
        forms.update(word + ending for ending in _RU_ENDINGS)
    return frozenset(forms)


_COMMON_FORMS = _common_forms(COMMON_RU_WORDS)


def is_common_word(span: str) -> bool:
    """Whether a matched span is one everyday Russian word, so not the brand it resembles."""
    return bool(_ONE_WORD_RE.fullmatch(span)) and normalise(span) in _COMMON_FORMS


def normalise(text: str) -> str:
    """Lower-case, ё -> е, compatibility forms folded: the form both text and keywords share."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def split_words(keyword: str) -> list[str]:
    """'FitStudio' -> ['fit', 'studio']; 'Fit-Studio 24' -> ['fit', 'studio', '24']."""
    return [text for kind, text in _tokens(keyword) if kind == "word"]


def _is_kept_symbol(char: str) -> bool:
    return char in _KEPT_SYMBOLS or unicodedata.category(char) in ("Sm", "Sc")


def _tokens(keyword: str) -> list[tuple[str, str]]:
    """('word', text) and ('symbol', text) in keyword order; decoration dropped."""
    tokens: list[tuple[str, str]] = []
    # Pictographs go before NFKC, which would spell "FitStudio™" as "FitStudioTM".
    keyword = "".join(c for c in keyword if unicodedata.category(c) != "So")
    for chunk in _TOKEN_RE.findall(unicodedata.normalize("NFKC", keyword)):
        if _WORD_CHUNK_RE.fullmatch(chunk):
            tokens.extend(("word", normalise(p)) for p in _CAMEL_RE.split(chunk) if p)
        elif all(_is_kept_symbol(c) for c in chunk):
            tokens.append(("symbol", chunk))
        else:  # a mixed run of decoration and kept signs: keep the signs, in order
            kept = "".join(c for c in chunk if _is_kept_symbol(c))
            if kept:
                tokens.append(("symbol", kept))
    return tokens


def _is_latin(word: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+", word))


@dataclass
class _Piece:
    """One Latin spelling unit's Cyrillic alternatives, repeated `least`..`most` times."""

    group: str
    least: int
    most: int

    def render(self) -> str:
        if (self.least, self.most) == (1, 1):
            return self.group
        if (self.least, self.most) == (0, 1):
            return self.group + "?"
        return f"{self.group}{{{self.least},{self.most}}}"


def _translit_pieces(word: str) -> list[_Piece]:
    """One regex alternation per Latin spelling unit, kept apart so the stem can be cut.

    A repeated letter widens the previous unit's repeat count instead of stacking another
    quantifier on it: "Brrrr" used to become "р?" + "?" + "?", which `re` rejects.
    """
    pieces: list[_Piece] = []
    i = 0
    while i < len(word):
        if i and word[i] == word[i - 1] and word[i] not in "eo" and pieces:
            # "coffee" is "кофе": a doubled consonant is often written once less in
            # Cyrillic ("Brrrr" as "Бррр" too). A vowel run is the brand's own spelling,
            # and "aaaaa" read as "а" would match a conjunction.
            pieces[-1].most += 1
            if word[i] in _VOWELS_LAT or pieces[-1].most > 2:
                pieces[-1].least += 1
            i += 1
            continue
        for latin, cyrillic in _TRANSLIT:
            if word.startswith(latin, i):
                alternatives = [re.escape(c) for c in cyrillic]
                required = [a for a in alternatives if a]
                group = "(?:" + "|".join(required) + ")"
                least = 0 if len(required) < len(alternatives) else 1
                pieces.append(_Piece(group, least, 1))
                i += len(latin)
                break
        else:
            pieces.append(_Piece(re.escape(word[i]), 1, 1))
            i += 1
    return pieces


def _word_pattern(word: str, *, last: bool, translit: bool = True) -> str:
    if word.isdigit() or len(word) == 1:
        return re.escape(word)
    if _is_latin(word):
        latin = re.escape(word) + (_EN_ENDING_RE if last else "")
        if not translit:
            return f"(?:{latin})"
        pieces = _translit_pieces(word)
        if last and word[-1] in _VOWELS_LAT and len(pieces) > 3:
            pieces = pieces[:-1]  # the ending replaces a final vowel: "студио" -> "студией"
        if not any(piece.least for piece in pieces):
            # Every letter optional ("hh"): the Cyrillic form would match an empty string.
            return f"(?:{latin})"
        cyr = "".join(piece.render() for piece in pieces) + (_RU_ENDING_RE if last else "")
        return f"(?:{latin}|{cyr})"
    if last and len(word) > 3 and word[-1] == "й":
        adjective = word[-2:] in ("ый", "ий", "ой") and len(word) > 4
        stem = word[:-2] if adjective else word[:-1]
        return re.escape(stem) + _RU_Y_ENDING_RE
    if last and len(word) > 3:
        stem = word[:-1] if word[-1] in _VOWELS_CYR else word
        return re.escape(stem) + _RU_ENDING_RE
    return re.escape(word)


def is_exact(keyword: str) -> bool:
    """Whether the director switched the Cyrillic reading off for this keyword ("Coffee!")."""
    return keyword.rstrip().endswith(EXACT_MARK)


def bare(keyword: str) -> str:
    """The keyword as the brand is written, without the exact-only mark: what a card shows."""
    return keyword.rstrip().rstrip(EXACT_MARK).rstrip() if is_exact(keyword) else keyword


def compile_keyword(keyword: str) -> re.Pattern[str]:
    """The keyword's regex; ValueError (never re.error) when it cannot be matched.

    A keyword marked exact ("Coffee!") gets no Cyrillic reading for its Latin words.
    """
    translit = not is_exact(keyword)
    tokens = _tokens(bare(keyword))
    if not any(kind == "word" for kind, _ in tokens):
        raise ValueError(f"keyword has no letters or digits: {keyword!r}")
    parts: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if i:
            both_words = kind == "word" and tokens[i - 1][0] == "word"
            parts.append(_SEP if both_words else _SYMBOL_SEP)
        if kind == "word":
            parts.append(_word_pattern(text, last=i == len(tokens) - 1, translit=translit))
        else:
            parts.append(re.escape(text))
    # A sign at either end is its own boundary ("C++" before a space or a letter).
    head = r"(?<!\w)" if tokens[0][0] == "word" else ""
    tail = r"(?!\w)" if tokens[-1][0] == "word" else ""
    try:
        return re.compile(head + "".join(parts) + tail)
    except re.error as error:  # a bug here must read as "cannot use this word", not a crash
        raise ValueError(f"keyword cannot be matched: {keyword!r}: {error}") from error


@dataclass(frozen=True)
class _Compiled:
    keyword: str
    pattern: re.Pattern[str]
    # Whether a Cyrillic span is our own reading of a Latin word, so may be a false friend.
    # A Cyrillic keyword ("Музей") is the director's own word and is never second-guessed.
    read: bool = False

    def found_in(self, norm: str) -> bool:
        """A match that is not just an everyday Cyrillic word ("кафе" for "Coffee")."""
        for match in self.pattern.finditer(norm):
            span = match.group()
            if not (self.read and _CYRILLIC_RE.search(span) and is_common_word(span)):
                return True
        return False


def _has_reading(keyword: str) -> bool:
    """Whether the keyword's regex offers a Cyrillic reading of some Latin word."""
    if is_exact(keyword):
        return False
    return any(_is_latin(w) and not w.isdigit() and len(w) > 1 for w in split_words(keyword))


def _compile_all(words: Iterable[str], skipped: list[str]) -> list[_Compiled]:
    compiled: list[_Compiled] = []
    for word in words:
        if not word.strip():
            continue
        try:
            compiled.append(_Compiled(word, compile_keyword(word), _has_reading(word)))
        except ValueError as error:
            log.warning("keyword.skipped %s", error)
            skipped.append(word)
    return compiled


class KeywordMatcher:
    """Answers 'which configured brand does this text mention?' with minus-words as a veto.

    A word that cannot be matched (no letters, say, in KEYWORDS) is skipped and listed in
    `skipped`: one odd word in the configuration must not stop every other keyword.
    """

    def __init__(self, keywords: Iterable[str], exclude: Iterable[str] = ()) -> None:
        self.skipped: list[str] = []
        self._keywords = _compile_all(keywords, self.skipped)
        self._exclude = _compile_all(exclude, self.skipped)

    @property
    def keywords(self) -> tuple[str, ...]:
        return tuple(c.keyword for c in self._keywords)

    def match(self, text: str) -> str | None:
        """The first configured keyword found (without its exact-only mark), or None; any
        minus-word vetoes the whole text.

        Only the first MATCH_CHARS characters are read (see there why).
        """
        if not self._keywords or not text:
            return None
        norm = normalise(text[:MATCH_CHARS])
        if any(c.pattern.search(norm) for c in self._exclude):
            return None
        for c in self._keywords:
            if c.found_in(norm):
                return bare(c.keyword)
        return None
