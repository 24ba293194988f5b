"""KeywordMatcher: how people really spell a brand, and what must not count as the brand."""

from __future__ import annotations

import pytest

from collectors.keywords import MATCH_CHARS, KeywordMatcher, compile_keyword, split_words

FIT = KeywordMatcher(["FitStudio"], exclude=["вакансия", "job"])


@pytest.mark.parametrize(
    "text",
    [
        "FitStudio",
        "fitstudio",
        "FITSTUDIO!!!",
        "Fit-Studio",
        "Fit Studio",
        "fit  studio",
        "fit_studio",
        "fit.studio",
        "Fit–Studio",
        "фит студио",
        "Фит-Студио",
        "ФитСтудио",
        "фитстудио",
        "ФитСтудии",
        "фитстудией",
        "в Фит-Студио опять грязно",
        "про фит студию",
        "фитстудиями недоволен",
        "Фит Студия на Соколе",
        "FitStudio's shower is broken",
        "two fit studios nearby",
        "Fit Студио",  # mixed scripts
        "ФИТСТУДИЁ",  # ё folded to е
        "был в «ФитСтудио», больше не пойду",
        "сайт fitstudio.ru не открывается",
        "#fitstudio",
    ],
)
def test_brand_spellings_match(text: str) -> None:
    assert FIT.match(text) == "FitStudio"


@pytest.mark.parametrize(
    "text",
    [
        "fitstudiox",  # glued to other letters: a different word, documented decision
        "суперфитстудио",
        "myfitstudio",
        "фит",
        "студия йоги",
        "fitness studio",
        "фитнес студия",
        "",
        "FitStudio: открыта вакансия администратора",  # minus-word vetoes
        "FitStudio job offer",
        "Фит-Студио ищет сотрудников, вакансии по ссылке",  # minus-word with an ending
    ],
)
def test_non_matches(text: str) -> None:
    assert FIT.match(text) is None


def test_returns_the_configured_keyword_that_matched() -> None:
    m = KeywordMatcher(["Кофемания", "Coffee Bean"])
    assert m.match("Был вчера в кофемании") == "Кофемания"
    assert m.match("Кофеманию больше не посещаю") == "Кофемания"
    assert m.match("кофе бин на углу") == "Coffee Bean"
    assert m.match("coffeebean") == "Coffee Bean"
    assert m.match("кофе") is None


def test_cyrillic_keyword_takes_endings() -> None:
    m = KeywordMatcher(["Ромашка"])
    for text in ["ромашка", "в Ромашке", "ромашку", "ромашкой", "РОМАШКИ"]:
        assert m.match(text) == "Ромашка", text
    assert m.match("ромашковый чай") is None


def test_keyword_with_digits() -> None:
    m = KeywordMatcher(["Fit24"])
    assert m.match("fit 24 на Ленина") == "Fit24"
    assert m.match("Фит-24") == "Fit24"
    assert m.match("fit240") is None


def test_transliteration_of_digraphs() -> None:
    m = KeywordMatcher(["Shokoladnitsa"])
    assert m.match("в Шоколаднице холодно") == "Shokoladnitsa"


def test_empty_matcher_and_blank_keywords() -> None:
    assert KeywordMatcher([]).match("anything") is None
    assert KeywordMatcher(["  "]).match("anything") is None


def test_split_words() -> None:
    assert split_words("FitStudio") == ["fit", "studio"]
    assert split_words("Fit-Studio 24") == ["fit", "studio", "24"]
    assert split_words("ФитСтудио") == ["фит", "студио"]


@pytest.mark.parametrize(
    ("keyword", "hits", "misses"),
    [
        ("Brrrr", ["Brrrr", "кафе Бррр закрыто", "в Брррре грязно"], ["бар", "бра", "brr"]),
        ("aaaaa", ["aaaaa", "AAAAA!"], ["а и вот", "aaaa"]),
        ("Coffeee", ["coffeee"], ["кофта"]),
        ("hhhh", ["hhhh"], ["а и вот", ""]),  # every Cyrillic letter optional: Latin only
        ("C++", ["пишу на C++ и Python", "c ++"], ["я с тобой", "c", "C"]),
        ("C#", ["вакансия C# разработчика"], ["с нами", "c"]),
        ("AT&T", ["AT&T", "at & t"], ["at t", "attention"]),
        ("a.b", ["a.b", "a b", "ab"], ["а бы", "abc"]),
        ("(x)", ["x", "(x)"], ["кс", "xy"]),
        ("[Fit]Studio*", ["FitStudio"], ["Fit"]),
        ("FitStudio 💪", ["FitStudio", "в фитстудии"], ["💪"]),
        ("FitStudio™", ["FitStudio"], []),
        ("Фит\\Студио", ["ФитСтудио"], []),
        ("a|b", ["a|b", "a | b"], ["a", "b", "a b"]),
        ("Coffee", ["Coffee", "коффе", "в Coffee's"], ["кофта", "coffe", "кофе", "в кафе"]),
    ],
)
def test_odd_keywords_compile_and_match_what_they_say(
    keyword: str, hits: list[str], misses: list[str]
) -> None:
    matcher = KeywordMatcher([keyword])
    assert matcher.skipped == []
    for text in hits:
        assert matcher.match(text) == keyword, text
    for text in misses:
        assert matcher.match(text) is None, text


@pytest.mark.parametrize("keyword", ["---", "💪", "++", "(?)", "🔥🔥🔥"])
def test_keywords_without_letters_are_refused_with_value_error(keyword: str) -> None:
    with pytest.raises(ValueError, match="no letters or digits"):
        compile_keyword(keyword)


def test_very_long_keywords_compile_and_match_themselves() -> None:
    long_word = "Суперфитнесстудия" * 30
    many_words = " ".join(["Fit", "Studio"] * 60)
    repeats = "Z" + "z" * 500
    for keyword in (long_word, many_words, repeats):
        matcher = KeywordMatcher([keyword])
        assert matcher.match(f"был в {keyword} вчера") == keyword


def test_a_bad_keyword_among_good_ones_is_skipped_not_fatal() -> None:
    matcher = KeywordMatcher(["Brrrr", "---", "FitStudio"], exclude=["🙂"])
    assert matcher.keywords == ("Brrrr", "FitStudio")
    assert matcher.skipped == ["---", "🙂"]
    assert matcher.match("FitStudio грязно") == "FitStudio"


def test_only_the_opening_of_a_long_text_is_searched() -> None:
    head = "обычный текст без бренда " * 1000
    assert len(head) > MATCH_CHARS
    assert FIT.match(head + " FitStudio") is None
    assert FIT.match("FitStudio " + head) == "FitStudio"


@pytest.mark.parametrize(
    ("keyword", "texts"),
    [
        ("Добрый", ["Кофейня Добрый — ужас", "в «Добром» грубят", "у Доброго очередь"]),
        ("Музей", ["Музей закрыт", "в музее холодно", "билеты музея", "перед музеем"]),
        ("Трамвай", ["Трамвай опять опоздал", "ждал трамвая", "за трамваем"]),
        ("Синий", ["Синий фитнес", "в Синем зале", "у Синего входа"]),
        ("Толстой", ["Толстой", "в кафе Толстого", "Толстым"]),
    ],
)
def test_keywords_ending_in_short_i_match_their_own_forms(keyword: str, texts: list[str]) -> None:
    matcher = KeywordMatcher([keyword])
    for text in texts:
        assert matcher.match(text) == keyword, text


def test_a_short_i_keyword_does_not_match_a_longer_word() -> None:
    assert KeywordMatcher(["Музей"]).match("музейщики спорят") is None


# Latin brands whose loose Cyrillic reading is an everyday Russian word, with sentences that
# use only that everyday word: none of them is about the brand.
FALSE_FRIENDS = [
    ("Coffee", ["Зашли в кафе у метро", "кофе остыл", "в кафешке уютно", "Кафе закрыто"]),
    ("Bar", ["Сидели в баре до ночи", "бар закрыт", "по барам"]),
    ("Mir", ["Мир тесен", "во всём мире", "миру мир"]),
    ("Club", ["Ходим в клуб", "в клубе шумно"]),
    ("Park", ["Гуляли в парке", "парк закрыт"]),
    ("Sport", ["Люблю спорт", "о спорте"]),
    ("Dom", ["Дом далеко", "дома никого"]),
    ("Salon", ["В салоне грязно", "салон связи"]),
    ("Bank", ["Банк не отвечает", "в банке очередь"]),
    ("Market", ["Маркет у дома"]),
    ("Taxi", ["Вызвал такси", "в такси холодно"]),
    ("Tour", ["Купили тур", "туры подорожали"]),
    ("Fitness", ["Фитнес по утрам", "в фитнесе"]),
    ("Soup", ["Суп холодный", "в супе волос"]),
    ("Studio", ["Студия на пятом этаже", "в студии темно"]),
]


@pytest.mark.parametrize(("brand", "texts"), FALSE_FRIENDS)
def test_a_latin_brand_does_not_match_the_common_word_its_reading_lands_on(
    brand: str, texts: list[str]
) -> None:
    matcher = KeywordMatcher([brand])
    for text in texts:
        assert matcher.match(text) is None, (brand, text)
    assert matcher.match(f"Был в {brand}, ужасно") == brand


def test_a_cyrillic_reading_of_several_words_or_an_uncommon_word_still_counts() -> None:
    assert KeywordMatcher(["Coffee Bean"]).match("кофе бин на углу") == "Coffee Bean"
    assert KeywordMatcher(["FitStudio"]).match("в фитстудии грязно") == "FitStudio"
    assert KeywordMatcher(["Starbucks"]).match("в старбаксе очередь") == "Starbucks"
    # The director's own Cyrillic word is never second-guessed.
    assert KeywordMatcher(["Кафе"]).match("в кафе грязно") == "Кафе"


def test_an_exact_keyword_has_no_cyrillic_reading_and_is_reported_without_its_mark() -> None:
    matcher = KeywordMatcher(["FitStudio!"])
    assert matcher.match("в фитстудии грязно") is None
    assert matcher.match("в FitStudio грязно") == "FitStudio"
    assert matcher.match("fit-studio") == "FitStudio"
    assert matcher.keywords == ("FitStudio!",)
