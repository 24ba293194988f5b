"""Routers, one per concern, in the order the dispatcher tries them."""

from __future__ import annotations

from aiogram import Router

from bot.telegram.handlers import (
    business,
    card_buttons,
    client,
    common,
    errors,
    export,
    followups,
    group_moves,
    groups,
    health,
    phrase_check,
    posters,
    reports,
    settings,
    sources_admin,
    staff_commands,
    staff_replies,
    templates,
)


def routers() -> list[Router]:
    """Staff routers come before the client router so a staff member is never a 'client'."""
    modules = (
        errors,
        business,  # business updates only: their own update types, no overlap with the rest
        common,
        followups,  # clients press follow-up buttons: before card_buttons' staff-only catch-all
        settings,
        sources_admin,  # before card_buttons, whose catch-all answers unknown buttons
        group_moves,  # service messages, from whoever upgraded the group
        groups,  # before the staff routers: a group message is a mention, not a command
        staff_commands,
        health,
        reports,
        export,
        posters,
        phrase_check,  # before card_buttons, whose catch-all answers unknown buttons
        templates,  # before card_buttons, whose catch-all answers unknown buttons
        card_buttons,
        staff_replies,
        client,
    )
    return [module.build() for module in modules]
