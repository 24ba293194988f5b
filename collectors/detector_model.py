"""A compact linear model that adds its evidence to the complaint lexicon.

Why a model beside the lexicon: most complaints the lexicon misses state a failure as a plain
fact ("в Якутии не ловит", "the tracking number still doesn't work") with no word a person
would put on a list. A logistic regression over word stems, negated stems, stem pairs and
character n-grams learns those from public labelled text, and it still answers "why": each
feature belongs to a word of the text, so the words that pushed the score up are the markers.

Why this shape: scoring is a dictionary lookup per feature, in pure Python (no numpy, no model
download at run time, well under a millisecond per text); the weights are a small JSON file
shipped in the package (collectors/data/complaint_model.json) with the script that made them
(bench/train_detector.py). Training needs numpy, which matplotlib already brings; it is
imported only by `train`, so the bot never loads it for scoring.

The same `train` serves any labelled texts, so a per-installation model can be trained on a
director's own "complaint" / "not a complaint" presses and scored the same way.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MODEL_PATH = Path(__file__).parent / "data" / "complaint_model.json"
FORMAT = 1

# Only the opening of a text is scored, like the lexicon's CLASSIFY_CHARS: the cost must not
# grow with a 60 KB feed entry, and a complaint is said early.
MODEL_CHARS = 1000

_URL_RE = re.compile(r"https?://\S+|www\.\S+|\S+\.(?:ru|com|рф|org|net)/\S*")
_HANDLE_RE = re.compile(r"@\w+")
_RT_RE = re.compile(r"^\s*rt\b:?")
_DIGITS_RE = re.compile(r"\d+")
_TOKEN_RE = re.compile(r"[a-zа-я0]+(?:'[a-z]+)?|[?!]")
_NEGATORS = frozenset({"не", "ни", "нет", "без", "not", "no", "never", "cannot", "nothing"})
# How many words after a negator are read as negated ("не приходят смс" → both).
_NEG_SPAN = 2
STEM = 6  # a crude stem: the first letters of a word carry most of its meaning in Russian
_NGRAM = (4,)


def clean(text: str) -> str:
    """The part of a text that speaks: no links, no @handles, no retweet mark, digits as 0.

    Handles and links name companies and hosts; a model that learnt them would score the bank,
    not the words, and carry nothing over to another company.
    """
    text = unicodedata.normalize("NFKC", text[:MODEL_CHARS]).casefold().replace("ё", "е")
    text = text.replace("’", "'").replace("#", " ")
    text = _URL_RE.sub(" ", text)
    text = _HANDLE_RE.sub(" ", text)
    text = _RT_RE.sub(" ", text)
    text = re.sub(r"n't\b", " not", text)
    return _DIGITS_RE.sub("0", text)


def tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(clean(text))


def _stem(word: str) -> str:
    return word[:STEM]


def features(text: str) -> list[tuple[str, int]]:
    """The distinct features of a text, each with the index of the first word it belongs to.

    Presence, not counts: a word repeated forty times is one word said loudly, and counting it
    would let a long text push the score anywhere.

    Word stems ("w:"), stems read under a negator ("n:"), pairs of neighbouring stems ("b:")
    and character n-grams inside words ("c:"): n-grams and stems make word forms meet
    ("нагрубил", "нагрубила"), negation and pairs keep "не ловит" apart from "ловит".
    """
    toks = tokens(text)
    out: dict[str, int] = {}
    negated_left = 0
    prev = ""
    for i, tok in enumerate(toks):
        if tok in "?!":
            out.setdefault(f"p:{tok}", i)
            prev = ""
            negated_left = 0
            continue
        stem = _stem(tok)
        out.setdefault(f"w:{stem}", i)
        if negated_left:
            out.setdefault(f"n:{stem}", i)
            negated_left -= 1
        if tok in _NEGATORS:
            negated_left = _NEG_SPAN
        if prev:
            out.setdefault(f"b:{prev} {stem}", i)
        prev = stem
        if len(tok) > 3:
            padded = f" {tok} "
            for n in _NGRAM:
                for j in range(len(padded) - n + 1):
                    out.setdefault(f"c:{padded[j : j + n]}", i)
    return list(out.items())


@dataclass(frozen=True)
class Scored:
    """The model's answer: probability of a complaint and the words that raised it most."""

    probability: float
    words: tuple[str, ...]


class ComplaintModel:
    """Weights by feature; `score` is a logistic regression over `features` plus extras."""

    def __init__(self, weights: dict[str, float], bias: float, meta: dict | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}

    def logit(self, feats: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in feats)

    def score(self, text: str, extra: Sequence[str] = (), top: int = 3) -> Scored:
        """Probability that `text` is a complaint; `extra` are features found elsewhere
        (the lexicon's, see complaints.model_extras). `words`: the text's words whose
        features added the most, strongest first — the model's "why"."""
        feats = features(text)
        w = self.weights
        by_word: dict[int, float] = {}
        z = self.bias
        for name, i in feats:
            weight = w.get(name)
            if weight is not None:
                z += weight
                by_word[i] = by_word.get(i, 0.0) + weight
        for name in extra:
            z += w.get(name, 0.0)
        toks = tokens(text) if by_word else []
        best = sorted((v, i) for i, v in by_word.items() if v > 0.25 and _telling(toks, i))
        words: list[str] = []
        for _, i in reversed(best):
            word = toks[i]
            if i > 0 and toks[i - 1] in _NEGATORS:
                word = f"{toks[i - 1]} {word}"
            if word not in words:
                words.append(word)
            if len(words) == top:
                break
        return Scored(_sigmoid(z), tuple(words))

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "meta": self.meta,
            "bias": round(self.bias, 4),
            "weights": {k: round(v, 3) for k, v in sorted(self.weights.items())},
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)

    @classmethod
    def from_json(cls, text: str) -> ComplaintModel:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"complaint model format {data.get('format')!r}, want {FORMAT}")
        return cls(dict(data["weights"]), float(data["bias"]), data.get("meta", {}))


# Words too common to explain anything on a card: "модель: и, the, my" tells the director
# nothing. A negated one is shown with its negator instead ("не ловит").
_PLAIN = frozenset(
    str.split(
        "и в во на с со к по за из у о от до для а но же ли бы то это что как так все всё "
        "мне меня мой моя мои вы вас вам ваш ваша я мы они он она их его её ее уже еще ещё вот "
        "был была было "
        "the a an and or but to of in on at for with from by is are was were be been being it its "
        "this that these those my me i you your we our they their he she his her have has had do "
        "does did so just what when where which who how if as not no"
    )
)


def _telling(toks: list[str], i: int) -> bool:
    word = toks[i]
    if word in ("?", "!") or word in _PLAIN:
        return False
    return len(word) > 2


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


@cache
def shipped() -> ComplaintModel | None:
    """The model shipped with the package, read once on first use (None if it is missing:
    the lexicon alone still works). Loading takes tens of milliseconds, so it is lazy."""
    try:
        return ComplaintModel.from_json(MODEL_PATH.read_text("utf-8"))
    except FileNotFoundError:
        return None


def train(
    docs: Sequence[Sequence[str]],
    labels: Sequence[int],
    *,
    l2: float = 1e-3,
    min_df: int = 2,
    epochs: int = 300,
    sample_weights: Sequence[float] | None = None,
    meta: dict | None = None,
) -> ComplaintModel:
    """Fit a logistic regression on feature lists (full-batch Adam, L2), keep features seen
    in at least `min_df` documents. Deterministic: no random start, no shuffling."""
    import numpy as np  # only here: scoring never needs it

    df: dict[str, int] = {}
    for doc in docs:
        for f in set(doc):
            df[f] = df.get(f, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in df.items() if n >= min_df))}
    rows: list[int] = []
    cols: list[int] = []
    for r, doc in enumerate(docs):
        for f in doc:
            j = vocab.get(f)
            if j is not None:
                rows.append(r)
                cols.append(j)
    n, d = len(docs), len(vocab)
    row = np.asarray(rows, dtype=np.int64)
    col = np.asarray(cols, dtype=np.int64)
    y = np.asarray(labels, dtype=np.float64)
    sw = np.ones(n) if sample_weights is None else np.asarray(sample_weights, dtype=np.float64)
    sw = sw / sw.sum()
    w = np.zeros(d)
    b = 0.0
    m_w, v_w = np.zeros(d), np.zeros(d)
    m_b = v_b = 0.0
    lr, beta1, beta2, eps = 0.05, 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        z = np.bincount(row, weights=w[col], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = (p - y) * sw
        grad_w = np.bincount(col, weights=g[row], minlength=d) + l2 * w
        grad_b = float(g.sum())
        m_w = beta1 * m_w + (1 - beta1) * grad_w
        v_w = beta2 * v_w + (1 - beta2) * grad_w**2
        m_b = beta1 * m_b + (1 - beta1) * grad_b
        v_b = beta2 * v_b + (1 - beta2) * grad_b**2
        corr1, corr2 = 1 - beta1**t, 1 - beta2**t
        w -= lr * (m_w / corr1) / (np.sqrt(v_w / corr2) + eps)
        b -= lr * (m_b / corr1) / (math.sqrt(v_b / corr2) + eps)
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: float(w[i]) for i, f in enumerate(names) if abs(w[i]) >= 5e-3}
    return ComplaintModel(weights, float(b), meta)
