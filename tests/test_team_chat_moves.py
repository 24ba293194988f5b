"""The team group becomes a supergroup with a new id: the bot follows it, resends what
failed, tells the directors once, keeps the new id across a restart and shows it in /health."""

from __future__ import annotations

from tests.conftest import CLIENT, CLIENT2, DIRECTOR, StartBot
from tests.helpers import card_arrives, find_card, texts_to
from tests.standin import StandInTelegram

OLD, NEW = -500, -100500
MOVED = "Командный чат стал супергруппой"


def migrate_errors(tg: StandInTelegram) -> int:
    return sum(1 for c in tg.calls if not c.ok and "upgraded to a supergroup" in str(c))


async def test_a_failed_send_follows_the_group_to_its_new_id(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    tg.group(OLD, "Команда клуба", chat_type="group")
    running = await start_bot(TEAM_CHAT_ID=OLD)
    tg.send_text(people[CLIENT], "Сломался кондиционер")
    await card_arrives(tg, OLD, 1)
    tg.upgrade_group(OLD, NEW)
    tg.send_text(people[CLIENT2], "Грубый администратор")
    await card_arrives(tg, NEW, 2)
    assert migrate_errors(tg) >= 1
    notice = await tg.wait_message(DIRECTOR, contains=MOVED)
    assert str(NEW) in notice.text and str(OLD) in notice.text
    # a change to the first ticket posts its card in the new chat: the old one is read-only
    tg.send_text(people[CLIENT], "И в душе холодно")
    await card_arrives(tg, NEW, 1)
    await running.stop()

    errors_before = migrate_errors(tg)
    await start_bot(TEAM_CHAT_ID=OLD)
    tg.send_text(tg.user(1003, "Ольга"), "Не работает сауна")
    await card_arrives(tg, NEW, 3)
    assert migrate_errors(tg) == errors_before, "after a restart the new id is used at once"
    tg.send_command(people[DIRECTOR], "/health")
    health = await tg.wait_message(DIRECTOR, contains="Состояние доставки")
    assert f"Командный чат: {NEW}" in health.text and str(OLD) in health.text
    assert sum(MOVED in text for text in texts_to(tg, DIRECTOR)) == 1
    assert not find_card(tg, OLD, 3)


async def test_the_service_message_moves_the_team_chat_before_anything_fails(
    tg: StandInTelegram, people: dict, start_bot: StartBot
) -> None:
    tg.group(OLD, "Команда клуба", chat_type="group")
    await start_bot(TEAM_CHAT_ID=OLD)
    tg.upgrade_group(OLD, NEW, announce=True)
    await tg.wait_message(DIRECTOR, contains=MOVED)
    tg.send_text(people[CLIENT], "Очередь на ресепшене полчаса")
    await card_arrives(tg, NEW, 1)
    assert migrate_errors(tg) == 0
