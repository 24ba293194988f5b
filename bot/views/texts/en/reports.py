"""English: the weekly report and /report: chart titles and labels, the figures under the
charts, and what got worse most.

Chart labels are drawn, not sent: short, without HTML, and with no number that would need
a plural form ("Complaints: 42"), since a picture cannot be corrected later.
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "cmd_report": "Report with charts: /report [week|month|DD.MM-DD.MM]",
    "report_usage": (
        "Usage: /report for the last 7 days, /report month for 30 days, "
        "/report 01.11-15.11 for those days (at most 93)."
    ),
    "report_too_long": "That period is too long: at most 93 days, or the charts become unreadable.",
    "report_future": "That period has not begun yet.",
    # --- charts ------------------------------------------------------------------------------
    "report_weekdays": "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    "report_source_dm": "Direct",
    "report_source_groups": "Groups",
    "report_source_channels": "Channels",
    "report_source_feeds": "Feeds",
    "report_source_other": "Other",
    "report_chart_complaints": "Complaints per day\n{count}, was {before}",
    "report_unit_minutes": "min",
    "report_unit_hours": "h",
    "report_chart_response": "First response, {unit}",
    "report_median": "Median",
    "report_p90": "9 in 10 answered within",
    "report_goal": "Goal: {value} {unit}",
    "report_bucket_0": "under 1 h",
    "report_bucket_1": "1–4 h",
    "report_bucket_2": "4–24 h",
    "report_bucket_3": "1–3 days",
    "report_bucket_4": "longer",
    "report_chart_closed": "Closed: {count}. Time it took",
    "report_chart_open": "Open: {count}. Waiting for",
    "report_chart_causes": "Root causes",
    "report_cause_process": "Process",
    "report_cause_informing": "Informing",
    "report_cause_expectations": "Expectations",
    "report_cause_other": "Other",
    "report_now": "This period",
    "report_before": "Previous",
    "report_chart_promises": "Promises on time\n{kept} of {total}",
    "report_kept": "On time",
    "report_missed": "Missed",
    "report_nobody": "No owner",
    "report_chart_answers": "Clients after closing",
    "report_fine": "All fine",
    "report_not_fine": "Not really",
    "report_chart_ratings": "Ratings, average {average}",
    "report_chart_no_ratings": "No ratings",
    # --- the text under the charts ---------------------------------------------------------
    "report_empty": (
        "📊 No complaints, closings, promises or client answers in {first}–{last}: nothing to show."
    ),
    "report_empty_open": " Open at the end of the period: {count}.",
    "report_title": (
        "📊 <b>Report for {first}–{last}.{year}</b> (against {before_first}–{before_last})"
    ),
    "report_complaints": "Complaints: <b>{count}</b> (was {before}{change})",
    "report_sources": "From: {parts}",
    "report_part": "{name} {count}",
    "report_minutes": "{n} min",
    "report_hours": "{n} h",
    "report_days": "{n} days",
    "report_response": (
        "First response: median <b>{median}</b>, 9 in 10 within {p90}; "
        "within the {goal} goal: {share}{was}"
    ),
    "report_was_response": " (was: median {median}, within the goal {share})",
    "report_response_none": "First response: no complaint of this period was answered.",
    "report_unanswered": "Still waiting for a first answer: <b>{count}</b>",
    "report_was": " (was {value})",
    "report_was_share": ", was {value}",
    "report_closed": "Closed: <b>{count}</b>, median time to close {median}{was}",
    "report_closed_none": "Closed: none.",
    "report_open": "Open at the end of the period: <b>{count}</b> (was {before}){old}",
    "report_open_old": ", older than 3 days: {count}",
    "report_causes": "Causes (before): {parts}{missing}",
    "report_cause_part": "{name} {count} ({before})",
    "report_no_cause": "; no cause given: {count}",
    "report_causes_none": "Causes: nothing was closed with a cause.",
    "report_promises": "Promises: <b>{kept} of {total}</b> on time ({share}{was}){missed}",
    "report_missed_by": "; missed: {who}",
    "report_promises_none": "Promises: no control dates fell in this period.",
    "report_followups": (
        "Clients after closing: “all fine” {fine}, “not really” {not_fine}{was}{rating}"
    ),
    "report_was_followups": " (was {fine} and {not_fine})",
    "report_rating": "; average rating {value} ({count} given)",
    "report_followups_none": "Clients after closing: no answers.",
    "report_checks": (
        "Reply check: {replies} replies to clients, {held} held ({flags}); "
        "{fixed} fixed, {as_is} sent as written"
    ),
    "report_checks_clean": "Reply check: {replies} replies to clients, nothing noticed.",
    "report_worst": "⚠️ <b>Worse most</b>: {what}: {now} against {before}.",
    "report_nothing_worse": "✅ Nothing got worse than in the previous period.",
    "report_metric_complaints": "complaints",
    "report_metric_response_median": "median first response",
    "report_metric_response_p90": "9 in 10 first responses",
    "report_metric_in_goal": "answered within the goal",
    "report_metric_close_median": "median time to close",
    "report_metric_open": "open at the end of the period",
    "report_metric_cause_process": "cause “process”",
    "report_metric_cause_informing": "cause “informing”",
    "report_metric_cause_expectations": "cause “expectations”",
    "report_metric_cause_other": "other causes",
    "report_metric_missed": "missed promises",
    "report_metric_not_fine": "“not really” after closing",
    "report_metric_rating": "average rating",
}
