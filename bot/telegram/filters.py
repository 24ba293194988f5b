"""Cheap router-level filters shared by the handlers.

A client's plain message passes every router before the client's own; a command router
whose handlers all need a command skips it in one attribute check instead of running each
`Command` filter (each parses the text and raises on a missing "/"). Measured in
bench/director_loop.py: routing was a seventh of the bot's own work per message.
"""

from __future__ import annotations

from aiogram import F

COMMAND_LIKE = F.text.startswith("/") | F.caption.startswith("/")
