"""Routers, one per concern, in the order the dispatcher tries them."""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    card_buttons,
    client,
    common,
    errors,
    health,
    staff_commands,
    staff_replies,
)


def routers() -> list[Router]:
    """Staff routers come before the client router so a staff member is never a 'client'."""
    modules = (errors, common, staff_commands, health, card_buttons, staff_replies, client)
    return [module.build() for module in modules]
