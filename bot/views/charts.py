"""The weekly report's charts, drawn from its figures as PNG bytes in memory.

Drawn with matplotlib's object API (`Figure` on an Agg canvas) and never with pyplot: pyplot
keeps global figures and picks a GUI backend, neither of which belongs in a server that draws
from a worker thread. A director looks at these on a phone, so each is a square (it fills the
screen when opened and sits evenly in an album), with large type, few words, at most five
colours, the same five in every chart, and a chart is left out rather than drawn empty.

Pure: a `Report` and the texts in, bytes out; callers run it off the event loop.
"""

from __future__ import annotations

import gc
import html
import io
import math
import threading
from collections.abc import Callable, Sequence

from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.views.texts import Texts
from storage.report import BUCKET_HOURS, CAUSES, SOURCE_KINDS, Report

BLUE = "#2F6FD6"
ORANGE = "#F2994A"
GREEN = "#3FA34D"
RED = "#E0474C"
GREY = "#9AA0A6"
PALETTE = (BLUE, ORANGE, GREEN, RED, GREY)  # every colour a chart may use

SOURCE_COLOURS = dict(zip(SOURCE_KINDS, (BLUE, ORANGE, GREEN, RED, GREY), strict=True))

SIZE_INCHES = 8.0
DPI = 150  # 1200 × 1200 pixels: sharp on a phone held upright, small enough to send fast
TITLE_SIZE = 24
LABEL_SIZE = 17
TEXT_SIZE = 16
MAX_OWNERS = 7
NAME_LIMIT = 18
LONG_DAYS = 10  # more days than this and only every few get a date under the bar

STYLE = {
    "font.size": TEXT_SIZE,
    "axes.titlesize": TITLE_SIZE,
    "axes.titleweight": "bold",
    "axes.labelsize": LABEL_SIZE,
    "xtick.labelsize": LABEL_SIZE,
    "ytick.labelsize": LABEL_SIZE,
    "legend.fontsize": TEXT_SIZE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#E3E3E3",
    "axes.axisbelow": True,
}

# matplotlib's font cache and rc settings are process-wide: one drawing (a chart or a
# poster) at a time.
DRAWING = threading.Lock()


def _plain(t: Texts, key: str, **values: object) -> str:
    """A text for a picture: the catalogue escapes for Telegram's HTML, a chart draws it."""
    return html.unescape(t(key, **values))


def _decimal(number: str, t: Texts) -> str:
    """3,9 in Russian, 3.9 in English."""
    return number.replace(".", ",") if t.language == "ru" else number


def _number(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _new_figure() -> tuple[Figure, Axes]:
    figure = Figure(figsize=(SIZE_INCHES, SIZE_INCHES), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _day_labels(report: Report, t: Texts) -> list[str]:
    """ "16.11" over the weekday, for each day; a month shows every few days only."""
    names = _plain(t, "report_weekdays").split(",")
    dates = report.period.dates
    step = 1 if len(dates) <= LONG_DAYS else math.ceil(len(dates) / 7)
    return [
        f"{day:%d.%m}\n{names[day.weekday()]}" if index % step == 0 else ""
        for index, day in enumerate(dates)
    ]


def complaints_chart(report: Report, t: Texts) -> Figure | None:
    """Complaints per day, stacked by where they came from."""
    now = report.current
    if not now.complaints:
        return None
    figure, ax = _new_figure()
    xs = range(len(now.by_day))
    bottom = [0] * len(now.by_day)
    for kind in SOURCE_KINDS:
        if kind not in now.by_source:
            continue
        heights = [day.get(kind, 0) for day in now.by_day]
        ax.bar(
            xs,
            heights,
            bottom=bottom,
            color=SOURCE_COLOURS[kind],
            label=_plain(t, f"report_source_{kind}"),
            width=0.75,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, total in zip(xs, bottom, strict=True):
        if total and len(bottom) <= LONG_DAYS:
            ax.annotate(
                str(total), (x, total), ha="center", va="bottom", xytext=(0, 4),
                textcoords="offset points", fontsize=TEXT_SIZE, fontweight="bold",
            )  # fmt: skip
    ax.set_title(
        _plain(t, "report_chart_complaints", count=now.complaints, before=report.before.complaints)
    )
    ax.set_xticks(list(xs), _day_labels(report, t))
    ax.set_ylim(0, max(bottom) * 1.2 + 1)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", ncols=min(3, len(now.by_source)), frameon=False)
    return figure


def response_chart(report: Report, t: Texts) -> Figure | None:
    """Median and 90th percentile of the first response per day, against the goal."""
    now = report.current
    if not now.response.count:
        return None
    goal = report.goal_minutes
    peak = max([q.p90 or 0 for q in now.response_by_day] + [goal])
    hours = peak > 180  # minutes stop reading well past three hours
    scale = 60.0 if hours else 1.0
    unit = _plain(t, "report_unit_hours" if hours else "report_unit_minutes")

    def values(pick: Callable[[int], float | None]) -> list[float]:
        return [math.nan if (v := pick(i)) is None else v / scale for i in range(len(days))]

    days = now.response_by_day
    xs = list(range(len(days)))
    figure, ax = _new_figure()
    # the 90th percentile's larger dots stay visible round the median's on a day of one answer
    ax.plot(
        xs, values(lambda i: days[i].p90), color=ORANGE, marker="o", markersize=14, linewidth=3,
        label=_plain(t, "report_p90"),
    )  # fmt: skip
    ax.plot(
        xs, values(lambda i: days[i].median), color=BLUE, marker="o", markersize=9, linewidth=3,
        label=_plain(t, "report_median"),
    )  # fmt: skip
    ax.axhline(
        goal / scale, color=RED, linestyle="--", linewidth=2.5,
        label=_plain(t, "report_goal", value=_decimal(_number(goal / scale), t), unit=unit),
    )  # fmt: skip
    ax.set_title(_plain(t, "report_chart_response", unit=unit))
    ax.set_xticks(xs, _day_labels(report, t))
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(0, peak / scale * 1.25)
    ax.legend(loc="upper left", frameon=False)
    return figure


def _bucket_labels(t: Texts) -> list[str]:
    return [_plain(t, f"report_bucket_{i}") for i in range(len(BUCKET_HOURS) + 1)]


def _hbars(ax: Axes, labels: Sequence[str], counts: Sequence[int], colour: str) -> None:
    ys = list(range(len(labels)))
    bars = ax.barh(ys, counts, color=colour, height=0.7)
    ax.bar_label(bars, [str(c) if c else "" for c in counts], padding=6, fontsize=TEXT_SIZE)
    ax.set_yticks(ys, labels)
    ax.invert_yaxis()  # the shortest first, as one reads
    ax.set_xlim(0, max([*counts, 1]) * 1.2)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.get_major_locator().set_params(integer=True)


def closing_chart(report: Report, t: Texts) -> Figure | None:
    """How long closing took, for what was closed in the period; and how long what is
    still open has waited, at the period's end."""
    now = report.current
    if not (now.closed or now.open_at_end):
        return None
    figure = Figure(figsize=(SIZE_INCHES, SIZE_INCHES), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1, sharex=False)
    labels = _bucket_labels(t)
    _hbars(top, labels, now.close_buckets or [0] * len(labels), GREEN)
    top.set_title(_plain(t, "report_chart_closed", count=now.closed), fontsize=TITLE_SIZE - 2)
    _hbars(bottom, labels, now.open_buckets or [0] * len(labels), ORANGE)
    bottom.set_title(_plain(t, "report_chart_open", count=now.open_at_end), fontsize=TITLE_SIZE - 2)
    return figure


def causes_chart(report: Report, t: Texts) -> Figure | None:
    """Root causes of what was closed, this period beside the one before (bars across, so
    the causes' names read on the left however long they are)."""
    now, before = report.current, report.before
    if not (sum(now.causes.values()) or sum(before.causes.values())):
        return None
    figure, ax = _new_figure()
    ys = list(range(len(CAUSES)))
    height = 0.38
    new = ax.barh(
        [y - height / 2 for y in ys], [now.causes.get(c, 0) for c in CAUSES], height,
        color=BLUE, label=_plain(t, "report_now"),
    )  # fmt: skip
    old = ax.barh(
        [y + height / 2 for y in ys], [before.causes.get(c, 0) for c in CAUSES], height,
        color=GREY, label=_plain(t, "report_before"),
    )  # fmt: skip
    for bars in (new, old):
        ax.bar_label(bars, padding=6, fontsize=TEXT_SIZE)
    ax.set_yticks(ys, [_plain(t, f"report_cause_{c}") for c in CAUSES])
    ax.invert_yaxis()
    top = max([*now.causes.values(), *before.causes.values(), 1])
    ax.set_xlim(0, top * 1.2)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(_plain(t, "report_chart_causes"))
    _legend_below(ax)
    return figure


def _legend_below(ax: Axes) -> None:
    """Under the axes, where it covers no bar."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncols=2, frameon=False)


def promises_chart(report: Report, t: Texts) -> Figure | None:
    """Control dates kept and missed, per owner, the most missed on top."""
    now = report.current
    if not now.promises:
        return None
    owners = now.promises[:MAX_OWNERS]
    names = [p.name or _plain(t, "report_nobody") for p in owners]
    names = [name if len(name) <= NAME_LIMIT else name[: NAME_LIMIT - 1] + "…" for name in names]
    kept = [p.kept for p in owners]
    missed = [p.missed for p in owners]
    figure, ax = _new_figure()
    ys = list(range(len(owners)))
    ax.barh(ys, kept, color=GREEN, height=0.65, label=_plain(t, "report_kept"))
    ax.barh(ys, missed, left=kept, color=RED, height=0.65, label=_plain(t, "report_missed"))
    for y, k, m in zip(ys, kept, missed, strict=True):
        ax.annotate(
            f"{k}/{k + m}", (k + m, y), xytext=(8, 0), textcoords="offset points",
            va="center", fontsize=TEXT_SIZE, fontweight="bold",
        )  # fmt: skip
    ax.set_yticks(ys, names)
    ax.invert_yaxis()
    ax.set_xlim(0, max(k + m for k, m in zip(kept, missed, strict=True)) * 1.3 + 0.5)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(_plain(t, "report_chart_promises", kept=now.kept, total=now.kept + now.missed))
    _legend_below(ax)
    return figure


def followups_chart(report: Report, t: Texts) -> Figure | None:
    """What clients answered after the closing, and the ratings they gave."""
    now = report.current
    if not (now.fine or now.not_fine or now.rated):
        return None
    figure = Figure(figsize=(SIZE_INCHES, SIZE_INCHES), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    top, bottom = figure.subplots(2, 1)
    answers = top.bar(
        [0, 1], [now.fine, now.not_fine], color=[GREEN, RED], width=0.6,
    )  # fmt: skip
    top.bar_label(answers, padding=4, fontsize=TEXT_SIZE)
    top.set_xticks([0, 1], [_plain(t, "report_fine"), _plain(t, "report_not_fine")])
    top.set_ylim(0, max(now.fine, now.not_fine, 1) * 1.3)
    top.yaxis.get_major_locator().set_params(integer=True)
    top.set_title(_plain(t, "report_chart_answers"), fontsize=TITLE_SIZE - 2)
    ratings = now.ratings or [0] * 5
    scores = bottom.bar(range(1, 6), ratings, color=BLUE, width=0.6)
    bottom.bar_label(scores, [str(n) if n else "" for n in ratings], padding=4)
    bottom.set_xticks(range(1, 6), [f"{score} ★" for score in range(1, 6)])
    bottom.set_ylim(0, max([*ratings, 1]) * 1.3)
    bottom.yaxis.get_major_locator().set_params(integer=True)
    rating = now.rating
    average = f"{rating:.1f}" if rating is not None else ""
    title = (
        _plain(t, "report_chart_ratings", average=_decimal(average, t))
        if rating is not None
        else _plain(t, "report_chart_no_ratings")
    )
    bottom.set_title(title, fontsize=TITLE_SIZE - 2)
    return figure


CHARTS: tuple[Callable[[Report, Texts], Figure | None], ...] = (
    complaints_chart,
    response_chart,
    closing_chart,
    causes_chart,
    promises_chart,
    followups_chart,
)


def png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def render_charts(report: Report, t: Texts) -> list[bytes]:
    """Every chart that has something to show, as PNG bytes, in the order of the report's
    text; [] for a period with nothing in it (the text says so in one line)."""
    if report.current.empty:
        return []
    charts = []
    with DRAWING, rc_context(STYLE):
        for draw in CHARTS:
            figure = draw(report, t)
            if figure is None:
                continue
            charts.append(png(figure))
            # A figure and its canvas refer to each other: left to the collector's own pace,
            # six 1200-pixel canvases (6 MB each) would all be alive at the end.
            del figure
            gc.collect()
    return charts
