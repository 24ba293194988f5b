"""Every user-facing string, per language and per screen: `ru/` and `en/` hold one module per
screen (client, cards, digest, …), merged into one catalogue per language.

`Texts.__call__` escapes every value it formats in, so user text can never break Telegram's HTML
parse mode; a value that is already safe HTML is wrapped in `Html` to pass through untouched.
A text whose template is a dict of CLDR plural forms is chosen by its `count` value, so numbers
read naturally in both languages ("21 обращение", "22 обращения", "25 обращений") without a
hand-written rule per language.
"""

from __future__ import annotations

import html
from typing import Any

from babel import Locale

from bot.views.texts.catalogue import CatalogueError, Template, merge, plural_forms
from bot.views.texts.en import TEXTS as EN
from bot.views.texts.ru import TEXTS as RU

__all__ = [
    "CATALOGUES",
    "EN",
    "RU",
    "CatalogueError",
    "Html",
    "Template",
    "Texts",
    "merge",
    "plural_forms",
]

CATALOGUES: dict[str, dict[str, Template]] = {"ru": RU, "en": EN}


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""


class Texts:
    """Formats a language's strings; values are HTML-escaped unless wrapped in `Html`, and a
    text with plural forms takes the one its language uses for `count`."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._catalogue = CATALOGUES[language]
        self._plural = Locale.parse(language).plural_form

    def __call__(self, key: str, **values: Any) -> str:
        template = self._catalogue[key]
        if isinstance(template, dict):
            if "count" not in values:
                raise TypeError(f"text {key!r} has plural forms: pass count=")
            template = template[self._plural(values["count"])]
        safe = {name: _escape(value) for name, value in values.items()}
        return template.format(**safe)


def _escape(value: Any) -> str:
    if isinstance(value, Html):
        return str(value)
    return html.escape(str(value), quote=True)
