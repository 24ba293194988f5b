"""A summary of many complaints whose send timed out may have arrived: sent again, it says
so, rather than repeating fifty complaints as if they were new. A send Telegram refused
(a 5xx) did not arrive, and its resend carries no such note."""

from __future__ import annotations

import pytest

from tests.conftest import DIRECTOR, StartBot
from tests.helpers import texts_to
from tests.standin import StandInTelegram

pytestmark = pytest.mark.telegram_limits

NOTE = "Возможно, этот список уже приходил"


async def pile_up(tg: StandInTelegram) -> None:
    """Hold the director's chat (a 429) while twenty complaints arrive: they fold into one
    summary, the director's next message."""
    tg.fail_next("sendMessage", status=429, retry_after=3, chat_id=DIRECTOR)


def summaries_of(tg: StandInTelegram) -> list[str]:
    return [t for t in texts_to(tg, DIRECTOR) if "📥" in t]


async def complaints(tg: StandInTelegram) -> list[str]:
    for number in range(20):
        tg.send_text(tg.user(70_000 + number, f"Клиент {number}"), f"Жалоба {number}: холодно")
    return await tg.wait_for(lambda: summaries_of(tg), timeout=30)


async def test_a_summary_resent_after_a_timeout_says_it_may_be_a_repeat(
    tg: StandInTelegram, start_bot: StartBot
) -> None:
    await start_bot(TELEGRAM_TIMEOUT=1)
    await pile_up(tg)
    tg.hang_next("sendMessage", 2.5, chat_id=DIRECTOR)  # the outcome is never known
    [summary] = await complaints(tg)
    assert summary.startswith("🔁") and NOTE in summary
    assert "Жалоба 19: холодно" in summary


async def test_a_summary_refused_by_telegram_is_resent_as_it_was(
    tg: StandInTelegram, start_bot: StartBot
) -> None:
    await start_bot(TELEGRAM_TIMEOUT=1)
    await pile_up(tg)
    tg.fail_next("sendMessage", status=502, chat_id=DIRECTOR)
    [summary] = await complaints(tg)
    assert summary.startswith("📥") and NOTE not in summary
    assert "Жалоба 19: холодно" in summary
