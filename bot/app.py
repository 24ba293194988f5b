"""The composition root: config → database → services → dispatcher → polling.

Nothing else constructs long-lived objects; everything a handler needs reaches it through the
dispatcher's workflow data, so tests build the very same graph against a stand-in Bot API.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import PRODUCTION, TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.business import BusinessChats
from bot.core.digests import Digests
from bot.core.export import Exports
from bot.core.followups import FollowUps
from bot.core.learning import Learner
from bot.core.mail import MailIntake
from bot.core.mentions import MentionIntake
from bot.core.posters import Posters
from bot.core.quiet import quiet_predicate
from bot.core.reminders import Reminders
from bot.core.reply_checks import ReplyChecks
from bot.core.reports import Reports
from bot.core.scheduler import Scheduler
from bot.core.sources import Sources
from bot.core.templates import ReplyTemplates
from bot.core.tickets import TicketService
from bot.core.web_letters import WebLetters
from bot.delivery.card_view import CardView, ShownCards
from bot.delivery.mail import MailSender
from bot.delivery.notifier import Notifier
from bot.delivery.pacer import Pacer
from bot.delivery.retry import RetryMiddleware
from bot.delivery.sender import BACKOFF_BASE, Sender
from bot.delivery.signals import DeliveryWatch, Wakeup
from bot.delivery.team_chat import TeamChat
from bot.telegram.access import RoleMiddleware
from bot.telegram.desk import Closing, Desk
from bot.telegram.handlers import routers
from bot.telegram.handlers.reports import TelegramPoster
from bot.telegram.inflight import InFlight
from bot.telegram.pressed import PressedCard
from bot.telegram.unreadable import SkipUnreadable
from bot.telegram.webhook import WebhookServer
from bot.views.texts import Texts
from bot.web import WebPages, WebServer
from storage.db import Database
from storage.lock import InstanceLock
from storage.models import Role

log = logging.getLogger(__name__)

CLIENT_COMMANDS = ("start", "help")
STAFF_COMMANDS = (
    "open",
    "mine",
    "ticket",
    "claim",
    "reply",
    "note",
    "due",
    "close",
    "cause",
    "templates",
    "help",
)
DIRECTOR_COMMANDS = (
    "health",
    "feeds",
    "channels",
    "keywords",
    "sources",
    "settings",
    "phrases",
    "export",
    "poster",
    "links",
    "report",
)
DRAIN_SECONDS = 3.0
FLUSH_SECONDS = 4.0


@dataclass
class App:
    config: Config
    db: Database
    bot: Bot
    service: TicketService
    notifier: Notifier
    dispatcher: Dispatcher
    inflight: InFlight
    sender: Sender
    lock: InstanceLock
    background: list[Background] = field(default_factory=list)
    stopped: asyncio.Event = field(default_factory=asyncio.Event)
    pages: WebPages | None = None  # the letter page, also served by the webhook server


def make_bot(config: Config, pacer: Pacer) -> Bot:
    """A request Telegram never answers must not hold a chat's queue for aiogram's default
    minute: it times out after TELEGRAM_TIMEOUT and is retried like a 5xx. An update aiogram
    cannot read is skipped after a few tries rather than holding up every update behind it."""
    api = TelegramAPIServer.from_base(config.api_url) if config.api_url else PRODUCTION
    session = AiohttpSession(api=api, timeout=config.request_timeout)
    session.middleware(RetryMiddleware(pacer))
    session.middleware(SkipUnreadable())  # sees getUpdates only; webhook mode never calls it
    return Bot(
        token=config.bot_token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def build_app(
    config: Config,
    *,
    clock: Clock = utc_now,
    pacer: Pacer | None = None,
    backoff_base: float = BACKOFF_BASE,
) -> App:
    """Wire the whole bot. `pacer` and `backoff_base` are for benchmarks and tests that
    measure the bot itself rather than Telegram's flood limits and outages; everything else
    uses the defaults, Telegram's numbers and a one-second first backoff."""
    lock = InstanceLock(config.database_path)
    lock.acquire()
    try:
        db = await Database.open(config.database_path)
    except BaseException:
        lock.release()
        raise
    pacer = pacer or Pacer()
    bot = make_bot(config, pacer)
    texts = Texts(config.language)
    wakeup, watch, shown = Wakeup(), DeliveryWatch(), ShownCards()
    team_chat = TeamChat(config.team_chat_id)
    await team_chat.load(db)
    quiet = quiet_predicate(config, clock)
    notifier = Notifier(db, texts, config, wakeup, team_chat, clock=clock, quiet=quiet)
    service = TicketService(
        db, reopen_within=timedelta(hours=config.reopen_hours), fanout=notifier, clock=clock
    )
    cards = CardView(service, texts, config, team_chat, clock=clock)
    sender = Sender(
        bot,
        db,
        service,
        cards,
        notifier,
        texts,
        config,
        wakeup,
        watch,
        shown,
        team_chat,
        clock=clock,
        pacer=pacer,
        backoff_base=backoff_base,
        mail=MailSender(config.smtp_url, config.mail_from)
        if config.smtp_url and config.mail_from
        else None,
    )
    checks = ReplyChecks(db, config.language, clock=clock)
    closing = Closing.of(config, notifier)
    business = BusinessChats(db, notifier, texts, config, clock=clock)
    desk = Desk(
        service,
        sender,
        checks,
        texts,
        config.timezone,
        closing,
        business,
        clock=clock,
        mail_enabled=bool(config.smtp_url),
    )
    intake = MentionIntake(
        db, service, notifier, texts, config, clock=clock, learner=Learner(db, clock=clock)
    )
    sources = Sources(db, intake, notifier, texts, config, clock=clock)
    reminders = Reminders(db, service, notifier, texts, config, clock=clock)
    digests = Digests(db, service, notifier, texts, config, clock=clock)
    followups = FollowUps(db, service, reminders, texts, clock=clock)
    reports = Reports(db, texts, config, TelegramPoster(bot), clock=clock)
    posters = Posters(db, clock=clock, timezone=config.timezone)
    inflight = InFlight()
    dp = Dispatcher(
        config=config,
        service=service,
        notifier=notifier,
        cards=cards,
        pressed=PressedCard(service, cards, shown),
        desk=desk,
        texts=texts,
        sender=sender,
        intake=intake,
        sources=sources,
        reminders=reminders,
        digests=digests,
        reports=reports,
        followups=followups,
        team_chat=team_chat,
        checks=checks,
        templates=ReplyTemplates(db, clock=clock),
        exports=Exports(db, texts, config.timezone, clock=clock),
        posters=posters,
        business=business,
    )
    dp.update.outer_middleware(inflight)
    dp.update.outer_middleware(RoleMiddleware(config, service))
    dp.include_routers(*routers())
    app = App(config, db, bot, service, notifier, dp, inflight, sender, lock)
    app.background.extend([intake, sources])  # intake first: it loads the keywords
    if config.imap_url:
        app.background.append(MailIntake(db, service, notifier, texts, config, clock=clock))
    app.pages = WebPages(WebLetters(db, service, posters, config, clock=clock), config)
    if config.web_listen is not None:
        app.background.append(WebServer(app.pages, *config.web_listen))
    app.background.append(
        Scheduler(reminders, digests, config, clock=clock, reports=reports, business=business)
    )
    return app


async def prepare(app: App) -> None:
    """Bring staff and the command menu in line with the configuration before polling."""
    config = app.config
    roles = {uid: Role.DIRECTOR for uid in config.director_ids}
    roles.update({uid: Role.MANAGER for uid in config.manager_ids})
    await app.service.sync_staff(roles)
    for user_id in roles:
        await _remember_staff_name(app, user_id)
    await _set_commands(app, roles)


async def _remember_staff_name(app: App, user_id: int) -> None:
    """Best effort: a name makes cards friendlier, but no answer Telegram gives here (an error,
    a response aiogram cannot parse, a timeout) may stop the bot from starting."""
    try:
        chat = await app.bot.get_chat(user_id)
        await app.service.remember_names(
            user_id, chat.first_name or chat.title or "", chat.last_name or "", chat.username or ""
        )
    except TelegramAPIError as error:
        log.warning("staff.lookup_failed user=%d: %s", user_id, error.message)
    except Exception as error:  # e.g. pydantic's ValidationError on an odd response
        log.warning("staff.lookup_failed user=%d: %s", user_id, type(error).__name__)


async def _set_commands(app: App, roles: dict[int, Role]) -> None:
    texts = Texts(app.config.language)
    menu = [BotCommand(command=c, description=texts(f"cmd_{c}")) for c in CLIENT_COMMANDS]
    staff_menu = [BotCommand(command=c, description=texts(f"cmd_{c}")) for c in STAFF_COMMANDS]
    director_menu = staff_menu + [
        BotCommand(command=c, description=texts(f"cmd_{c}")) for c in DIRECTOR_COMMANDS
    ]
    try:
        await app.bot.set_my_commands(menu, scope=BotCommandScopeDefault())
    except TelegramAPIError as error:
        log.warning("commands.default_failed: %s", error.message)
    for user_id in roles:
        try:
            scope = BotCommandScopeChat(chat_id=user_id)
            menu_for = director_menu if roles[user_id] is Role.DIRECTOR else staff_menu
            await app.bot.set_my_commands(menu_for, scope=scope)
        except TelegramAPIError as error:
            log.warning("commands.staff_failed user=%d: %s", user_id, error.message)


class Background(Protocol):
    """A long-running part of the bot (a poller, a scheduler) started after `prepare`."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


async def _start(app: App) -> None:
    me = await app.bot.get_me()
    log.info(
        "bot.start username=@%s directors=%d managers=%d db=%s mode=%s",
        me.username,
        len(app.config.director_ids),
        len(app.config.manager_ids),
        app.db.path,
        "webhook" if app.config.webhook_url else "polling",
    )
    await prepare(app)
    app.sender.start()
    for part in app.background:
        await part.start()


async def _finish(app: App) -> None:
    """Updates have stopped coming: let handlers finish, stop background parts, flush what
    is queued, close. Whatever happens, the database is closed at the end: its worker
    thread would otherwise keep the process alive after a failed start."""
    try:
        await app.inflight.drain(DRAIN_SECONDS)
        for part in reversed(app.background):
            try:
                await part.stop()
            except Exception:
                log.exception("shutdown.background_failed part=%s", type(part).__name__)
        await app.sender.stop(FLUSH_SECONDS)
    finally:
        await close(app)
        log.info("bot.stopped")


async def run_polling(app: App, *, handle_signals: bool = True, polling_timeout: int = 25) -> None:
    """Poll until stopped (SIGTERM/SIGINT or `stop`)."""
    try:
        await _start(app)
        if app.stopped.is_set():
            return  # asked to stop while starting: never begin taking updates
        polling = asyncio.create_task(
            app.dispatcher.start_polling(
                app.bot,
                handle_signals=handle_signals,
                close_bot_session=False,
                polling_timeout=polling_timeout,
                # derived from the handlers: business updates come only because a router
                # asks for them, and nothing is fetched that no handler would read
                allowed_updates=app.dispatcher.resolve_used_update_types(),
            )
        )
        stopper = asyncio.create_task(_stop_polling_when_asked(app, polling))
        try:
            await polling
        finally:
            stopper.cancel()
    finally:
        await _finish(app)


async def _stop_polling_when_asked(app: App, polling: asyncio.Task[None]) -> None:
    """`stop` may come before aiogram has entered its polling loop, when stop_polling would
    refuse ("Polling is not started") and the bot would then run on: keep asking until it
    takes, or polling has ended by itself (aiogram's own signal handling)."""
    await app.stopped.wait()
    while not polling.done():
        try:
            await app.dispatcher.stop_polling()
            return
        except RuntimeError:
            await asyncio.sleep(0.02)


async def run_webhook(app: App, *, handle_signals: bool = True) -> None:
    """Serve Telegram's webhook until SIGTERM/SIGINT or `stop`."""
    config = app.config
    assert config.webhook_url and config.webhook_secret
    server = WebhookServer(
        app.dispatcher,
        app.bot,
        app.db,
        app.sender,
        url=config.webhook_url,
        secret=config.webhook_secret,
        host=config.webhook_host,
        port=config.webhook_port,
        routes=app.pages.register if app.pages is not None and config.web_listen is None else None,
    )
    if handle_signals:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, app.stopped.set)
    try:
        await _start(app)
        await server.start()
        await app.bot.set_webhook(
            config.webhook_url,
            secret_token=config.webhook_secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        )
        await app.stopped.wait()
    finally:
        await server.stop_accepting()
        try:
            await _finish(app)
        finally:
            await server.cleanup()


async def run(app: App, *, handle_signals: bool = True, polling_timeout: int = 25) -> None:
    if app.config.webhook_url:
        await run_webhook(app, handle_signals=handle_signals)
    else:
        await run_polling(app, handle_signals=handle_signals, polling_timeout=polling_timeout)


async def stop(app: App) -> None:
    """Ask a running bot to stop, in either mode; `run` returns once it has shut down."""
    app.stopped.set()


async def close(app: App) -> None:
    await app.bot.session.close()
    await app.db.close()
    app.lock.release()


async def main_async(config: Config) -> None:
    app = await build_app(config)
    await run(app)
