"""The weekly report with charts, and /report on demand (directors)."""

from __future__ import annotations

from aiogram import Router


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    return Router(name="reports")
