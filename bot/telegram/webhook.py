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
from datetime import UTC, datetime
from urllib.parse import urlparse

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from bot.delivery.sender import Sender, health
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
    ) -> None:
        self._app = web.Application()
        # Handled before answering: Telegram re-sends an update it got no 200 for, so a
        # crash mid-handler loses nothing (aiogram's default answers first, then handles).
        SimpleRequestHandler(
            dispatcher, bot, handle_in_background=False, secret_token=secret
        ).register(self._app, path=webhook_path(url))
        self._app.router.add_get("/healthz", self._healthz)
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
