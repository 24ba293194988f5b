"""SQL for the weekly report: every number its charts and its text show, for one period.

The report's text and its charts are drawn from the one `Report` read here, so a figure can
never say one thing in the picture and another under it. Everything is counted in SQL
(percentiles with window functions, buckets with sums) so that a year of a busy company's
tickets is read in milliseconds, not loaded into Python; bench/report.py measures it.

A period is a run of whole local days given as UTC bounds: the caller (bot.core.reports)
knows the time zone, this module only compares the stored UTC strings, which sort as time.
Which tickets count:

- complaints only (the director's verdict wins over the classifier, as everywhere): praise
  found in a feed is not a problem to chart;
- a complaint belongs to the day it was created; its time to close and its root cause to
  the period it was closed in, since that is when they became known;
- a promise is a ticket with a control date in the period: kept when it was closed by that
  date, missed when it was closed later or is still open (the period never ends after now,
  so every such date has passed);
- the follow-up answers and ratings to the period the client gave them in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise

import aiosqlite

from storage.db import fetch_all, fetch_one
from storage.models import to_db
from storage.tickets import COMPLAINT

# Where complaints come from, in the order the charts stack them. Source keys are "telegram"
# (the bot's DMs) and "business" (the director's personal chats), both "dm"; "tg:<chat id>"
# (groups the bot sits in), "t.me/<name>" (public channels) and a feed's own URL; anything
# else (e-mail, a site form) is "other".
SOURCE_KINDS: tuple[str, ...] = ("dm", "groups", "channels", "feeds", "other")
_SOURCE_KIND = """CASE
    WHEN source IN ('telegram', 'business') THEN 'dm'
    WHEN source LIKE 'tg:%' THEN 'groups'
    WHEN source LIKE 't.me/%' THEN 'channels'
    WHEN source LIKE 'http://%' OR source LIKE 'https://%' THEN 'feeds'
    ELSE 'other' END"""

# The kinds of root cause the report compares; any other stored value is "other".
CAUSES: tuple[str, ...] = ("process", "informing", "expectations", "other")
_CAUSE = """CASE
    WHEN root_cause IS NULL THEN 'none'
    WHEN root_cause IN ('process', 'informing', 'expectations') THEN root_cause
    ELSE 'other' END"""

# Durations (time to close, age of what is still open) in these buckets, in hours: one hour,
# half a working day, a day, three days, more. One set for both, so the two halves of the
# chart read alike.
BUCKET_HOURS: tuple[float, ...] = (1, 4, 24, 72)

_OPEN_STATUSES = "status IN ('open', 'in_progress')"


@dataclass(frozen=True)
class Period:
    """Whole local days `first`..`last`, and the UTC bounds of each: [start, end) of a day.

    The last day may end early (at "now" for a report asked for mid-day); `start` and `end`
    are the whole period's bounds.
    """

    first: date
    last: date
    days: tuple[tuple[datetime, datetime], ...]

    @property
    def start(self) -> datetime:
        return self.days[0][0]

    @property
    def end(self) -> datetime:
        return self.days[-1][1]

    @property
    def dates(self) -> list[date]:
        return [date.fromordinal(self.first.toordinal() + i) for i in range(len(self.days))]


@dataclass(frozen=True)
class Quantiles:
    """How many values, their median and 90th percentile (nearest rank; None when none)."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


@dataclass(frozen=True)
class OwnerPromises:
    owner_id: int | None
    name: str | None  # None: nobody owned the ticket
    kept: int
    missed: int


@dataclass(frozen=True)
class Figures:
    """One period's numbers."""

    complaints: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    # per day of the period: source kind → count
    by_day: list[dict[str, int]] = field(default_factory=list)
    # first response, minutes from the complaint: per day of its creation, and overall
    response_by_day: list[Quantiles] = field(default_factory=list)
    response: Quantiles = field(default_factory=Quantiles)
    response_in_goal: int = 0  # answered within FIRST_RESPONSE_MINUTES
    unanswered: int = 0  # could be answered in Telegram, and nobody has yet
    # closing, hours from the complaint, for those closed in the period
    closed: int = 0
    close_hours: Quantiles = field(default_factory=Quantiles)
    close_buckets: list[int] = field(default_factory=list)
    # still open at the end of the period, by age then
    open_at_end: int = 0
    open_buckets: list[int] = field(default_factory=list)
    causes: dict[str, int] = field(default_factory=dict)  # CAUSES → count
    no_cause: int = 0  # closed without a root cause
    promises: list[OwnerPromises] = field(default_factory=list)
    fine: int = 0  # follow-up answered "all fine"
    not_fine: int = 0
    ratings: list[int] = field(default_factory=list)  # how many of each, 1..5
    replies: int = 0  # staff replies sent to clients
    checks: dict[str, int] = field(default_factory=dict)  # choice (held, as_is, …) → count
    held_flags: dict[str, int] = field(default_factory=dict)  # flag → replies held for it
    as_is_flags: dict[str, int] = field(default_factory=dict)  # flag → sent as written anyway

    @property
    def kept(self) -> int:
        return sum(p.kept for p in self.promises)

    @property
    def missed(self) -> int:
        return sum(p.missed for p in self.promises)

    @property
    def rated(self) -> int:
        return sum(self.ratings)

    @property
    def rating(self) -> float | None:
        """The average rating, None without any."""
        if not self.rated:
            return None
        return sum(score * n for score, n in enumerate(self.ratings, start=1)) / self.rated

    @property
    def empty(self) -> bool:
        """Nothing happened in the period: no complaint, closing, control date or answer.
        What was open before and still is does not count: it is said in words, not charted."""
        return not (
            self.complaints
            or self.closed
            or self.promises
            or self.fine
            or self.not_fine
            or self.rated
        )


@dataclass(frozen=True)
class Report:
    """Everything the report shows: this period, the one before it of the same length, and
    the first-response goal the chart draws its line at."""

    period: Period
    previous: Period
    current: Figures
    before: Figures
    goal_minutes: float


# --- reading ---------------------------------------------------------------------------------


async def figures(conn: aiosqlite.Connection, period: Period, goal_minutes: float) -> Figures:
    """All of one period's numbers: one pass over each moment's index (created, answered,
    closed, still open, control date, follow-up, phrase check)."""
    start, end = to_db(period.start), to_db(period.end)
    by_day, by_source, unanswered = await _complaints(conn, period)
    response_by_day, response, in_goal = await _responses(conn, period, goal_minutes)
    close_hours, close_buckets, causes, no_cause = await _closing(conn, start, end)
    open_at_end, open_buckets = await _open_at(conn, end)
    fine, not_fine, ratings = await _followups(conn, start, end)
    replies, checks, held, as_is = await _phrase_checks(conn, start, end)
    return Figures(
        complaints=sum(by_source.values()),
        by_source=by_source,
        by_day=by_day,
        response_by_day=response_by_day,
        response=response,
        response_in_goal=in_goal,
        unanswered=unanswered,
        closed=close_hours.count,
        close_hours=close_hours,
        close_buckets=close_buckets,
        open_at_end=open_at_end,
        open_buckets=open_buckets,
        causes=causes,
        no_cause=no_cause,
        promises=await _promises(conn, start, end),
        fine=fine,
        not_fine=not_fine,
        ratings=ratings,
        replies=replies,
        checks=checks,
        held_flags=held,
        as_is_flags=as_is,
    )


def _days_cte(period: Period) -> tuple[str, list[str | None]]:
    """`days(i, s, e)`: one row per day of the period, joined against a moment's index."""
    rows = ", ".join("(?, ?, ?)" for _ in period.days)
    params: list[str | None] = []
    for index, (day_start, day_end) in enumerate(period.days):
        params += [str(index), to_db(day_start), to_db(day_end)]
    return f"days(i, s, e) AS (VALUES {rows})", params


async def _complaints(
    conn: aiosqlite.Connection, period: Period
) -> tuple[list[dict[str, int]], dict[str, int], int]:
    """Complaints per day and source kind, and how many of them nobody has answered yet
    that someone could answer (a feed item has no one to write to)."""
    days, params = _days_cte(period)
    rows = await fetch_all(
        conn,
        f"""WITH {days}
        SELECT CAST(days.i AS INTEGER), {_SOURCE_KIND}, count(*),
               sum(first_response_at IS NULL AND client_chat_id IS NOT NULL)
        FROM days JOIN tickets ON tickets.created_at >= days.s AND tickets.created_at < days.e
        WHERE {COMPLAINT}
        GROUP BY 1, 2""",
        params,
    )
    by_day: list[dict[str, int]] = [{} for _ in period.days]
    total: dict[str, int] = {}
    unanswered = 0
    for index, kind, count, waiting in rows:
        by_day[index][kind] = int(count)
        total[kind] = total.get(kind, 0) + int(count)
        unanswered += int(waiting)
    return by_day, {kind: total[kind] for kind in SOURCE_KINDS if kind in total}, unanswered


# Nearest-rank percentiles: the value at rank ceil(p * n), for p = 0.5 and 0.9.
def _median(rank: str, count: str) -> str:
    return f"max(CASE WHEN {rank} = ({count} + 1) / 2 THEN v END)"


def _p90(rank: str, count: str) -> str:
    return f"max(CASE WHEN {rank} = (9 * {count} + 9) / 10 THEN v END)"


_RESPONSE_MINUTES = "(unixepoch(first_response_at) - unixepoch(created_at)) / 60.0"
_CLOSE_HOURS = "(unixepoch(closed_at) - unixepoch(created_at)) / 3600.0"


async def _responses(
    conn: aiosqlite.Connection, period: Period, goal_minutes: float
) -> tuple[list[Quantiles], Quantiles, int]:
    """First response in minutes: per day of the complaint and over the period, ranked in
    one pass (each row knows its rank in its day and in the whole period)."""
    days, params = _days_cte(period)
    rows = await fetch_all(
        conn,
        f"""WITH {days}, r AS (
            SELECT days.i AS i, {_RESPONSE_MINUTES} AS v
            FROM days JOIN tickets
                 ON tickets.created_at >= days.s AND tickets.created_at < days.e
            WHERE first_response_at IS NOT NULL AND {COMPLAINT}),
        ranked AS (
            SELECT i, v,
                   row_number() OVER (PARTITION BY i ORDER BY v) AS k,
                   count(*) OVER (PARTITION BY i) AS n,
                   row_number() OVER (ORDER BY v) AS kk,
                   count(*) OVER () AS nn
            FROM r)
        SELECT CAST(i AS INTEGER), n, {_median("k", "n")}, {_p90("k", "n")},
               {_median("kk", "nn")}, {_p90("kk", "nn")}, max(nn), sum(v <= ?)
        FROM ranked GROUP BY i""",
        [*params, goal_minutes],
    )
    found = {int(row[0]): Quantiles(int(row[1]), row[2], row[3]) for row in rows}
    by_day = [found.get(index, Quantiles()) for index in range(len(period.days))]
    if not rows:
        return by_day, Quantiles(), 0
    # the period's median and 90th percentile each sit in one day's group
    median = next(row[4] for row in rows if row[4] is not None)
    p90 = next(row[5] for row in rows if row[5] is not None)
    overall = Quantiles(int(rows[0][6]), median, p90)
    return by_day, overall, sum(int(row[7]) for row in rows)


def _bucket_sums(hours: str) -> str:
    """`sum(...)` columns counting `hours` into BUCKET_HOURS' buckets, the last open-ended."""
    edges = [0.0, *BUCKET_HOURS]
    parts = [f"sum({hours} >= {low} AND {hours} < {high})" for low, high in pairwise(edges)]
    parts.append(f"sum({hours} >= {edges[-1]})")
    return ", ".join(parts)


async def _closing(
    conn: aiosqlite.Connection, start: str | None, end: str | None
) -> tuple[Quantiles, list[int], dict[str, int], int]:
    """What was closed in the period: hours to close (percentiles and buckets) and root
    causes, in one pass."""
    causes = ", ".join(f"sum(cause = '{cause}')" for cause in (*CAUSES, "none"))
    row = await fetch_one(
        conn,
        f"""WITH r AS (
            SELECT {_CLOSE_HOURS} AS v, {_CAUSE} AS cause FROM tickets
            WHERE closed_at >= ? AND closed_at < ? AND {COMPLAINT}),
        ranked AS (
            SELECT v, cause, row_number() OVER (ORDER BY v) AS k, count(*) OVER () AS n
            FROM r)
        SELECT count(*), {_median("k", "n")}, {_p90("k", "n")}, {_bucket_sums("v")}, {causes}
        FROM ranked""",
        (start, end),
    )
    assert row is not None  # an aggregate without GROUP BY always gives a row
    values = [int(value or 0) for value in row[3:]]
    buckets, counts = values[: len(BUCKET_HOURS) + 1], values[len(BUCKET_HOURS) + 1 :]
    quantiles = Quantiles(int(row[0]), row[1], row[2])
    return quantiles, buckets, dict(zip(CAUSES, counts[: len(CAUSES)], strict=True)), counts[-1]


async def _open_at(conn: aiosqlite.Connection, end: str | None) -> tuple[int, list[int]]:
    """Complaints open at `end`, by age then: those open now, and those closed since (a
    reopened ticket has its closing cleared, so it counts as open throughout). The unary
    `+` keeps SQLite from reading every ticket created before `end` by that index, when
    the few open ones are at hand in the status index."""
    age = "(unixepoch(?) - unixepoch(created_at)) / 3600.0"
    row = await fetch_one(
        conn,
        f"""SELECT count(*), {_bucket_sums("v")} FROM (
            SELECT {age} AS v FROM tickets
            WHERE {_OPEN_STATUSES} AND +created_at < ? AND {COMPLAINT}
            UNION ALL
            SELECT {age} AS v FROM tickets
            WHERE closed_at >= ? AND created_at < ? AND {COMPLAINT})""",
        (end, end, end, end, end),
    )
    if row is None:
        return 0, [0] * (len(BUCKET_HOURS) + 1)
    return int(row[0]), [int(value or 0) for value in row[1:]]


async def _promises(
    conn: aiosqlite.Connection, start: str | None, end: str | None
) -> list[OwnerPromises]:
    """Per owner, most missed first. Every ticket with a control date counts: a date given
    to a client is a promise whether or not the ticket was a complaint."""
    rows = await fetch_all(
        conn,
        """SELECT t.owner_id, s.first_name, s.last_name, s.username,
                  sum(t.closed_at IS NOT NULL AND t.closed_at <= t.due_at) AS kept,
                  sum(t.closed_at IS NULL OR t.closed_at > t.due_at) AS missed
        FROM tickets t LEFT JOIN staff s ON s.user_id = t.owner_id
        WHERE t.due_at >= ? AND t.due_at < ?
        GROUP BY t.owner_id
        ORDER BY missed DESC, kept DESC, t.owner_id""",
        (start, end),
    )
    return [
        OwnerPromises(row[0], _staff_name(row[0], row[1], row[2], row[3]), row[4], row[5])
        for row in rows
    ]


def _staff_name(
    owner_id: int | None, first: str | None, last: str | None, username: str | None
) -> str | None:
    """As StaffMember.display_name: the name, else @username, else the id."""
    if owner_id is None:
        return None
    name = " ".join(part for part in (first, last) if part)
    if name:
        return name
    return f"@{username}" if username else str(owner_id)


async def _followups(
    conn: aiosqlite.Connection, start: str | None, end: str | None
) -> tuple[int, int, list[int]]:
    answers = await fetch_one(
        conn,
        """SELECT coalesce(sum(answer = 'yes'), 0), coalesce(sum(answer = 'no'), 0)
        FROM followups WHERE answered_at >= ? AND answered_at < ?""",
        (start, end),
    )
    rows = await fetch_all(
        conn,
        """SELECT rating, count(*) FROM followups
        WHERE rated_at >= ? AND rated_at < ? GROUP BY rating""",
        (start, end),
    )
    by_score = {int(row[0]): int(row[1]) for row in rows}
    fine, not_fine = (int(answers[0]), int(answers[1])) if answers else (0, 0)
    return fine, not_fine, [by_score.get(score, 0) for score in range(1, 6)]


async def _phrase_checks(
    conn: aiosqlite.Connection, start: str | None, end: str | None
) -> tuple[int, dict[str, int], dict[str, int], dict[str, int]]:
    """Replies sent, and what the phrase check did: its events' details read "held F1,F2"
    when a reply was held, then "as_is F1,F2", "suggested …" or "rewrite …" for the choice."""
    replies = await fetch_one(
        conn,
        "SELECT count(*) FROM events WHERE kind = 'replied' AND created_at >= ? AND created_at < ?",
        (start, end),
    )
    rows = await fetch_all(
        conn,
        """WITH RECURSIVE ev(choice, rest) AS (
            SELECT substr(detail, 1, instr(detail || ' ', ' ') - 1),
                   substr(detail, instr(detail || ' ', ' ') + 1) || ','
            FROM events
            WHERE kind = 'phrase_check' AND created_at >= ? AND created_at < ?),
        split(choice, flag, rest) AS (
            SELECT choice, NULL, rest FROM ev
            UNION ALL
            SELECT choice, substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)
            FROM split WHERE rest != '')
        SELECT choice, flag, count(*) FROM split WHERE flag IS NULL OR flag != ''
        GROUP BY choice, flag""",
        (start, end),
    )
    checks: dict[str, int] = {}
    held: dict[str, int] = {}
    as_is: dict[str, int] = {}
    for choice, flag, count in rows:
        if flag is None:
            checks[choice] = int(count)
        elif choice == "held":
            held[flag] = int(count)
        elif choice == "as_is":
            as_is[flag] = int(count)
    return (int(replies[0]) if replies else 0), checks, held, as_is


async def report(
    conn: aiosqlite.Connection, period: Period, previous: Period, goal_minutes: float
) -> Report:
    """This period against the one before, read on one connection (one snapshot)."""
    return Report(
        period=period,
        previous=previous,
        current=await figures(conn, period, goal_minutes),
        before=await figures(conn, previous, goal_minutes),
        goal_minutes=goal_minutes,
    )


# --- the weekly report's marks: each director's report for a week is sent once ------------


async def mark(conn: aiosqlite.Connection, director_id: int, week: date, now: datetime) -> bool:
    """Decide this director's report for the week of `week` (its report day), unless it or a
    later week's was decided already: a clock set back never brings an old report again."""
    cur = await conn.execute(
        """INSERT INTO report_marks (director_id, week, decided_at)
           SELECT ?, ?, ? WHERE NOT EXISTS (
               SELECT 1 FROM report_marks WHERE director_id = ? AND week >= ?)""",
        (director_id, week.isoformat(), to_db(now), director_id, week.isoformat()),
    )
    return cur.rowcount == 1


@dataclass(frozen=True)
class Mark:
    director_id: int
    week: date
    attempts: int
    next_try_at: datetime | None


async def unsent(conn: aiosqlite.Connection) -> list[Mark]:
    """Decided reports not sent yet (nor given up on), oldest first."""
    return [
        Mark(
            int(row[0]),
            date.fromisoformat(row[1]),
            int(row[2]),
            datetime.fromisoformat(row[3]) if row[3] else None,
        )
        for row in await fetch_all(
            conn,
            """SELECT director_id, week, attempts, next_try_at FROM report_marks
            WHERE sent_at IS NULL AND given_up_at IS NULL ORDER BY week, director_id""",
        )
    ]


async def set_sent(conn: aiosqlite.Connection, director_id: int, week: date, now: datetime) -> None:
    await conn.execute(
        "UPDATE report_marks SET sent_at = ? WHERE director_id = ? AND week = ?",
        (to_db(now), director_id, week.isoformat()),
    )


async def set_failed(
    conn: aiosqlite.Connection,
    director_id: int,
    week: date,
    error: str,
    now: datetime,
    *,
    retry_at: datetime | None,
) -> None:
    """Record a failed send: tried again at `retry_at`, or never when it is None."""
    await conn.execute(
        """UPDATE report_marks SET attempts = attempts + 1, error = ?, next_try_at = ?,
               given_up_at = CASE WHEN ? IS NULL THEN ? END
           WHERE director_id = ? AND week = ?""",
        (error, to_db(retry_at), to_db(retry_at), to_db(now), director_id, week.isoformat()),
    )


async def sent_weeks(conn: aiosqlite.Connection, director_id: int) -> list[date]:
    """The weeks this director's report went out (for tests and /health-like looks)."""
    return [
        date.fromisoformat(row[0])
        for row in await fetch_all(
            conn,
            """SELECT week FROM report_marks WHERE director_id = ? AND sent_at IS NOT NULL
            ORDER BY week""",
            (director_id,),
        )
    ]
