"""English: the phrase check a staff reply passes before it reaches the client: the preview
with what was noticed, its buttons, and the control date a reply mentions.
"""

TEXTS: dict[str, str | dict[str, str]] = {}
