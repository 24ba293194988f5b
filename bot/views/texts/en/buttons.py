"""English: every inline-button label, the card's, the reminders', the follow-up's and the
settings'. They sit together because they share a constraint no other text has: a label
must fit beside its neighbours in one row on a phone, so they are read side by side.
"""

TEXTS = {
    "btn_reply": "✍️ Reply",
    "btn_assign": "👤 Owner",
    "btn_due": "📅 Control date",
    "btn_cause": "🔎 Root cause",
    "btn_close": "✅ Close",
    "btn_reopen": "↩️ Reopen",
    "btn_back": "« Back",
    "btn_close_now": "✅ Close without note",
    "btn_close_note": "📝 Close with a note",
    "btn_due_today": "Today 18:00",
    "btn_due_tomorrow": "Tomorrow",
    "btn_due_in3days": "In 3 days",
    "btn_due_nextweek": "Next week",
    "btn_due_typed": "⌨️ Type a date",
    "btn_me": "{name} (me)",
    "btn_not_complaint": "🙅 Not a complaint",
    "btn_is_complaint": "❗ A complaint",
    "btn_instant_on": "🔔 Send every mention as a card",
    "btn_instant_off": "🗞 Collect non-complaints into the summary",
    "btn_remove_source": "🗑 {id}. {name}",
    "btn_page_prev": "◀️ {page}/{pages}",
    "btn_page_next": "{page}/{pages} ▶️",
    "btn_rem_done": "✅ Done, close",
    "btn_rem_d1": "+1 day",
    "btn_rem_d3": "+3 days",
    "btn_rem_typed": "⌨️ Other date",
    "btn_rem_owner": "👤 Reassign",
    "btn_fu_yes": "👍 Yes, all good",
    "btn_fu_no": "👎 Not really",
    "btn_rate": "{n} ⭐",
    "btn_settings_all_clear_on": "☀️ Send \u201call clear\u201d",
    "btn_settings_all_clear_off": "🔕 Stay silent when there is nothing to report",
}
