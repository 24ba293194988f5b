"""The words under the report's charts: the same figures in numbers, each against the period
before, and the one thing that got worse most. Pure, from the same `Report` as the charts.

One message, a line per chart and one for the phrase check, so a director who does not open
the pictures still has every number; well under Telegram's 4,096 characters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.views.texts import Html, Texts
from storage.report import CAUSES, SOURCE_KINDS, Figures, Report

MAX_OWNERS = 3  # owners named in the promises line, the most missed first
MAX_FLAGS = 3  # phrase-check flags named, the most frequent first

# How much a change must weigh before it can be "the thing that got worse most": the change
# is measured against the earlier value, but never against less than this floor, so one
# complaint becoming three does not outshout a first response that doubled.
COUNT_FLOOR = 5.0
MINUTES_FLOOR = 10.0
HOURS_FLOOR = 1.0
SHARE_FLOOR = 0.1
RATING_FLOOR = 1.0


def _day(day: date) -> str:
    return day.strftime("%d.%m")


def _decimal(value: float, t: Texts) -> str:
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return text.replace(".", ",") if t.language == "ru" else text


def duration(minutes: float, t: Texts) -> str:
    """18 мин, 5,5 ч, 3 дн.: the unit a person would use for that long."""
    if minutes < 90:
        return t("report_minutes", n=f"{minutes:.0f}")
    hours = minutes / 60
    if hours < 48:
        return t("report_hours", n=_decimal(hours, t))
    return t("report_days", n=_decimal(hours / 24, t))


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _change(now: float, before: float) -> str:
    """+40%, −25%, or nothing when there is no earlier figure to compare with."""
    if not before:
        return ""
    change = round(100 * (now - before) / before)
    if change == 0:
        return ", ±0%"
    return f", {'+' if change > 0 else '−'}{abs(change)}%"


@dataclass(frozen=True)
class Worse:
    """One figure that got worse: its name, how it reads now and before, and by how much
    (relative to the earlier value, with the floors above)."""

    key: str
    now: str
    before: str
    score: float


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def worst_change(report: Report, t: Texts) -> Worse | None:
    """The figure that got worse most against the period before, or None if none did.
    More complaints, slower answers and closings, more still open, a cause more often,
    more promises missed, more clients not satisfied and lower ratings are worse."""
    now, before = report.current, report.before
    found: list[Worse] = []

    def weigh(
        key: str,
        current: float | None,
        earlier: float | None,
        floor: float,
        show: Callable[[float], str],
        *,
        lower_is_worse: bool = False,
    ) -> None:
        if current is None or earlier is None:
            return
        change = (earlier - current) if lower_is_worse else (current - earlier)
        if change <= 0:
            return
        found.append(Worse(key, show(current), show(earlier), change / max(abs(earlier), floor)))

    def count(value: float) -> str:
        return f"{value:.0f}"

    def minutes(value: float) -> str:
        return duration(value, t)

    def hours(value: float) -> str:
        return duration(value * 60, t)

    def share(value: float) -> str:
        return f"{round(100 * value)}%"

    def rating(value: float) -> str:
        return _decimal(round(value, 1), t)

    weigh("complaints", now.complaints, before.complaints, COUNT_FLOOR, count)
    weigh("response_median", now.response.median, before.response.median, MINUTES_FLOOR, minutes)
    weigh("response_p90", now.response.p90, before.response.p90, MINUTES_FLOOR, minutes)
    weigh(
        "in_goal",
        _share(now.response_in_goal, now.response.count),
        _share(before.response_in_goal, before.response.count),
        SHARE_FLOOR,
        share,
        lower_is_worse=True,
    )
    weigh("close_median", now.close_hours.median, before.close_hours.median, HOURS_FLOOR, hours)
    weigh("open", now.open_at_end, before.open_at_end, COUNT_FLOOR, count)
    for cause in CAUSES:
        weigh(
            f"cause_{cause}", now.causes.get(cause, 0), before.causes.get(cause, 0),
            COUNT_FLOOR, count,
        )  # fmt: skip
    weigh(
        "missed",
        _share(now.missed, now.kept + now.missed),
        _share(before.missed, before.kept + before.missed),
        SHARE_FLOOR,
        share,
    )
    weigh(
        "not_fine",
        _share(now.not_fine, now.fine + now.not_fine),
        _share(before.not_fine, before.fine + before.not_fine),
        SHARE_FLOOR,
        share,
    )
    weigh("rating", now.rating, before.rating, RATING_FLOOR, rating, lower_is_worse=True)
    # the first of equals: the list above is in the order the report reads
    return max(found, key=lambda w: w.score, default=None)


def _sources(figures: Figures, t: Texts) -> str:
    return ", ".join(
        t("report_part", name=t(f"report_source_{kind}"), count=figures.by_source[kind])
        for kind in SOURCE_KINDS
        if kind in figures.by_source
    )


def _response(report: Report, t: Texts) -> list[str]:
    now, before = report.current, report.before
    goal = duration(report.goal_minutes, t)
    if not now.response.count:
        lines = [t("report_response_none")]
    else:
        assert now.response.median is not None and now.response.p90 is not None
        was = (
            t(
                "report_was_response",
                median=duration(before.response.median, t),
                share=_percent(before.response_in_goal, before.response.count),
            )
            if before.response.median is not None
            else ""
        )
        lines = [
            t(
                "report_response",
                median=duration(now.response.median, t),
                p90=duration(now.response.p90, t),
                goal=goal,
                share=_percent(now.response_in_goal, now.response.count),
                was=Html(was),
            )
        ]
    if now.unanswered:
        lines.append(t("report_unanswered", count=now.unanswered))
    return lines


def _closing(report: Report, t: Texts) -> list[str]:
    now, before = report.current, report.before
    lines = []
    if now.closed and now.close_hours.median is not None:
        was = (
            t("report_was", value=duration(before.close_hours.median * 60, t))
            if before.close_hours.median is not None
            else ""
        )
        lines.append(
            t(
                "report_closed",
                count=now.closed,
                median=duration(now.close_hours.median * 60, t),
                was=Html(was),
            )
        )
    else:
        lines.append(t("report_closed_none"))
    old = now.open_buckets[-1] if now.open_buckets else 0
    lines.append(
        t(
            "report_open",
            count=now.open_at_end,
            before=before.open_at_end,
            old=Html(t("report_open_old", count=old) if old else ""),
        )
    )
    return lines


def _causes(report: Report, t: Texts) -> str:
    now, before = report.current, report.before
    if not (sum(now.causes.values()) or sum(before.causes.values()) or now.no_cause):
        return t("report_causes_none")
    parts = ", ".join(
        t(
            "report_cause_part",
            name=t(f"report_cause_{cause}").lower(),
            count=now.causes.get(cause, 0),
            before=before.causes.get(cause, 0),
        )
        for cause in CAUSES
    )
    missing = t("report_no_cause", count=now.no_cause) if now.no_cause else ""
    return t("report_causes", parts=Html(parts), missing=Html(missing))


def _promises(report: Report, t: Texts) -> str:
    now, before = report.current, report.before
    total = now.kept + now.missed
    if not total:
        return t("report_promises_none")
    missed_by = [p for p in now.promises if p.missed][:MAX_OWNERS]
    who = ", ".join(
        t("report_part", name=p.name or t("report_nobody"), count=p.missed) for p in missed_by
    )
    earlier = before.kept + before.missed
    was = t("report_was_share", value=_percent(before.kept, earlier)) if earlier else ""
    return t(
        "report_promises",
        kept=now.kept,
        total=total,
        share=_percent(now.kept, total),
        was=Html(was),
        missed=Html(t("report_missed_by", who=Html(who)) if who else ""),
    )


def _followups(report: Report, t: Texts) -> str:
    now, before = report.current, report.before
    if not (now.fine or now.not_fine or now.rated):
        return t("report_followups_none")
    rating = (
        t("report_rating", value=_decimal(round(now.rating, 1), t), count=now.rated)
        if now.rating is not None
        else ""
    )
    was = (
        t("report_was_followups", fine=before.fine, not_fine=before.not_fine)
        if before.fine or before.not_fine
        else ""
    )
    return t(
        "report_followups",
        fine=now.fine,
        not_fine=now.not_fine,
        was=Html(was),
        rating=Html(rating),
    )


def _flag_name(flag: str, t: Texts) -> str:
    """The flag as the phrase check names it; a flag since retired, as it was stored."""
    try:
        return t(f"flag_{flag.lower()}")
    except KeyError:
        return flag


def _checks(report: Report, t: Texts) -> str:
    now = report.current
    held = now.checks.get("held", 0)
    if not held:
        return t("report_checks_clean", replies=now.replies)
    flags = sorted(now.held_flags.items(), key=lambda item: (-item[1], item[0]))[:MAX_FLAGS]
    named = ", ".join(
        t("report_part", name=_flag_name(flag, t), count=count) for flag, count in flags
    )
    as_is = now.checks.get("as_is", 0)
    fixed = now.checks.get("suggested", 0) + now.checks.get("rewrite", 0)
    return t(
        "report_checks",
        replies=now.replies,
        held=held,
        flags=Html(named),
        fixed=fixed,
        as_is=as_is,
    )


def render_report_text(report: Report, t: Texts) -> str:
    """The report's message; one line when nothing happened in the period."""
    period, previous = report.period, report.previous
    dates = {"first": _day(period.first), "last": _day(period.last)}
    if report.current.empty:
        still_open = report.current.open_at_end
        tail = t("report_empty_open", count=still_open) if still_open else ""
        return t("report_empty", **dates) + tail
    now, before = report.current, report.before
    lines = [
        t(
            "report_title",
            **dates,
            year=period.last.year,
            before_first=_day(previous.first),
            before_last=_day(previous.last),
        ),
        t(
            "report_complaints",
            count=now.complaints,
            before=before.complaints,
            change=_change(now.complaints, before.complaints),
        ),
    ]
    if now.complaints:
        lines.append(t("report_sources", parts=Html(_sources(now, t))))
    lines += _response(report, t)
    lines += _closing(report, t)
    lines += [_causes(report, t), _promises(report, t), _followups(report, t), _checks(report, t)]
    worse = worst_change(report, t)
    if worse is None:
        lines.append(t("report_nothing_worse"))
    else:
        lines.append(
            t(
                "report_worst",
                what=t(f"report_metric_{worse.key}"),
                now=Html(worse.now),
                before=Html(worse.before),
            )
        )
    return "\n".join(lines)
