"""/poster and /links (directors): printable QR posters and the deep-link tags they carry."""

from __future__ import annotations

from aiogram import Router

from bot.telegram.access import DirectorOnly


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    return DirectorOnly().attach(Router(name="posters"))
