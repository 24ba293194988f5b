"""The layers of bot/__init__.py, held by reading the source: no module is imported here.

Every `import`, `from ... import` (relative ones resolved), and `importlib.import_module("...")`
with a literal name counts, wherever it is: at the top, inside a function, or under
`if TYPE_CHECKING:`, because a type-only import still couples the layers it crosses.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "collectors", "storage")

# (who, what it must not import, why): `who` and `what` are module prefixes.
RULES: tuple[tuple[str, str, str], ...] = (
    ("storage", "aiogram", "storage/ never imports aiogram"),
    ("storage", "bot", "storage/ never imports bot/"),
    ("collectors", "aiogram", "collectors/ never imports aiogram"),
    ("collectors", "bot", "collectors/ never imports bot/"),
    ("bot.views", "bot.core", "bot.views is pure rendering, below bot.core"),
    ("bot.views", "bot.delivery", "bot.views is pure rendering, below bot.delivery"),
    ("bot.views", "bot.telegram", "bot.views is pure rendering, below bot.telegram"),
    ("bot.core", "bot.delivery", "bot.core reaches delivery only through bot.core.ports"),
    ("bot.core", "bot.telegram", "bot.core makes no Telegram calls"),
    ("bot.delivery", "bot.telegram", "bot.delivery sits below bot.telegram"),
    ("bot.views", "bot.web", "bot.views is pure rendering, below bot.web"),
    ("bot.core", "bot.web", "bot.core knows no HTTP"),
    ("bot.delivery", "bot.web", "bot.delivery sits below bot.web"),
    ("bot.web", "bot.telegram", "the web page and Telegram are neighbours, not layers"),
    ("bot.telegram", "bot.web", "the web page and Telegram are neighbours, not layers"),
    ("bot.web", "aiogram", "the web page never talks to Telegram"),
)
# The leaves every layer may import must not import a layer back.
LEAVES = ("bot.config", "bot.clock", "bot.logs")
LAYERS = ("bot.app", "bot.telegram", "bot.web", "bot.delivery", "bot.core", "bot.views")
# The composition root is imported by the entry point alone.
APP = "bot.app"
APP_IMPORTERS = frozenset({"bot.app", "bot.__main__"})


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository root, e.g. "bot/views/cards.py"
    line: int
    module: str  # the importing module, e.g. "bot.views.cards"
    target: str  # what it imports, absolute, e.g. "bot.core.tickets"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.module} imports {self.target}"


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute name of `from <level dots><name> import ...` written in `module`."""
    if level == 0:
        return name or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, *([name] if name else [])])


def imports_in(source: str, module: str, path: str, is_package: bool = False) -> Iterator[Import]:
    """Every module `source` imports. `from a import b` yields both `a` and `a.b`, since `b`
    may be a submodule (`from bot import app` imports bot.app)."""
    tree = ast.parse(source, filename=path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(path, node.lineno, module, alias.name)
        elif isinstance(node, ast.ImportFrom):
            base = resolve(module, is_package, node.level, node.module)
            if base:
                yield Import(path, node.lineno, module, base)
            for alias in node.names:
                if alias.name != "*":
                    yield Import(path, node.lineno, module, f"{base}.{alias.name}".lstrip("."))
        elif isinstance(node, ast.Call) and _is_import_call(node.func) and node.args:
            value = node.args[0].value if isinstance(node.args[0], ast.Constant) else None
            if isinstance(value, str) and not value.startswith("."):
                yield Import(path, node.lineno, module, value)


def _is_import_call(func: ast.expr) -> bool:
    if isinstance(func, ast.Attribute):
        return func.attr == "import_module"
    return isinstance(func, ast.Name) and func.id in ("import_module", "__import__")


def all_imports() -> list[Import]:
    found: list[Import] = []
    for package in PACKAGES:
        for file in sorted((ROOT / package).rglob("*.py")):
            if any(part.startswith(".") for part in file.relative_to(ROOT).parts):
                continue
            rel = file.relative_to(ROOT).as_posix()
            source = file.read_text("utf-8")
            found.extend(imports_in(source, module_name(file), rel, file.name == "__init__.py"))
    return found


def violations(imports: list[Import]) -> list[str]:
    """One line per forbidden import: file, line, what it imports and the rule it breaks."""
    out: list[str] = []
    for imp in imports:
        for who, what, why in RULES:
            if within(imp.module, who) and within(imp.target, what):
                out.append(f"{imp} ({why})")
        for leaf in LEAVES:
            if within(imp.module, leaf) and any(within(imp.target, lay) for lay in LAYERS):
                out.append(f"{imp} ({leaf} is a leaf every layer may import)")
        if within(imp.target, APP) and imp.module not in APP_IMPORTERS:
            out.append(f"{imp} (only bot/app.py and bot/__main__.py import bot.app)")
    return sorted(set(out))


@pytest.fixture(scope="module")
def imports() -> list[Import]:
    return all_imports()


def test_the_tree_is_read(imports: list[Import]) -> None:
    """Guard the walk itself: an empty or partial scan would pass every rule."""
    modules = {imp.module for imp in imports}
    for expected in ("bot.app", "bot.views.cards", "bot.core.tickets", "storage.db"):
        assert expected in modules
    assert any(within(imp.target, "aiogram") for imp in imports)


def test_imports_only_go_down_the_layers(imports: list[Import]) -> None:
    broken = violations(imports)
    assert not broken, "forbidden imports:\n" + "\n".join(broken)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("storage.x", "import aiogram.types\n", "storage/x.py:1: storage.x imports aiogram.types"),
        (
            "collectors.x",
            "def f():\n    from bot import config\n",
            "collectors/x.py:2: collectors.x imports bot",
        ),
        (
            "bot.views.x",
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..core import tickets\n",
            "bot/views/x.py:3: bot.views.x imports bot.core",
        ),
        (
            "bot.core.x",
            "import importlib\nimportlib.import_module('bot.delivery.sender')\n",
            "bot/core/x.py:2: bot.core.x imports bot.delivery.sender",
        ),
        ("bot.delivery.x", "from bot.telegram.desk import Desk\n", "imports bot.telegram.desk"),
        ("bot.core.x", "from bot import app\n", "bot/core/x.py:1: bot.core.x imports bot.app"),
        ("bot.config", "from bot.core import tickets\n", "bot.config is a leaf"),
    ],
)
def test_the_checker_catches(module: str, source: str, expected: str) -> None:
    """Each kind of forbidden import is reported with its file, line and target."""
    path = module.replace(".", "/") + ".py"
    broken = violations(list(imports_in(source, module, path)))
    assert any(expected in line for line in broken), broken


def test_the_checker_allows_what_the_layers_allow() -> None:
    source = (
        "from bot.views.cards import render_card\nfrom bot.core.ports import Notices\n"
        "from bot.config import Config\nfrom storage import db\nimport aiogram\n"
    )
    assert violations(list(imports_in(source, "bot.delivery.x", "bot/delivery/x.py"))) == []
    main = "from bot.app import main\n"
    assert violations(list(imports_in(main, "bot.__main__", "bot/__main__.py"))) == []
