"""classify(): the lexicon on real client messages and on the tricky negations."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.complaints import CLASSIFY_CHARS, Verdict, classify, is_question

SAMPLES = [
    tuple(line.split("\t", 1))
    for line in (Path(__file__).parent / "fixtures" / "complaints-ru.txt")
    .read_text("utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


@pytest.mark.parametrize(("expected", "text"), SAMPLES, ids=[t[:40] for _, t in SAMPLES])
def test_shared_russian_samples(expected: str, text: str) -> None:
    verdict = classify(text)
    assert verdict.kind == expected, verdict


@pytest.mark.parametrize(
    "text",
    [
        "не работает",
        "Опять ничего не работает",
        "Верните деньги",
        "Хочу вернуть деньги за абонемент",
        "третий раз пишу — тишина",
        "Нас обманули",
        "обманули с ценой",
        "Какое хамство!",
        "Администратор хамит",
        "В зале грязно",
        "Грязные полотенца",
        "Тренер опоздал",
        "тренер опоздала на полчаса",
        "Списали дважды",
        "Дважды списали оплату",
        "Мне не понравилось",
        "Не рекомендую этот клуб",
        "больше не приду",
        "Ужасный сервис",
        "Никто не перезвонил",
        "Так и не вернули деньги",
        "Спасибо, но деньги так и не вернули",
        "Всё хорошо, но душ не работает",
        "Оставляю жалобу на администратора",
        "It doesn't work",
        "The app does not work at all",
        "Still not working after the update",
        "I want a refund",
        "The receptionist was rude",
        "Never again.",
        "Terrible service, charged twice",
        "Nobody answers the phone",
        "Disappointed with the trainer",
        "I was charged twice for one session",
        "Why is the pool always cold?",
    ],
)
def test_complaints(text: str) -> None:
    verdict = classify(text)
    assert verdict.kind == "complaint", verdict
    assert verdict.markers
    assert 0 < verdict.score <= 1


@pytest.mark.parametrize(
    "text",
    [
        "всё работает",
        "Всё работает как часы",
        "не плохо",
        "неплохо",
        "Было неплохо",
        "not bad",
        "Тренер не опоздал",
        "В субботу приду на тренировку",
        "Новый зал открылся на Соколе",
        "Без проблем всё прошло",
        "",
    ],
)
def test_not_complaints(text: str) -> None:
    assert classify(text).kind != "complaint", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        "Спасибо Марине за вчерашнюю тренировку, всё очень понравилось!",
        "спасибо, всё понравилось",
        "Отличный тренер, рекомендую",
        "Было грязно, но сейчас всё отлично, спасибо!",
        "Not bad at all, thanks!",
        "Great class, thank you!",
        "Love this place",
        "Всё работает, спасибо!",
    ],
)
def test_praise(text: str) -> None:
    assert classify(text).kind == "praise", classify(text)


@pytest.mark.parametrize(
    "text",
    [
        "Подскажите, до скольки вы работаете?",
        "Подскажите, до скольки вы работаете в праздники?",
        "Сколько стоит разовое посещение",
        "Есть ли у вас парковка?",
        "What time do you open?",
        "Do you have a pool?",
    ],
)
def test_questions(text: str) -> None:
    assert classify(text).kind == "question", classify(text)


def test_markers_explain_the_verdict() -> None:
    verdict = classify("Второй раз за неделю не работает душ. Когда починят?")
    assert "не работает" in verdict.markers
    assert "когда починят" in verdict.markers


def test_neutral_has_no_strong_markers() -> None:
    assert classify("Завтра открываемся в 9") == Verdict("neutral", 0.0, ())


def test_more_evidence_scores_higher() -> None:
    weak = classify("не работает")
    strong = classify("Не работает душ, грязно, верните деньги, больше не приду")
    assert strong.score > weak.score


def test_is_question() -> None:
    assert is_question("до скольки?")
    assert is_question("Подскажите пожалуйста часы работы")
    assert not is_question("Всё понятно.")


def test_only_the_opening_of_a_long_text_is_classified() -> None:
    """The cap that keeps classify cheap: markers past CLASSIFY_CHARS are not read."""
    filler = "Сегодня в клубе была обычная тренировка по расписанию. " * 200
    assert len(filler) > CLASSIFY_CHARS
    late = filler + "Ужасно, администратор нагрубил, верните деньги!"
    assert classify(late).kind == "neutral"
    heavy = "Ужасно, не работает душ, верните деньги, опять грязно. " * 5000  # 275 KB
    assert classify(heavy) == classify(heavy[:CLASSIFY_CHARS])
    assert classify(heavy).kind == "complaint"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("x" * 500 + " душ не работает", "complaint"),  # the negator right before the marker
        ("не " + "очень " * 300 + "плохо", "complaint"),  # too far back to negate
        ("и " * 2000 + "совсем не плохо", "neutral"),
        ("Верните, " * 600 + "пожалуйста", "complaint"),
    ],
)
def test_negation_window_on_long_texts(text: str, kind: str) -> None:
    assert classify(text).kind == kind
