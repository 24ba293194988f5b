"""The director's personal chats through Telegram Business: connections, clients' messages
(new, edited, deleted) and the director's own replies typed there."""

from __future__ import annotations

from aiogram import Router


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    return Router(name="business")
