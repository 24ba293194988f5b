"""The shipped complaint model: it loads from the package, scores deterministically and fast,
explains itself with the text's own words, and `train` is repeatable (the per-installation
model a director's presses will train uses the same code)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from collectors import detector_model as dm
from collectors.complaints import classify

ROOT = Path(__file__).resolve().parents[2]


def test_the_shipped_model_loads_and_is_small() -> None:
    model = dm.shipped()
    assert model is not None
    assert dm.MODEL_PATH.stat().st_size < 2 * 1024 * 1024
    assert len(model.weights) > 1000
    assert model.meta.get("script") == "bench/train_detector.py"


def test_the_model_file_is_package_data() -> None:
    """A wheel without the JSON would silently fall back to the lexicon alone."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    data = config["tool"]["setuptools"]["package-data"]["collectors"]
    assert "data/*.json" in data
    assert dm.MODEL_PATH.parent.name == "data"
    assert dm.MODEL_PATH.parent.parent == Path(dm.__file__).parent


def test_scoring_is_deterministic() -> None:
    model = dm.shipped()
    assert model is not None
    text = "Третий день не приходят смс от банка, поддержка молчит"
    first = model.score(text)
    again = dm.ComplaintModel.from_json(dm.MODEL_PATH.read_text("utf-8")).score(text)
    assert first == again == model.score(text)
    assert 0.0 <= first.probability <= 1.0
    assert classify(text) == classify(text)


def test_the_model_names_the_words_that_raised_it() -> None:
    model = dm.shipped()
    assert model is not None
    scored = model.score("Связь не ловит уже неделю, интернета нет")
    assert scored.probability > 0.5
    text = "связь не ловит уже неделю, интернета нет"
    assert scored.words and all(word.split()[-1] in text for word in scored.words)


def test_repeating_a_word_does_not_push_the_score() -> None:
    """Features are present or absent: a long text of one word is that word once."""
    model = dm.shipped()
    assert model is not None
    assert model.score("и " * 2000).probability == model.score("и").probability
    assert classify("и " * 2000 + "совсем не плохо").kind == "neutral"


def test_handles_links_and_digits_are_not_features() -> None:
    assert dm.features("@sberbank https://t.co/abc") == dm.features("")
    assert dm.features("RT @bank: 2015") == dm.features("1")
    assert dm.features("ждал 40 минут") == dm.features("ждал 15 минут")


def test_train_is_repeatable_and_round_trips() -> None:
    docs = [
        "не работает приложение",
        "не приходят смс",
        "спасибо за помощь",
        "отличный сервис",
        "не работает банкомат",
        "спасибо, всё пришло",
    ] * 3
    labels = [1, 1, 0, 0, 1, 0] * 3
    feats = [[name for name, _ in dm.features(doc)] for doc in docs]
    first = dm.train(feats, labels, epochs=50, meta={"case": "toy"})
    second = dm.train(feats, labels, epochs=50, meta={"case": "toy"})
    assert first.to_json() == second.to_json()
    loaded = dm.ComplaintModel.from_json(first.to_json())
    assert loaded.meta == {"case": "toy"}
    assert loaded.score("не работает касса").probability > 0.5
    assert loaded.score("спасибо большое").probability < 0.5
    assert json.loads(first.to_json())["format"] == dm.FORMAT


def test_the_model_adds_evidence_but_the_lexicon_still_works_without_it() -> None:
    text = "На карту не приходят уведомления"
    assert classify(text, model=None).card
    assert classify(text).card
    assert classify("Завтра открываемся в 9", model=None).markers == ()
