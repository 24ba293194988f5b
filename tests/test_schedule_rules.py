"""The scheduler's pure rules: quiet hours, which digest is due, postponing, what each decided
reminder sends, the digest's text, and the issue-4 configuration variables."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from dotenv import dotenv_values

from bot.config import ConfigError, load_config
from bot.core.digests import digest_day, digest_moment
from bot.core.quiet import in_quiet_hours
from bot.core.reminders import PREVIEW, Situation, plan, postponed
from bot.views.digest import LIST_LIMIT, DigestFacts, render_digest, source_name
from bot.views.keyboards.callbacks import CardAction, FollowUpAnswer, ReminderAction
from bot.views.texts import Html, Texts
from storage.digests import Answer
from storage.models import Status, Ticket
from tests.standin import parse_html, utf16_len, validate_html

MSK = ZoneInfo("Europe/Moscow")
UTC_ZONE = ZoneInfo("UTC")
RU = Texts("ru")
EN = Texts("en")
TOKEN = "123456:ABCdefGHIjklMNOpqrsTUVwxyz"
NIGHT = (time(22), time(8))
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
DIRECTORS = [100, 101]
MANAGER = 201
CLIENT = 1001


def msk(day: int, hour: int, minute: int = 0, second: int = 0, month: int = 11) -> datetime:
    """A Moscow wall-clock moment, as the aware UTC datetime the code works with."""
    return datetime(2026, month, day, hour, minute, second, tzinfo=MSK).astimezone(UTC)


def ticket(**changes: Any) -> Ticket:
    base = Ticket(
        id=7,
        source="telegram",
        external_id="1001:5",
        author_id=CLIENT,
        author_name="Анна",
        client_chat_id=CLIENT,
        text="Тренер не пришёл на занятие",
        link=None,
        status=Status.IN_PROGRESS,
        owner_id=MANAGER,
        due_at=msk(24, 10),
        root_cause=None,
        created_at=msk(23, 11),
        updated_at=msk(23, 11),
        first_response_at=None,
        closed_at=None,
        resolution=None,
    )
    return dataclasses.replace(base, **changes)


def situation(now: datetime = NOW, *, quiet: bool = False, owner: str = "Мария") -> Situation:
    return Situation(now=now, directors=DIRECTORS, owner_name=owner, tz=MSK, quiet=quiet)


def plain(html_text: str) -> str:
    """What the reader sees; raises if Telegram would refuse the HTML."""
    validate_html(html_text)
    return parse_html(html_text).text


# --- quiet hours --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        (msk(23, 21, 59, 59), False),
        (msk(23, 22, 0), True),
        (msk(23, 23, 59, 59), True),
        (msk(24, 0, 0), True),
        (msk(24, 3, 30), True),
        (msk(24, 7, 59, 59), True),
        (msk(24, 8, 0), False),
        (msk(24, 12, 0), False),
    ],
)
def test_quiet_hours_across_midnight_start_inclusive_end_exclusive(
    moment: datetime, quiet: bool
) -> None:
    assert in_quiet_hours(moment, NIGHT, MSK) is quiet


def test_quiet_hours_within_one_day_and_in_the_configured_zone() -> None:
    lunch = (time(13), time(14))
    assert not in_quiet_hours(msk(23, 12, 59), lunch, MSK)
    assert in_quiet_hours(msk(23, 13, 0), lunch, MSK)
    assert not in_quiet_hours(msk(23, 14, 0), lunch, MSK)
    # 20:00 UTC is 23:00 in Moscow: quiet there, not in UTC
    late = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)
    assert in_quiet_hours(late, NIGHT, MSK)
    assert not in_quiet_hours(late, NIGHT, UTC_ZONE)


def test_no_quiet_hours_configured_is_never_quiet() -> None:
    assert not in_quiet_hours(msk(24, 3), None, MSK)


# --- which digest is due -------------------------------------------------------------------


def test_digest_day_is_today_from_digest_time_on() -> None:
    at, epoch = time(9), msk(20, 12)
    assert digest_day(msk(24, 8, 59, 59), at, MSK, epoch) is None
    assert digest_day(msk(24, 9, 0), at, MSK, epoch) == date(2026, 11, 24)
    assert digest_day(msk(24, 23, 59), at, MSK, epoch) == date(2026, 11, 24)
    # local day, not UTC: 00:30 in Moscow on the 25th is still the 24th in UTC
    assert digest_day(msk(25, 0, 30), at, MSK, epoch) is None


def test_digest_moment_is_local_time_in_utc() -> None:
    assert digest_moment(date(2026, 11, 24), time(9), MSK) == datetime(
        2026, 11, 24, 6, 0, tzinfo=UTC
    )


def test_no_digest_for_a_moment_before_the_scheduler_first_ran() -> None:
    """A bot first started at noon does not open with that morning's digest."""
    epoch = msk(24, 12)
    assert digest_day(msk(24, 12, 5), time(9), MSK, epoch) is None
    assert digest_day(msk(25, 9, 0), time(9), MSK, epoch) == date(2026, 11, 25)


def test_after_a_jump_of_days_only_the_latest_digest_is_due() -> None:
    epoch = msk(20, 12)
    assert digest_day(msk(27, 10), time(9), MSK, epoch) == date(2026, 11, 27)
    # before today's time: yesterday's is not chased (without quiet hours holding it)
    assert digest_day(msk(27, 8), time(9), MSK, epoch) is None


def test_a_digest_held_by_quiet_hours_past_midnight_comes_when_they_end() -> None:
    at, epoch = time(23), msk(20, 12)
    assert digest_day(msk(24, 8, 0), at, MSK, epoch, NIGHT) == date(2026, 11, 23)
    assert digest_day(msk(24, 8, 0), at, MSK, epoch, None) is None
    # quiet hours that do not cover the digest time hold nothing over
    assert digest_day(msk(24, 8, 0), time(21), MSK, epoch, NIGHT) is None
    assert digest_day(msk(24, 23, 0), at, MSK, epoch, NIGHT) == date(2026, 11, 24)


# --- postponing ----------------------------------------------------------------------------


def test_postpone_keeps_the_control_dates_hour_counted_from_today() -> None:
    due = msk(24, 10)
    assert postponed(due, msk(24, 10, 30), 1, MSK) == msk(25, 10)
    assert postponed(due, msk(24, 17, 0), 3, MSK) == msk(27, 10)
    # pressed days late: from today, not from the old date
    assert postponed(due, msk(26, 9, 0), 1, MSK) == msk(27, 10)


def test_postpone_uses_the_local_date_and_a_default_hour() -> None:
    # 22:30 UTC on the 24th is 01:30 on the 25th in Moscow: "+1 day" is the 26th
    late = datetime(2026, 11, 24, 22, 30, tzinfo=UTC)
    assert postponed(msk(24, 18), late, 1, MSK) == msk(26, 18)
    assert postponed(None, msk(24, 15), 1, MSK) == msk(25, 10)
    assert postponed(msk(30, 18), msk(30, 19), 1, MSK) == msk(1, 18, month=12)


# --- what a decided reminder sends -------------------------------------------------------------


def test_due_reminder_goes_to_directors_and_the_owner_with_its_buttons() -> None:
    t = ticket()
    out = plan("due", t.due_at or NOW, t, situation(msk(24, 10)), RU, 3)
    assert [o.chat_id for o in out] == [*DIRECTORS, MANAGER]
    text = plain(out[0].text)
    assert "Точка контроля по №7" in text and "24.11 10:00, сегодня" in text
    assert "Анна: Тренер не пришёл на занятие" in text and "Ответственный: Мария" in text
    assert out[0].post_kind == "view" and not out[0].silent
    assert out[0].markup is not None
    actions = [
        ReminderAction.unpack(button.callback_data or "").a
        for row in out[0].markup.inline_keyboard
        for button in row
    ]
    assert actions == ["done", "d1", "d3", "typed", "owner"]


def test_owner_who_is_a_director_is_not_reminded_twice() -> None:
    t = ticket(owner_id=DIRECTORS[1])
    out = plan("due", t.due_at or NOW, t, situation(msk(24, 10)), RU, 3)
    assert [o.chat_id for o in out] == DIRECTORS


def test_overdue_escalation_goes_to_directors_only_with_the_delay() -> None:
    t = ticket()
    out = plan("overdue", t.due_at or NOW, t, situation(msk(25, 11, 30)), RU, 4)
    assert [o.chat_id for o in out] == DIRECTORS
    assert "№7 просрочено" in plain(out[0].text) and "прошло 1 дн 1 ч" in plain(out[0].text)


@pytest.mark.parametrize("kind", ["due", "overdue"])
def test_control_date_reminder_is_dropped_when_the_ticket_moved_on(kind: str) -> None:
    moment = msk(24, 10)
    later = situation(msk(25, 12))
    assert (
        plan(kind, moment, ticket(status=Status.CLOSED, closed_at=msk(24, 9)), later, RU, 1) == []
    )
    assert plan(kind, moment, ticket(due_at=msk(26, 10)), later, RU, 1) == []
    assert plan(kind, moment, ticket(due_at=None), later, RU, 1) == []


def test_first_response_nudge_goes_to_directors_with_the_card_buttons() -> None:
    t = ticket(owner_id=None, status=Status.OPEN)
    out = plan("first_response", t.created_at, t, situation(msk(23, 12, 25), owner="—"), RU, 5)
    assert [o.chat_id for o in out] == DIRECTORS
    assert "№7: Анна ждёт первого ответа уже 1 ч 25 мин" in plain(out[0].text)
    assert out[0].markup is not None
    actions = {
        CardAction.unpack(button.callback_data or "").a
        for row in out[0].markup.inline_keyboard
        for button in row
        if (button.callback_data or "").startswith("c:")
    }
    assert "reply" in actions


def test_first_response_nudge_is_dropped_once_answered_or_closed() -> None:
    now = situation(msk(23, 13))
    answered = ticket(first_response_at=msk(23, 11, 30))
    closed = ticket(status=Status.CLOSED, closed_at=msk(23, 12))
    assert plan("first_response", answered.created_at, answered, now, RU, 5) == []
    assert plan("first_response", closed.created_at, closed, now, RU, 5) == []


def test_follow_up_asks_the_client_with_answer_buttons_naming_the_follow_up() -> None:
    closed_at = msk(23, 15)
    t = ticket(status=Status.CLOSED, closed_at=closed_at)
    out = plan("followup", closed_at, t, situation(msk(26, 15)), RU, 42)
    assert [o.chat_id for o in out] == [CLIENT]
    text = plain(out[0].text)
    assert text.startswith("Здравствуйте, Анна!") and "(обращение №7)" in text
    assert "Всё ли теперь в порядке?" in text
    assert out[0].post_kind is None  # the client's chat is not a place for ticket posts
    assert out[0].markup is not None
    answers = [
        FollowUpAnswer.unpack(button.callback_data or "")
        for row in out[0].markup.inline_keyboard
        for button in row
    ]
    assert [(a.f, a.ok) for a in answers] == [(42, True), (42, False)]


def test_follow_up_is_dropped_when_the_ticket_was_reopened_or_closed_again() -> None:
    closed_at = msk(23, 15)
    later = situation(msk(26, 15))
    reopened = ticket(status=Status.IN_PROGRESS, closed_at=None)
    closed_again = ticket(status=Status.CLOSED, closed_at=msk(25, 15))
    no_chat = ticket(status=Status.CLOSED, closed_at=closed_at, client_chat_id=None)
    assert plan("followup", closed_at, reopened, later, RU, 1) == []
    assert plan("followup", closed_at, closed_again, later, RU, 1) == []
    assert plan("followup", closed_at, no_chat, later, RU, 1) == []


def test_unhappy_client_notice_reaches_owner_and_directors_silently_at_night() -> None:
    t = ticket()
    out = plan("unhappy", msk(26, 23), t, situation(msk(26, 23), quiet=True), RU, 9)
    assert [o.chat_id for o in out] == [*DIRECTORS, MANAGER]
    assert all(o.silent for o in out)
    assert "Обращение снова в работе" in plain(out[0].text)
    day = plan("unhappy", msk(26, 12), t, situation(msk(26, 12)), RU, 9)
    assert not any(o.silent for o in day)


def test_unknown_kind_sends_nothing() -> None:
    assert plan("birthday", NOW, ticket(), situation(), RU, 1) == []


def test_reminder_escapes_hostile_names_and_text_and_shortens_long_text() -> None:
    hostile = ticket(author_name="<b>Вася</b> & Co", text="<script>alert(1)</script> " * 100)
    out = plan("due", hostile.due_at or NOW, hostile, situation(msk(24, 10), owner="<i>x"), EN, 1)
    text = plain(out[0].text)
    assert "<b>Вася</b> & Co: <script>alert(1)</script>" in text
    assert "Owner: <i>x" in text
    shown = text.split("Co: ", 1)[1].split("\nOwner")[0]
    assert len(shown) == PREVIEW and shown.endswith("…")


# --- the digest's text ------------------------------------------------------------------------


def test_empty_digest_is_one_line_or_nothing() -> None:
    facts = DigestFacts(day=date(2026, 11, 24))
    assert facts.nothing_to_report
    assert render_digest(facts, RU, MSK, NOW, all_clear=True) == [RU("digest_all_clear")]
    assert render_digest(facts, RU, MSK, NOW, all_clear=False) == []


def test_digest_has_every_section() -> None:
    now = msk(24, 9)
    overdue = ticket(id=3, due_at=msk(23, 18))
    waiting = ticket(id=5, author_name="Пётр", created_at=msk(24, 7))
    facts = DigestFacts(
        day=date(2026, 11, 24),
        new=[(Html(RU("source_telegram")), 4), (source_name("tg:-100", "Соседи", RU), 1)],
        open_by_owner=[("Мария", 3), ("—", 2)],
        overdue=[(overdue, "Мария")],
        overdue_total=1,
        waiting=[waiting],
        waiting_total=1,
        answers=[Answer(8, "Анна", "yes", 5), Answer(9, "Олег", "no", None)],
    )
    parts = render_digest(facts, RU, MSK, now, all_clear=False)
    assert len(parts) == 1
    text = plain(parts[0])
    for line in (
        "Утренняя сводка, 24.11.2026",
        "5 новых обращений за сутки",
        "Telegram, личные сообщения: 4",
        "Чат «Соседи»: 1",
        "5 открытых обращений",
        "Мария: 3",
        "1 просроченное обращение",
        "№3 · Мария · контроль был 23.11 18:00",
        "1 обращение ждёт первого ответа",
        "№5 · Пётр · ждёт 2 ч 0 мин",
        "2 ответа клиентов после закрытия",
        "№8 · Анна: 👍 всё хорошо · оценка 5/5",
        "№9 · Олег: 👎 не совсем",
    ):
        assert line in text, line
    assert "№9 · Олег: 👎 не совсем · оценка" not in text


def test_digest_lists_are_trimmed_with_a_count_of_the_rest() -> None:
    owners = [(f"Менеджер {n}", 20 - n) for n in range(15)]
    late = [(ticket(id=n, due_at=msk(23, 10)), "Мария") for n in range(1, LIST_LIMIT + 1)]
    facts = DigestFacts(
        day=date(2026, 11, 24), open_by_owner=owners, overdue=late, overdue_total=37
    )
    text = plain("\n".join(render_digest(facts, RU, MSK, msk(24, 9), all_clear=True)))
    assert "Менеджер 9: 11" in text and "Менеджер 10" not in text
    assert "… и ещё 5" in text
    assert text.count("контроль был") == LIST_LIMIT
    assert "… и ещё 27" in text


def test_digest_escapes_hostile_names_and_keeps_every_message_within_limits() -> None:
    long_title = "<b>Отзывы</b> & " + "очень длинное название ленты " * 40
    hostile = "<a href='x'>Злоумышленник</a> & " + "я" * 300
    facts = DigestFacts(
        day=date(2026, 11, 24),
        new=[
            (source_name(f"https://reviews{n}.example/feed", long_title, RU), 1) for n in range(12)
        ],
        open_by_owner=[(hostile, 1)] * 12,
        waiting=[ticket(id=n, author_name=hostile) for n in range(LIST_LIMIT)],
        waiting_total=12,
        answers=[Answer(n, hostile, "no", 1) for n in range(12)],
    )
    parts = render_digest(facts, RU, MSK, msk(24, 9), all_clear=True)
    for part in parts:
        assert utf16_len(plain(part)) <= 4096 and utf16_len(part) <= 4096
    text = "\n".join(plain(part) for part in parts)
    assert "Лента <b>Отзывы</b> & очень длинное" in text
    assert "<a href='x'>Злоумышленник</a> & я" in text
    assert "я" * 40 not in text  # names are shortened to a glance


def test_source_name_shortens_a_feed_without_a_title_to_its_url() -> None:
    url = "https://www.google.com/alerts/feeds/" + "1" * 200
    name = plain(source_name(url, None, RU))
    assert name.startswith("Лента https://www.google.com/alerts") and name.endswith("…")
    assert len(name) < 60
    assert plain(source_name("telegram", None, EN)) == "Telegram, direct message"


# --- configuration --------------------------------------------------------------------------


def test_issue_4_defaults() -> None:
    config = load_config({"BOT_TOKEN": TOKEN})
    assert config.overdue_hours == 24
    assert config.first_response_minutes == 60
    assert config.follow_up_days == 3
    assert config.digest_time == time(9, 0)
    assert config.quiet_hours is None
    assert config.scheduler_tick_seconds == 5


def test_issue_4_values_accept_fractions_and_short_times() -> None:
    config = load_config(
        {
            "BOT_TOKEN": TOKEN,
            "OVERDUE_HOURS": "0.5",
            "FIRST_RESPONSE_MINUTES": "0.1",
            "FOLLOW_UP_DAYS": "0.001",
            "DIGEST_TIME": "7:30",
            "QUIET_HOURS": " 22:30-07:45 ",
            "SCHEDULER_TICK_SECONDS": "0.2",
        }
    )
    assert config.overdue_hours == 0.5
    assert config.first_response_minutes == 0.1
    assert config.follow_up_days == 0.001
    assert config.digest_time == time(7, 30)
    assert config.quiet_hours == (time(22, 30), time(7, 45))
    assert config.scheduler_tick_seconds == 0.2
    assert load_config({"BOT_TOKEN": TOKEN, "QUIET_HOURS": "22-08"}).quiet_hours == NIGHT
    assert load_config({"BOT_TOKEN": TOKEN, "DIGEST_TIME": "9"}).digest_time == time(9)
    assert load_config({"BOT_TOKEN": TOKEN, "FOLLOW_UP_DAYS": "3650"}).follow_up_days == 3650


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        ("OVERDUE_HOURS", "0"),
        ("OVERDUE_HOURS", "-2"),
        ("OVERDUE_HOURS", "a day"),
        ("OVERDUE_HOURS", "inf"),
        ("FIRST_RESPONSE_MINUTES", "nan"),
        ("FIRST_RESPONSE_MINUTES", "1,5"),
        ("FOLLOW_UP_DAYS", "1e9"),  # would overflow dates on every tick
        ("FOLLOW_UP_DAYS", "3651"),
        ("FOLLOW_UP_DAYS", "-0.001"),
        ("DIGEST_TIME", "25:00"),
        ("DIGEST_TIME", "9am"),
        ("DIGEST_TIME", "09:60"),
        ("QUIET_HOURS", "22"),
        ("QUIET_HOURS", "22-22"),
        ("QUIET_HOURS", "22-24"),
        ("QUIET_HOURS", "night"),
        ("SCHEDULER_TICK_SECONDS", "0"),
        ("SCHEDULER_TICK_SECONDS", "20"),
    ],
)
def test_bad_issue_4_values_name_the_variable(name: str, raw: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config({"BOT_TOKEN": TOKEN, name: raw})
    assert str(error.value).startswith(name)
    assert "\n" not in str(error.value)


def test_example_config_documents_the_issue_4_variables_with_their_defaults() -> None:
    example = Path(__file__).resolve().parent.parent / "config.example.env"
    values = {k: v for k, v in dotenv_values(example).items() if v is not None}
    names = (
        "OVERDUE_HOURS",
        "FIRST_RESPONSE_MINUTES",
        "FOLLOW_UP_DAYS",
        "DIGEST_TIME",
        "QUIET_HOURS",
        "SCHEDULER_TICK_SECONDS",
    )
    assert all(name in values for name in names)
    documented = load_config({**values, "BOT_TOKEN": TOKEN})
    defaults = load_config({"BOT_TOKEN": TOKEN})
    for name in names:
        field = name.lower()
        assert getattr(documented, field) == getattr(defaults, field), name
