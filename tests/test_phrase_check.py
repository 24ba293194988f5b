"""The phrase check on the guide's fifteen cases, on replies a fitness club, a kids' school and
an IT integrator would write, and on its rewrites.

The guide (shared/phrase-guide.md, section 3) gives each case's exact flag set; "first" there
means the first answer to a complaint. Our own cases mix flagged and clean replies, because a
check that flags every good reply is as useless as one that flags nothing.
"""

from __future__ import annotations

import time

import pytest

from bot.core.phrase_check import FLAGS, Check, Finding, check_reply
from bot.core.phrase_rules import rules_for


def hints(language: str, flag: str) -> set[str]:
    return {rule.hint for rule in rules_for(language).rules if rule.flag == flag}


# (text, first_reply, expected flags in FLAGS order)
GUIDE_CASES: list[tuple[str, bool, tuple[str, ...]]] = [
    ("Мы этим не занимаемся.", False, ("NOT_US",)),
    ("Вам нужно заполнить заявление.", False, ("ORDER",)),
    ("Мы не оказываем такую услугу.", False, ("REFUSAL_NO_ALT",)),
    ("А я вас не держу! Мне за количество не платят!", False, ("RUDE",)),
    ("Это не к нам, обращайтесь в курьерскую службу.", False, ("NOT_US",)),
    ("Вы сами не дочитали условия.", False, ("BLAME",)),
    ("Это же подарок, берите что дают.", False, ("RUDE",)),
    ("Мы вышлем вам книгу.", False, ("NO_NEXT_STEP",)),
    ("Решим в ближайшее время.", False, ("VAGUE_PROMISE", "NO_NEXT_STEP")),
    ("Ваше обращение принято и будет рассмотрено.", False, ("BUREAUCRATIC",)),
    (
        "Приносим извинения за доставленные неудобства.",
        True,
        ("BUREAUCRATIC", "NO_APOLOGY", "NO_NEXT_STEP"),
    ),
    ("Согласно протоколу встречи, ошибка на вашей стороне.", False, ("BLAME",)),
    ("Книгу отправим в пятницу курьером.", True, ("NO_APOLOGY",)),
    ("Обычно мы так не делаем, но давайте я посмотрю, что можно сделать.", False, ()),
    (
        "Дмитрий, простите, это целиком наша вина. Книгу привезу сам в пятницу до 18:00.",
        True,
        (),
    ),
]

OWN_CASES: list[tuple[str, str, bool, tuple[str, ...]]] = [
    # Russian, flagged
    (
        "ru",
        "Вам необходимо предоставить чек, иначе возврат невозможен.",
        False,
        ("ORDER", "REFUSAL_NO_ALT"),
    ),
    (
        "ru",
        "Абонемент заморозить нельзя, таковы правила клуба.",
        False,
        ("REFUSAL_NO_ALT", "BUREAUCRATIC"),
    ),
    ("ru", "Тренер не виноват, вы сами опоздали на 15 минут.", False, ("BLAME",)),
    ("ru", "Мы не несём ответственности за работу курьерской службы.", False, ("NOT_US",)),
    ("ru", "Это вопрос к вашему провайдеру, мы тут ни при чём.", False, ("NOT_US",)),
    ("ru", "Ваша заявка зарегистрирована, ожидайте звонка специалиста.", False, ("BUREAUCRATIC",)),
    (
        "ru",
        "Постараемся решить вопрос как можно скорее.",
        False,
        ("VAGUE_PROMISE", "NO_NEXT_STEP"),
    ),
    ("ru", "Не нравится — ищите другой клуб.", False, ("RUDE",)),
    ("ru", "Вы должны были прочитать расписание на сайте.", False, ("BLAME",)),
    ("ru", "Добрый день. Мы проверим ваш сервер.", True, ("NO_APOLOGY",)),
    (
        "ru",
        "Добрый день. Сервер у нас работает стабильно.",
        True,
        ("NO_APOLOGY", "NO_NEXT_STEP"),
    ),
    ("ru", "Мы вернём деньги за занятие.", False, ("NO_NEXT_STEP",)),
    # a thing done, told object first, is a step; only the apology is missing
    ("ru", "Кондиционер в зале починили.", True, ("NO_APOLOGY",)),
    # Russian, clean
    ("ru", "Простите за ожидание! Куртка нашлась, ждёт вас на ресепшене.", True, ()),
    (
        "ru",
        "Анна, здравствуйте! Простите, что тренировка сорвалась: тренер заболел, а мы не успели "
        "вас предупредить. Я вернул занятие на ваш абонемент и продлил его на неделю. Завтра до "
        "12:00 администратор позвонит и предложит удобное время.",
        True,
        (),
    ),
    (
        "ru",
        "Ольга, мне очень жаль, что Мише было некомфортно на занятии. Я поговорю с педагогом "
        "сегодня и напишу вам до 19:00, что мы решили.",
        True,
        (),
    ),
    (
        "ru",
        "Уточните, пожалуйста, номер договора? Я проверю, что произошло с сервером, и вернусь к "
        "вам сегодня до 17:00.",
        False,
        (),
    ),
    ("ru", "Если будут вопросы, обращайтесь!", False, ()),
    (
        "ru",
        "Здравствуйте! Списание дважды — наша ошибка, простите. Лишние 3 500 ₽ вернули сегодня, "
        "на карте будут в течение 3 рабочих дней.",
        True,
        (),
    ),
    (
        "ru",
        "Если вам не нравится тренер, мы подберём другого — напишите, в какое время вам удобно.",
        False,
        (),
    ),
    # English
    ("en", "You need to fill in the refund form.", False, ("ORDER",)),
    ("en", "It's not our department, please contact the courier.", False, ("NOT_US",)),
    (
        "en",
        "We apologize for any inconvenience caused.",
        True,
        ("BUREAUCRATIC", "NO_APOLOGY", "NO_NEXT_STEP"),
    ),
    ("en", "We'll fix it as soon as possible.", False, ("VAGUE_PROMISE", "NO_NEXT_STEP")),
    ("en", "You should have read the terms.", False, ("BLAME",)),
    (
        "en",
        "Hi Tom, I'm sorry the migration broke your mail. I'm checking the logs now and will call "
        "you by 3 pm today.",
        True,
        (),
    ),
    (
        "en",
        "Sarah, this was our mistake. The replacement laptop ships tomorrow and I'll send you the "
        "tracking number by 6 pm.",
        True,
        (),
    ),
]


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    GUIDE_CASES,
    ids=[f"guide{i}" for i in range(1, len(GUIDE_CASES) + 1)],
)
def test_guide_cases(text: str, first: bool, expected: tuple[str, ...]) -> None:
    assert check_reply(text, language="ru", first_reply=first).flags == expected


@pytest.mark.parametrize(
    ("language", "text", "first", "expected"),
    OWN_CASES,
    ids=[f"own{i}-{case[0]}" for i, case in enumerate(OWN_CASES, 1)],
)
def test_own_cases(language: str, text: str, first: bool, expected: tuple[str, ...]) -> None:
    assert check_reply(text, language=language, first_reply=first).flags == expected


@pytest.mark.parametrize(
    "text",
    [
        "Обычно мы так не делаем, но давайте я посмотрю…",
        "Вы не возражаете, если…",
        "К сожалению, такой услуги пока нет, но я предложу вам похожие…",
    ],
)
def test_the_guides_better_phrases_pass(text: str) -> None:
    """The "better" column of the guide's phrase pairs: a rewrite must not be flagged itself."""
    check = check_reply(text, language="ru", first_reply=False)
    assert check.findings == ()
    assert check.suggestion is None


@pytest.mark.parametrize(
    ("text", "first", "expected"),
    [
        ("Анна, простите. Разберусь лично.", True, ()),  # looking into it is a step
        ("Разберёмся и перезвоним.", False, ("NO_NEXT_STEP",)),  # a call-back owes a time
        ("Разберусь и перезвоню до 18:00.", False, ()),
        ("Сейчас вышлю.", False, ()),
        ("Вышлем книгу. Подскажите, пожалуйста, адрес.", False, ()),  # the client answers first
        ("Простите! Уже чиним.", True, ()),
        ("Простите! Починили, приходите.", True, ()),
        ("Простите, пожалуйста.", True, ("NO_NEXT_STEP",)),
        ("Это было давно.", False, ()),  # a later reply need not carry a step
        ("I'll look into it.", False, ()),
        ("I'll send it.", False, ("NO_NEXT_STEP",)),
    ],
)
def test_what_counts_as_a_next_step(text: str, first: bool, expected: tuple[str, ...]) -> None:
    language = "en" if text.isascii() else "ru"
    assert check_reply(text, language=language, first_reply=first).flags == expected


def test_a_refusal_with_an_offer_is_not_a_bare_refusal() -> None:
    offered = "Такой услуги у нас нет, но могу предложить групповые занятия."
    assert check_reply(offered, language="ru", first_reply=False).flags == ()
    bare = "Такой услуги у нас нет, но вы можете поискать в другом месте."
    assert check_reply(bare, language="ru", first_reply=False).flags == ("REFUSAL_NO_ALT",)


def test_words_are_matched_whole_and_in_their_forms() -> None:
    def flags(text: str) -> tuple[str, ...]:
        return check_reply(text, language="ru", first_reply=False).flags

    assert flags("Обратитесь, пожалуйста, в банк.") == ("NOT_US",)
    assert flags("Обращайтесь ко мне в любое время.") == ()
    assert flags("Вы обязаны предъявить карту.") == ("ORDER",)
    assert flags("Что вам нужно, чтобы всё исправить? Скажите, и я сделаю.") == ()
    assert flags("Скорость интернета восстановлена, я проверил сам.") == ()  # not "скоро"
    assert flags("По ВАШЕЙ ВИНЕ занятие сорвалось.") == ("BLAME",)
    assert flags("Мы на вашей стороне: деньги вернём до пятницы.") == ()


def test_findings_quote_the_reply_as_written() -> None:
    check = check_reply(
        "Мы не НЕСЁМ ответственности за курьеров.", language="ru", first_reply=False
    )
    [finding] = check.findings
    assert (finding.flag, finding.fragment, finding.source) == (
        "NOT_US",
        "Мы не НЕСЁМ ответственности за",
        "003",
    )
    assert (
        check.findings[0].fragment
        == "Мы не НЕСЁМ ответственности за курьеров."[finding.start : finding.end]
    )
    assert finding.hint in hints("ru", "NOT_US")
    assert finding.hint.endswith(".") and "\n" not in finding.hint


def test_absences_have_no_fragment_but_a_hint_and_a_source() -> None:
    check = check_reply("Мы вышлем вам книгу.", language="ru", first_reply=True)
    assert [(f.flag, f.fragment, f.source) for f in check.findings] == [
        ("NO_APOLOGY", "", "000"),
        ("NO_NEXT_STEP", "", "000"),
    ]
    assert all(f.hint and f.start == -1 for f in check.findings)


def test_every_rule_names_a_known_flag_and_source() -> None:
    for language in ("ru", "en"):
        for rule in rules_for(language).rules:
            assert rule.flag in FLAGS
            assert rule.source in ("000", "001", "002", "003")
            assert rule.hint and "\n" not in rule.hint


def test_flags_are_distinct_and_in_flags_order() -> None:
    check = Check(
        (
            Finding("RUDE", "a", "", "003"),
            Finding("NOT_US", "b", "", "003"),
            Finding("RUDE", "c", "", "003"),
        ),
        None,
    )
    assert check.flags == ("NOT_US", "RUDE")


def test_the_same_careless_words_twice_are_one_finding() -> None:
    text = "Скоро починим душ. Скоро заменим и кондиционер."
    check = check_reply(text, language="ru", first_reply=False)
    assert [f.fragment for f in check.findings if f.flag == "VAGUE_PROMISE"] == ["Скоро"]


def test_disabled_flags_are_neither_reported_nor_rewritten() -> None:
    text = "Приносим извинения за доставленные неудобства."
    check = check_reply(text, language="ru", first_reply=True, disabled=frozenset({"BUREAUCRATIC"}))
    assert check.flags == ("NO_APOLOGY", "NO_NEXT_STEP")
    assert check.suggestion == "Простите, что так получилось. " + text

    text = "Книгу отправим в пятницу курьером."
    check = check_reply(text, language="ru", first_reply=True, disabled=frozenset({"NO_APOLOGY"}))
    assert check == Check((), None, "ru")

    everything = frozenset(FLAGS)
    assert (
        check_reply(
            "Вам нужно было читать!", language="ru", first_reply=True, disabled=everything
        ).findings
        == ()
    )


def test_an_order_becomes_a_request_and_the_rest_stays() -> None:
    text = "Вам нужно заполнить заявление. Если что-то непонятно, я помогу: пишите сюда."
    check = check_reply(text, language="ru", first_reply=False)
    assert check.suggestion == (
        "Не могли бы вы заполнить заявление? Если что-то непонятно, я помогу: пишите сюда."
    )


def test_an_order_inside_a_sentence_keeps_its_case_and_ends_as_a_question() -> None:
    text = "Дмитрий, вам нужно будет подписать акт до пятницы, и мы сразу начнём работы"
    check = check_reply(text, language="ru", first_reply=False)
    assert check.flags == ("ORDER",)
    assert check.suggestion == (
        "Дмитрий, не могли бы вы подписать акт до пятницы, и мы сразу начнём работы?"
    )


def test_english_order_rewrite() -> None:
    check = check_reply("Thanks. You need to reset the router!", language="en", first_reply=False)
    assert check.suggestion == "Thanks. Could you please reset the router?"


def test_no_apology_suggestion_opens_with_an_apology_by_name() -> None:
    text = "Книгу отправим в пятницу курьером."
    named = check_reply(text, language="ru", first_reply=True, client_name="Дмитрий")
    assert named.suggestion == "Дмитрий, простите, что так получилось. " + text
    anonymous = check_reply(text, language="ru", first_reply=True)
    assert anonymous.suggestion == "Простите, что так получилось. " + text


def test_the_apology_goes_after_a_greeting_and_the_name_is_not_repeated() -> None:
    greeted = "Здравствуйте, Дмитрий! Книгу отправим в пятницу курьером."
    check = check_reply(greeted, language="ru", first_reply=True, client_name="Дмитрий")
    assert check.suggestion == (
        "Здравствуйте, Дмитрий! Простите, что так получилось. Книгу отправим в пятницу курьером."
    )
    addressed = "Дмитрий, книгу отправим в пятницу курьером."
    check = check_reply(addressed, language="ru", first_reply=True, client_name="Дмитрий")
    assert check.suggestion == (
        "Дмитрий, простите, что так получилось. Книгу отправим в пятницу курьером."
    )
    bare = check_reply("Здравствуйте!", language="ru", first_reply=True)
    assert bare.suggestion == "Здравствуйте! Простите, что так получилось."
    english = check_reply("Hi Tom, the part ships on Friday.", language="en", first_reply=True)
    assert english.suggestion == "Hi Tom, I'm sorry this happened. The part ships on Friday."


def test_a_boilerplate_apology_is_replaced_not_doubled() -> None:
    check = check_reply(
        "Приносим извинения за доставленные неудобства.", language="ru", first_reply=True
    )
    assert check.suggestion == "Простите нас, мне очень жаль, что так получилось."
    rewritten = check_reply(check.suggestion, language="ru", first_reply=True)
    assert rewritten.flags == ("NO_NEXT_STEP",)


def test_nothing_to_rewrite_gives_no_suggestion() -> None:
    assert (
        check_reply("Это же подарок, берите что дают.", language="ru", first_reply=False).suggestion
        is None
    )


def test_the_replys_own_language_wins_over_the_companys() -> None:
    check = check_reply("You need to restart the router.", language="ru", first_reply=False)
    assert check.language == "en"
    assert check.flags == ("ORDER",)
    assert check.findings[0].hint in hints("en", "ORDER")
    assert check_reply("Ок", language="en", first_reply=False).language == "en"


def test_an_empty_reply_has_no_findings() -> None:
    assert check_reply("  \n", language="ru", first_reply=True).findings == ()


def test_a_long_reply_is_checked_fast() -> None:
    """Under 50 ms for 4,000 characters (it takes a few): best of five, to ride out a busy CI."""
    paragraph = (
        "Анна, здравствуйте! Простите, что тренировка сорвалась. Вам нужно заполнить заявление, "
        "а деньги вернём в ближайшее время. Я проверил журнал: тренер опоздал на 20 минут. "
    )
    text = (paragraph * 40)[:4000]
    check_reply(text, language="ru", first_reply=True)  # compile the rules once
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        check_reply(text, language="ru", first_reply=True, client_name="Анна")
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.05
