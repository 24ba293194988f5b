"""Every callback data the bot's buttons carry, with all prefixes in this one module.

A button's data is a prefix and short codes and ids, so it stays far below Telegram's
64 bytes (the tests pack the largest ids). Prefixes and fields are part of buttons already
sent: renaming one makes every old button "outdated", so change them only on purpose.
A follow-up's buttons name the follow-up itself, not the ticket, so an answer always belongs
to the one question that was asked.
"""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData

# Values a callback field may carry, shared by the builders and the handlers' filters.
REMINDER_ACTIONS = ("done", "d1", "d3", "typed", "owner")
# Where a cause picker on the way to closing stands: a card, a message, a reminder.
CLOSE_PLACES = ("c", "m", "r")
POSTPONE_DAYS = {"d1": 1, "d3": 3}
RATINGS = (1, 2, 3, 4, 5)

# --- the ticket card and its pickers --------------------------------------------------------


class CardAction(CallbackData, prefix="c"):
    """A button on the card itself; `a` is the action code."""

    a: str
    t: int


class OwnerPick(CallbackData, prefix="o"):
    t: int
    u: int


class DuePick(CallbackData, prefix="d"):
    t: int
    p: str


class DueConfirm(CallbackData, prefix="dc"):
    """Yes to a typed control date more than a year ahead: `m` is its UTC minute since the
    epoch; 0 keeps the date there was."""

    t: int
    m: int


class CausePick(CallbackData, prefix="r"):
    t: int
    c: str


class CloseChoice(CallbackData, prefix="x"):
    t: int
    note: bool


class CloseCause(CallbackData, prefix="xc"):
    """The root cause picked on the way to closing ticket `t`: set cause `c`, then close. `d`
    is the parked resolution typed with /close (0: close without one); `w` says where the
    picker stands, so the answer lands there: "c" a card, "m" a message, "r" a reminder."""

    t: int
    c: str
    d: int
    w: str


class VerdictPick(CallbackData, prefix="v"):
    """The director's "complaint / not a complaint" on a mention's card."""

    t: int
    c: bool


# --- mention sources --------------------------------------------------------------------------


class InstantMode(CallbackData, prefix="m"):
    """Every mention as a card at once (True), or non-complaints in the summary (False)."""

    on: bool


class SourceRemove(CallbackData, prefix="s"):
    i: int


class SourcePage(CallbackData, prefix="sp"):
    """Another page of a /feeds or /channels keyboard; `k` is the source kind."""

    k: str
    p: int


# --- reminders and follow-ups -----------------------------------------------------------------


class ReminderAction(CallbackData, prefix="ra"):
    """A button under a control-date reminder; `a` is one of REMINDER_ACTIONS."""

    a: str
    t: int


class PromiseTell(CallbackData, prefix="pt"):
    """Send the client the prepared "sorry, new date" message: `d` is its parked draft, `m` the
    control date's UTC minute it names, so a message about a date changed since is not sent."""

    d: int
    m: int


class FollowUpAnswer(CallbackData, prefix="fa"):
    """The client's answer: `f` is the follow-up (reminder) id, `ok` whether all is fine."""

    f: int
    ok: bool


class FollowUpRate(CallbackData, prefix="fr"):
    f: int
    r: int


# --- /settings --------------------------------------------------------------------------------


class DigestAllClear(CallbackData, prefix="ds"):
    """/settings: send the one-line "all clear" on a quiet morning (True) or nothing."""

    on: bool


# --- the phrase check before a reply goes out ----------------------------------------------


class ReplyDraft(CallbackData, prefix="rd"):
    """A held reply: send the suggested rewrite ("r"), send as written ("s"), or write again
    ("w"); `d` is the draft's id."""

    a: str
    d: int


class PhraseFlag(CallbackData, prefix="pf"):
    """/phrases: switch one of the check's flags on or off for the whole company."""

    f: str
    on: bool


# --- reply templates ---------------------------------------------------------------------------


class TemplateMenu(CallbackData, prefix="tm"):
    """Show the reply templates for ticket `t` in place of the pressed message."""

    t: int


class TemplatePick(CallbackData, prefix="tp"):
    """Show template `k` filled for ticket `t`: `k` is a built-in code or a company template's
    id."""

    t: int
    k: str


class TemplateSend(CallbackData, prefix="ts"):
    """Send template `k` to ticket `t`'s client as shown: `h` is the shown text's digest, so a
    text that changed since (an edited template, a new control date) is shown again instead of
    sent unseen."""

    t: int
    k: str
    h: str


class SummaryComplaint(CallbackData, prefix="sc"):
    """ "This is a complaint" for mention `t` listed in a summary: its card goes out at once.
    Apart from VerdictPick because the pressed message is a summary, not the card to redraw."""

    t: int


class BusinessAck(CallbackData, prefix="ba"):
    """/settings: acknowledge clients at once in the director's personal chats through
    Telegram Business (True) or leave those chats to the director alone."""

    on: bool


ALL: tuple[type[CallbackData], ...] = (
    CardAction,
    OwnerPick,
    DuePick,
    DueConfirm,
    CausePick,
    CloseChoice,
    CloseCause,
    VerdictPick,
    InstantMode,
    SourceRemove,
    SourcePage,
    ReminderAction,
    FollowUpAnswer,
    FollowUpRate,
    DigestAllClear,
    ReplyDraft,
    PhraseFlag,
    TemplateMenu,
    TemplatePick,
    TemplateSend,
    PromiseTell,
    SummaryComplaint,
    BusinessAck,
)
