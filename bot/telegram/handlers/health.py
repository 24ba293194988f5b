"""/health for directors: is delivery keeping up, is anything stuck or given up on, and are
the polled sources (feeds, channels) answering."""

from __future__ import annotations

from datetime import datetime

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.config import Config
from bot.core.learning import MIN_EXAMPLES
from bot.core.mentions import MentionIntake
from bot.core.sources import Sources
from bot.delivery.sender import Sender, health
from bot.delivery.team_chat import TeamChat
from bot.telegram.access import DirectorOnly
from bot.telegram.filters import COMMAND_LIKE
from bot.views.cards import format_delay, format_moment
from bot.views.texts import Texts
from storage.sources import SourceRecord

FAILING_SHOWN = 5
ERROR_SHOWN = 120


def source_lines(records: list[SourceRecord], texts: Texts, config: Config) -> list[str]:
    """One count line, then the failing sources by name with their last error, since when."""
    polled = [r for r in records if r.kind in ("feed", "channel")]
    if not polled:
        return [texts("health_sources_none")]
    failing = [r for r in polled if r.failures > 0]
    lines = [texts("health_sources", total=len(polled), ok=len(polled) - len(failing))]
    for record in failing[:FAILING_SHOWN]:
        error = " ".join((record.last_error or "?").split())
        if len(error) > ERROR_SHOWN:
            error = error[: ERROR_SHOWN - 1] + "…"
        since = record.last_error_at
        lines.append(
            texts(
                "health_source_failing",
                name=record.url,
                failures=record.failures,
                error=error,
                when=format_moment(since, config.timezone) if since else "?",
            )
        )
    if len(failing) > FAILING_SHOWN:
        lines.append(texts("health_sources_more", count=len(failing) - FAILING_SHOWN))
    return lines


async def show_health(
    message: Message,
    sender: Sender,
    sources: Sources,
    config: Config,
    texts: Texts,
    team_chat: TeamChat,
    intake: MentionIntake,
) -> None:
    depth, oldest, failed = await sender.stats()
    state = health(sender)
    lines = [
        texts("health_title"),
        texts("health_sender_ok" if state["alive"] else "health_sender_down"),
        texts("health_outbox", depth=depth, failed=failed),
    ]
    if oldest is not None:
        waited = datetime.now(oldest.tzinfo) - oldest
        lines.append(
            texts(
                "health_oldest",
                when=format_moment(oldest, config.timezone),
                delay=format_delay(waited, texts),
            )
        )
    if team_chat.moved:
        lines.append(
            texts("health_team_chat_moved", id=team_chat.id, configured=team_chat.configured)
        )
    elif team_chat.id is not None:
        lines.append(texts("health_team_chat", id=team_chat.id))
    lines.extend(source_lines(await sources.listed(), texts, config))
    lines.extend(await learning_lines(intake, texts))
    await message.answer("\n".join(lines))


async def learning_lines(intake: MentionIntake, texts: Texts) -> list[str]:
    """How much the detector has learned from the director, and how often routing agreed
    with the director before each verdict was learned (the last AGREEMENT_WINDOW)."""
    learner = intake.learner
    if learner is None:
        return []
    stats = await learner.stats()
    key = "health_learning_trained" if stats.trained else "health_learning"
    lines = [texts(key, examples=stats.examples, needed=MIN_EXAMPLES)]
    if stats.measured:
        percent = round(100 * stats.agreed / stats.measured)
        lines.append(
            texts(
                "health_learning_agreement",
                agreed=stats.agreed,
                measured=stats.measured,
                percent=percent,
            )
        )
    return lines


def build() -> Router:
    """A fresh router each time, so every Dispatcher (and every test) gets its own."""
    router = DirectorOnly().attach(Router(name="health"))
    router.message.filter(COMMAND_LIKE)
    router.message.register(show_health, Command("health"))
    return router
