"""Reply templates: which exist, what a director may write, and how one is filled for a ticket.

Pure (no I/O, no clock, no aiogram), so every rule is a plain unit test. A template is a text
with {slots}. For a ticket, {name} becomes the client's first name, {date} the control date in
the company's timezone and {id} the ticket number; a slot nothing can fill (no control date
yet, or the built-in {fix}, {options}, ...) stays in the text as a hint in [square brackets],
so the staff member sees exactly what to write there, and the text is not offered "as is".

Slots are replaced in one pass by a regular expression, never by `str.format`: a client named
"{date}" or a director's "{name.__class__}" is only text.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date

from bot.views.cards import pack_blocks, utf16_len
from bot.views.texts import CATALOGUES, Html, Texts
from storage.models import Ticket
from storage.templates import CompanyTemplate

# The six situations of the phrase guide, in the order the menu shows them.
BUILTIN: tuple[str, ...] = ("first", "fault", "no_service", "details", "disagree", "changed")
# What a director's own template may ask for: everything the bot itself knows about a ticket.
PLACEHOLDERS: tuple[str, ...] = ("name", "date", "id")
# How texts that name the placeholders show them: as values, so a text has no braces itself.
SLOT_NAMES: dict[str, str] = {f"slot_{name}": f"{{{name}}}" for name in PLACEHOLDERS}
BODY_LIMIT = 2000  # well inside one message with the preview's frame around it
TITLE_LIMIT = 40  # a button's label: longer ones are cut by the apps anyway
COMPANY_LIMIT = 30  # with the six built-in ones, a menu still fits a phone screen
COPY_LIMIT = 256  # Bot API: a CopyTextButton's text is 1-256 characters
_DIGEST_LENGTH = 10

_SLOT = re.compile(r"\{([^{}]*)\}")


class TemplateError(ValueError):
    """A director's title or text the bot will not store; `reason` picks the message.

    Reasons: "title" (empty, several lines or too long), "empty", "too_long" (`found` is the
    length), "placeholder" (`found` is the unknown name), "brace" (a lone { or }).
    """

    def __init__(self, reason: str, found: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.found = found


def check_title(raw: str) -> str:
    """A title is a button's label: one visible line of at most TITLE_LIMIT characters."""
    title = raw.strip()
    if not title or "\n" in title or len(title) > TITLE_LIMIT:
        raise TemplateError("title")
    return title


def check_body(raw: str) -> str:
    """The text as it will be stored, or TemplateError: only known placeholders, no stray braces
    (a typo like "{nmae}" would otherwise reach a client verbatim)."""
    body = raw.strip()
    if not body:
        raise TemplateError("empty")
    if len(body) > BODY_LIMIT:
        raise TemplateError("too_long", str(len(body)))
    for match in _SLOT.finditer(body):
        if match.group(1) not in PLACEHOLDERS:
            raise TemplateError("placeholder", match.group(1))
    rest = _SLOT.sub("", body)
    if "{" in rest or "}" in rest:
        raise TemplateError("brace")
    return body


@dataclass(frozen=True)
class Template:
    """A template as the menu offers it: `key` is a built-in code or a company template's id."""

    key: str
    title: str
    body: str

    @property
    def builtin(self) -> bool:
        return not self.key.isdigit()


def builtin_templates(t: Texts) -> list[Template]:
    """The six in the chat's language. Their bodies are taken raw from the catalogue: `Texts`
    would HTML-escape and format them, and they are plain text for the client with slots."""
    catalogue = CATALOGUES[t.language]
    return [
        Template(key, t(f"tpl_title_{key}"), str(catalogue[f"tpl_body_{key}"])) for key in BUILTIN
    ]


def company_templates(rows: list[CompanyTemplate]) -> list[Template]:
    return [Template(str(row.id), row.title, row.body) for row in rows]


@dataclass(frozen=True)
class Filled:
    """A template's text for one ticket, with the slots still left to the staff member."""

    text: str
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """Nothing left in [brackets]: the text may go to the client as it is."""
        return not self.missing

    @property
    def copyable(self) -> bool:
        """Whether a copy button can carry the whole text (Telegram's limit)."""
        return 1 <= utf16_len(self.text) <= COPY_LIMIT

    @property
    def digest(self) -> str:
        """A short fingerprint of the text: "send as is" sends only the text that was shown."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:_DIGEST_LENGTH]


def fill(body: str, values: Mapping[str, str], hints: Mapping[str, str]) -> Filled:
    """Replace each {slot} with its value, or with "[hint]" when there is none."""
    missing: list[str] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name)
        if value:
            return value
        if name not in missing:
            missing.append(name)
        return f"[{hints.get(name, name)}]"

    return Filled(_SLOT.sub(replace, body), tuple(missing))


def first_name(author_name: str | None) -> str | None:
    """The name to greet a client by: the first word of their Telegram name, when it reads as a
    name ("Анна (@anna)" → "Анна"); a handle or a number is not one, and a wrong greeting is
    worse than a gap the staff member fills in."""
    if not author_name or not author_name.split():
        return None
    word = author_name.split()[0].rstrip(",")
    return word if word[:1].isalpha() else None


def client_date(due: datetime, tz: ZoneInfo, since: datetime, language: str) -> str:
    """The control date as a client reads it: "24 ноября, 10:00" in the company's timezone;
    the year only when it is not the year the client wrote in. Unlike the staff's short
    "24.11 10:00, завтра", it does not go stale the next day."""
    local = due.astimezone(tz)
    same_year = local.year == since.astimezone(tz).year
    day = format_date(local.date(), "d MMMM" if same_year else "d MMMM y", locale=language)
    return f"{day}, {local:%H:%M}"


def ticket_values(ticket: Ticket, tz: ZoneInfo, language: str) -> dict[str, str]:
    """What the bot knows for {name}, {date} and {id}; a slot it does not know is left out."""
    values = {"id": str(ticket.id)}
    name = first_name(ticket.author_name)
    if name:
        values["name"] = name
    if ticket.due_at is not None:
        values["date"] = client_date(ticket.due_at, tz, ticket.created_at, language)
    return values


def slot_hints(t: Texts) -> dict[str, str]:
    """Every `tpl_slot_*` text of the language, by slot name (raw: it goes into plain text)."""
    prefix = "tpl_slot_"
    return {
        key.removeprefix(prefix): str(value)
        for key, value in CATALOGUES[t.language].items()
        if key.startswith(prefix)
    }


def fill_for(template: Template, ticket: Ticket, t: Texts, tz: ZoneInfo) -> Filled:
    return fill(template.body, ticket_values(ticket, tz, t.language), slot_hints(t))


def render_preview(template: Template, ticket_id: int, filled: Filled, t: Texts) -> str:
    hint = t("tpl_hint_ready" if filled.complete else "tpl_hint_fill")
    return t("tpl_preview", title=template.title, id=ticket_id, text=filled.text, hint=Html(hint))


def render_done(template: Template, ticket_id: int, filled: Filled, t: Texts) -> str:
    """The preview once "send as is" was pressed: the text stays, the buttons go."""
    return t("tpl_done", title=template.title, id=ticket_id, text=filled.text)


def render_list(
    builtins: list[Template], own: list[Template], t: Texts, *, director: bool
) -> list[str]:
    """/templates: the built-in ones with their gaps as the staff will see them, the company's
    own as written (a director editing one needs its {placeholders}), how to use them and,
    for directors, how to write them. Several messages when it does not fit in one."""
    hints = slot_hints(t)
    blocks = [t("tpl_list_title"), t("tpl_list_builtin")]
    blocks += [
        t("tpl_list_item", title=item.title, text=fill(item.body, {}, hints).text)
        for item in builtins
    ]
    blocks.append(t("tpl_list_own"))
    if own:
        blocks += [
            t("tpl_list_own_item", n=item.key, title=item.title, text=item.body) for item in own
        ]
    else:
        blocks.append(t("tpl_list_own_empty"))
    blocks.append(t("tpl_list_use"))
    if director:
        blocks.append(t("tpl_list_manage", **SLOT_NAMES))
    return pack_blocks(blocks)
