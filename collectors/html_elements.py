"""Facts of HTML that more than one parser here needs."""

from __future__ import annotations

# Elements that never have content or an end tag (the HTML standard's void elements): a parser
# that tracks nesting must not wait for their end.
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    }
)
