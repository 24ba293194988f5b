"""The "letter to the director" web page for clients without Telegram, and each client's
private status page: HTTP handlers beside the Telegram ones, over the same core services."""

from bot.web.pages import WebPages
from bot.web.server import WebServer

__all__ = ["WebPages", "WebServer"]
