"""`python -m bot` and the `firsthand` console script."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys

from bot.config import ConfigError, load_config, read_environment

log = logging.getLogger("bot")


def fail(message: str) -> None:
    """Exit 2 with one line: what an operator must fix, never a traceback."""
    print(f"firsthand: {message}", file=sys.stderr)
    raise SystemExit(2)


def main() -> None:
    try:
        config = load_config(read_environment())
    except ConfigError as error:
        fail(str(error))
        return
    # aiogram takes seconds to import; a configuration mistake is reported before that, and
    # so is a bot already running on this database (build_app takes the lock for good).
    from storage.lock import AlreadyRunning, InstanceLock

    probe = InstanceLock(config.database_path)
    try:
        probe.acquire()
    except AlreadyRunning as error:
        fail(f"{error}; stop it first, or point DATABASE_URL elsewhere")
    probe.release()
    from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError

    from bot.app import main_async
    from bot.logs import setup_logging

    setup_logging(config.bot_token)
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(main_async(config))
    except AlreadyRunning as error:
        fail(f"{error}; stop it first, or point DATABASE_URL elsewhere")
    except TelegramUnauthorizedError:
        fail("BOT_TOKEN was rejected by Telegram: check it with @BotFather (/mybots → API Token)")
    except TelegramNetworkError as error:
        fail(f"cannot reach the Bot API (TELEGRAM_API_URL): {type(error).__name__}")


if __name__ == "__main__":
    main()
