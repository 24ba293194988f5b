"""Quiet hours: when reminders and digests wait for the morning and new complaints arrive
without sound. Pure, so every rule about the window is a unit test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import Config


def in_quiet_hours(moment: datetime, window: tuple[time, time] | None, tz: ZoneInfo) -> bool:
    """Whether `moment` falls in [start, end) local time; a window may cross midnight."""
    if window is None:
        return False
    start, end = window
    local = moment.astimezone(tz).time().replace(tzinfo=None)
    if start < end:
        return start <= local < end
    return local >= start or local < end


def quiet_predicate(config: Config, clock: Clock) -> Callable[[], bool]:
    """For the notifier: new complaints during quiet hours arrive without sound."""
    return lambda: in_quiet_hours(clock(), config.quiet_hours, config.timezone)
