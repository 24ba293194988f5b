"""The report's charts, pure: PNG bytes from figures, only the charts that have something to
show, readable sizes, the five colours, and never pyplot."""

from __future__ import annotations

import ast
import struct
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from bot.views import charts
from bot.views.texts import Texts
from storage.report import Figures, OwnerPromises, Period, Quantiles, Report

ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"


def _period(first: date, count: int) -> Period:
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    days = tuple((start + timedelta(days=i), start + timedelta(days=i + 1)) for i in range(count))
    return Period(first, first + timedelta(days=count - 1), days)


def _busy(days: int = 7) -> Figures:
    return Figures(
        complaints=12 * days,
        by_source={
            "dm": 7 * days,
            "groups": 2 * days,
            "channels": days,
            "feeds": days,
            "other": days,
        },
        by_day=[{"dm": 7, "groups": 2, "channels": 1, "feeds": 1, "other": 1}] * days,
        response_by_day=[Quantiles(10, 20.0 + i, 70.0 + i) for i in range(days - 1)]
        + [Quantiles()],
        response=Quantiles(70, 22.0, 75.0),
        response_in_goal=60,
        closed=50,
        close_hours=Quantiles(50, 6.0, 40.0),
        close_buckets=[5, 10, 20, 12, 3],
        open_at_end=9,
        open_buckets=[1, 2, 3, 2, 1],
        causes={"process": 20, "informing": 12, "expectations": 10, "other": 3},
        promises=[
            OwnerPromises(201, "Мария Иванова-Длиннофамильная", 8, 3),
            OwnerPromises(None, None, 2, 1),
            OwnerPromises(202, "@denis", 5, 0),
        ],
        fine=20,
        not_fine=4,
        ratings=[1, 0, 2, 6, 11],
    )


def _report(current: Figures, before: Figures | None = None, days: int = 7) -> Report:
    period = _period(date(2026, 11, 16), days)
    return Report(
        period, _period(date(2026, 11, 9), days), current, before or Figures(), goal_minutes=60.0
    )


def _size(png: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_a_busy_week_gives_six_square_pngs() -> None:
    drawn = charts.render_charts(_report(_busy(), _busy()), Texts("ru"))
    assert len(drawn) == 6
    assert all(png.startswith(PNG) for png in drawn)
    assert {_size(png) for png in drawn} == {(1200, 1200)}


def test_a_month_in_english_dates_every_few_days() -> None:
    t = Texts("en")
    with charts.rc_context(charts.STYLE):
        figure = charts.complaints_chart(_report(_busy(30), days=30), t)
        assert figure is not None
        labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
        assert figure.axes[0].get_title() == "Complaints per day\n360, was 0"
    assert len(labels) == 30
    assert [label for label in labels if label] == [
        "16.11\nMon", "21.11\nSat", "26.11\nThu", "01.12\nTue", "06.12\nSun", "11.12\nFri",
    ]  # fmt: skip


def test_an_empty_period_draws_nothing() -> None:
    assert charts.render_charts(_report(Figures(), _busy()), Texts("ru")) == []
    # still open from before, nothing new: said in words, not charted
    assert charts.render_charts(_report(Figures(open_at_end=4)), Texts("ru")) == []


def test_only_charts_with_something_to_show() -> None:
    only_new = Figures(complaints=2, by_source={"dm": 2}, by_day=[{"dm": 2}] + [{}] * 6)
    t = Texts("ru")
    report = _report(only_new)
    assert [draw.__name__ for draw in charts.CHARTS if draw(report, t) is not None] == [
        "complaints_chart"
    ]
    assert len(charts.render_charts(report, t)) == 1


def _colours(figure: Figure) -> set[str]:
    found = set()
    for ax in figure.axes:
        found |= {to_hex(patch.get_facecolor()) for patch in ax.patches}
        found |= {to_hex(line.get_color()) for line in ax.get_lines() if line.get_visible()}
    return found


def test_every_chart_keeps_to_five_colours_and_large_type() -> None:
    t = Texts("ru")
    report = _report(_busy(), _busy())
    used: set[str] = set()
    for draw in charts.CHARTS:
        with charts.rc_context(charts.STYLE):
            figure = draw(report, t)
            assert figure is not None, draw.__name__
            figure.canvas.draw()
            used |= _colours(figure)
            for ax in figure.axes:
                assert ax.title.get_fontsize() >= 20, draw.__name__
                labels = ax.get_xticklabels() + ax.get_yticklabels()
                assert all(label.get_fontsize() >= 16 for label in labels), draw.__name__
    assert used <= {colour.lower() for colour in charts.PALETTE}, used
    assert len(charts.PALETTE) == 5


def test_labels_are_russian_and_names_are_shortened() -> None:
    t = Texts("ru")
    report = _report(_busy(), _busy())
    with charts.rc_context(charts.STYLE):
        figure = charts.promises_chart(report, t)
        assert figure is not None
        names = [label.get_text() for label in figure.axes[0].get_yticklabels()]
        complaints = charts.complaints_chart(report, t)
        assert complaints is not None
        days = [label.get_text() for label in complaints.axes[0].get_xticklabels()]
    assert names == ["Мария Иванова-Дли…", "Без ответственного", "@denis"]
    assert days[0] == "16.11\nПн" and days[-1] == "22.11\nВс"


def test_the_server_never_imports_pyplot() -> None:
    """pyplot keeps global figures and picks a GUI backend: drawing must not load it, and
    no module of the bot may name it."""
    for package in ("bot", "storage", "collectors"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    names = [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    continue
                assert not any("pyplot" in name for name in names), path
    code = (
        "import sys\n"
        "from tests.test_charts import _report\n"
        "from bot.views.charts import render_charts\n"
        "from bot.views.texts import Texts\n"
        "from storage.report import Figures\n"
        "new = Figures(complaints=1, by_source={'dm': 1}, by_day=[{'dm': 1}] + [{}] * 6)\n"
        "assert render_charts(_report(new), Texts('ru'))[0].startswith(b'\\x89PNG')\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
