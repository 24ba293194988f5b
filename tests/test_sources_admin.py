"""/feeds, /channels, /keywords and /sources: directors manage what is watched; managers and
clients are refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.telegram.handlers.sources_admin import PAGE_SIZE
from tests.conftest import CLIENT, DIRECTOR, MANAGER, StartBot
from tests.feedsite import CHANNEL, FeedSite, serve
from tests.helpers import button, texts_to
from tests.standin import StandInTelegram

People = dict[int, dict[str, Any]]
GROUP = -1001234567890


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    async with serve() as running:
        yield running


async def test_added_feed_starts_without_its_undated_history(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    """An entry with no date may be years old: it is recorded as seen, not sent. Dated entries
    from the last day do come: tests/test_new_feed_window.py."""
    site.add("a", "old", "Жалоба", "Старая жалоба на FitStudio: грязно")
    await start_bot(KEYWORDS="FitStudio", POLL_INTERVAL=0.3)
    tg.send_command(people[DIRECTOR], f"/feeds add {site.url('a')}")
    await tg.wait_message(DIRECTOR, contains="Лента добавлена")
    await tg.wait_for(lambda: site.hits["a"] >= 1)
    site.add("a", "new", "Жалоба", "В FitStudio нагрубили на ресепшене, ужасно")
    await tg.wait_message(DIRECTOR, contains="нагрубили на ресепшене")
    assert not any("Старая жалоба" in text for text in texts_to(tg, DIRECTOR))


async def test_feeds_refuses_repeats_and_bad_addresses(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    await start_bot(KEYWORDS="FitStudio", FEEDS=site.url("a"))
    tg.send_command(people[DIRECTOR], f"/feeds add {site.url('a')}")
    await tg.wait_message(DIRECTOR, contains="Уже слежу")
    tg.send_command(people[DIRECTOR], "/feeds add ftp://nope")
    await tg.wait_message(DIRECTOR, contains="не похоже на адрес ленты")


async def test_feeds_add_refuses_an_internal_address_unless_allowed(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    await start_bot(KEYWORDS="FitStudio", ALLOW_PRIVATE_FEEDS="")
    tg.send_command(people[DIRECTOR], f"/feeds add {site.url('a')}")
    refused = await tg.wait_message(DIRECTOR, contains="внутреннюю сеть")
    assert "ALLOW_PRIVATE_FEEDS" in refused.text
    tg.send_command(people[DIRECTOR], "/feeds")
    await tg.wait_message(DIRECTOR, contains="Лент нет")
    assert not site.hits


async def test_feeds_list_and_remove_by_button_and_number(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    await start_bot(KEYWORDS="FitStudio", FEEDS=f"{site.url('a')},{site.url('b')}")
    tg.send_command(people[DIRECTOR], "/feeds")
    listing = await tg.wait_message(DIRECTOR, contains="Ленты")
    assert f"1. {site.url('a')}" in listing.text and f"2. {site.url('b')}" in listing.text
    tg.press(people[DIRECTOR], listing, button(tg, listing, "2. "))
    await tg.wait_for(lambda: site.url("b") not in tg.bot_messages(DIRECTOR)[0].text)
    assert [label for label, _ in tg.buttons(tg.bot_messages(DIRECTOR)[0])] == [
        f"🗑 1. {site.url('a')}"[:44]
    ]
    tg.send_command(people[DIRECTOR], "/feeds remove 1")
    await tg.wait_message(DIRECTOR, contains=f"Больше не слежу: {site.url('a')}")


async def test_channels_and_sources_overview(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    site.broken.add("down")
    group = tg.group(GROUP, "Соседи Сокол")
    await start_bot(
        KEYWORDS="FitStudio",
        FEEDS=site.url("down"),
        TELEGRAM_WEB_URL=site.base,
        POLL_INTERVAL=0.3,
    )
    tg.send_command(people[DIRECTOR], "/channels add @not a channel")
    await tg.wait_message(DIRECTOR, contains="не похоже на публичный канал")
    tg.send_command(people[DIRECTOR], f"/channels add https://t.me/{CHANNEL}")
    await tg.wait_message(DIRECTOR, contains=f"Канал добавлен: t.me/{CHANNEL}")
    tg.send_text(people[CLIENT], "В FitStudio грязно и холодно", chat=group)
    await tg.wait_message(DIRECTOR, contains="грязно и холодно")
    await tg.wait_for(lambda: site.hits["channel"] >= 1 and site.hits["down"] >= 1)
    tg.send_command(people[DIRECTOR], "/channels")
    await tg.wait_message(DIRECTOR, contains=f"2. t.me/{CHANNEL}")
    await tg.wait_for(lambda: site.hits["channel"] >= 2)
    tg.send_command(people[DIRECTOR], "/sources")
    overview = await tg.wait_message(DIRECTOR, contains="Источники упоминаний")
    lines = overview.text.splitlines()
    down = lines.index(next(line for line in lines if site.url("down") in line))
    assert "HTTP 500" in lines[down + 1] and "успех: не было" in lines[down + 1]
    channel = lines.index(next(line for line in lines if f"t.me/{CHANNEL}" in line))
    assert "ошибка: —" in lines[channel + 1] and "0 упоминаний" in lines[channel + 1]
    chat = lines.index(next(line for line in lines if "Соседи Сокол" in line))
    assert "1 упоминание" in lines[chat + 1]


async def test_keywords_list_add_and_remove(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot(KEYWORDS="FitStudio", EXCLUDE_KEYWORDS="вакансия")
    tg.send_command(people[DIRECTOR], "/keywords")
    listing = await tg.wait_message(DIRECTOR, contains="Ключевые слова")
    assert "FitStudio" in listing.text and "вакансия" in listing.text
    tg.send_command(people[DIRECTOR], "/keywords add ---")
    await tg.wait_message(DIRECTOR, contains="нет ни букв")
    tg.send_command(people[DIRECTOR], "/keywords remove FitStudio")
    await tg.wait_message(DIRECTOR, contains="Убрал «FitStudio»")


async def test_keyword_minus_word_and_blocked_author_decide_what_is_a_mention(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio", EXCLUDE_KEYWORDS="реклама")
    tg.send_command(people[DIRECTOR], "/keywords add Фит Клуб")
    tg.send_command(people[DIRECTOR], "/keywords block @spammer")
    await tg.wait_message(DIRECTOR, contains="в список: заблокированные авторы")
    await tg.wait_message(DIRECTOR, contains="Добавил «Фит Клуб» в список: ключевые слова")
    tg.user(555, "Вася", username="spammer")
    tg.send_text({"id": 555, "first_name": "Вася"}, "Фит Клуб грязно, ужасно", chat=group)
    tg.send_text(people[CLIENT], "Фит Клуб реклама: грязно, ужасно", chat=group)
    tg.send_text(people[CLIENT], "В Фит Клубе грязно и ужасно", chat=group)
    card = await tg.wait_message(DIRECTOR, contains="В Фит Клубе грязно")
    assert "Ключевое слово: «Фит Клуб»" in card.text
    texts = texts_to(tg, DIRECTOR)
    assert not any("реклама:" in t or "Вася" in t for t in texts)


@pytest.mark.parametrize("who", [MANAGER, CLIENT])
async def test_source_commands_are_for_directors_only(
    tg: StandInTelegram, people: People, start_bot: StartBot, who: int
) -> None:
    await start_bot(KEYWORDS="FitStudio")
    refusal = "только для директоров" if who == MANAGER else "только для сотрудников"
    for command in ("/feeds", "/channels add fitmoscow_talk", "/keywords add x", "/sources"):
        tg.send_command(people[who], command)
    await tg.wait_for(lambda: sum(refusal in t for t in texts_to(tg, who)) == 4)
    tg.send_command(people[DIRECTOR], "/channels")
    await tg.wait_message(DIRECTOR, contains="Каналов нет")


def count_with(tg: StandInTelegram, chat_id: int, part: str) -> int:
    return sum(1 for text in texts_to(tg, chat_id) if part in text)


async def test_without_keywords_directors_are_told_once_and_the_lists_say_why(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    """With sources but no keywords every mention is marked seen and dropped: the directors
    hear it once (not at every start), and the source lists carry a warning line until a
    keyword exists."""
    alert, line = "отмечаю как прочитанные", "упоминания отсюда не станут обращениями"
    env: dict[str, Any] = {"FEEDS": site.url("a"), "POLL_INTERVAL": 0.3}
    bot = await start_bot(**env)
    await tg.wait_message(DIRECTOR, contains=alert)
    for command, title in (
        ("/feeds", "Ленты"),
        ("/channels", "Каналов нет"),
        ("/sources", "Источники упоминаний"),
    ):
        tg.send_command(people[DIRECTOR], command)
        assert line in (await tg.wait_message(DIRECTOR, contains=title)).text
    await bot.stop()
    await start_bot(**env)
    tg.send_command(people[DIRECTOR], "/keywords add FitStudio")
    await tg.wait_message(DIRECTOR, contains="Добавил «FitStudio»")
    tg.send_command(people[DIRECTOR], "/feeds")
    await tg.wait_for(lambda: count_with(tg, DIRECTOR, "Ленты") == 2)
    assert line not in [t for t in texts_to(tg, DIRECTOR) if "Ленты" in t][-1]
    assert count_with(tg, DIRECTOR, alert) == 1


async def test_no_warning_for_a_bot_that_only_takes_direct_messages(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot()
    tg.send_command(people[DIRECTOR], "/sources")
    overview = await tg.wait_message(DIRECTOR, contains="Источники упоминаний")
    assert "Источников нет" in overview.text
    tg.send_command(people[DIRECTOR], "/health")
    await tg.wait_message(DIRECTOR, contains="Очередь отправки")
    assert count_with(tg, DIRECTOR, "отмечаю как прочитанные") == 0


async def test_a_group_the_bot_joins_without_keywords_warns_the_directors(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    await start_bot()
    tg.send_text(people[CLIENT], "В FitStudio грязно и холодно", chat=group)
    await tg.wait_message(DIRECTOR, contains="отмечаю как прочитанные")
    tg.send_text(people[CLIENT], "И душ не работает", chat=group)
    tg.send_command(people[DIRECTOR], "/sources")
    overview = await tg.wait_message(DIRECTOR, contains="Источники упоминаний")
    assert "Соседи Сокол" in overview.text and "Ключевые слова не заданы" in overview.text
    assert count_with(tg, DIRECTOR, "отмечаю как прочитанные") == 1


async def test_odd_keywords_get_a_clear_answer(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    await start_bot(KEYWORDS="FitStudio")
    tg.send_command(people[DIRECTOR], "/keywords add Brrrr")
    await tg.wait_message(DIRECTOR, contains="Добавил «Brrrr»")
    tg.send_command(people[DIRECTOR], "/keywords add C++")
    await tg.wait_message(DIRECTOR, contains="Добавил «C++»")
    tg.send_command(people[DIRECTOR], "/keywords add 💪")
    await tg.wait_message(DIRECTOR, contains="В «💪» нет ни букв")
    tg.send_command(people[DIRECTOR], "/keywords")
    listing = await tg.wait_message(DIRECTOR, contains="Ключевые слова")
    assert all(word in listing.text for word in ("FitStudio", "Brrrr", "C++"))


async def test_a_long_feed_list_is_sent_whole_and_its_buttons_page(
    tg: StandInTelegram, people: People, start_bot: StartBot, site: FeedSite
) -> None:
    """120 feeds: the list takes several messages, none dropped, and the remove buttons page
    (Telegram refuses a keyboard of more than 100 buttons)."""
    names = [f"feed-{n:03d}-{'x' * 30}" for n in range(1, 121)]
    await start_bot(KEYWORDS="FitStudio", FEEDS=",".join(site.url(n) for n in names))
    tg.send_command(people[DIRECTOR], "/feeds")
    await tg.wait_for(lambda: any(site.url(names[-1]) in t for t in texts_to(tg, DIRECTOR)))
    listing = tg.bot_messages(DIRECTOR)
    assert len(listing) >= 2
    joined = "\n".join(m.text for m in listing)
    for n, name in enumerate(names, start=1):
        assert f"{n}. {site.url(name)}" in joined
    keyboard = listing[-1]
    assert all(not tg.buttons(m) for m in listing[:-1])
    labels = [label for label, _ in tg.buttons(keyboard)]
    assert len(labels) == PAGE_SIZE + 1
    assert labels[0].startswith("🗑 1. ") and labels[-1] == "2/6 ▶️"

    tg.press(people[DIRECTOR], keyboard, button(tg, keyboard, "2/6 ▶️"))
    await tg.wait_for(lambda: tg.buttons(tg.bot_messages(DIRECTOR)[-1])[0][0].startswith("🗑 21. "))
    page = tg.bot_messages(DIRECTOR)[-1]
    assert [label for label, _ in tg.buttons(page)][-2:] == ["◀️ 1/6", "3/6 ▶️"]

    tg.press(people[DIRECTOR], page, button(tg, page, "🗑 25. "))
    await tg.wait_for(
        lambda: any("Больше не слежу" in (a.get("text") or "") for a in tg.callback_answers)
    )
    page = tg.bot_messages(DIRECTOR)[-1]
    labels = [label for label, _ in tg.buttons(page)]
    assert labels[0].startswith("🗑 21. ") and not any(x.startswith("🗑 25. ") for x in labels)
    assert labels[-1] == "3/6 ▶️" and labels[PAGE_SIZE - 1].startswith("🗑 41. ")


async def test_keyword_transliteration_can_be_switched_off_and_on(
    tg: StandInTelegram, people: People, start_bot: StartBot
) -> None:
    group = tg.group(GROUP, "Соседи Сокол")
    await start_bot(KEYWORDS="FitStudio")
    tg.send_command(people[DIRECTOR], "/keywords exact FitStudio")
    await tg.wait_message(DIRECTOR, contains="без чтения кириллицей")
    tg.send_command(people[DIRECTOR], "/keywords add Coffee!")
    await tg.wait_message(DIRECTOR, contains="Добавил «Coffee!»")
    tg.send_command(people[DIRECTOR], "/keywords")
    listing = await tg.wait_message(DIRECTOR, contains="Ключевые слова")
    assert "FitStudio (только латиницей)" in listing.text
    assert "Coffee (только латиницей)" in listing.text
    tg.send_text(people[CLIENT], "В фитстудии нагрубили на ресепшене, ужасно", chat=group)
    tg.send_text(people[CLIENT], "В FitStudio сломан душ, ужасно", chat=group)
    card = await tg.wait_message(DIRECTOR, contains="сломан душ")
    assert "«FitStudio»" in card.text
    assert not any("нагрубили на ресепшене" in text for text in texts_to(tg, DIRECTOR))
    tg.send_command(people[DIRECTOR], "/keywords exact FitStudio")
    await tg.wait_message(DIRECTOR, contains="снова ищу и в кириллическом")
    tg.send_text(people[CLIENT], "В фитстудии опять грязно, ужасно", chat=group)
    await tg.wait_message(DIRECTOR, contains="опять грязно")
    tg.send_command(people[DIRECTOR], "/keywords remove Coffee")
    await tg.wait_message(DIRECTOR, contains="Убрал «Coffee»")
    tg.send_command(people[DIRECTOR], "/keywords exact Nope")
    await tg.wait_message(DIRECTOR, contains="«Nope» нет среди ключевых слов")
    tg.send_command(people[DIRECTOR], "/keywords")
    listing = await tg.wait_message(DIRECTOR, contains="Ключевые слова: FitStudio\n")
    assert "Coffee" not in listing.text
