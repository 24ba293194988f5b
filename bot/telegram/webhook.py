"""Webhook mode: Telegram posts updates to us instead of us polling it.

The secret token Telegram echoes in `X-Telegram-Bot-Api-Secret-Token` is checked on every
request (aiogram's handler answers 401 otherwise), so nobody who merely finds the URL can
inject updates. `/healthz` tells a load balancer or a supervisor whether the database answers
and the outbox sender is alive.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web
from pydantic import ValidationError

from bot.delivery.sender import Sender, health
from bot.telegram.unreadable import reason, update_type
from storage import outbox
from storage.db import Database

log = logging.getLogger(__name__)

DB_PROBE_SECONDS = 2.0


def webhook_path(url: str) -> str:
    return urlparse(url).path or "/"


async def healthz_report(db: Database, sender: Sender) -> tuple[bool, dict[str, object]]:
    """(healthy, details): the database answers within a moment and the sender loop runs."""
    report: dict[str, object] = {"sender": health(sender)}
    try:
        async with asyncio.timeout(DB_PROBE_SECONDS), db.read() as conn:
            depth, oldest, failed = await outbox.stats(conn)
        report["database"] = "ok"
        report["outbox_pending"] = depth
        report["outbox_failed"] = failed
        if oldest is not None:
            report["oldest_pending_seconds"] = int((datetime.now(UTC) - oldest).total_seconds())
    except Exception as error:  # any failure to answer is what health checks exist for
        report["database"] = f"error: {type(error).__name__}"
    healthy = report["database"] == "ok" and sender.alive
    return healthy, report


class SkippingRequestHandler(SimpleRequestHandler):
    """Answers 200 to an update aiogram cannot read. Telegram re-sends whatever got no 200,
    and one that can never be read would come back for as long as Telegram keeps trying,
    answered 500 each time; it is logged and let go instead. A handler that fails still
    answers 500, so an update that failed only this once comes again."""

    async def _handle_request(self, bot: Bot, request: web.Request) -> web.Response:
        raw = await request.json(loads=bot.session.json_loads)
        try:
            Update.model_validate(raw, context={"bot": bot})
        except ValidationError as error:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            log.error(
                "webhook.skip update_id=%s type=%s reason=%s",
                update_id,
                update_type(raw),
                reason(error),
            )
            return web.json_response({})
        return await super()._handle_request(bot, request)  # reads the same cached body


class WebhookServer:
    def __init__(
        self,
        dispatcher: Dispatcher,
        bot: Bot,
        db: Database,
        sender: Sender,
        *,
        url: str,
        secret: str,
        host: str,
        port: int,
        routes: Callable[[web.Application], None] | None = None,
    ) -> None:
        """`routes` adds other pages to the same server (the letter page), so one port
        serves Telegram and clients."""
        self._app = web.Application()
        # Handled before answering: Telegram re-sends an update it got no 200 for, so a
        # crash mid-handler loses nothing (aiogram's default answers first, then handles).
        SkippingRequestHandler(
            dispatcher, bot, handle_in_background=False, secret_token=secret
        ).register(self._app, path=webhook_path(url))
        self._app.router.add_get("/healthz", self._healthz)
        if routes is not None:
            routes(self._app)
        self._db = db
        self._sender = sender
        self._host = host
        self._port = port
        self._runner = web.AppRunner(self._app, access_log=None)
        self._site: web.TCPSite | None = None
        self.started_at = time.monotonic()

    async def start(self) -> None:
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, self._host, self._port)
        await self._site.start()
        log.info("webhook.listening host=%s port=%d", self._host, self._port)

    async def stop_accepting(self) -> None:
        """Stop taking updates; the bot session stays open so the outbox can still flush."""
        if self._site is not None:
            await self._site.stop()

    async def cleanup(self) -> None:
        await self._runner.cleanup()

    async def _healthz(self, request: web.Request) -> web.Response:
        healthy, report = await healthz_report(self._db, self._sender)
        return web.Response(
            status=200 if healthy else 503,
            text=json.dumps(report),
            content_type="application/json",
        )
