"""Train the complaint model shipped in collectors/data/complaint_model.json.

Reads the public labelled sets in ../shared/corpus (see its README: research use, kept out of
the repository; only the trained weights are committed) and fits the logistic regression of
collectors.detector_model on both languages at once.

It also reads the project's own development sets of club, school and IT-helpdesk mentions
(tests/collectors/fixtures/domain-mentions{,-2,-3}.txt, written by helpers who had not read
the detector) as a third set, at DOMAIN_WEIGHT: the tweets alone do not know a gym or a music
school. The weight is chosen by `bench/detector.py --domain-sweep`: each development set held
out in turn, and the tweets' own held-out folds, for a few weights (see bench/README.md).

Why class-balanced weights per set: the Russian set is a quarter complaints, the English one
two thirds. Unweighted, the model would learn "English means complaint"; weighted so that each
set's complaints and non-complaints count the same, its probability means the same in both
languages, and one threshold serves text from neither set.

    .venv/bin/python bench/train_detector.py [--corpus ../shared/corpus] [--out PATH]

bench/detector.py reuses `load`, `folds` and `fit` for its held-out figures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collectors import detector_model as dm  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SETS = ("ru-banks", "en-dev")
FIXTURES = ROOT / "tests" / "collectors" / "fixtures"
DOMAIN_DEV = tuple(
    FIXTURES / name
    for name in ("domain-mentions.txt", "domain-mentions-2.txt", "domain-mentions-3.txt")
)
# Chosen by grouped 5-fold cross-validation on both sets (bench/detector.py --sweep): more
# regularisation lost recall on the Russian set, less lost it on the English one.
L2 = 5e-3
EPOCHS = 200
DOMAIN_WEIGHT = 0.3  # the domain set's share against one public set; see the docstring
MIN_DF = 2


@dataclass(frozen=True)
class Example:
    text: str
    complaint: bool
    set_name: str


def load(corpus: Path = CORPUS) -> dict[str, list[Example]]:
    """The labelled sets by name; a missing corpus is a clear error, not an empty set."""
    out: dict[str, list[Example]] = {}
    for name in SETS:
        path = corpus / f"{name}.jsonl"
        if not path.exists():
            raise SystemExit(f"{path} not found: the public sets live in ../shared/corpus")
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]
        out[name] = [Example(r["text"], r["label"] == "complaint", name) for r in rows]
    return out


def load_domain(paths: Sequence[Path] = DOMAIN_DEV) -> list[Example]:
    """The domain development sets as one set: `label<TAB>text` lines, # for comments."""
    out = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                label, text = line.split("\t", 1)
                out.append(Example(text, label == "complaint", "domain"))
    return out


def folds(examples: Sequence[Example], k: int = 5) -> list[int]:
    """A fold per example, by a hash of its cleaned opening words: retweets and reposts of one
    story land in the same fold, so no held-out text has its twin in training."""
    out = []
    for ex in examples:
        key = re.sub(r"[^a-zа-я]+", " ", dm.clean(ex.text)).strip()[:30]
        out.append(zlib.crc32(key.encode()) % k)
    return out


def fit(
    examples: Sequence[Example], meta: dict | None = None, domain_weight: float = DOMAIN_WEIGHT
) -> dm.ComplaintModel:
    """The model on these examples, each set's two classes weighted equally (the domain set
    at DOMAIN_WEIGHT of a public one)."""
    totals: dict[tuple[str, bool], int] = {}
    for ex in examples:
        totals[(ex.set_name, ex.complaint)] = totals.get((ex.set_name, ex.complaint), 0) + 1
    weights = [
        (domain_weight if ex.set_name == "domain" else 1.0) / totals[(ex.set_name, ex.complaint)]
        for ex in examples
    ]
    docs = [[name for name, _ in dm.features(ex.text)] for ex in examples]
    labels = [int(ex.complaint) for ex in examples]
    return dm.train(
        docs, labels, l2=L2, epochs=EPOCHS, min_df=MIN_DF, sample_weights=weights, meta=meta
    )


def shown(path: Path) -> str:
    """A path as the command line would give it, from the project root."""
    return os.path.relpath(path, ROOT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--out", type=Path, default=dm.MODEL_PATH)
    args = parser.parse_args()
    sets = load(args.corpus)
    domain = load_domain()
    examples = [ex for name in SETS for ex in sets[name]] + domain
    started = time.perf_counter()
    meta = {
        "trained_on": {**{name: len(sets[name]) for name in SETS}, "domain": len(domain)},
        "l2": L2,
        "epochs": EPOCHS,
        "min_df": MIN_DF,
        "domain_weight": DOMAIN_WEIGHT,
        "script": "bench/train_detector.py",
    }
    model = fit(examples, meta)
    took = time.perf_counter() - started
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json() + "\n", "utf-8")
    size = args.out.stat().st_size
    print(f"$ .venv/bin/python bench/train_detector.py --corpus {shown(args.corpus)}")
    print(f"trained on {len(examples)} texts in {took:.1f} s: {len(model.weights)} features")
    print(f"wrote {args.out} ({size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
