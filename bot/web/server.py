"""The web pages' own server, on WEB_LISTEN: the letter form and the status pages for
clients without Telegram, beside (not inside) the bot's Telegram side.

No access log: a status page's path is the key to a client's case, and an access log
would write it down with every visit.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.web.forms import URLENCODED_LIMIT
from bot.web.pages import LETTER_PATH, WebPages

log = logging.getLogger(__name__)

# Requests still running at shutdown get this long to finish.
SHUTDOWN_SECONDS = 5.0


class WebServer:
    """Serves `pages` on host:port; `start` and `stop` bracket the bot's run."""

    def __init__(self, pages: WebPages, host: str, port: int) -> None:
        self._pages = pages
        self.app = web.Application(
            client_max_size=URLENCODED_LIMIT, middlewares=[self._not_found_page]
        )
        pages.register(self.app)
        self.app.router.add_get("/", self._home)
        self._host = host
        self._port = port
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=SHUTDOWN_SECONDS)
        self._site: web.TCPSite | None = None

    @property
    def port(self) -> int:
        """The port it listens on (the one asked for, or the system's pick for port 0)."""
        for address in self._runner.addresses:
            if isinstance(address, tuple):
                return int(address[1])
        return self._port

    async def start(self) -> None:
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, self._host, self._port)
        await self._site.start()
        log.info("web.listening host=%s port=%d", self._host, self.port)

    async def stop(self) -> None:
        """Stop taking requests and let those running finish (briefly)."""
        await self._runner.cleanup()
        self._site = None

    async def _home(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(location=LETTER_PATH)

    @web.middleware
    async def _not_found_page(
        self, request: web.Request, handler: web.RequestHandler
    ) -> web.StreamResponse:
        """Our own 404 page, in the bot's language, for any address that is not a page."""
        try:
            return await handler(request)
        except web.HTTPNotFound:
            return self._pages.not_found()
