"""Both languages say everything, and every callback fits Telegram's 64 bytes."""

from __future__ import annotations

import string
from datetime import UTC, datetime

from bot.views.dates import PRESETS
from bot.views.keyboards import (
    CardAction,
    CausePick,
    CloseChoice,
    DuePick,
    OwnerPick,
    card_keyboard,
    cause_keyboard,
    close_keyboard,
    due_keyboard,
    owner_keyboard,
)
from bot.views.texts import EN, RU, Html, Texts
from storage.models import Role, RootCause, StaffMember, Status, Ticket

BIG = 2**53


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    assert RU.keys() == EN.keys()
    for key in RU:
        assert fields(RU[key]) == fields(EN[key]), key


def test_values_are_escaped_unless_marked_html() -> None:
    t = Texts("ru")
    assert t("ack_more", id="<b>") == "Добавили к обращению №&lt;b&gt;."
    assert t("ack_more", id=Html("<b>1</b>")) == "Добавили к обращению №<b>1</b>."


def test_callback_data_fits_64_bytes_for_the_largest_ids() -> None:
    payloads = [
        CardAction(a=a, t=BIG).pack()
        for a in ("reply", "assign", "due", "cause", "close", "back", "reopen")
    ]
    payloads += [OwnerPick(t=BIG, u=-(10**13)).pack()]
    payloads += [DuePick(t=BIG, p=p).pack() for p in (*PRESETS, "typed")]
    payloads += [CausePick(t=BIG, c=c.value).pack() for c in RootCause]
    payloads += [CloseChoice(t=BIG, note=n).pack() for n in (True, False)]
    assert max(len(p.encode()) for p in payloads) <= 64


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
