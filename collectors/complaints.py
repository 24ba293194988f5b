"""Is this text a complaint? A small hand-written lexicon for Russian and English.

No model download: the bot must start on a cheap VPS and the director must be able to ask
"why was this flagged?" — the answer is the tuple of markers. Decisions lean towards
"complaint": a missed complaint costs a customer, a false one costs the director a glance.

How a text is scored:

* Markers are regexes on normalised text (lower case, ё -> е, "n't" -> " not"), written as
  Russian stems so endings do not matter ("опоздал", "опоздала", "опоздали").
* NEGATIVE markers ("плохо", "грязно", "rude") count as complaint unless negated within the
  same clause ("не плохо", "not bad" count for nothing).
* EXPECTATION markers ("работает", "отвечают", "work") count only when negated: "не
  работает" and "никто не отвечает" are complaints, "всё работает" is nothing.
* PRAISE markers count as praise, and as a complaint when negated ("не понравилось").
* FIXED markers carry their own meaning regardless of negation ("верните", "без моего
  согласия", "never again", "списали дважды").
* After a contrast ("но", "однако", "but") the clause weighs more and what came before
  weighs less: "Отличный клуб, но парковка постоянно занята" is a complaint.

Cost is linear in the text and the text is capped (CLASSIFY_CHARS): the intake classifies
every mention, and a complaint-heavy 68 KB entry used to take seconds of the event loop.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["complaint", "praise", "question", "neutral"]


@dataclass(frozen=True)
class Verdict:
    kind: Kind
    score: float  # 0..1, strength of the evidence for `kind`
    markers: tuple[str, ...]


COMPLAINT_THRESHOLD = 1.0
PRAISE_THRESHOLD = 1.0
_BEFORE_CONTRAST = 0.6
_AFTER_CONTRAST = 1.3
_NEGATION_WINDOW = 3  # words looked back for a negator, within the clause
# Characters looked back for those words. Three words and the spaces between them fit in
# far less; a longer word only means fewer words are seen, which reads as "not negated".
_NEGATION_CHARS = 120
# How much of a text is classified. The verdict is about what the author says first: a
# chat message is at most 4096 characters, and in a long review the complaint is in its
# opening paragraphs. Beyond that more text only adds noise (and time: every marker is
# looked for in all of it), so the rest is not read.
CLASSIFY_CHARS = 4096

_W = r"[a-zа-я0-9]*"  # the rest of a word after a stem

# (label, pattern, weight); patterns are applied with a leading word boundary.
_NEGATIVE: tuple[tuple[str, str, float], ...] = (
    ("плохо", rf"плох{_W}", 1.0),
    ("ужасно", rf"ужас{_W}", 1.0),
    ("отвратительно", rf"отврат{_W}", 1.0),
    ("кошмар", rf"кошмар{_W}", 1.0),
    ("безобразие", rf"безобраз{_W}", 1.0),
    ("хамство", rf"хам(?:ств|ск|и[тлш]|ят|ка|ло|ов|ь|\b){_W}", 1.0),
    ("грубо", rf"груб{_W}", 1.0),
    ("грязно", rf"грязн{_W}", 1.0),
    ("мусор", rf"мусор{_W}", 0.7),
    ("обман", rf"обма(?:н|нул|нут){_W}", 1.0),
    ("мошенники", rf"мошенн{_W}", 1.0),
    ("развод", rf"развел?и\b|развод{_W}", 0.7),
    ("опоздал", rf"опозда{_W}|опаздыва{_W}", 1.0),
    ("сорвано", rf"сорва{_W}|сорвал{_W}", 1.0),
    ("сломано", rf"слома{_W}|сломл{_W}|поломк{_W}|поломал{_W}", 1.0),
    ("перестал", rf"перестал{_W}", 1.0),
    ("отстой", rf"отстой{_W}", 1.0),
    ("разочарование", rf"разочаров{_W}", 1.0),
    ("недоволен", rf"недовол{_W}", 1.0),
    ("возмутительно", rf"возмущ{_W}|возмутит{_W}", 1.0),
    ("жалоба", rf"жалоб{_W}|жалуюсь|пожалуюсь", 1.0),
    ("претензия", rf"претензи{_W}", 1.0),
    ("тишина", r"тишина", 0.7),
    ("игнор", rf"игнор{_W}", 1.0),
    ("холодно", rf"холодн{_W}", 0.5),
    ("громко", rf"громк{_W}", 0.5),
    ("невозможно", rf"невозможн{_W}", 1.0),
    ("бардак", rf"бардак{_W}|беспоряд{_W}", 1.0),
    ("позор", rf"позор{_W}", 1.0),
    ("ошибка", rf"ошибк{_W}|ошибочн{_W}", 0.5),
    ("проблема", rf"проблем{_W}", 0.7),
    ("задержка", rf"задерж{_W}", 0.7),
    ("очередь", rf"очеред{_W}", 0.5),
    ("bad", r"bad|worse|worst", 1.0),
    ("terrible", r"terrible|awful|horrible|horrendous|disgusting|appalling", 1.0),
    ("rude", r"rude\w*|impolite", 1.0),
    ("dirty", r"dirty|filthy", 1.0),
    ("late", r"late|delayed|delay", 0.7),
    ("broken", r"broken|broke", 1.0),
    ("disappointed", r"disappoint\w*", 1.0),
    ("scam", r"scam\w*|fraud\w*|cheat\w*|ripped off|rip-off", 1.0),
    ("complaint", r"complain\w*|complaint", 1.0),
    ("unacceptable", r"unacceptable|ridiculous", 1.0),
    ("ignored", r"ignor\w*", 1.0),
    ("problem", r"problem\w*|issue\w*", 0.5),
)
_EXPECTATION: tuple[tuple[str, str, float], ...] = (
    ("работает", rf"работа{_W}|работ(?:ал|ит){_W}", 1.0),
    ("отвечают", rf"отвеча{_W}|ответил{_W}|ответ\b", 1.0),
    ("перезвонили", rf"перезвон{_W}|звонил{_W}|дозвон{_W}", 1.0),
    ("читается", rf"чита{_W}|счита(?:ет|ло)ся", 1.0),
    ("открывается", rf"открыва{_W}|открыл{_W}", 1.0),
    ("включается", rf"включа{_W}|загружа{_W}|грузит{_W}", 1.0),
    ("пришёл", rf"приш(?:ел|ла|ли|ло)\b|пришел{_W}|приех{_W}|привез{_W}|доставил{_W}", 1.0),
    ("предупредили", rf"предупред{_W}|сообщил{_W}|уведом{_W}", 1.0),
    ("поздоровался", rf"поздорова{_W}|извинил{_W}|извини{_W}", 1.0),
    ("вернули", rf"вернул{_W}|верн(?:ут|ет)\b", 1.0),
    ("помогли", rf"помог{_W}|помоч{_W}|помога{_W}", 1.0),
    ("починили", rf"почин{_W}|исправ{_W}|устран{_W}", 1.0),
    ("убрали", rf"убра{_W}|убира{_W}|вынос{_W}|вынес{_W}", 1.0),
    ("получил", rf"получ{_W}", 0.7),
    ("могу", rf"могу\b|можем\b|смог{_W}", 0.7),
    ("хватает", rf"хвата{_W}", 0.7),
    ("соответствует", rf"соответств{_W}", 1.0),
    ("work", r"work\w*|function\w*", 1.0),
    ("respond", r"respond\w*|reply\w*|replied|answer\w*|call\w* back", 1.0),
    ("arrive", r"arriv\w*|deliver\w*|show\w* up|came", 1.0),
    ("help", r"help\w*|fix\w*|resolv\w*", 1.0),
    ("refunded", r"refunded|returned", 1.0),
)
_PRAISE: tuple[tuple[str, str, float], ...] = (
    ("спасибо", r"спасиб\w*|благодар\w*", 1.0),
    ("понравилось", rf"понрав{_W}|нравит{_W}", 1.0),
    ("отлично", rf"отличн{_W}|прекрасн{_W}|замечательн{_W}|великолепн{_W}|превосходн{_W}", 1.0),
    ("супер", rf"супер\b|класс(?:но|ный|ная|ное|ные)?\b|круто|шикарн{_W}", 1.0),
    ("рекомендую", rf"рекоменд{_W}|советую", 1.0),
    ("молодцы", rf"молодц{_W}|умниц{_W}", 1.0),
    ("доволен", rf"довол(?:ен|ьн){_W}", 1.0),
    ("лучший", rf"лучш(?:ий|ая|ее|ие|его|ей|их){_W}", 0.7),
    ("неплохо", rf"неплох{_W}", 0.7),
    ("thanks", r"thanks?|thank you|grateful", 1.0),
    ("great", r"great|excellent|amazing|awesome|wonderful|perfect|fantastic", 1.0),
    ("love", r"lov(?:e|ed|ely)", 1.0),
    ("recommend", r"recommend\w*", 1.0),
    ("happy", r"happy|pleased|satisfied", 1.0),
)
_FIXED: tuple[tuple[str, str, float], ...] = (
    ("верните деньги", r"верн(?:ите|уть|ет(?:е)?)\b|возврат\w*|вернуть деньги", 1.0),
    (
        "списали дважды",
        r"списал\w*(?:\s+\S+){0,5}?\s+(?:дважды|два раза|повторно|лишн\w*)"
        r"|(?:дважды|два раза|повторно)\s+списал\w*",
        1.5,
    ),
    ("списали", r"списал\w*|сняли деньги", 0.7),
    (
        "который раз",
        r"(?:второй|третий|четвертый|пятый|десятый|который|очередной)\s+раз"
        r"|не первый раз|сколько можно|опять|снова|в очередной",
        0.5,
    ),
    ("каждый раз", r"каждый раз|постоянно|вечно|всегда\s+(?:так|одно)", 0.5),
    ("никто не", r"никто\s+не|ничего\s+не|никак\s+не|так\s+и\s+не|до\s+сих\s+пор", 1.0),
    ("без согласия", r"без\s+(?:моего|нашего|всякого)?\s*(?:согласия|предупреждения|спроса)", 1.0),
    ("сквозь зубы", r"сквозь зубы|не держу|нахамил\w*|наорал\w*|послал\w*", 1.0),
    ("вместо обещанных", r"вместо\s+обещанн\w*", 1.0),
    ("обещали", r"обещал\w*|обещан\w*", 0.7),
    ("хотя на сайте", r"хотя\s+(?:на сайте|в приложении|в договоре|обещали)", 0.7),
    ("ждал", r"жд(?:у|ала|ал|али|ем|ать)\b|прожд\w*|ожидани\w*", 0.5),
    ("приходится", r"приходится|пришлось|вынужден\w*", 0.5),
    ("пытаюсь", r"пытаюсь|пытался|пыталась|безуспешно", 0.5),
    ("сделайте что-нибудь", r"сделайте\s+(?:уже|хоть)|примите\s+меры|разберитесь", 1.0),
    ("когда починят", r"когда\s+(?:уже\s+)?(?:почин|исправ|верн|сдела|отремонт|убер)\w*", 1.0),
    ("дышать нечем", r"дышать\s+нечем|нечем\s+дышать|воняет|вонь\w*|запах\w*", 1.0),
    (
        "больше не приду",
        r"больше\s+(?:не|ни\s*ногой)\s*(?:при(?:ду|дем)|пойду|буду|ходить)"
        r"|ноги\s+моей|не\s+рекомендую|никому\s+не\s+советую",
        1.5,
    ),
    ("нет", r"нет\b", 0.5),
    ("never again", r"never again|never coming back|won'?t be back|will not be back", 1.5),
    ("refund", r"refund\w*|money back|chargeback", 1.0),
    ("charged twice", r"charged (?:me )?twice|double[- ]charged|overcharg\w*", 1.5),
    ("still", r"still (?:no|not|waiting)|nobody|no one|no response|no reply", 1.0),
    ("waited", r"waited|waiting|wait time", 0.5),
)
_QUESTION_START_RE = re.compile(
    r"^(?:подскажите|скажите|уточните|подскажи|как|когда|где|сколько|до скольки|можно ли|"
    r"есть ли|какие|какой|какая|а можно|what|when|where|how|can|could|do you|does|is there|"
    r"are you|is it)\b"
)
_WHY_RE = re.compile(r"(?<!\w)(?:почему|зачем|why)\b")
_NEGATORS = frozenset({"не", "ни", "нет", "без", "not", "no", "never", "nothing", "without"})
_SOFTENERS = frozenset(
    {
        "очень",
        "совсем",
        "особо",
        "сильно",
        "всегда",
        "вообще",
        "уже",
        "так",
        "really",
        "very",
        "even",
        "always",
        "at",
        "all",
        "did",
        "does",
        "do",
        "is",
        "was",
        "are",
        "were",
        "will",
        "can",
        "could",
        "have",
        "has",
        "had",
        "you",
        "it",
        "they",
        "we",
        "i",
        "he",
        "she",
        "my",
        "мне",
        "нам",
        "вам",
        "нас",
        "меня",
        "ничего",
        "никто",
        "никак",
        "мы",
        "я",
        "вы",
        "они",
        "он",
        "она",
        "это",
        "все",
        "еще",
        "даже",
        "до",
        "сих",
        "пор",
        "be",
        "been",
    }
)
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:\n()«»\"—–]|,\s*(?:а|но|и)\b|\s-\s")
_CONTRAST_RE = re.compile(r"(?<!\w)(?:но|однако|зато|but|however|although)(?!\w)")
_WORD_RE = re.compile(r"[a-zа-я0-9']+")


def _compile(table: tuple[tuple[str, str, float], ...]) -> list[tuple[str, re.Pattern[str], float]]:
    return [(label, re.compile(rf"(?<![\w]){pattern}"), w) for label, pattern, w in table]


_NEGATIVE_C = _compile(_NEGATIVE)
_EXPECTATION_C = _compile(_EXPECTATION)
_PRAISE_C = _compile(_PRAISE)
_FIXED_C = _compile(_FIXED)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    text = text.replace("’", "'")
    text = re.sub(r"\b(can)'t\b", r"\1 not", text)
    text = re.sub(r"\bwon't\b", "will not", text)
    return re.sub(r"n't\b", " not", text)


def _negated(text: str, start: int) -> bool:
    """Is there a negator among the last few words before `start`, inside the same clause?

    Only a fixed window before `start` is read, so the cost per marker does not grow with
    the text (slicing and scanning the whole head per marker made classify quadratic).
    """
    lo = max(0, start - _NEGATION_CHARS)
    head = text[lo:start]
    if lo and _WORD_RE.match(text, lo - 1):
        head = _WORD_RE.sub("", head, count=1) if _WORD_RE.match(head) else head  # cut word
    clause_start = 0
    for clause_break in _CLAUSE_BREAK_RE.finditer(head):
        clause_start = clause_break.end()
    head = head[clause_start:]
    words = _WORD_RE.findall(head)[-_NEGATION_WINDOW:]
    for word in reversed(words):
        if word in _NEGATORS:
            return True
        if word not in _SOFTENERS:
            return False
    return False


@dataclass
class _Tally:
    complaint: float = 0.0
    praise: float = 0.0
    complaint_markers: list[str] = field(default_factory=list)
    praise_markers: list[str] = field(default_factory=list)

    def add(self, kind: str, label: str, weight: float) -> None:
        if kind == "complaint":
            self.complaint += weight
            self.complaint_markers.append(label)
        else:
            self.praise += weight
            self.praise_markers.append(label)


class _Spans:
    """Disjoint spans already explained by a fixed phrase, kept sorted for a log-time
    overlap check (a list scan per match made many fixed phrases quadratic)."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        # The span starting last before `end` is the only one that can reach past `start`.
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def _contrast_weight(contrast_at: int | None, pos: int) -> float:
    if contrast_at is None:
        return 1.0
    return _AFTER_CONTRAST if pos >= contrast_at else _BEFORE_CONTRAST


def _score(x: float) -> float:
    return round(min(1.0, x / 3.0), 3)


def is_question(text: str) -> bool:
    norm = normalise(text).strip()
    return "?" in norm or bool(_QUESTION_START_RE.match(norm))


def classify(text: str) -> Verdict:
    """Complaint, praise, question or neutral, with the markers that decided it.

    Reads the first CLASSIFY_CHARS characters only (see there why).
    """
    text = text[:CLASSIFY_CHARS]
    norm = normalise(text)
    contrast_at = None
    for contrast in _CONTRAST_RE.finditer(norm):
        contrast_at = contrast.start()
    tally = _Tally()
    taken = _Spans()

    def overlaps(m: re.Match[str]) -> bool:
        return taken.overlaps(m.start(), m.end())

    for label, pattern, weight in _FIXED_C:
        for m in pattern.finditer(norm):
            if overlaps(m):
                continue
            taken.add(m.start(), m.end())
            tally.add("complaint", label, weight * _contrast_weight(contrast_at, m.start()))
    for label, pattern, weight in _NEGATIVE_C:
        for m in pattern.finditer(norm):
            if not overlaps(m) and not _negated(norm, m.start()):
                tally.add("complaint", label, weight * _contrast_weight(contrast_at, m.start()))
    for label, pattern, weight in _EXPECTATION_C:
        for m in pattern.finditer(norm):
            if not overlaps(m) and _negated(norm, m.start()):
                w = weight * _contrast_weight(contrast_at, m.start())
                tally.add("complaint", f"не {label}" if label[0] > "z" else f"not {label}", w)
    for label, pattern, weight in _PRAISE_C:
        for m in pattern.finditer(norm):
            if overlaps(m):
                continue
            w = weight * _contrast_weight(contrast_at, m.start())
            if _negated(norm, m.start()):
                tally.add("complaint", f"не {label}" if label[0] > "z" else f"not {label}", w)
            else:
                tally.add("praise", label, w)

    question = is_question(text)
    if question and (why := _WHY_RE.search(norm)):
        # In a customer's message "why is X like this?" is a reproach, not curiosity.
        tally.add("complaint", why.group(0), 1.0)

    c, p = tally.complaint, tally.praise
    if c >= COMPLAINT_THRESHOLD and c >= p:
        return Verdict("complaint", _score(c), tuple(tally.complaint_markers))
    if p >= PRAISE_THRESHOLD and p > c:
        return Verdict("praise", _score(p), tuple(tally.praise_markers))
    if question:
        return Verdict("question", 0.7, ("?",))
    markers = tuple(tally.complaint_markers + tally.praise_markers)
    return Verdict("neutral", _score(max(c, p)), markers)
