"""Tests of the stand-in Telegram Bot API server itself.

Why: every bot test trusts the stand-in to behave like Telegram. If the stand-in accepted
something Telegram rejects, the bot's tests would pass and production would fail. So each rule
is proven here with a real ``aiogram.Bot`` talking HTTP to the stand-in, checking the aiogram
exception type the bot code would see.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)

from tests.standin import HTMLParseError, StandInTelegram, parse_html, validate_html

pytestmark = pytest.mark.timeout(5)

USER_ID = 1001
GROUP_ID = -100500


@pytest.fixture
async def tg() -> AsyncIterator[StandInTelegram]:
    """A running stand-in with one user and one group, stopped after the test."""
    async with StandInTelegram() as server:
        server.user(USER_ID, "Анна", username="anna")
        server.group(GROUP_ID, "Team")
        yield server


@pytest.fixture
async def bot(tg: StandInTelegram) -> AsyncIterator[Bot]:
    """A real aiogram Bot pointed at the stand-in, exactly as the bot's tests will build it."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url))
    client = Bot(tg.token, session=session)
    yield client
    await client.session.close()


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    """One-row inline keyboard of (text, callback_data) buttons."""
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=t, callback_data=d) for t, d in pairs]]
    )


async def raw_post(tg: StandInTelegram, method: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    """POST without aiogram, to check body encodings and URL handling."""
    token = kwargs.pop("token", tg.token)
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{tg.base_url}/bot{token}/{method}", **kwargs) as response,
    ):
        return response.status, await response.json()


# ---------------------------------------------------------------- HTML parse mode (pure)


@pytest.mark.parametrize(
    ("source", "text", "types"),
    [
        ("<b>bold</b> and <strong>strong</strong>", "bold and strong", ["bold", "bold"]),
        ("<i>a</i><em>b</em><u>c</u><ins>d</ins>", "abcd", ["italic"] * 2 + ["underline"] * 2),
        ("<s>a</s><strike>b</strike><del>c</del>", "abc", ["strikethrough"] * 3),
        ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy", ["spoiler"] * 2),
        ('<a href="https://e.com/?a=1&amp;b=2">link</a>', "link", ["text_link"]),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1", ["pre"]),
        ("<code>&lt;tag&gt; &amp; &quot;q&quot;</code>", '<tag> & "q"', ["code"]),
        ("<blockquote expandable>long</blockquote>", "long", ["expandable_blockquote"]),
        ("<blockquote>q</blockquote>", "q", ["blockquote"]),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍", ["custom_emoji"]),
        ("<B>upper</B> &#65;&#x42; a > b", "upper AB a > b", ["bold"]),
        ("<b>bold <i>both</i></b>", "bold both", ["bold", "italic"]),
    ],
)
def test_html_accepts_telegram_tags_and_entities(source: str, text: str, types: list[str]) -> None:
    """Every documented tag/entity parses to the plain text users see."""
    parsed = parse_html(source)
    assert parsed.text == text
    assert [e["type"] for e in parsed.entities] == types


def test_html_details_language_url_and_utf16_length() -> None:
    """Entity attributes are kept and lengths are counted in UTF-16 code units."""
    pre = parse_html('<pre><code class="language-python">x</code></pre>').entities[0]
    assert pre["language"] == "python"
    link = parse_html('<a href="https://e.com/?a=1&amp;b=2">l</a>').entities[0]
    assert link["url"] == "https://e.com/?a=1&b=2"
    assert validate_html("😀<b>é</b>&#x1F600;") == 5
    assert validate_html("  <b> padded </b>\n") == len("padded")


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo"'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'expected "</i>", found "</b>"'),
        ("1 < 2", 'Unsupported start tag ""'),
        ("Fish & chips", "Can't find end of a character entity"),
        ("&nbsp;", 'Unsupported HTML entity "&nbsp;"'),
        ("&#xD800;", "Unsupported HTML entity"),
        ("x</b>", "Unexpected end tag"),
        ('<span class="red">x</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("<b", "Unclosed start tag"),
        ("<br/>", 'Unsupported start tag "br"'),
        ("<tg-emoji>x</tg-emoji>", 'must have attribute "emoji-id"'),
    ],
)
def test_html_rejects_what_telegram_rejects(source: str, reason: str) -> None:
    """Malformed HTML raises with Telegram's ``can't parse entities`` wording."""
    with pytest.raises(HTMLParseError) as caught:
        validate_html(source)
    assert reason in caught.value.reason
    assert caught.value.description.startswith("Bad Request: can't parse entities: ")


def test_html_error_offsets_are_utf8_bytes() -> None:
    """Telegram reports byte offsets; a Cyrillic prefix (2 bytes/char) must shift them."""
    with pytest.raises(HTMLParseError, match="at byte offset 8"):
        validate_html("Анна<x>")


# ---------------------------------------------------------------- server basics


async def test_get_me_wrong_token_and_unknown_method(tg: StandInTelegram, bot: Bot) -> None:
    """getMe answers; a foreign token is 401; an unknown method is 404."""
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456, "firsthand_test_bot", True)

    wrong = Bot("999:WRONG", session=AiohttpSession(api=TelegramAPIServer.from_base(tg.base_url)))
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await wrong.get_me()
    finally:
        await wrong.session.close()

    status, body = await raw_post(tg, "sendCarrierPigeon", json={})
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found"}
    assert tg.calls[-1].method == "sendCarrierPigeon" and not tg.calls[-1].ok


async def test_method_names_are_case_insensitive_and_bodies_json_or_urlencoded(
    tg: StandInTelegram,
) -> None:
    """Telegram accepts any case and JSON/urlencoded bodies; digits in text stay text."""
    status, body = await raw_post(tg, "SENDMESSAGE", json={"chat_id": USER_ID, "text": "json"})
    assert status == 200 and body["ok"] and body["result"]["text"] == "json"
    status, body = await raw_post(tg, "sendmessage", data={"chat_id": str(USER_ID), "text": "123"})
    assert status == 200 and body["result"]["text"] == "123"
    assert tg.calls[-1].method == "sendMessage"
    assert tg.calls[-1].params == {"chat_id": USER_ID, "text": "123"}
    markup = json.dumps({"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]})
    form = {"chat_id": USER_ID, "text": "k", "reply_markup": markup}
    await raw_post(tg, "sendMessage", data=form)
    assert tg.buttons(tg.last_bot_message(USER_ID)) == [("A", "a")]  # type: ignore[arg-type]


async def test_send_message_state_is_observable(tg: StandInTelegram, bot: Bot) -> None:
    """sendMessage stores plain text, raw HTML, markup, flags; calls are recorded decoded."""
    sent = await bot.send_message(
        USER_ID,
        "<b>Жалоба №5</b> &amp; ответ",
        parse_mode="HTML",
        reply_markup=keyboard(("Взять", "claim:5"), ("Позже", "later:5")),
        disable_notification=True,
        protect_content=True,
    )
    assert sent.text == "Жалоба №5 & ответ"
    assert sent.entities is not None and sent.entities[0].type == "bold"
    message = tg.last_bot_message(USER_ID)
    assert message is not None
    assert message.message_id == sent.message_id
    assert message.text == "Жалоба №5 & ответ"
    assert message.html == "<b>Жалоба №5</b> &amp; ответ"
    assert (message.kind, message.disable_notification, message.protect_content) == (
        "text",
        True,
        True,
    )
    assert tg.buttons(message) == [("Взять", "claim:5"), ("Позже", "later:5")]
    assert message.edits == 0 and message.reply_to_message_id is None
    call = tg.calls_to("sendMessage")[-1]
    assert call.ok and call.params["chat_id"] == USER_ID
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "claim:5"
    assert call.result["message_id"] == sent.message_id
    second = await bot.send_message(USER_ID, "two")
    assert second.message_id == sent.message_id + 1
    assert [m.text for m in tg.bot_messages(USER_ID)] == ["Жалоба №5 & ответ", "two"]


async def test_unparsable_html_is_bad_request(bot: Bot) -> None:
    """Unescaped user text in HTML mode fails the way it fails in production."""
    for text in ("<b>unclosed", "client wrote a < b", "Fish & chips", "<script>x</script>"):
        with pytest.raises(TelegramBadRequest, match="can't parse entities"):
            await bot.send_message(USER_ID, text, parse_mode="HTML")


async def test_text_and_caption_length_limits(tg: StandInTelegram, bot: Bot) -> None:
    """Limits apply to parsed text in UTF-16 units; empty text is rejected."""
    await bot.send_message(USER_ID, "a" * 4096)
    await bot.send_message(USER_ID, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER_ID, "a" * 4097)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(USER_ID, "😀" * 2049)  # 2049 chars, 4098 UTF-16 units
    for empty in ("", "   \n", "<b> </b>"):
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(USER_ID, empty, parse_mode="HTML")
    photo = tg.send_photo(tg.user(USER_ID, "Анна"))["photo"][-1]["file_id"]
    await bot.send_photo(USER_ID, photo, caption="c" * 1024)
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_photo(USER_ID, photo, caption="c" * 1025)


async def test_unknown_chat_get_chat_and_blocked_user(tg: StandInTelegram, bot: Bot) -> None:
    """Unknown chats are 400 chat not found; getChat works for known ones; blocked → 403."""
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(424242, "hi")
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.get_chat(424242)
    private = await bot.get_chat(USER_ID)
    assert (private.type, private.first_name, private.username) == ("private", "Анна", "anna")
    group = await bot.get_chat(GROUP_ID)
    assert (group.type, group.title) == ("supergroup", "Team")

    tg.block(USER_ID)
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(USER_ID, "hi")
    with pytest.raises(TelegramForbiddenError):
        await bot.send_chat_action(USER_ID, "typing")
    await bot.send_message(GROUP_ID, "groups are unaffected")
    tg.unblock(USER_ID)
    await bot.send_message(USER_ID, "back")


async def test_inline_keyboard_validation(tg: StandInTelegram, bot: Bot) -> None:
    """callback_data must be 1-64 UTF-8 bytes; buttons need exactly one action."""
    await bot.send_message(USER_ID, "ok", reply_markup=keyboard(("x", "d" * 64)))
    for data in ("d" * 65, "я" * 33, ""):
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(USER_ID, "bad", reply_markup=keyboard(("x", data)))
    text_only = {"inline_keyboard": [[{"text": "just text"}]]}
    status, body = await raw_post(
        tg, "sendMessage", json={"chat_id": USER_ID, "text": "t", "reply_markup": text_only}
    )
    assert status == 400 and "Text buttons are unallowed" in body["description"]
    two_actions = {"inline_keyboard": [[{"text": "t", "callback_data": "a", "url": "https://e"}]]}
    status, _ = await raw_post(
        tg, "sendMessage", json={"chat_id": USER_ID, "text": "t", "reply_markup": two_actions}
    )
    assert status == 400
    empty_text = {"inline_keyboard": [[{"text": "", "callback_data": "a"}]]}
    status, _ = await raw_post(
        tg, "sendMessage", json={"chat_id": USER_ID, "text": "t", "reply_markup": empty_text}
    )
    assert status == 400
    url_button = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="site", url="https://example.com")]]
    )
    await bot.send_message(USER_ID, "url", reply_markup=url_button)
    assert tg.buttons(tg.last_bot_message(USER_ID)) == [("site", None)]  # type: ignore[arg-type]

    await bot.send_message(USER_ID, "Опишите проблему", reply_markup=ForceReply())
    last = tg.last_bot_message(USER_ID)
    assert last is not None and last.force_reply and last.reply_markup == {"force_reply": True}


async def test_reply_must_point_at_existing_message(tg: StandInTelegram, bot: Bot) -> None:
    """Replying to a missing message is 400 unless allow_sending_without_reply."""
    user = tg.user(USER_ID, "Анна", username="anna")
    incoming = tg.send_text(user, "my complaint")
    sent = await bot.send_message(
        USER_ID, "got it", reply_parameters=ReplyParameters(message_id=incoming["message_id"])
    )
    assert sent.reply_to_message is not None
    assert sent.reply_to_message.text == "my complaint"
    assert tg.last_bot_message(USER_ID).reply_to_message_id == incoming["message_id"]  # type: ignore[union-attr]
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(USER_ID, "x", reply_parameters=ReplyParameters(message_id=999))
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(USER_ID, "x", reply_to_message_id=999)
    tolerated = await bot.send_message(
        USER_ID,
        "x",
        reply_parameters=ReplyParameters(message_id=999, allow_sending_without_reply=True),
    )
    assert tolerated.reply_to_message is None
    # A message of another chat is not in this chat.
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(GROUP_ID, "x", reply_to_message_id=incoming["message_id"])


async def test_edit_rules(tg: StandInTelegram, bot: Bot) -> None:
    """Edits need the bot's own existing message and a real change; no markup drops buttons."""
    user_message = tg.send_text(tg.user(USER_ID, "Анна"), "hello")
    sent = await bot.send_message(USER_ID, "Status: new", reply_markup=keyboard(("Take", "t")))
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=999)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=user_message["message_id"])
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=GROUP_ID, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new"):
        await bot.edit_message_text(
            "Status: new",
            chat_id=USER_ID,
            message_id=sent.message_id,
            reply_markup=keyboard(("Take", "t")),
        )
    edited = await bot.edit_message_text(
        "<i>Status: taken</i>",
        chat_id=USER_ID,
        message_id=sent.message_id,
        parse_mode="HTML",
        reply_markup=keyboard(("Close", "c")),
    )
    assert isinstance(edited, Message) and edited.edit_date is not None
    current = tg.bot_messages(USER_ID)[0]
    assert (current.text, current.html, current.edits) == (
        "Status: taken",
        "<i>Status: taken</i>",
        1,
    )
    assert tg.buttons(current) == [("Close", "c")]
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=USER_ID, message_id=sent.message_id, reply_markup=keyboard(("Close", "c"))
        )
    # Editing the text without reply_markup removes the keyboard, like Telegram.
    await bot.edit_message_text("Status: closed", chat_id=USER_ID, message_id=sent.message_id)
    assert tg.bot_messages(USER_ID)[0].reply_markup is None
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=USER_ID, message_id=sent.message_id)
    await bot.edit_message_reply_markup(
        chat_id=USER_ID, message_id=sent.message_id, reply_markup=keyboard(("Reopen", "r"))
    )
    assert tg.bot_messages(USER_ID)[0].edits == 3


async def test_callback_queries(tg: StandInTelegram, bot: Bot) -> None:
    """press() checks the keyboard; answers are single-use, ≤200 chars, and expire."""
    user = tg.user(USER_ID, "Анна")
    sent = await bot.send_message(USER_ID, "Take it?", reply_markup=keyboard(("Take", "take:1")))
    message = tg.last_bot_message(USER_ID)
    assert message is not None
    with pytest.raises(AssertionError, match="not on message"):
        tg.press(user, message, "take:2")
    query_id = tg.press(user, sent, "take:1")  # an aiogram Message works as well
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    await bot.answer_callback_query(query_id, text="Taken", show_alert=True)
    assert tg.callback_answers[-1]["id"] == query_id
    assert tg.callback_answers[-1]["text"] == "Taken" and tg.callback_answers[-1]["show_alert"]
    with pytest.raises(TelegramBadRequest, match="query is too old and response timeout expired"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_callback_query("123")
    tg.callback_query_ttl = 0.0
    stale = tg.press(user, message, "take:1")
    await asyncio.sleep(0.01)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(stale)
    updates = await bot.get_updates()
    queries = [u.callback_query for u in updates if u.callback_query]
    assert [q.data for q in queries] == ["take:1", "take:1"]
    assert queries[0].message is not None and queries[0].message.message_id == message.message_id


async def test_copy_forward_and_media(tg: StandInTelegram, bot: Bot) -> None:
    """copyMessage keeps the kind and takes the new caption; sources must exist."""
    user = tg.user(USER_ID, "Анна")
    photo = tg.send_photo(user, caption="broken screen")
    copied = await bot.copy_message(
        GROUP_ID, USER_ID, photo["message_id"], caption="<b>From Анна</b>", parse_mode="HTML"
    )
    copy = tg.last_bot_message(GROUP_ID)
    assert copy is not None and copy.message_id == copied.message_id
    assert (copy.kind, copy.caption, copy.text, copy.method) == (
        "photo",
        "From Анна",
        "From Анна",
        "copyMessage",
    )
    assert copy.source == (USER_ID, photo["message_id"])
    assert copy.file_id == photo["photo"][-1]["file_id"]
    text = tg.send_text(user, "plain complaint")
    await bot.copy_message(GROUP_ID, USER_ID, text["message_id"])
    assert tg.last_bot_message(GROUP_ID).text == "plain complaint"  # type: ignore[union-attr]
    with pytest.raises(TelegramBadRequest, match="message to copy not found"):
        await bot.copy_message(GROUP_ID, USER_ID, 999)
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.copy_message(GROUP_ID, 555, 1)
    voice = tg.send_voice(user)
    forwarded = await bot.forward_message(GROUP_ID, USER_ID, voice["message_id"])
    assert forwarded.voice is not None and forwarded.forward_origin is not None
    assert tg.last_bot_message(GROUP_ID).kind == "voice"  # type: ignore[union-attr]


async def test_file_uploads_ids_and_download(tg: StandInTelegram, bot: Bot) -> None:
    """Uploads get file ids; unknown ids and wrong kinds fail; getFile serves the bytes."""
    sent = await bot.send_photo(
        USER_ID,
        BufferedInputFile(b"\xff\xd8jpeg", "p.jpg"),
        caption="<i>multipart</i>",
        parse_mode="HTML",
        reply_markup=keyboard(("Open", "open:1")),
    )
    assert tg.last_bot_message(USER_ID).caption == "multipart"  # type: ignore[union-attr]
    assert tg.buttons(tg.last_bot_message(USER_ID)) == [("Open", "open:1")]  # type: ignore[arg-type]
    file_id = sent.photo[-1].file_id  # type: ignore[index]
    await bot.send_photo(GROUP_ID, file_id, caption="again")
    assert tg.last_bot_message(GROUP_ID).file_id == file_id  # type: ignore[union-attr]
    with pytest.raises(TelegramBadRequest, match="wrong file identifier"):
        await bot.send_photo(USER_ID, "nonexistent-file-id")
    with pytest.raises(TelegramBadRequest, match="can't use file of type Photo as Document"):
        await bot.send_document(USER_ID, file_id)
    document = await bot.send_document(USER_ID, BufferedInputFile(b"%PDF", "report.pdf"))
    stored = tg.last_bot_message(USER_ID)
    assert stored is not None and (stored.kind, stored.file_name) == ("document", "report.pdf")
    assert document.document is not None and document.document.file_name == "report.pdf"
    incoming = tg.send_document(tg.user(USER_ID, "Анна"), "scan.pdf", data=b"%PDF-scan")
    file = await bot.get_file(incoming["document"]["file_id"])
    downloaded = await bot.download_file(file.file_path)  # type: ignore[arg-type]
    assert downloaded is not None and downloaded.read() == b"%PDF-scan"
    voice_id = tg.send_voice(tg.user(USER_ID, "Анна"))["voice"]["file_id"]
    await bot.send_voice(GROUP_ID, voice_id)
    assert tg.last_bot_message(GROUP_ID).kind == "voice"  # type: ignore[union-attr]


async def test_chat_action_and_delete(tg: StandInTelegram, bot: Bot) -> None:
    """sendChatAction validates the action; deleted messages leave bot_messages."""
    assert await bot.send_chat_action(USER_ID, "typing")
    status, _ = await raw_post(tg, "sendChatAction", json={"chat_id": USER_ID, "action": "dance"})
    assert status == 400
    sent = await bot.send_message(USER_ID, "to delete")
    assert await bot.delete_message(USER_ID, sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(USER_ID, sent.message_id)
    assert tg.bot_messages(USER_ID) == []
    assert tg.bot_messages(USER_ID, include_deleted=True)[0].deleted
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=sent.message_id)


async def test_commands_per_scope(tg: StandInTelegram, bot: Bot) -> None:
    """setMyCommands is recorded per scope; invalid commands are rejected."""
    await bot.set_my_commands([BotCommand(command="start", description="Начать")])
    await bot.set_my_commands(
        [BotCommand(command="claim", description="Взять жалобу")],
        scope=BotCommandScopeChat(chat_id=GROUP_ID),
    )
    assert tg.commands("default") == [{"command": "start", "description": "Начать"}]
    assert tg.commands("chat", chat_id=GROUP_ID)[0]["command"] == "claim"
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    await bot.delete_my_commands()
    assert tg.commands("default") == []
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad-Name", description="x")])


async def test_webhook_blocks_polling(tg: StandInTelegram, bot: Bot) -> None:
    """While a webhook is set getUpdates is 409; deleteWebhook can drop pending updates."""
    await bot.set_webhook("https://example.com/hook")
    assert (await bot.get_webhook_info()).url == "https://example.com/hook"
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    tg.send_text(tg.user(USER_ID, "Анна"), "pending")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    await bot.delete_webhook(drop_pending_updates=True)
    assert tg.updates_pending() == 0
    assert await bot.get_updates() == []


async def test_long_polling_offsets_and_limits(tg: StandInTelegram, bot: Bot) -> None:
    """getUpdates returns as soon as an update arrives and forgets confirmed ones."""
    user = tg.user(USER_ID, "Анна")
    loop = asyncio.get_running_loop()
    started = loop.time()
    loop.call_later(0.1, lambda: tg.send_text(user, "late"))
    updates = await bot.get_updates(timeout=5)
    assert loop.time() - started < 1.0
    assert [u.message.text for u in updates] == ["late"]  # type: ignore[union-attr]
    for i in range(3):
        tg.send_text(user, f"m{i}")
    assert tg.updates_pending() == 4
    first = updates[0].update_id
    batch = await bot.get_updates(offset=first + 1, limit=2)
    assert [u.message.text for u in batch] == ["m0", "m1"]  # type: ignore[union-attr]
    assert [u.update_id for u in batch] == [first + 1, first + 2]
    assert tg.updates_pending() == 3
    rest = await bot.get_updates(offset=batch[-1].update_id + 1)
    assert [u.message.text for u in rest] == ["m2"]  # type: ignore[union-attr]
    empty_started = loop.time()
    assert await bot.get_updates(offset=rest[-1].update_id + 1, timeout=0) == []
    assert loop.time() - empty_started < 0.5
    assert tg.updates_pending() == 0


async def test_second_concurrent_get_updates_is_conflict(tg: StandInTelegram, bot: Bot) -> None:
    """Two pollers at once (two bot instances) → 409 Conflict for the newcomer."""
    first = asyncio.create_task(bot.get_updates(timeout=3))
    await tg.wait_for(lambda: tg.polling_active, timeout=1.0)
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await bot.get_updates(timeout=0)
    tg.send_text(tg.user(USER_ID, "Анна"), "wake up")
    assert len(await first) == 1


async def test_abandoned_long_poll_releases_the_slot(tg: StandInTelegram, bot: Bot) -> None:
    """A poller that disconnects (stopped Dispatcher) must not cause 409 for the next one."""
    abandoned = asyncio.create_task(bot.get_updates(timeout=3))
    await tg.wait_for(lambda: tg.polling_active, timeout=1.0)
    abandoned.cancel()
    with pytest.raises(asyncio.CancelledError):
        await abandoned
    await tg.wait_for(lambda: not tg.polling_active, timeout=1.0)
    assert await bot.get_updates(timeout=0) == []


async def test_injected_updates_are_valid_telegram_objects(tg: StandInTelegram, bot: Bot) -> None:
    """Every injected update parses as an aiogram Update with Telegram-like fields."""
    user = tg.user(2002, "Борис", username="boris", last_name="Петров")
    channel = tg.channel(-100777, "News")
    text = tg.send_text(user, "first")
    command = tg.send_command(user, "/claim 5", chat=GROUP_ID)
    reply = tg.send_text(user, "reply", chat=GROUP_ID, reply_to=command)
    photo = tg.send_photo(user, caption="pic")
    document = tg.send_document(user, file_name="a.pdf", caption="doc")
    voice = tg.send_voice(user)
    edited = tg.edit_text(text, "first (edited)")
    post = tg.channel_post(channel, "announcement")
    assert [text["message_id"], photo["message_id"], document["message_id"]] == [1, 2, 3]
    assert voice["message_id"] == 4
    assert [command["message_id"], reply["message_id"]] == [1, 2]  # per-chat numbering
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert reply["reply_to_message"]["text"] == "/claim 5"
    assert edited["edit_date"] and edited["message_id"] == text["message_id"]
    assert post["sender_chat"]["id"] == -100777

    updates: list[Update] = await bot.get_updates()
    ids = [u.update_id for u in updates]
    assert ids == sorted(ids) and len(set(ids)) == 8
    kinds = [u.event_type for u in updates]
    assert kinds == ["message"] * 6 + ["edited_message", "channel_post"]
    messages = [u.message for u in updates if u.message]
    assert messages[0].from_user is not None and messages[0].from_user.last_name == "Петров"
    assert messages[1].chat.id == GROUP_ID and messages[1].text == "/claim 5"
    assert messages[3].photo and messages[3].caption == "pic"
    assert messages[4].document and messages[4].document.file_name == "a.pdf"
    assert messages[5].voice is not None
    assert updates[6].edited_message.text == "first (edited)"  # type: ignore[union-attr]
    with pytest.raises(AssertionError):
        tg.send_text(user, "x", reply_to={"chat": {"id": 2002}, "message_id": 99})


async def test_fail_next_injects_errors(tg: StandInTelegram, bot: Bot) -> None:
    """fail_next produces 429 with retry_after, 5xx server errors, filtered by chat."""
    tg.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "x")
    assert caught.value.retry_after == 3
    await bot.send_message(USER_ID, "passes after the fault")
    tg.fail_next("sendmessage", status=502, count=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Bad Gateway"):
            await bot.send_message(USER_ID, "x")
    tg.fail_next("sendMessage", status=500, chat_id=GROUP_ID)
    await bot.send_message(USER_ID, "other chat is unaffected")
    with pytest.raises(TelegramServerError):
        await bot.send_message(GROUP_ID, "x")
    tg.fail_next("editMessageText", status=403)
    with pytest.raises(TelegramForbiddenError):
        await bot.edit_message_text("x", chat_id=USER_ID, message_id=1)
    assert [m.text for m in tg.bot_messages(USER_ID)] == [
        "passes after the fault",
        "other chat is unaffected",
    ]
    failed = [c for c in tg.calls if not c.ok]
    assert [c.error_code for c in failed] == [429, 502, 502, 500, 403]


async def test_flood_limits(tg: StandInTelegram, bot: Bot) -> None:
    """With limits on, bursts beyond Telegram's rates get 429 and are counted."""
    tg.enforce_limits(True)
    for i in range(3):
        await bot.send_message(USER_ID, f"burst {i}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(USER_ID, "one too many")
    assert caught.value.retry_after >= 1
    assert len(tg.too_many_requests) == 1 and tg.too_many_requests[0]["chat_id"] == USER_ID

    tg.enforce_limits(True, group_per_minute=20)
    for i in range(20):
        await bot.send_message(GROUP_ID, f"g{i}")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(GROUP_ID, "g20")
    assert caught.value.retry_after > 1

    tg.enforce_limits(True, global_per_second=5)
    for user_id in range(3001, 3006):
        tg.user(user_id, "U")
        await bot.send_message(user_id, "hi")
    tg.user(3006, "U")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(3006, "hi")
    tg.enforce_limits(False)
    await bot.send_message(3006, "limits off")
    assert len(tg.too_many_requests) == 3


async def test_wait_helpers(tg: StandInTelegram, bot: Bot) -> None:
    """wait_message sees existing and future messages; timeouts explain what happened."""
    await bot.send_message(USER_ID, "already here")
    assert (await tg.wait_message(USER_ID, contains="already", timeout=0.2)).text == "already here"
    asyncio.get_running_loop().call_later(
        0.05, lambda: asyncio.ensure_future(bot.send_message(USER_ID, "arrives later"))
    )
    later = await tg.wait_message(USER_ID, contains="later", timeout=1.0)
    assert later.text == "arrives later"
    with pytest.raises(AssertionError, match="last API calls") as caught:
        await tg.wait_message(USER_ID, contains="never", timeout=0.05)
    assert "arrives later" in str(caught.value)
    with pytest.raises(AssertionError, match="condition not met"):
        await tg.wait_for(lambda: False, timeout=0.05)
    assert await tg.wait_for(lambda: 42, timeout=0.05) == 42


async def test_real_dispatcher_echo_over_polling(tg: StandInTelegram) -> None:
    """A real Dispatcher polls the stand-in, handles an injected update and replies."""
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.answer(f"echo: {message.text}")

    bot = tg.create_bot()
    polling = asyncio.create_task(
        dispatcher.start_polling(bot, handle_signals=False, polling_timeout=1)
    )
    try:
        user = tg.user(USER_ID, "Анна")
        tg.send_text(user, "<привет> & co")
        reply = await tg.wait_message(USER_ID, contains="echo:", timeout=3.0)
        assert reply.text == "echo: <привет> & co"
        await tg.wait_for(lambda: tg.updates_pending() == 0 and tg.polling_active, timeout=2.0)
    finally:
        await dispatcher.stop_polling()
        await asyncio.wait_for(polling, timeout=3.0)
    assert [c.method for c in tg.calls if c.method != "getUpdates"] == ["getMe", "sendMessage"]
