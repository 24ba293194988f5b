"""Russian: the weekly report and /report: chart titles and labels, the figures under the
charts, and what got worse most.
"""

TEXTS: dict[str, str | dict[str, str]] = {}
