"""Reply templates without Telegram: what a director may write, how a template is filled for a
ticket, and the buttons a filled text gets.

The fill is what reaches a client, so a wrong name, a stale or missing date, or a director's
typo must show up here rather than in someone's chat.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.views.keyboards.callbacks import TemplateMenu, TemplatePick, TemplateSend
from bot.views.keyboards.templates import menu_keyboard, preview_keyboard
from bot.views.templates import (
    BODY_LIMIT,
    BUILTIN,
    COPY_LIMIT,
    TITLE_LIMIT,
    Filled,
    Template,
    TemplateError,
    builtin_templates,
    check_body,
    check_title,
    client_date,
    company_templates,
    fill,
    fill_for,
    first_name,
    render_list,
    render_preview,
    slot_hints,
    ticket_values,
)
from bot.views.texts import CATALOGUES, Texts
from storage.models import Status, Ticket
from storage.templates import CompanyTemplate

MSK = ZoneInfo("Europe/Moscow")
CREATED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
DUE = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)  # 10:00 in Moscow the next day


def ticket(author: str = "Анна (@anna)", due: datetime | None = DUE) -> Ticket:
    return Ticket(
        id=7,
        source="telegram",
        external_id="1001:5",
        author_id=1001,
        author_name=author,
        client_chat_id=1001,
        text="Курьер опоздал на два часа",
        link=None,
        status=Status.OPEN,
        owner_id=None,
        due_at=due,
        root_cause=None,
        created_at=CREATED,
        updated_at=CREATED,
        first_response_at=None,
        closed_at=None,
        resolution=None,
    )


def first_answer(t: Texts) -> Template:
    return next(item for item in builtin_templates(t) if item.key == "first")


# --- filling --------------------------------------------------------------------------------


def test_the_first_answer_greets_by_first_name_and_promises_the_control_date() -> None:
    t = Texts("ru")
    filled = fill_for(first_answer(t), ticket(), t, MSK)
    assert filled.text.startswith("Анна, здравствуйте!")
    assert "не позже 24 ноября, 10:00." in filled.text
    assert filled.complete and filled.missing == ()
    assert "[" not in filled.text and "{" not in filled.text


def test_what_the_bot_cannot_know_stays_as_a_gap_in_brackets() -> None:
    t = Texts("ru")
    filled = fill_for(first_answer(t), ticket(author="@anna", due=None), t, MSK)
    assert filled.text.startswith("[имя], здравствуйте!")
    assert filled.text.endswith("не позже [дата].")
    assert filled.missing == ("name", "date") and not filled.complete
    fault = next(item for item in builtin_templates(t) if item.key == "fault")
    filled = fill_for(fault, ticket(), t, MSK)
    assert "Что сделаем: [что исправим], не позже 24 ноября, 10:00." in filled.text
    assert filled.missing == ("fix", "extra")


def test_a_value_is_never_read_as_a_slot_again() -> None:
    """One pass: a client called "{date}" is greeted as that, not with the control date."""
    filled = fill("{name}, {date}", {"name": "{date}", "date": "завтра"}, {})
    assert filled.text == "{date}, завтра"
    assert fill("{name} и снова {name}", {}, {"name": "имя"}).missing == ("name",)


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("Анна (@anna)", "Анна"),
        ("Пётр", "Пётр"),
        ("Dmitry Ivanov", "Dmitry"),
        ("@anna", None),
        ("1001", None),
        ("", None),
        ("   ", None),
    ],
)
def test_first_name(author: str, expected: str | None) -> None:
    assert first_name(author) == expected


def test_the_date_reads_like_a_promise_in_the_companys_timezone() -> None:
    assert client_date(DUE, MSK, CREATED, "ru") == "24 ноября, 10:00"
    assert client_date(DUE, MSK, CREATED, "en") == "24 November, 10:00"
    next_year = datetime(2027, 1, 15, 15, 0, tzinfo=UTC)
    assert client_date(next_year, MSK, CREATED, "ru") == "15 января 2027, 18:00"
    # 22:30 UTC on the 31st is already the 1st in Moscow: the client's day, not the server's
    late = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)
    assert client_date(late, MSK, CREATED, "ru") == "1 января 2027, 01:30"


def test_ticket_values_leave_out_what_is_unknown() -> None:
    assert ticket_values(ticket(author="@x", due=None), MSK, "ru") == {"id": "7"}
    assert ticket_values(ticket(), MSK, "en") == {
        "id": "7",
        "name": "Анна",
        "date": "24 November, 10:00",
    }


def test_the_digest_follows_the_text() -> None:
    a, b = Filled("Анна, привет", ()), Filled("Анна, привет!", ())
    assert a.digest == Filled("Анна, привет", ()).digest != b.digest
    assert re.fullmatch(r"[0-9a-f]{10}", a.digest)


# --- the six built-in ones --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ru", "en"])
def test_every_builtin_slot_has_a_hint_and_fits_a_copy_button(language: str) -> None:
    t = Texts(language)
    hints = slot_hints(t)
    items = builtin_templates(t)
    assert [item.key for item in items] == list(BUILTIN)
    for item in items:
        slots = set(re.findall(r"\{(\w+)\}", item.body))
        assert slots <= set(hints), item.key
        assert "name" in slots, item.key  # every one speaks to the client by name (R3)
        # a long name and a date next year: still one tap to copy
        long = fill_for(
            item, ticket(author="Александра-Виктория", due=DUE.replace(year=2027)), t, MSK
        )
        assert long.copyable and len(long.text) <= COPY_LIMIT, (item.key, len(long.text))
    assert CATALOGUES[language]["tpl_body_first"] == next(i.body for i in items if i.key == "first")


# --- what a director may write ---------------------------------------------------------------


def test_a_good_text_is_kept_trimmed() -> None:
    assert check_body("  {name}, до {date} решу по №{id}.\n") == "{name}, до {date} решу по №{id}."
    assert check_title("  Возврат денег ") == "Возврат денег"


@pytest.mark.parametrize(
    ("body", "reason", "found"),
    [
        ("{name}, привет, {nmae}!", "placeholder", "nmae"),
        ("Анна, {0}", "placeholder", "0"),
        ("{}", "placeholder", ""),
        ("{name.__class__}", "placeholder", "name.__class__"),
        ("Скидка {5%", "brace", ""),
        ("Скидка 5%}", "brace", ""),
        ("{{name}}", "brace", ""),
        ("   ", "empty", ""),
        ("а" * (BODY_LIMIT + 1), "too_long", str(BODY_LIMIT + 1)),
    ],
)
def test_a_bad_text_is_refused_with_the_reason(body: str, reason: str, found: str) -> None:
    with pytest.raises(TemplateError) as caught:
        check_body(body)
    assert (caught.value.reason, caught.value.found) == (reason, found)


@pytest.mark.parametrize("title", ["", "  ", "две\nстроки", "я" * (TITLE_LIMIT + 1)])
def test_a_bad_title_is_refused(title: str) -> None:
    with pytest.raises(TemplateError) as caught:
        check_title(title)
    assert caught.value.reason == "title"


def test_the_longest_allowed_text_is_accepted() -> None:
    assert len(check_body("я" * BODY_LIMIT)) == BODY_LIMIT


# --- screens and buttons ----------------------------------------------------------------------


def test_the_preview_escapes_the_clients_name() -> None:
    t = Texts("ru")
    filled = fill_for(first_answer(t), ticket(author="Анна<b>"), t, MSK)
    shown = render_preview(first_answer(t), 7, filled, t)
    assert "Анна&lt;b&gt;, здравствуйте!" in shown
    assert "<blockquote>" in shown and "№7" in shown


def test_send_as_is_only_without_gaps_and_copy_only_when_it_fits() -> None:
    t = Texts("ru")
    template = first_answer(t)
    done = fill_for(template, ticket(), t, MSK)
    rows = preview_keyboard(7, template, done, t).inline_keyboard
    send, copy, back = (row[0] for row in rows)
    assert TemplateSend.unpack(send.callback_data or "") == TemplateSend(
        t=7, k="first", h=done.digest
    )
    assert copy.copy_text is not None and copy.copy_text.text == done.text
    assert TemplateMenu.unpack(back.callback_data or "") == TemplateMenu(t=7)

    gaps = fill_for(template, ticket(due=None), t, MSK)
    labels = [row[0].text for row in preview_keyboard(7, template, gaps, t).inline_keyboard]
    assert labels == ["📋 Скопировать", "← Все шаблоны"]

    long = Filled("я" * (COPY_LIMIT + 1), ())
    labels = [row[0].text for row in preview_keyboard(7, template, long, t).inline_keyboard]
    assert labels == ["✅ Отправить как есть", "← Все шаблоны"]


def test_the_menu_has_the_six_in_pairs_then_the_companys_own() -> None:
    t = Texts("en")
    rows = [
        CompanyTemplate(3, "Refund", "{name}, refunded.", 100, CREATED),
        CompanyTemplate(9, "Delivery", "{name}, on its way.", 100, CREATED),
    ]
    items = builtin_templates(t) + company_templates(rows)
    keyboard = menu_keyboard(7, items, t).inline_keyboard
    assert [len(row) for row in keyboard] == [2, 2, 2, 1, 1]
    assert keyboard[3][0].text == "Refund"
    assert TemplatePick.unpack(keyboard[3][0].callback_data or "") == TemplatePick(t=7, k="3")
    assert TemplatePick.unpack(keyboard[0][0].callback_data or "") == TemplatePick(t=7, k="first")


def test_the_list_shows_gaps_placeholders_and_the_how_to_for_directors_only() -> None:
    t = Texts("ru")
    own = company_templates(
        [CompanyTemplate(3, "Возврат", "{name}, вернём до {date}.", 1, CREATED)]
    )
    for_director = "\n\n".join(render_list(builtin_templates(t), own, t, director=True))
    assert "[имя], здравствуйте!" in for_director
    assert "№3 · Возврат" in for_director and "{name}, вернём до {date}." in for_director
    assert "/templates add" in for_director
    for_manager = "\n\n".join(render_list(builtin_templates(t), [], t, director=False))
    assert "/templates add" not in for_manager and "Своих шаблонов пока нет." in for_manager


def test_a_long_list_is_split_into_messages_that_fit() -> None:
    t = Texts("ru")
    body = "{name}, " + "очень длинный текст " * 95
    own = company_templates(
        [CompanyTemplate(n, f"Шаблон {n}", body[:BODY_LIMIT], 1, CREATED) for n in range(1, 31)]
    )
    parts = render_list(builtin_templates(t), own, t, director=True)
    assert len(parts) > 1
    assert all(len(part.encode("utf-16-le")) // 2 <= 4096 for part in parts)


def test_a_mention_without_a_name_still_fills_the_rest() -> None:
    t = Texts("en")
    mention = replace(ticket(author=""), client_chat_id=None)
    filled = fill_for(first_answer(t), mention, t, MSK)
    assert filled.text.startswith("[name], hello!") and filled.missing == ("name",)


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_builtin_templates_pass_the_products_own_phrase_check(language: str) -> None:
    """Filled in, a built-in template is what the guide asks for: the ones a first answer is
    made of own the failure and say what happens next; none says what the check flags."""
    from bot.core.phrase_check import check_reply

    t = Texts(language)
    for item in builtin_templates(t):
        text = fill_for(item, ticket(), t, MSK).text
        first = item.key != "changed"  # "what we changed" comes later, never first
        for first_reply in {first, False}:
            check = check_reply(
                text,
                language=language,
                first_reply=first_reply,
                disabled=frozenset(),
                client_name="Анна",
            )
            assert not check.findings, (item.key, first_reply, check.findings)
