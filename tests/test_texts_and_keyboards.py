"""Both languages say everything, every callback fits Telegram's 64 bytes, and access is
decided in one place."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, patch
from zoneinfo import ZoneInfo

import pytest
from aiogram import Router
from aiogram.filters.callback_data import CallbackData
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message, TelegramObject, User

from bot.config import Config
from bot.telegram.access import DirectorOnly, RoleMiddleware, StaffOnly
from bot.telegram.handlers import routers
from bot.views.dates import PRESETS
from bot.views.keyboards import callbacks
from bot.views.keyboards.callbacks import (
    CLOSE_PLACES,
    POSTPONE_DAYS,
    RATINGS,
    REMINDER_ACTIONS,
    BusinessAck,
    CardAction,
    CausePick,
    CloseCause,
    CloseChoice,
    DigestAllClear,
    DueConfirm,
    DuePick,
    FollowUpAnswer,
    FollowUpRate,
    InstantMode,
    OwnerPick,
    PhraseFlag,
    PromiseTell,
    ReminderAction,
    ReplyDraft,
    SourcePage,
    SourceRemove,
    SummaryComplaint,
    TemplateMenu,
    TemplatePick,
    TemplateSend,
    VerdictPick,
)
from bot.views.keyboards.card import (
    CAUSE_CHOICES,
    card_keyboard,
    cause_keyboard,
    close_keyboard,
    due_keyboard,
    owner_keyboard,
)
from bot.views.keyboards.followups import followup_keyboard, rating_keyboard
from bot.views.keyboards.reminders import reminder_keyboard
from bot.views.keyboards.settings import settings_keyboard
from bot.views.keyboards.sources import PAGE_SIZE, instant_keyboard, sources_keyboard
from bot.views.texts import EN, RU, Html, Texts
from storage.models import Role, RootCause, StaffMember, Status, Ticket

BIG = 2**63 - 1  # SQLite's largest rowid: no ticket, source or follow-up id is longer
USER = -(2**53)  # a Telegram id fits 53 bits; the sign makes it the longest such number


def fields(template: str | dict[str, str]) -> set[str]:
    """A text's placeholders; every plural form of a text has the same ones."""
    if isinstance(template, dict):
        per_form = [fields(form) for form in template.values()]
        assert all(names == per_form[0] for names in per_form), template
        return per_form[0]
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    assert RU.keys() == EN.keys()
    for key in RU:
        assert fields(RU[key]) == fields(EN[key]), key
        # plural forms are picked by count, in both languages alike, with every CLDR category
        # the language uses: Russian one/few/many/other (fractions take "other"), English one/other
        assert isinstance(RU[key], dict) == isinstance(EN[key], dict), key
        if isinstance(RU[key], dict):
            assert "count" in fields(RU[key]), key
            assert RU[key].keys() == {"one", "few", "many", "other"}, key
            assert EN[key].keys() == {"one", "other"}, key


def test_values_are_escaped_unless_marked_html() -> None:
    t = Texts("ru")
    assert t("ticket_not_found", id="<b>") == "Обращения №&lt;b&gt; нет."
    assert t("ticket_not_found", id=Html("<b>1</b>")) == "Обращения №<b>1</b> нет."


def test_every_callback_data_lives_in_callbacks_with_its_own_prefix() -> None:
    defined = {
        value
        for value in vars(callbacks).values()
        if isinstance(value, type) and issubclass(value, CallbackData) and value is not CallbackData
    }
    assert defined == set(callbacks.ALL)
    prefixes = [cls.__prefix__ for cls in callbacks.ALL]
    assert len(prefixes) == len(set(prefixes)), prefixes
    # nothing else in the package (or the handlers) declares callback data of its own
    elsewhere = {cls for cls in _subclasses(CallbackData) if cls.__module__ != callbacks.__name__}
    assert not {cls for cls in elsewhere if cls.__module__.startswith("bot.")}, elsewhere


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found)) if found else found


def test_callback_data_fits_64_bytes_for_the_largest_ids() -> None:
    samples: list[CallbackData] = [
        CardAction(a=a, t=BIG) for a in ("reply", "assign", "due", "cause", "close", "back")
    ]
    samples += [CardAction(a="reopen", t=BIG), OwnerPick(t=BIG, u=USER)]
    samples += [DuePick(t=BIG, p=p) for p in (*PRESETS, "typed")]
    last_minute = int(datetime(9999, 12, 31, 23, 59, tzinfo=UTC).timestamp() // 60)
    samples += [DueConfirm(t=BIG, m=m) for m in (0, last_minute)]
    samples += [CausePick(t=BIG, c=c.value) for c in RootCause]
    samples += [CloseChoice(t=BIG, note=n) for n in (True, False)]
    samples += [CloseCause(t=BIG, c=c.value, d=BIG, w=w) for c in RootCause for w in CLOSE_PLACES]
    samples += [PromiseTell(d=BIG, m=m) for m in (0, last_minute)]
    samples += [VerdictPick(t=BIG, c=c) for c in (True, False)]
    samples += [InstantMode(on=on) for on in (True, False)]
    samples += [SummaryComplaint(t=BIG)]
    samples += [SourceRemove(i=BIG), SourcePage(k="channel", p=BIG)]
    samples += [ReminderAction(a=a, t=BIG) for a in REMINDER_ACTIONS]
    samples += [FollowUpAnswer(f=BIG, ok=ok) for ok in (True, False)]
    samples += [FollowUpRate(f=BIG, r=r) for r in RATINGS]
    samples += [DigestAllClear(on=on) for on in (True, False)]
    samples += [BusinessAck(on=on) for on in (True, False)]
    samples += [ReplyDraft(a=a, d=BIG) for a in ("r", "s", "w")]
    samples += [PhraseFlag(f="REFUSAL_NO_ALT", on=on) for on in (True, False)]
    samples += [
        TemplateMenu(t=BIG),
        TemplatePick(t=BIG, k="no_service"),
        TemplatePick(t=BIG, k=str(BIG)),
    ]
    samples += [TemplateSend(t=BIG, k=k, h="0123456789") for k in ("no_service", str(BIG))]
    assert {type(sample) for sample in samples} == set(callbacks.ALL)
    assert set(POSTPONE_DAYS) <= set(REMINDER_ACTIONS)
    longest = max((sample.pack() for sample in samples), key=lambda p: len(p.encode()))
    assert len(longest.encode()) <= 64, longest
    for sample in samples:
        assert type(sample).unpack(sample.pack()) == sample


def test_keyboards_round_trip() -> None:
    t = Texts("en")
    now = datetime.now(UTC)
    ticket = Ticket(
        1,
        "telegram",
        "x",
        1,
        "A",
        1,
        "t",
        None,
        Status.OPEN,
        None,
        None,
        None,
        now,
        now,
        None,
        None,
        None,
    )
    members = [
        StaffMember(5, Role.MANAGER, "Maria", "", "m"),
        StaffMember(6, Role.DIRECTOR, "", "", ""),
    ]
    for markup in (
        card_keyboard(ticket, t, can_assign=True),
        owner_keyboard(1, members, 6, t),
        due_keyboard(1, t),
        cause_keyboard(1, t),
        close_keyboard(1, t),
    ):
        for row in markup.inline_keyboard:
            for b in row:
                assert b.text and b.callback_data and len(b.callback_data.encode()) <= 64
    labels = [row[0].text for row in owner_keyboard(1, members, 6, t).inline_keyboard]
    assert labels == ["Maria", "6 (me)", "« Back"]
    assert CardAction.unpack(CardAction(a="due", t=42).pack()) == CardAction(a="due", t=42)


# --- keyboard layouts -----------------------------------------------------------------------


def shape(markup: InlineKeyboardMarkup | None) -> list[list[str]]:
    """Each row as its buttons' callback data with the ids cut off: what a layout is."""
    assert markup is not None
    return [
        [(b.callback_data or "").rsplit(":", 1)[0] for b in row] for row in markup.inline_keyboard
    ]


def test_card_layouts() -> None:
    t = Texts("en")
    now = datetime.now(UTC)
    base = Ticket(
        *(7, "telegram", "x", 1, "A", 1, "t", None, Status.OPEN, None, None, None),
        *(now, now, None, None, None),
    )
    feed = replace(base, client_chat_id=None, mention_kind="complaint")
    group = replace(base, mention_kind="praise")
    assert shape(card_keyboard(base, t, can_assign=True)) == [
        ["c:reply", "c:assign"],
        ["c:due", "c:cause"],
        ["c:close"],
    ]
    assert shape(card_keyboard(base, t, can_assign=False)) == [
        ["c:reply"],
        ["c:due", "c:cause"],
        ["c:close"],
    ]
    assert shape(card_keyboard(feed, t, can_assign=False)) == [
        ["c:due", "c:cause"],
        ["c:close", "v:7"],  # "not a complaint"
    ]
    # undecided, only possibly a complaint: "complaint" and "not a complaint" both offered
    assert shape(card_keyboard(group, t, can_assign=True))[2] == ["c:close", "v:7", "v:7"]
    closed = replace(base, status=Status.CLOSED)
    # a closed ticket's cause can still be named or corrected
    assert shape(card_keyboard(closed, t, can_assign=True)) == [
        ["c:reply", "c:reopen"],
        ["c:cause"],
    ]
    assert shape(card_keyboard(replace(feed, status=Status.CLOSED), t, can_assign=True)) == [
        ["c:reopen"],
        ["c:cause"],
    ]
    assert [len(row) for row in due_keyboard(7, t).inline_keyboard] == [2, 2, 1, 1]
    assert [len(row) for row in cause_keyboard(7, t).inline_keyboard] == [1] * (
        len(CAUSE_CHOICES) + 1
    )
    assert shape(close_keyboard(7, t)) == [["x:7"], ["x:7"], ["c:back"]]


def test_reminder_followup_settings_and_source_layouts() -> None:
    t = Texts("en")
    assert shape(reminder_keyboard(7, t)) == [
        ["ra:done"],
        ["ra:d1", "ra:d3", "ra:typed"],
        ["ra:owner"],
    ]
    assert [len(row) for row in followup_keyboard(7, t).inline_keyboard] == [2]
    assert [len(row) for row in rating_keyboard(7, t).inline_keyboard] == [len(RATINGS)]
    assert shape(settings_keyboard(True, t)) == [["ds"]]
    assert shape(instant_keyboard(False, t)) == [["m"]]
    assert sources_keyboard([], "feed", 0, t) is None
    items = [(n, f"https://example.com/{n}") for n in range(1, 2 * PAGE_SIZE + 6)]
    assert [len(row) for row in sources_keyboard(items[:3], "feed", 0, t).inline_keyboard] == [
        1,
        1,
        1,
    ]
    middle = sources_keyboard(items, "feed", 1, t)
    assert shape(middle)[-1] == ["sp:feed", "sp:feed"]
    assert len(middle.inline_keyboard) == PAGE_SIZE + 1
    last = sources_keyboard(items, "feed", 99, t)  # past the end: the last page
    assert shape(last)[-1] == ["sp:feed"] and len(last.inline_keyboard) == 5 + 1


# --- access ---------------------------------------------------------------------------------


def _config(directors: set[int], managers: set[int]) -> Config:
    return Config(
        bot_token="1:x",
        api_url=None,
        director_ids=frozenset(directors),
        manager_ids=frozenset(managers),
        team_chat_id=None,
        database_path=Path("unused.db"),
        language="en",
        timezone=ZoneInfo("UTC"),
        reopen_hours=24.0,
    )


def _user(user_id: int) -> User:
    return User(id=user_id, is_bot=False, first_name=f"U{user_id}")


def test_one_role_enum_for_every_layer() -> None:
    assert [role.value for role in Role] == ["director", "manager", "client"]
    assert [role.is_staff for role in Role] == [True, True, False]


async def test_the_role_is_read_from_the_live_config_on_every_update() -> None:
    service = AsyncMock()
    service.remember_names.return_value = False
    start = _config({1}, {2})
    middleware = RoleMiddleware(start, service)
    seen: list[tuple[Role, Any]] = []

    async def handler(event: TelegramObject, data: dict[str, Any]) -> None:
        seen.append((data["role"], data.get("actor")))

    for config in (start, replace(start, director_ids=frozenset(), manager_ids=frozenset({1}))):
        for user_id in (1, 2, 3):
            await middleware(
                handler, TelegramObject(), {"event_from_user": _user(user_id), "config": config}
            )
    await middleware(handler, TelegramObject(), {})
    roles = [role for role, _ in seen]
    assert roles == [
        Role.DIRECTOR,
        Role.MANAGER,
        Role.CLIENT,
        Role.MANAGER,
        Role.CLIENT,
        Role.CLIENT,
        Role.CLIENT,
    ]
    assert seen[0][1].user_id == 1 and seen[-1][1] is None


@pytest.mark.parametrize(
    ("guard", "role", "is_button", "refusal"),
    [
        (StaffOnly, Role.DIRECTOR, False, None),
        (StaffOnly, Role.MANAGER, True, None),
        (StaffOnly, Role.CLIENT, False, "staff_only_command"),
        (StaffOnly, Role.CLIENT, True, "staff_only_button"),
        (StaffOnly, None, False, "staff_only_command"),
        (DirectorOnly, Role.DIRECTOR, False, None),
        (DirectorOnly, Role.DIRECTOR, True, None),
        (DirectorOnly, Role.MANAGER, False, "directors_only"),
        (DirectorOnly, Role.MANAGER, True, "directors_only"),
        (DirectorOnly, Role.CLIENT, False, "staff_only_command"),
        (DirectorOnly, Role.CLIENT, True, "staff_only_button"),
        (DirectorOnly, None, True, "staff_only_button"),
    ],
)
async def test_guards_admit_or_refuse_politely(
    guard: type[StaffOnly | DirectorOnly], role: Role | None, is_button: bool, refusal: str | None
) -> None:
    texts = Texts("en")
    event: CallbackQuery | Message
    if is_button:
        event = CallbackQuery(id="1", from_user=_user(9), chat_instance="c")
    else:
        event = Message.model_validate(
            {"message_id": 1, "date": 0, "chat": {"id": 9, "type": "private"}, "text": "/x"}
        )
    data: dict[str, Any] = {"texts": texts, "event_from_user": _user(9)}
    if role is not None:
        data["role"] = role
    handler = AsyncMock(return_value="ran")
    with patch.object(type(event), "answer", new=AsyncMock()) as answer:
        result = await guard()(handler, event, data)
    if refusal is None:
        assert result == "ran"
        answer.assert_not_called()
    else:
        assert result is None
        handler.assert_not_called()
        assert answer.call_args.args[0] == texts(refusal)


def _all_routers(router: Router) -> list[Router]:
    return [router, *(r for sub in router.sub_routers for r in _all_routers(sub))]


def test_each_router_carries_at_most_one_guard() -> None:
    guards: dict[str, set[type]] = {}
    for top in routers():
        for router in _all_routers(top):
            found = {
                type(m)
                for observer in (router.message, router.callback_query)
                for m in observer.middleware
                if isinstance(m, StaffOnly | DirectorOnly)
            }
            assert len(found) <= 1, router.name
            if found:
                guards[router.name] = found
    assert guards == {
        "reminder_buttons": {StaffOnly},
        "staff_commands": {StaffOnly},
        "templates": {StaffOnly},
        "card_buttons": {StaffOnly},
        "health": {DirectorOnly},
        "export": {DirectorOnly},
        "reports": {DirectorOnly},
        "posters": {DirectorOnly},
        "phrase_check_staff": {StaffOnly},
        "phrase_check_directors": {DirectorOnly},
        "settings": {DirectorOnly},
        "sources_admin": {DirectorOnly},
    }
