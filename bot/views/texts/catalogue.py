"""How a language's catalogue is assembled from its per-screen modules, and checked.

Each screen keeps its texts in a module of its own, so two modules could claim the same key and
the later one would silently win; `merge` refuses that. A text with plural forms must have every
form its language needs (CLDR, through Babel: Russian one/few/many/other, English one/other).
Both checks run at import, so a broken catalogue stops the bot from starting instead of showing
a client a KeyError.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from types import ModuleType

from babel import Locale

# A plain template, or plural forms: CLDR category ("one", "few", "many", "other") → template.
Template = str | dict[str, str]


class CatalogueError(ValueError):
    """A catalogue is broken: a key in two modules, or plural forms that do not fit the language."""


@cache
def plural_forms(language: str) -> frozenset[str]:
    """The CLDR plural categories `language` tells apart; "other" is always one of them."""
    return Locale.parse(language).plural_form.tags | {"other"}


def merge(language: str, *modules: ModuleType) -> dict[str, Template]:
    """The modules' `TEXTS` as one dict; raises `CatalogueError` on a key claimed twice or on
    plural forms other than exactly the language's categories."""
    forms = plural_forms(language)
    merged: dict[str, Template] = {}
    origin: dict[str, str] = {}
    for module in modules:
        for key, template in module.TEXTS.items():
            if key in merged:
                raise CatalogueError(
                    f"{language}: text {key!r} is in both {origin[key]} and {module.__name__}"
                )
            if isinstance(template, dict) and template.keys() != forms:
                raise CatalogueError(
                    f"{language}: text {key!r} in {module.__name__} has plural forms "
                    f"{sorted(template)}, the language needs {sorted(forms)}"
                )
            merged[key] = template
            origin[key] = module.__name__
    return merged


#: The screens every language has, one module each under bot/views/texts/<language>/.
SCREENS = (
    "actions",
    "business",
    "buttons",
    "cards",
    "client",
    "commands",
    "delivery",
    "digest",
    "errors",
    "export",
    "followups",
    "health",
    "history",
    "mail",
    "mentions",
    "phrases",
    "posters",
    "prompts",
    "relays",
    "reminders",
    "reports",
    "settings",
    "sources",
    "templates",
    "web",
)


def load(language: str) -> dict[str, Template]:
    """A language's catalogue from its screen modules: a missing screen fails at import."""
    package = f"bot.views.texts.{language}"
    return merge(language, *(import_module(f"{package}.{screen}") for screen in SCREENS))
