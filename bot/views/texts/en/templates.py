"""English: reply templates: the six situations every company meets, filled with the client's
name and the control date, and the ones directors write themselves.
"""

TEXTS: dict[str, str | dict[str, str]] = {}
