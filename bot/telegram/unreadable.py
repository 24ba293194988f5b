"""Updates aiogram cannot read: logged and let go rather than holding up those behind them.

aiogram decodes a getUpdates answer as a whole, so a single update its models reject (a
field Telegram renamed, a poll missing what aiogram requires) fails the whole batch, and its
polling loop asks for the same offset again, forever, while every update behind it waits.

`SkipUnreadable` sits on the bot's session and sees only getUpdates. When a batch fails to
decode it reads the updates one by one from the answer it already has and passes on those
before the unreadable one. The same update failing `STRIKES` times in a row is logged and
confirmed to Telegram, and polling goes on behind it. Everything else stays aiogram's own:
the backoff between tries, allowed_updates, stopping, handling updates as tasks.

The webhook (`bot.telegram.webhook`) answers such an update 200 at once, logged the same way:
Telegram sends each webhook update on its own, so nothing else waits behind it.
"""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import ClientDecodeError
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.types import Update
from pydantic import ValidationError

log = logging.getLogger(__name__)

#: Tries before an unreadable update is given up: a few, in case what failed was the moment
#: (a proxy's garbled answer) rather than the update itself.
STRIKES = 3
#: Validation errors named in the log line: enough to tell what aiogram missed.
REASONS_SHOWN = 3


class UnreadableUpdate(Exception):
    """Raised instead of aiogram's ClientDecodeError, whose text quotes the whole batch (every
    client's words) into aiogram's log line; this one names only the update."""


def update_type(raw: object) -> str:
    if not isinstance(raw, dict):
        return "unknown"
    return next((str(key) for key in raw if key != "update_id"), "unknown")


def reason(error: ValidationError) -> str:
    """Where the update broke aiogram's models, by field path and error kind only: the values
    are what a client wrote and stay out of the log."""
    shown = [
        f"{'.'.join(str(part) for part in item['loc'])}:{item['type']}"
        for item in error.errors()[:REASONS_SHOWN]
    ]
    more = error.error_count() - len(shown)
    return ",".join(shown) + (f",+{more}" if more > 0 else "")


def raw_batch(error: ClientDecodeError) -> list[dict[str, Any]] | None:
    """The updates of an answer that was JSON but did not fit aiogram's models; None when the
    answer was something else (not JSON, not a successful getUpdates), which is left to
    aiogram's polling loop as before."""
    data = error.data
    if not isinstance(data, dict) or data.get("ok") is not True:
        return None
    result = data.get("result")
    if not isinstance(result, list) or not all(isinstance(raw, dict) for raw in result):
        return None
    return result


class SkipUnreadable(BaseRequestMiddleware):
    """Keeps polling going past an update aiogram cannot read (see the module's docstring)."""

    def __init__(self, strikes: int = STRIKES) -> None:
        self._strikes = strikes
        self._blocked: int | None = None
        self._failures = 0

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: TelegramMethod[Any],
    ) -> Any:
        if not isinstance(method, GetUpdates):
            return await make_request(bot, method)
        try:
            return await make_request(bot, method)
        except ClientDecodeError as error:
            batch = raw_batch(error)
            if batch is None:
                raise
            return await self._salvage(make_request, bot, method, batch)

    async def _salvage(
        self,
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: GetUpdates,
        batch: list[dict[str, Any]],
    ) -> list[Update]:
        """The readable updates of a batch up to the first unreadable one not yet given up;
        raises UnreadableUpdate when there are none, so aiogram backs off and asks again."""
        readable: list[Update] = []
        skipped: int | None = None
        for raw in batch:
            try:
                readable.append(Update.model_validate(raw, context={"bot": bot}))
            except ValidationError as error:
                update_id, kind = raw.get("update_id"), update_type(raw)
                if not isinstance(update_id, int):  # nothing to skip it by: retried as before
                    raise UnreadableUpdate(f"update_id=? type={kind}") from None
                if self._give_up(update_id, kind, error):
                    skipped = update_id
                    continue
                if readable or skipped is not None:
                    break  # pass on what came before; the unreadable one comes first next time
                raise UnreadableUpdate(
                    f"update_id={update_id} type={kind} attempt={self._failures}/{self._strikes}"
                ) from None
        if skipped is not None:
            await self._confirm(make_request, bot, method, skipped)
        return readable

    def _give_up(self, update_id: int, kind: str, error: ValidationError) -> bool:
        """Count one more failure of this update; True once it has failed often enough."""
        if update_id == self._blocked:
            self._failures += 1
        else:
            self._blocked, self._failures = update_id, 1
        if self._failures < self._strikes:
            log.warning(
                "polling.unreadable update_id=%d type=%s attempt=%d/%d reason=%s",
                update_id,
                kind,
                self._failures,
                self._strikes,
                reason(error),
            )
            return False
        log.error("polling.skip update_id=%d type=%s reason=%s", update_id, kind, reason(error))
        return True

    @staticmethod
    async def _confirm(
        make_request: NextRequestMiddlewareType[Any],
        bot: Bot,
        method: GetUpdates,
        update_id: int,
    ) -> None:
        """Tell Telegram the update is done with. aiogram moves its offset only past updates
        it was handed, so a skipped update that nothing readable follows would otherwise
        come back on every poll. What this call returns stays unconfirmed and comes with
        aiogram's next poll; if the call fails, the update comes back and is skipped again.
        """
        confirm = GetUpdates(
            offset=update_id + 1, limit=1, timeout=0, allowed_updates=method.allowed_updates
        )
        try:
            await make_request(bot, confirm)
        except ClientDecodeError:
            pass  # the offset was taken; what came with it is for the next poll to read
        except Exception as error:  # the update comes again with the next poll
            log.warning(
                "polling.confirm_failed update_id=%d error=%s", update_id, type(error).__name__
            )
