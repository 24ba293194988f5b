"""Start-up never fails because a best-effort call does: the staff-name lookup may get an
answer aiogram cannot even parse, and the bot still starts and serves."""

from __future__ import annotations

from typing import Any

from tests.conftest import CLIENT, MANAGER, StartBot
from tests.standin import StandInTelegram


async def test_an_unparseable_get_chat_answer_is_a_warning_not_a_crash(
    tg: StandInTelegram, people: dict[int, dict[str, Any]], start_bot: StartBot, caplog: Any
) -> None:
    # getChat for this manager answers something aiogram's models cannot parse: pydantic's
    # ValidationError, not a TelegramAPIError.
    tg.garble_next("getChat", chat_id=MANAGER)
    running = await start_bot()
    assert not running.task.done(), "the bot must be running"
    assert any(f"staff.lookup_failed user={MANAGER}" in r.getMessage() for r in caplog.records)
    tg.send_text(people[CLIENT], "Не работает кондиционер")
    await tg.wait_message(CLIENT, contains="Номер обращения: 1.")
