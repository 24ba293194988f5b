"""Deep links and posters: the tags a `t.me/<bot>?start=<tag>` link carries, their titles,
who started the bot from which, and how many tickets each brought."""

from __future__ import annotations

from bot.clock import Clock, utc_now
from storage.db import Database


class Posters:
    def __init__(self, db: Database, *, clock: Clock = utc_now) -> None:
        self._db = db
        self._now = clock
