"""A printable poster for a deep link, and the /links list of tags.

The poster is one A4 page for a wall or a counter, read from a step away: the director's
line in large type, the place it hangs (a tag's title) if any, a QR code as large as the page
allows, and for those who cannot scan, the bot's @username and the short link written out.
The QR code is drawn as one vector path from segno's matrix (its quiet zone kept), so it
stays sharp at any print size and has no seams between modules; the same figure gives the
PDF to print and the PNG preview a phone shows.

Text on a poster is only text: mathtext is off (a "$" stays a "$"), and characters the font
cannot draw (emoji, controls, direction overrides) are left out rather than printed as boxes.
Long lines wrap by measured width and take smaller type before anything is cut.

Pure: strings in, bytes out; matplotlib and segno are imported on the first poster, so /links
and the bot's start do not wait for them. Callers run `render_poster` off the event loop.
"""

from __future__ import annotations

import html
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from bot.views.texts import Texts
from storage.source_tags import TagCount

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

# A4 portrait, in inches.
PAGE_WIDTH = 210 / 25.4
PAGE_HEIGHT = 297 / 25.4
MARGIN = 0.75
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
PNG_DPI = 150  # 1240 × 1754 pixels: sharp on a phone, small enough to send at once

FONT = "DejaVu Sans"  # ships with matplotlib and has Cyrillic
MONO = "DejaVu Sans Mono"  # the link: 1, l and I must not be confused when typed
INK = "#111111"
SOFT = "#555555"

# The headline takes the largest of these sizes (points) at which it fits its box.
HEADLINE_SIZES = (44, 38, 32, 27, 23, 20)
HEADLINE_HEIGHT = 2.4  # inches
TITLE_SIZE = 28
TITLE_LINES = 2
USERNAME_SIZE = 30
LINK_SIZE = 15
SMALLEST = 7  # a name or link shrinks to fit the width, never below this
LINE_SPACING = 1.22
QR_LARGEST = 6.2  # inches
QR_SMALLEST = 3.5
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules
ELLIPSIS = "…"

# A font's width meter: for a size in points, a function giving a text's width in points.
Sizer = Callable[[float], Callable[[str], float]]
# More text than the page holds even in its smallest type is cut before it is measured, so a
# page of text costs no more time than a page's worth.
READ_AT_MOST = 400
SLACK = 0.97  # measured at 72 dpi; leave room for hinting at other resolutions


def render_poster(
    link: str, username: str, headline: str, title: str | None
) -> tuple[bytes, bytes]:
    """The poster for `link` as (PDF bytes, PNG bytes)."""
    # matplotlib's font cache and rc settings are process-wide: the charts' lock keeps one
    # drawing at a time, whichever module draws. The PDF keeps matplotlib's Type 3 fonts:
    # vector outlines print as sharply, and embedding TrueType subsets takes half a second.
    from bot.views.charts import DRAWING

    with DRAWING:
        figure = _draw(link, username, headline, title)
        pdf, png = io.BytesIO(), io.BytesIO()
        figure.savefig(pdf, format="pdf", facecolor="white", metadata={"CreationDate": None})
        figure.savefig(
            png, format="png", dpi=PNG_DPI, facecolor="white", metadata={"Software": None}
        )
    return pdf.getvalue(), png.getvalue()


@dataclass(frozen=True)
class Block:
    """Lines of one size and style, set centred one under another."""

    lines: tuple[str, ...]
    size: float
    family: str = FONT
    weight: str = "normal"
    colour: str = INK

    @property
    def height(self) -> float:
        """Inches the block takes on the page."""
        return len(self.lines) * self.size * LINE_SPACING / 72


def _draw(link: str, username: str, headline: str, title: str | None) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(PAGE_WIDTH, PAGE_HEIGHT), dpi=72, facecolor="white")
    renderer = FigureCanvasAgg(figure).get_renderer()
    width = TEXT_WIDTH * 72 * SLACK  # points, which are pixels at 72 dpi

    def measure(family: str, weight: str) -> Sizer:
        def at(size: float) -> Callable[[str], float]:
            prop = _font(family, weight, size)
            return lambda text: renderer.get_text_width_height_descent(text, prop, ismath=False)[0]

        return at

    def single(text: str, size: float, family: str, weight: str, colour: str = INK) -> Block:
        """One line that must stay one line (a name, a link to type): smaller if need be."""
        fitted = fit_size(text, size, width, measure(family, weight))
        return Block((text,), fitted, family, weight, colour)

    top = [
        _headline(printable(headline, FONT, "bold")[:READ_AT_MOST], width, measure(FONT, "bold"))
    ]
    place = printable(title or "", FONT, "normal")[:READ_AT_MOST]
    if place:
        lines = wrap(place, width, measure(FONT, "normal")(TITLE_SIZE))
        top.append(Block(_cut(lines, TITLE_LINES), TITLE_SIZE, colour=SOFT))
    handle = "@" + printable(username, FONT, "bold")
    short = printable(link.removeprefix("https://"), MONO, "normal")
    bottom = [
        single(handle, USERNAME_SIZE, FONT, "bold"),
        single(short, LINK_SIZE, MONO, "normal", SOFT),
    ]

    gap = 0.3
    y = MARGIN  # inches from the top of the page
    for block in top:
        _place(figure, block, y)
        y += block.height + gap
    bottom_height = sum(block.height for block in bottom) + gap + MARGIN
    room = PAGE_HEIGHT - y - bottom_height
    side = max(QR_SMALLEST, min(QR_LARGEST, room))
    qr_top = y + max(0.0, (room - side) / 2)
    _qr(figure, link, qr_top, side)
    y = qr_top + side + gap / 2
    for block in bottom:
        _place(figure, block, y)
        y += block.height
    return figure


def _headline(text: str, width: float, measure: Sizer) -> Block:
    """The headline in the largest size at which it fits its box; cut only at the smallest."""
    lines: list[str] = []
    for size in HEADLINE_SIZES:
        lines = wrap(text, width, measure(size))
        block = Block(tuple(lines), size, weight="bold")
        if block.height <= HEADLINE_HEIGHT:
            return block
    size = HEADLINE_SIZES[-1]
    fitting = int(HEADLINE_HEIGHT * 72 / (size * LINE_SPACING))
    return Block(_cut(lines, fitting), size, weight="bold")


def _place(figure: Figure, block: Block, top: float) -> None:
    """Set the block's lines centred, the first one's top `top` inches below the page's."""
    for number, line in enumerate(block.lines):
        y = 1 - (top + number * block.size * LINE_SPACING / 72) / PAGE_HEIGHT
        figure.text(
            0.5,
            y,
            line,
            ha="center",
            va="top",
            fontfamily=block.family,
            fontweight=block.weight,
            fontsize=block.size,
            color=block.colour,
            parse_math=False,
            usetex=False,
        )


def _qr(figure: Figure, link: str, top: float, side: float) -> None:
    """The QR code as one path of dark runs, row by row, inside its quiet zone: one filled
    shape, so no renderer draws hairlines between neighbouring modules."""
    import segno
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    matrix = segno.make_qr(link, error="m").matrix  # raised to Q or H when it fits as well
    modules = len(matrix) + 2 * QR_BORDER
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    for row, start, end in dark_runs(matrix):
        x0, x1, y0, y1 = start + QR_BORDER, end + QR_BORDER, row + QR_BORDER, row + QR_BORDER + 1
        vertices += [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        codes += [Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY]
    left = (PAGE_WIDTH - side) / 2 / PAGE_WIDTH
    bottom = 1 - (top + side) / PAGE_HEIGHT
    axes = figure.add_axes((left, bottom, side / PAGE_WIDTH, side / PAGE_HEIGHT))
    axes.set_xlim(0, modules)
    axes.set_ylim(modules, 0)  # row 0 at the top, as the matrix reads
    axes.set_axis_off()
    axes.add_patch(
        PathPatch(Path(vertices, codes), facecolor="black", edgecolor="none", antialiased=False)
    )


def dark_runs(matrix: Sequence[Sequence[int]]) -> list[tuple[int, int, int]]:
    """Each horizontal run of dark modules as (row, first column, column after the last)."""
    runs: list[tuple[int, int, int]] = []
    for row, cells in enumerate(matrix):
        start: int | None = None
        for column, dark in enumerate([*cells, 0]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row, start, column))
                start = None
    return runs


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` in lines no wider than `width` (as `measure` tells), broken between words; a
    word wider than a line is broken inside, since a poster has nowhere to scroll."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        for piece in _pieces(word, width, measure):
            candidate = f"{line} {piece}" if line else piece
            if line and measure(candidate) > width:
                lines.append(line)
                line = piece
            else:
                line = candidate
    if line:
        lines.append(line)
    return lines


def _pieces(word: str, width: float, measure: Callable[[str], float]) -> list[str]:
    if measure(word) <= width:
        return [word]
    pieces: list[str] = []
    piece = ""
    for char in word:
        if piece and measure(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def _cut(lines: Sequence[str], most: int) -> tuple[str, ...]:
    """At most `most` lines, the last one ending in an ellipsis when something was left out."""
    if len(lines) <= most:
        return tuple(lines)
    kept = list(lines[:most])
    kept[-1] = kept[-1].rstrip(".,;:!?— ") + ELLIPSIS
    return tuple(kept)


def fit_size(text: str, size: float, width: float, measure: Sizer) -> float:
    """The largest size up to `size` at which `text` fits `width` on one line (a link must
    stay one line to be typed), but not below SMALLEST."""
    wide = measure(size)(text)
    if wide <= width:
        return size
    return max(SMALLEST, size * width / wide)


def printable(text: str, family: str, weight: str) -> str:
    """`text` as the poster can print it: one line, no control or format characters, nothing
    the font has no glyph for (it would print as a box)."""
    glyphs = _glyphs(family, weight)
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char)[0] != "C" and ord(char) in glyphs:
            kept.append(char)
    return " ".join("".join(kept).split())


@cache
def _glyphs(family: str, weight: str) -> frozenset[int]:
    from matplotlib.font_manager import findfont
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(findfont(_font(family, weight, 10))).get_charmap())


def _font(family: str, weight: str, size: float) -> FontProperties:
    from matplotlib.font_manager import FontProperties

    return FontProperties(family=family, weight=weight, size=size)


# --- /links -------------------------------------------------------------------------------

MESSAGE_BUDGET = 3500  # Telegram's 4096, with room for what HTML entities and tags add


def render_links(entries: Sequence[tuple[TagCount, str]], t: Texts) -> list[str]:
    """/links: each tag with its title, its link and this month's tickets, as messages that
    fit Telegram's limit (more tags than one message holds go on in the next)."""
    if not entries:
        return [t("links_empty")]
    blocks = [_link_block(tag, link, t) for tag, link in entries]
    if any(tag.title is None for tag, _ in entries):
        blocks.append(t("links_hint"))
    messages: list[str] = []
    current = t("links_title")
    for block in blocks:
        if len(current) + 2 + len(block) > MESSAGE_BUDGET:
            messages.append(current)
            current = block
        else:
            current = f"{current}\n\n{block}"
    messages.append(current)
    return messages


def _link_block(tag: TagCount, link: str, t: Texts) -> str:
    if tag.title is None:
        name = t("links_item_untitled", tag=tag.tag)
    else:
        name = t("links_item", tag=tag.tag, title=tag.title)
    count = t("links_count", count=tag.tickets)
    return f"{name}\n{html.escape(link)}\n{count}"


def plain(text: str) -> str:
    """A catalogue text for a picture: the catalogue escapes for Telegram's HTML, a poster
    prints characters."""
    return html.unescape(text)
