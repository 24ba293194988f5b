"""English: /export: column names of the ticket table (CSV and XLSX) and what the command says.

The column names and values go into files, not Telegram messages: they are plain text with no
placeholders, so `Texts` returns them as written (nothing is HTML-escaped into a file).
"""

TEXTS: dict[str, str | dict[str, str]] = {
    "cmd_export": "Export complaints to CSV and Excel",
    "export_usage": (
        "Usage: /export [week|month|all]: the last 7 days (the default), 30 days or all time. "
        "You get a CSV and an Excel file, one row per complaint."
    ),
    "export_caption": {
        "one": "Complaints from {first} to {last}: {count} complaint. CSV and Excel (XLSX).",
        "other": "Complaints from {first} to {last}: {count} complaints. CSV and Excel (XLSX).",
    },
    "export_empty": "No complaints from {first} to {last}: nothing to export.",
    "export_empty_all": "No complaints yet: nothing to export.",
    "export_private_only": (
        "I send exports only in a private chat: they hold every client's name and words. "
        "Send me /export privately."
    ),
    "export_too_large": (
        "The export came out larger than {limit} MB, and Telegram takes files up to {limit} "
        "MB. Please take a shorter period: /export month or /export week."
    ),
    # Excel in an English locale splits a double-clicked CSV on ",", its list separator.
    "export_csv_delimiter": ",",
    # Dates in the CSV as the language's Excel reads them into a date-time (strftime), and
    # the XLSX cells' number format (moments there are real date-times already).
    "export_csv_date_format": "%Y-%m-%d %H:%M",
    "export_xlsx_date_format": "yyyy-mm-dd hh:mm",
    "export_sheet": "Complaints",
    "export_col_id": "No.",
    "export_col_source": "Source",
    "export_col_tag": "Source tag",
    "export_col_link": "Link",
    "export_col_client": "Client",
    "export_col_text": "Complaint",
    "export_col_status": "Status",
    "export_col_created": "Created",
    "export_col_first_response": "First response",
    "export_col_first_response_minutes": "Minutes to first response",
    "export_col_owner": "Owner",
    "export_col_due": "Control date",
    "export_col_due_history": "All control dates",
    "export_col_promise": "Promise",
    "export_col_cause": "Root cause",
    "export_col_resolution": "Resolution",
    "export_col_closed": "Closed",
    "export_col_followup": "Client's answer after closing",
    "export_col_rating": "Rating",
    "export_col_reopened": "Times reopened",
    "export_source_dm": "Direct messages",
    "export_source_business": "Director's personal messages",
    "export_source_chat": "Group",
    "export_source_channel": "Channel",
    "export_source_feed": "Feed",
    "export_promise_kept": "kept",
    "export_promise_missed": "missed",
    "export_followup_yes": "all fine",
    "export_followup_no": "not really",
    "export_followup_none": "no answer",
}
