"""Tests of the stand-in's Telegram Business: connections, business chats and their rules.

Why: the bot's business features are tested end to end against the stand-in, so the stand-in
must refuse what Telegram refuses (a send through a disabled or read-only connection, into a
chat the client has not written to for a day) and deliver what Telegram delivers (the bot's
own sends echoed back as ``business_message``, in a chat that is not the bot's own chat with
the same user). Each rule is proven with a real aiogram ``Bot`` over HTTP.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.methods import CopyMessage
from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    ReplyParameters,
    Update,
)

from tests.standin import StandInTelegram

pytestmark = pytest.mark.timeout(5)

OWNER_ID = 500
CLIENT_ID = 1001
OTHER_ID = 1002
GROUP_ID = -100500
DAY = 24 * 60 * 60


class MovableClock:
    """Epoch seconds that a test moves by hand (the stand-in's ``set_clock``)."""

    def __init__(self, start: float = 1_795_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
async def tg() -> AsyncIterator[StandInTelegram]:
    """A running stand-in with a group; the owner and clients come with each test."""
    async with StandInTelegram() as server:
        server.group(GROUP_ID, "Team")
        yield server


@pytest.fixture
async def bot(tg: StandInTelegram) -> AsyncIterator[Bot]:
    client = tg.create_bot()
    yield client
    await client.session.close()


@pytest.fixture
def clock(tg: StandInTelegram) -> MovableClock:
    moving = MovableClock()
    tg.set_clock(moving)
    return moving


def owner() -> dict[str, Any]:
    return {"id": OWNER_ID, "first_name": "Ольга", "username": "olga_shop"}


def client(user_id: int = CLIENT_ID, name: str = "Анна") -> dict[str, Any]:
    return {"id": user_id, "first_name": name, "username": f"user{user_id}"}


def keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="b", callback_data=data)]]
    )


async def raw_post(tg: StandInTelegram, method: str, body: dict[str, Any]) -> tuple[int, Any]:
    """A request without aiogram, to see the exact status and payload."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{tg.base_url}/bot{tg.token}/{method}", json=body) as response,
    ):
        return response.status, await response.json()


async def drain(bot: Bot) -> None:
    """Confirm every update queued so far, as a bot that handled them would."""
    updates = await bot.get_updates()
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1)


def connected(tg: StandInTelegram, **kwargs: Any) -> str:
    """A connection to the owner in which the client has just written."""
    connection = tg.business_connect(owner(), **kwargs)
    if kwargs.get("enabled", True):
        tg.business_text(connection, client(), "Здравствуйте")
    return connection


# ---------------------------------------------------------------- connections


async def test_connection_updates_parse_and_register_the_owner(
    tg: StandInTelegram, bot: Bot, clock: MovableClock
) -> None:
    """business_connect / business_update push BusinessConnection objects aiogram reads, with
    can_reply both in rights and at the top level; the owner becomes a known user."""
    connection = tg.business_connect(owner(), can_reply=False)
    changed = tg.business_update(connection, can_reply=True, enabled=False)
    assert changed["is_enabled"] is False and changed["rights"] == {"can_reply": True}
    updates = await bot.get_updates()
    assert [u.event_type for u in updates] == ["business_connection"] * 2
    first, second = (u.business_connection for u in updates)
    assert first is not None and second is not None
    assert (first.id, first.user.id, first.user_chat_id) == (connection, OWNER_ID, OWNER_ID)
    assert first.user.username == "olga_shop" and first.is_enabled
    assert first.can_reply is False and first.rights is not None and not first.rights.can_reply
    assert int(first.date.timestamp()) == int(clock.now)
    assert second.is_enabled is False and second.can_reply is True
    assert (await bot.get_chat(OWNER_ID)).first_name == "Ольга"
    with pytest.raises(AssertionError, match="exists"):
        tg.business_connect(owner(), connection_id=connection)
    named = tg.business_connect(owner(), connection_id="conn-2")
    assert named == "conn-2"


async def test_get_business_connection(tg: StandInTelegram, bot: Bot) -> None:
    """getBusinessConnection answers the current state; an unknown id is 400."""
    connection = tg.business_connect(owner())
    fetched = await bot.get_business_connection(connection)
    assert (fetched.id, fetched.user.id, fetched.is_enabled, fetched.can_reply) == (
        connection,
        OWNER_ID,
        True,
        True,
    )
    tg.business_update(connection, enabled=False, can_reply=False)
    fetched = await bot.get_business_connection(connection)
    assert fetched.is_enabled is False and fetched.rights is not None
    assert fetched.rights.can_reply is False
    with pytest.raises(TelegramBadRequest, match="BUSINESS_CONNECTION_INVALID"):
        await bot.get_business_connection("no-such-connection")
    assert tg.calls_to("getBusinessConnection")[-1].error_code == 400


# ---------------------------------------------------------------- what reaches the bot


async def test_every_injected_business_update_parses(tg: StandInTelegram, bot: Bot) -> None:
    """Client messages of every kind, the owner's own text, service messages, edits and
    deletions arrive with their update types and fields, and aiogram reads them all."""
    connection = tg.business_connect(owner())
    anna = client()
    text = tg.business_text(connection, anna, "Где мой заказ?")
    reply = tg.business_text(connection, anna, "Ответьте", reply_to=text)
    photo = tg.business_photo(connection, anna, b"\xff\xd8\xffphoto", caption="чек")
    sticker = tg.business_sticker(connection, anna)
    document = tg.business_document(connection, anna, "act.pdf", data=b"%PDF-act")
    voice = tg.business_voice(connection, anna, duration=7)
    mine = tg.business_owner_text(connection, CLIENT_ID, "Сейчас проверю")
    pinned = tg.business_service(connection, anna, {"pinned_message": text})
    background = {
        "type": {"type": "fill", "fill": {"type": "solid", "color": 0}, "dark_theme_dimming": 0}
    }
    backdrop = tg.business_service(connection, anna, {"chat_background_set": background})
    edited = tg.business_edit(text, "Где мой заказ №5?")
    deleted = tg.business_delete(connection, CLIENT_ID, [voice["message_id"]])

    assert [m["message_id"] for m in (text, reply, photo, sticker, document)] == [1, 2, 3, 4, 5]
    assert reply["reply_to_message"]["text"] == "Где мой заказ?"
    assert mine["from"]["id"] == OWNER_ID and "sender_business_bot" not in mine
    assert "text" not in pinned and pinned["from"]["id"] == CLIENT_ID
    assert edited["edit_date"] and edited["text"] == "Где мой заказ №5?"
    assert deleted == {
        "business_connection_id": connection,
        "chat": {"id": CLIENT_ID, "type": "private", "first_name": "Анна", "username": "user1001"},
        "message_ids": [voice["message_id"]],
    }
    for raw in tg.injected:
        Update.model_validate(raw)

    updates = await bot.get_updates()
    assert [u.event_type for u in updates] == ["business_connection"] + ["business_message"] * 9 + [
        "edited_business_message",
        "deleted_business_messages",
    ]
    messages = [u.business_message for u in updates if u.business_message]
    for message in messages:
        assert message.business_connection_id == connection
        assert message.chat.id == CLIENT_ID and message.chat.type == "private"
    senders = [m.from_user.id for m in messages if m.from_user]
    assert senders == [CLIENT_ID] * 6 + [OWNER_ID] + [CLIENT_ID] * 2
    assert messages[2].photo and messages[2].caption == "чек"
    assert messages[3].sticker is not None and messages[3].text is None
    assert messages[4].document and messages[4].document.file_name == "act.pdf"
    assert messages[5].voice and messages[5].voice.duration == 7
    assert messages[7].pinned_message is not None and messages[7].text is None
    assert messages[8].chat_background_set is not None
    assert backdrop["chat_background_set"] == background
    edit = updates[10].edited_business_message
    assert edit is not None and edit.edit_date is not None and edit.business_connection_id
    gone = updates[11].deleted_business_messages
    assert gone is not None and gone.message_ids == [voice["message_id"]]
    assert gone.chat.id == CLIENT_ID and gone.business_connection_id == connection
    # None of it happened in the bot's own chats.
    assert tg.bot_messages(CLIENT_ID) == [] and tg.updates_pending() == 12


async def test_injection_mistakes_fail_the_test(tg: StandInTelegram, bot: Bot) -> None:
    """A disabled connection delivers nothing, and the helpers refuse what cannot happen."""
    connection = tg.business_connect(owner())
    with pytest.raises(AssertionError, match="has no chat"):
        tg.business_owner_text(connection, 4242, "hello?")
    with pytest.raises(AssertionError, match="not registered"):
        tg.business_text("no-such-connection", client(), "hi")
    sticker = tg.business_sticker(connection, client())
    with pytest.raises(AssertionError, match="only text"):
        tg.business_edit(sticker, "x")
    tg.business_text(connection, client(), "hi")
    sent = await bot.send_message(CLIENT_ID, "ours", business_connection_id=connection)
    with pytest.raises(AssertionError, match="through the Bot API"):
        tg.business_edit(sent.model_dump(by_alias=True), "x")
    with pytest.raises(AssertionError, match=r"\[99\]"):
        tg.business_delete(connection, CLIENT_ID, [99])
    tg.business_update(connection, enabled=False)
    with pytest.raises(AssertionError, match="disabled"):
        tg.business_text(connection, client(), "hi")


async def test_allowed_updates_filter_business_types(tg: StandInTelegram, bot: Bot) -> None:
    """Business update types are kept or dropped by allowed_updates like any other type."""
    connection = tg.business_connect(owner())
    text = tg.business_text(connection, client(), "one")
    tg.business_edit(text, "one!")
    tg.business_delete(connection, CLIENT_ID, [text["message_id"]])
    tg.send_text(tg.user(OTHER_ID, "Пётр"), "ordinary")
    kept = await bot.get_updates(allowed_updates=["business_message", "deleted_business_messages"])
    assert [u.event_type for u in kept] == ["business_message", "deleted_business_messages"]
    tg.business_text(connection, client(), "two")
    tg.business_update(connection, can_reply=False)
    kept = await bot.get_updates(
        offset=kept[-1].update_id + 1, allowed_updates=["business_connection"]
    )
    assert [u.event_type for u in kept] == ["business_connection"]
    assert tg.updates_pending() == 1


# ---------------------------------------------------------------- sending on the owner's behalf


async def test_send_through_connection_posts_as_owner_and_echoes(
    tg: StandInTelegram, bot: Bot
) -> None:
    """A send with business_connection_id lands in the business chat from the owner, signed
    by the bot, and comes back as a business_message the bot must not take for the client's."""
    connection = connected(tg)
    incoming = tg.business_text(connection, client(), "Когда доставка?")
    await drain(bot)
    sent = await bot.send_message(
        CLIENT_ID,
        "<b>Завтра</b> до 12",
        parse_mode="HTML",
        business_connection_id=connection,
        reply_markup=keyboard("ok"),
        reply_parameters=ReplyParameters(message_id=incoming["message_id"], chat_id=CLIENT_ID),
    )
    assert sent.from_user is not None and sent.from_user.id == OWNER_ID
    assert sent.sender_business_bot is not None and sent.sender_business_bot.id == tg.bot_id
    assert sent.business_connection_id == connection and sent.chat.id == CLIENT_ID
    assert sent.reply_to_message is not None and sent.reply_to_message.text == "Когда доставка?"
    assert sent.message_id == incoming["message_id"] + 1
    [stored] = tg.business_messages(connection, CLIENT_ID)
    assert (stored.message_id, stored.text, stored.html) == (
        sent.message_id,
        "Завтра до 12",
        "<b>Завтра</b> до 12",
    )
    assert tg.buttons(stored) == [("b", "ok")]
    assert tg.calls_to("sendMessage")[-1].params["business_connection_id"] == connection
    [echo] = await bot.get_updates()
    assert echo.business_message is not None
    assert echo.business_message.message_id == sent.message_id
    assert echo.business_message.sender_business_bot is not None
    assert echo.business_message.from_user.id == OWNER_ID  # type: ignore[union-attr]
    assert (await tg.wait_business_message(connection, CLIENT_ID, "Завтра", 0.1)) == stored
    with pytest.raises(AssertionError, match="business chat with 1001"):
        await tg.wait_business_message(connection, CLIENT_ID, "never", 0.05)


async def test_business_chat_is_not_the_bots_own_chat(tg: StandInTelegram, bot: Bot) -> None:
    """The client's business chat and the bot's chat with the same user share an id but not
    their messages; a client who never started the bot has no chat with it at all."""
    tg.user(CLIENT_ID, "Анна", username="user1001")
    connection = connected(tg)
    in_business = await bot.send_message(
        CLIENT_ID, "через бизнес", business_connection_id=connection
    )
    in_own = await bot.send_message(CLIENT_ID, "от бота")
    assert in_own.from_user is not None and in_own.from_user.id == tg.bot_id
    assert in_own.business_connection_id is None and in_own.sender_business_bot is None
    assert in_own.message_id == 1 and in_business.message_id == 2
    assert [m.text for m in tg.bot_messages(CLIENT_ID)] == ["от бота"]
    assert [m.text for m in tg.business_messages(connection, CLIENT_ID)] == ["через бизнес"]
    # A business message is not editable as a message of the bot's chat, nor the reverse.
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=CLIENT_ID, message_id=in_business.message_id)
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(
            CLIENT_ID, "x", business_connection_id=connection, reply_to_message_id=99
        )
    # The business client never started the bot: no ordinary chat with them.
    tg.business_text(connection, client(OTHER_ID, "Пётр"), "hi")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(OTHER_ID, "x")
    await bot.send_message(OTHER_ID, "y", business_connection_id=connection)
    # Another owner's connection has its own chat with the same client.
    other = tg.business_connect({"id": 501, "first_name": "Игорь"})
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(CLIENT_ID, "x", business_connection_id=other)


async def test_refusals_and_their_order(tg: StandInTelegram, bot: Bot) -> None:
    """Unknown, disabled, read-only connections and unknown chats are refused with Telegram's
    texts, the first broken rule winning; the business rules come before the text's own."""
    connection = connected(tg)
    send = bot.send_message
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUSINESS_CONNECTION_INVALID"):
        await send(CLIENT_ID, "x", business_connection_id="no-such-connection")
    with pytest.raises(TelegramBadRequest, match="Bad Request: chat not found"):
        await send(4242, "x", business_connection_id=connection)
    with pytest.raises(TelegramBadRequest, match="can't parse entities"):
        await send(CLIENT_ID, "<b>", parse_mode="HTML", business_connection_id=connection)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await send(CLIENT_ID, "x" * 4097, business_connection_id=connection)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await send(
            CLIENT_ID, "x", business_connection_id=connection, reply_markup=keyboard("d" * 65)
        )
    tg.business_update(connection, can_reply=False)
    with pytest.raises(TelegramForbiddenError, match="Forbidden: BOT_ACCESS_FORBIDDEN"):
        await send(4242, "<b>", parse_mode="HTML", business_connection_id=connection)
    tg.business_update(connection, enabled=False)
    with pytest.raises(TelegramBadRequest, match="Bad Request: BUSINESS_CONNECTION_NOT_ALLOWED"):
        await send(4242, "x", business_connection_id=connection)
    tg.business_update(connection, enabled=True, can_reply=True)
    await send(CLIENT_ID, "x", business_connection_id=connection)
    refused = [c for c in tg.calls_to("sendMessage") if not c.ok]
    assert [c.error_code for c in refused] == [400, 400, 400, 400, 400, 403, 400]
    assert tg.business_messages(connection, CLIENT_ID)[0].text == "x"


async def test_reply_window_is_24_hours_of_the_clients_messages(
    tg: StandInTelegram, bot: Bot, clock: MovableClock
) -> None:
    """The bot may write only within 24 hours after the client's last message, by the
    stand-in clock; the owner's own messages do not open the window."""
    tg.user(CLIENT_ID, "Анна")
    connection = tg.business_connect(owner())
    tg.business_owner_text(connection, CLIENT_ID, "Добрый день! Чем помочь?")
    with pytest.raises(TelegramForbiddenError, match="Forbidden: BUSINESS_PEER_USAGE_MISSING"):
        await bot.send_message(CLIENT_ID, "x", business_connection_id=connection)
    background = {
        "type": {"type": "fill", "fill": {"type": "solid", "color": 0}, "dark_theme_dimming": 0}
    }
    tg.business_service(connection, client(), {"chat_background_set": background})
    with pytest.raises(TelegramForbiddenError, match="BUSINESS_PEER_USAGE_MISSING"):
        await bot.send_message(CLIENT_ID, "x", business_connection_id=connection)
    incoming = tg.business_text(connection, client(), "Есть вопрос")
    wrote = clock.now
    assert incoming["date"] == int(wrote)
    clock.advance(DAY - 60)
    sent = await bot.send_message(CLIENT_ID, "Слушаю", business_connection_id=connection)
    assert int(sent.date.timestamp()) == int(clock.now)
    tg.business_owner_text(connection, CLIENT_ID, "Напишите, пожалуйста")
    clock.now = wrote + DAY + 3600  # 25 hours after the client wrote
    with pytest.raises(TelegramForbiddenError, match="BUSINESS_PEER_USAGE_MISSING"):
        await bot.send_message(CLIENT_ID, "Вы здесь?", business_connection_id=connection)
    with pytest.raises(TelegramForbiddenError, match="BUSINESS_PEER_USAGE_MISSING"):
        await bot.edit_message_text(
            "Слушаю!",
            chat_id=CLIENT_ID,
            message_id=sent.message_id,
            business_connection_id=connection,
        )
    await bot.send_message(CLIENT_ID, "ordinary chat is not limited")
    tg.business_text(connection, client(), "Я тут")
    await bot.send_message(CLIENT_ID, "Отлично", business_connection_id=connection)
    assert [m.text for m in tg.business_messages(connection, CLIENT_ID)] == ["Слушаю", "Отлично"]


async def test_set_clock_dates_every_message(tg: StandInTelegram, bot: Bot) -> None:
    """Message and edit dates follow set_clock; None goes back to the real time."""
    tg.set_clock(lambda: 1_800_000_000.5)
    user = tg.user(OTHER_ID, "Пётр")
    assert tg.send_text(user, "hi")["date"] == 1_800_000_000
    sent = await bot.send_message(OTHER_ID, "hello")
    assert int(sent.date.timestamp()) == 1_800_000_000
    tg.set_clock(lambda: 1_800_000_100.0)
    edited = await bot.edit_message_text("hello!", chat_id=OTHER_ID, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.edit_date == 1_800_000_100
    tg.set_clock(None)
    assert abs(tg.send_text(user, "now")["date"] - time.time()) < 5


# ---------------------------------------------------------------- files, albums, copies


async def test_files_from_business_chats_resend_by_file_id(tg: StandInTelegram, bot: Bot) -> None:
    """Photos, documents and voices a client sent the owner are resendable by file_id,
    into the business chat and elsewhere, and file_bytes reads what was sent."""
    connection = connected(tg)
    photo = tg.business_photo(connection, client(), b"\xff\xd8\xffclient-photo", caption="чек")
    document = tg.business_document(connection, client(), "act.pdf", data=b"%PDF-act")
    voice = tg.business_voice(connection, client(), data=b"OggS-voice")
    photo_id = photo["photo"][-1]["file_id"]
    await bot.send_photo(GROUP_ID, photo_id, caption="от клиента")
    assert tg.file_bytes(tg.last_bot_message(GROUP_ID)) == b"\xff\xd8\xffclient-photo"  # type: ignore[arg-type]
    await bot.send_photo(
        CLIENT_ID,
        photo_id,
        caption="<i>ваш чек</i>",
        parse_mode="HTML",
        business_connection_id=connection,
    )
    await bot.send_document(
        CLIENT_ID, document["document"]["file_id"], business_connection_id=connection
    )
    await bot.send_voice(CLIENT_ID, voice["voice"]["file_id"], business_connection_id=connection)
    sent = tg.business_messages(connection, CLIENT_ID)
    assert [(m.kind, m.method) for m in sent] == [
        ("photo", "sendPhoto"),
        ("document", "sendDocument"),
        ("voice", "sendVoice"),
    ]
    assert sent[0].caption == "ваш чек"
    assert [tg.file_bytes(m) for m in sent] == [
        b"\xff\xd8\xffclient-photo",
        b"%PDF-act",
        b"OggS-voice",
    ]
    file = await bot.get_file(document["document"]["file_id"])
    downloaded = await bot.download_file(file.file_path)  # type: ignore[arg-type]
    assert downloaded is not None and downloaded.read() == b"%PDF-act"
    with pytest.raises(TelegramBadRequest, match="can't use file of type Document as Photo"):
        await bot.send_photo(
            CLIENT_ID, document["document"]["file_id"], business_connection_id=connection
        )
    echoes = [u.business_message for u in await bot.get_updates() if u.business_message]
    assert [bool(m.sender_business_bot) for m in echoes] == [False] * 4 + [True] * 3


async def test_media_group_through_connection(tg: StandInTelegram, bot: Bot) -> None:
    """An album goes into the business chat whole, every part signed and echoed."""
    connection = connected(tg)
    first = tg.business_photo(connection, client())["photo"][-1]["file_id"]
    second = tg.business_photo(connection, client())["photo"][-1]["file_id"]
    album = await bot.send_media_group(
        CLIENT_ID,
        [InputMediaPhoto(media=first, caption="1"), InputMediaPhoto(media=second)],
        business_connection_id=connection,
    )
    assert {m.business_connection_id for m in album} == {connection}
    assert len({m.media_group_id for m in album}) == 1
    assert all(m.sender_business_bot is not None for m in album)
    assert [m.kind for m in tg.business_messages(connection, CLIENT_ID)] == ["photo", "photo"]
    assert tg.bot_messages(CLIENT_ID) == []
    tg.business_update(connection, can_reply=False)
    with pytest.raises(TelegramForbiddenError, match="BOT_ACCESS_FORBIDDEN"):
        await bot.send_media_group(
            CLIENT_ID,
            [InputMediaPhoto(media=first), InputMediaPhoto(media=second)],
            business_connection_id=connection,
        )


async def test_copy_message_through_connection_is_refused(tg: StandInTelegram, bot: Bot) -> None:
    """copyMessage on the owner's behalf is 400 "message can't be copied"; without the
    connection it copies as before."""
    user = tg.user(OTHER_ID, "Пётр")
    source = tg.send_text(user, "copy me")
    connection = connected(tg)
    with pytest.raises(TelegramBadRequest, match="Bad Request: message can't be copied"):
        await bot(
            CopyMessage(
                chat_id=CLIENT_ID,
                from_chat_id=OTHER_ID,
                message_id=source["message_id"],
                business_connection_id=connection,
            )
        )
    status, body = await raw_post(
        tg,
        "copyMessage",
        {
            "chat_id": CLIENT_ID,
            "from_chat_id": OTHER_ID,
            "message_id": source["message_id"],
            "business_connection_id": connection,
        },
    )
    assert (status, body["description"]) == (400, "Bad Request: message can't be copied")
    assert tg.business_messages(connection, CLIENT_ID) == []
    await bot.copy_message(GROUP_ID, OTHER_ID, source["message_id"])
    assert tg.last_bot_message(GROUP_ID).text == "copy me"  # type: ignore[union-attr]


# ---------------------------------------------------------------- edits


async def test_editing_the_bots_business_messages(tg: StandInTelegram, bot: Bot) -> None:
    """editMessageText / editMessageReplyMarkup with the connection change the bot's message
    in the business chat and echo edited_business_message; the client's are not editable."""
    connection = connected(tg)
    incoming = tg.business_text(connection, client(), "вопрос")
    sent = await bot.send_message(
        CLIENT_ID, "Статус: новый", business_connection_id=connection, reply_markup=keyboard("a")
    )
    await drain(bot)
    edited = await bot.edit_message_text(
        "<i>Статус: в работе</i>",
        chat_id=CLIENT_ID,
        message_id=sent.message_id,
        parse_mode="HTML",
        business_connection_id=connection,
        reply_markup=keyboard("b"),
    )
    assert isinstance(edited, Message) and edited.edit_date is not None
    assert edited.business_connection_id == connection
    await bot.edit_message_reply_markup(
        chat_id=CLIENT_ID,
        message_id=sent.message_id,
        business_connection_id=connection,
        reply_markup=keyboard("c"),
    )
    [current] = tg.business_messages(connection, CLIENT_ID)
    assert (current.text, current.html, current.edits) == (
        "Статус: в работе",
        "<i>Статус: в работе</i>",
        2,
    )
    assert tg.buttons(current) == [("b", "c")]
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=CLIENT_ID,
            message_id=sent.message_id,
            business_connection_id=connection,
            reply_markup=keyboard("c"),
        )
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(
            "x",
            chat_id=CLIENT_ID,
            message_id=incoming["message_id"],
            business_connection_id=connection,
        )
    with pytest.raises(TelegramBadRequest, match="BUSINESS_CONNECTION_INVALID"):
        await bot.edit_message_text(
            "x", chat_id=CLIENT_ID, message_id=sent.message_id, business_connection_id="nope"
        )
    echoes = await bot.get_updates()
    assert [u.event_type for u in echoes] == ["edited_business_message"] * 2
    assert echoes[0].edited_business_message.text == "Статус: в работе"  # type: ignore[union-attr]
    tg.business_delete(connection, CLIENT_ID, [sent.message_id])
    assert tg.business_messages(connection, CLIENT_ID) == []
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(
            "x", chat_id=CLIENT_ID, message_id=sent.message_id, business_connection_id=connection
        )


# ---------------------------------------------------------------- a real Dispatcher


async def test_dispatcher_answers_business_messages_once(tg: StandInTelegram) -> None:
    """A real Dispatcher gets business_message updates (its allowed_updates include them),
    answers through the connection with Message.answer and skips its own echo."""
    dispatcher = Dispatcher()
    seen: list[str] = []

    @dispatcher.business_message()
    async def answer(message: Message) -> None:
        seen.append(message.text or "")
        if message.sender_business_bot is None:
            await message.answer(f"Получили: {message.text}")

    bot = tg.create_bot()
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
    )
    try:
        connection = tg.business_connect(owner())
        tg.business_text(connection, client(), "Сломался заказ")
        reply = await tg.wait_business_message(connection, CLIENT_ID, "Получили", 3.0)
        assert reply.text == "Получили: Сломался заказ"
        assert reply.message["from"]["id"] == OWNER_ID
        await tg.wait_for(lambda: len(seen) == 2 and tg.updates_pending() == 0, timeout=3.0)
    finally:
        await dispatcher.stop_polling()
        await asyncio.wait_for(polling, timeout=3.0)
    assert seen == ["Сломался заказ", "Получили: Сломался заказ"]
    assert len(tg.business_messages(connection, CLIENT_ID)) == 1
    polls = [c for c in tg.calls_to("getUpdates") if c.params.get("allowed_updates")]
    assert polls and "business_message" in polls[0].params["allowed_updates"]
