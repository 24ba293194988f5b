"""The composition root: config → database → services → dispatcher → polling.

Nothing else constructs long-lived objects; everything a handler needs reaches it through the
dispatcher's workflow data, so tests build the very same graph against a stand-in Bot API.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.access import RoleMiddleware
from bot.config import Config
from bot.desk import Desk
from bot.handlers import routers
from bot.inflight import InFlight
from bot.notifier import Notifier
from bot.retry import RetryMiddleware
from bot.sender import Sender
from bot.texts import Texts
from bot.tickets import Clock, TicketService, utc_now
from storage.db import Database
from storage.lock import InstanceLock
from storage.models import Role

log = logging.getLogger(__name__)

CLIENT_COMMANDS = ("start", "help")
STAFF_COMMANDS = ("open", "mine", "ticket", "claim", "reply", "note", "due", "close", "help")
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


def make_bot(config: Config) -> Bot:
    if config.api_url:
        session = AiohttpSession(api=TelegramAPIServer.from_base(config.api_url))
    else:
        session = AiohttpSession()
    session.middleware(RetryMiddleware())
    return Bot(
        token=config.bot_token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


async def build_app(config: Config, *, clock: Clock = utc_now) -> App:
    lock = InstanceLock(config.database_path)
    lock.acquire()
    try:
        db = await Database.open(config.database_path)
    except BaseException:
        lock.release()
        raise
    bot = make_bot(config)
    texts = Texts(config.language)
    service = TicketService(db, reopen_within=timedelta(hours=config.reopen_hours), clock=clock)
    notifier = Notifier(bot, service, texts, config, db, clock=clock)
    service.fanout = notifier
    sender = Sender(bot, db, service, notifier, config, clock=clock)
    desk = Desk(service, notifier, texts, config.timezone, clock=clock)
    inflight = InFlight()
    dp = Dispatcher(
        config=config, service=service, notifier=notifier, desk=desk, texts=texts, sender=sender
    )
    dp.update.outer_middleware(inflight)
    dp.update.outer_middleware(RoleMiddleware(config, service))
    dp.include_routers(*routers())
    return App(config, db, bot, service, notifier, dp, inflight, sender, lock)


async def prepare(app: App) -> None:
    """Bring staff and the command menu in line with the configuration before polling."""
    config = app.config
    roles = {uid: Role.DIRECTOR for uid in config.director_ids}
    roles.update({uid: Role.MANAGER for uid in config.manager_ids})
    await app.service.sync_staff(roles)
    for user_id in roles:
        try:
            chat = await app.bot.get_chat(user_id)
        except TelegramAPIError as error:
            log.warning("staff.lookup_failed user=%d: %s", user_id, error.message)
            continue
        await app.service.remember_names(
            user_id, chat.first_name or chat.title or "", chat.last_name or "", chat.username or ""
        )
    await _set_commands(app, roles)


async def _set_commands(app: App, roles: dict[int, Role]) -> None:
    texts = Texts(app.config.language)
    menu = [BotCommand(command=c, description=texts(f"cmd_{c}")) for c in CLIENT_COMMANDS]
    staff_menu = [BotCommand(command=c, description=texts(f"cmd_{c}")) for c in STAFF_COMMANDS]
    try:
        await app.bot.set_my_commands(menu, scope=BotCommandScopeDefault())
    except TelegramAPIError as error:
        log.warning("commands.default_failed: %s", error.message)
    for user_id in roles:
        try:
            await app.bot.set_my_commands(staff_menu, scope=BotCommandScopeChat(chat_id=user_id))
        except TelegramAPIError as error:
            log.warning("commands.staff_failed user=%d: %s", user_id, error.message)


async def run_polling(app: App, *, handle_signals: bool = True, polling_timeout: int = 25) -> None:
    """Poll until stopped (SIGTERM/SIGINT or `stop`), then let in-flight updates finish.

    Whatever happens, the database is closed at the end: its worker thread would otherwise
    keep the process alive after a failed start (a rejected token, say).
    """
    try:
        me = await app.bot.get_me()
        log.info(
            "bot.start username=@%s directors=%d managers=%d db=%s",
            me.username,
            len(app.config.director_ids),
            len(app.config.manager_ids),
            app.db.path,
        )
        await prepare(app)
        app.sender.start()
        await app.dispatcher.start_polling(
            app.bot,
            handle_signals=handle_signals,
            close_bot_session=False,
            polling_timeout=polling_timeout,
        )
    finally:
        await app.inflight.drain(DRAIN_SECONDS)
        await app.sender.stop(FLUSH_SECONDS)
        await close(app)
        log.info("bot.stopped")


async def close(app: App) -> None:
    await app.bot.session.close()
    await app.db.close()
    app.lock.release()


async def main_async(config: Config) -> None:
    app = await build_app(config)
    await run_polling(app)
