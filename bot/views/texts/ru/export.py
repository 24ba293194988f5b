"""Russian: /export: column names of the ticket table (CSV and XLSX) and what the command says."""

TEXTS: dict[str, str | dict[str, str]] = {}
