"""The "letter to the director" page and the private status page, over real HTTP against
the running bot (WEB_LISTEN), and their rules and rendering as plain unit tests.

A letter that breaks a rule (no consent, the honeypot filled, no or a wrong form mark, text
or photo too large, not a photo, too many from one address) gets a clear answer and makes
no ticket; a good one makes exactly one, whose card reaches the director; its private link
shows the client's messages and the company's answers and never a staff note; whatever a
client types is escaped on every page; and the link's token never reaches the log.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp
import pytest

from bot.core.web_letters import (
    PHOTO_LIMIT,
    TEXT_LIMIT,
    ClientStatus,
    Letter,
    Photo,
    RateLimit,
    address_key,
    clean_text,
    client_status,
    is_token,
    letter_problems,
    new_token,
    photo_name,
    photo_type,
    token_hash,
)
from bot.views.texts import Texts
from bot.views.web_pages import (
    CSP,
    CSS,
    Head,
    LetterForm,
    StatusView,
    Thanks,
    ThreadLine,
    letter_page,
    notice_page,
    signature,
    status_page,
    thanks_page,
)
from storage.models import Status, Ticket
from tests.browser import WebBot, serve_web
from tests.conftest import DIRECTOR, Clock, StartBot

JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x00" * 200
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
WEBP = b"RIFF\x00\x00\x00\x00WEBPVP8 " + b"\x00" * 200
HOSTILE_NAME = '<script>alert("name")</script>'
HOSTILE_TEXT = 'Кофе <img src=x onerror=alert(1)> и "кавычки" & <b>жирный</b>'
HOSTILE_CONTACT = '"><svg onload=alert(2)>'


# --- reading pages -------------------------------------------------------------------------


class Parsed(HTMLParser):
    """What the tests look at in a page: its elements with their attributes, label texts,
    the document's language and its headings."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.labels: dict[str, str] = {}
        self._label: str | None = None
        self._label_text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        self.elements.append((tag, found))
        if tag == "label":
            self._label = found.get("for", "")
            self._label_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "label" and self._label is not None:
            self.labels[self._label] = " ".join("".join(self._label_text).split())
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self._label_text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.elements if name == tag]

    def by_id(self, element_id: str) -> dict[str, str]:
        for _, attrs in self.elements:
            if attrs.get("id") == element_id:
                return attrs
        raise AssertionError(f"no element #{element_id}")

    def fields(self) -> list[dict[str, str]]:
        """Every control a person fills in (hidden inputs are not)."""
        controls = [a for a in self.all("input") if a.get("type") not in ("hidden", "submit")]
        return controls + self.all("textarea")


def hidden_fields(html: str) -> dict[str, str]:
    page = Parsed(html)
    return {a["name"]: a.get("value", "") for a in page.all("input") if a.get("type") == "hidden"}


def status_link(html: str) -> str:
    return Parsed(html).by_id("status-link")["href"]


def session() -> aiohttp.ClientSession:
    # a cookie jar that keeps cookies for an IP address, as browsers do
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def get(client: aiohttp.ClientSession, url: str) -> tuple[int, str]:
    async with client.get(url) as response:
        return response.status, await response.text()


async def post(
    client: aiohttp.ClientSession,
    url: str,
    fields: dict[str, str],
    photo: tuple[str, bytes, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, aiohttp.ClientResponse]:
    """A multipart post as a browser sends it: an empty file part when no photo is chosen."""
    data = aiohttp.FormData()
    for name, value in fields.items():
        data.add_field(name, value)
    name, content, kind = photo or ("", b"", "application/octet-stream")
    data.add_field("photo", content, filename=name, content_type=kind)
    async with client.post(url, data=data, headers=headers, allow_redirects=False) as response:
        return response.status, await response.text(), response


async def fresh_form(client: aiohttp.ClientSession, url: str) -> dict[str, str]:
    status, html = await get(client, url)
    assert status == 200, html
    return hidden_fields(html)


def good(form: dict[str, str], **changes: str) -> dict[str, str]:
    fields = {
        "name": "Анна",
        "contact": "anna@example.com",
        "text": "Сломался кофейный автомат в холле, и никто не подошёл.",
        "consent": "yes",
        "website": "",
        **form,
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


async def tickets(site: WebBot) -> list[Ticket]:
    return await site.bot.app.service.list_open()


# --- the running bot -----------------------------------------------------------------------


async def test_the_form_labels_every_field_and_leaves_consent_unticked(
    start_bot: StartBot,
) -> None:
    async with serve_web(start_bot, PRIVACY_POLICY_URL="https://example.com/privacy") as site:
        async with session() as client, client.get(site.url + "/letter") as response:
            html = await response.text()
            headers = response.headers
            cookies = response.cookies
        assert response.status == 200
        page = Parsed(html)
        assert page.all("html")[0]["lang"] == "ru"
        assert len(page.all("main")) == 1 and page.all("h1")
        for control in page.fields():
            assert page.labels.get(control["id"]), f"no label for #{control['id']}"
        names = {control["name"] for control in page.fields()}
        assert names == {"name", "contact", "text", "photo", "consent", "website"}
        consent = page.by_id("f-consent")
        assert consent["type"] == "checkbox" and "checked" not in consent
        assert "required" in consent and consent["value"] == "yes"
        assert "персональных данных" in page.labels["f-consent"]
        policy = [a for a in page.all("a") if a.get("href") == "https://example.com/privacy"]
        assert policy and "noreferrer" in policy[0]["rel"]
        honeypot = page.by_id("f-honeypot")
        assert honeypot["tabindex"] == "-1" and "пустым" in page.labels["f-honeypot"]
        assert "Ирина Петрова" in html and "директор" in html  # the director, by name
        assert "<script" not in html.lower()
        assert headers["Content-Security-Policy"] == CSP
        assert headers["Referrer-Policy"] == "no-referrer"
        assert "fh_form" in cookies and cookies["fh_form"]["httponly"]
        form = hidden_fields(html)
        assert form["nonce"] and form["mark"]


async def test_refused_letters_say_why_and_make_no_ticket(start_bot: StartBot) -> None:
    """Each broken rule: its own status, its own message next to the field, the text kept,
    and no ticket."""
    async with serve_web(start_bot) as site, session() as client:
        url = site.url + "/letter"
        form = await fresh_form(client, url)
        long_text = "слово " * (TEXT_LIMIT // 5)
        big = JPEG + b"\x00" * PHOTO_LIMIT
        cases: list[tuple[str, dict[str, Any], int, str]] = [
            (
                "no consent",
                {"fields": good(form, consent=None)},
                400,
                "Поставьте, пожалуйста, галочку",
            ),
            ("honeypot", {"fields": good(form, website="http://spam")}, 400, "скрытое поле"),
            ("no mark", {"fields": good(form, mark=None)}, 403, "страница была открыта"),
            ("bad mark", {"fields": good(form, mark="x" * 43)}, 403, "страница была открыта"),
            ("empty text", {"fields": good(form, text="   ")}, 400, "хотя бы пару слов"),
            (
                "long text",
                {"fields": good(form, text=long_text)},
                400,
                f"длиннее {TEXT_LIMIT} знаков",
            ),
            ("long name", {"fields": good(form, name="Я" * 101)}, 400, "Имя длиннее 100"),
            (
                "big photo",
                {"fields": good(form), "photo": ("big.jpg", big, "image/jpeg")},
                413,
                "Фото больше 5\u00a0МБ",
            ),
            (
                "not a photo",
                {"fields": good(form), "photo": ("x.jpg", b"MZ\x90\x00binary", "image/jpeg")},
                400,
                "не похож на фото",
            ),
        ]
        for label, request, expected, says in cases:
            status, html, _ = await post(client, url, **request)
            assert status == expected, (label, status)
            assert says in html, (label, html)
            assert "Письмо пока не отправлено" in html, label
            if label not in ("long text", "empty text"):
                assert "Сломался кофейный автомат" in html, label  # what was typed is kept
            assert await tickets(site) == [], label

        # without the form cookie (another site posting in the client's name): refused too
        async with session() as stranger:
            status, html, _ = await post(stranger, url, good(form))
        assert status == 403 and "страница была открыта" in html
        assert await tickets(site) == []
        # the form shown again has a nonce of our choosing, not the one posted: nobody gets
        # someone else's nonce signed for their own browser by posting it
        assert hidden_fields(html)["nonce"] != form["nonce"]
        # a form refused for its fields keeps its nonce: put right, it is still one letter
        _, html, _ = await post(client, url, good(form, consent=None))
        assert hidden_fields(html)["nonce"] == form["nonce"]

        # a photo chosen with a mistake elsewhere: the client is told to choose it again
        photo = ("counter.png", PNG, "image/png")
        status, html, _ = await post(client, url, good(form, consent=None), photo)
        assert status == 400 and "выберите ещё раз" in html

        # and the same form, put right, goes through: one ticket
        status, html, _ = await post(client, url, good(form), photo)
        assert status == 200 and "Спасибо, что написали" in html
        assert len(await tickets(site)) == 1

        # a form sent urlencoded (no photo field at all) is read as well
        fields = good(await fresh_form(client, url), text="Без фото, обычной формой.")
        async with client.post(url, data=fields) as response:
            assert response.status == 200, await response.text()
        assert len(await tickets(site)) == 2


async def test_a_letter_reaches_the_director_and_its_link_shows_the_answers(
    start_bot: StartBot,
) -> None:
    """The whole way: a letter with a photo → a ticket whose card the director gets → the
    private link shows the letter; a staff note stays off it; the director's answer is
    there; the client adds a message, which reaches the director too."""
    from bot.core.events import Actor

    async with serve_web(start_bot) as site, session() as client:
        url = site.url + "/letter"
        form = await fresh_form(client, url)
        photo = ("IMG_0042.JPG", JPEG, "image/jpeg")
        status, html, response = await post(client, url, good(form), photo)
        assert status == 200, html
        assert response.headers["Cache-Control"] == "no-store"
        number = int(re.search(r"Номер обращения: (\d+)", html).group(1))
        link = status_link(html)
        assert re.fullmatch(r"/t/[A-Za-z0-9_-]{43}", link)
        assert "Сохраните её" in html

        (ticket,) = await tickets(site)
        assert ticket.id == number and ticket.source == "web"
        assert ticket.author_name == "Анна" and ticket.contact == "anna@example.com"
        assert ticket.web_token == hashlib.sha256(link.removeprefix("/t/").encode()).hexdigest()
        tg = site.bot.tg
        await tg.wait_message(DIRECTOR, contains="Сломался кофейный автомат")

        status, page = await get(client, site.url + link)
        assert status == 200
        assert "Обращение №1" in page and "Сломался кофейный автомат" in page
        assert "Получено" in page and 'name="robots" content="noindex' in page

        service = site.bot.app.service
        director = Actor(DIRECTOR, "Ирина Петрова")
        await service.add_note(
            ticket.id, "Внутреннее: клиентка уже писала в прошлом месяце", director
        )
        await service.record_reply(
            ticket.id,
            "Анна, простите, это наша ошибка. Автомат починят сегодня до 18:00.",
            director,
        )
        status, page = await get(client, site.url + link)
        assert "Автомат починят сегодня" in page
        assert "Ирина Петрова, директор" in page
        assert "Внутреннее" not in page and "прошлом месяце" not in page
        assert "В работе" in page
        assert page.index("Сломался кофейный") < page.index("Автомат починят")  # oldest first

        form = hidden_fields(page)
        more = {"text": "Спасибо! Ещё: в холле не было бумажных стаканов.", "website": "", **form}
        status, _, response = await post(client, site.url + link, more)
        assert status == 303 and response.headers["Location"] == "?added=1#added"
        status, page = await get(client, site.url + link + "?added=1")
        assert "Получено, прочитаю вместе с остальным" in page
        assert "бумажных стаканов" in page
        await tg.wait_message(DIRECTOR, contains="бумажных стаканов")
        # the same form sent twice (a double tap) adds the message once
        await post(client, site.url + link, more)
        # the status page's form has its honeypot and its limits too
        spam = {**more, "text": "Купите слона", "website": "http://spam"}
        status, page, _ = await post(client, site.url + link, spam)
        assert status == 400 and "скрытое поле" in page
        status, page, _ = await post(client, site.url + link, {**more, "text": "я" * 4001})
        assert status == 400 and "длиннее 4000 знаков (сейчас 4001)" in page
        history = await service.history(ticket.id)
        added = [e for e in history.entries if "бумажных стаканов" in e.text]
        assert len(added) == 1 and added[0].direction == "in"
        assert not any("Купите слона" in e.text for e in history.entries)


async def test_hostile_html_is_escaped_on_every_page(start_bot: StartBot) -> None:
    async with serve_web(start_bot) as site, session() as client:
        from bot.core.posters import Posters

        await Posters(site.bot.app.db).set_title("hall2", "<b>Зал</b> №2")
        url = site.url + "/letter/hall2"
        status, html = await get(client, url)
        assert "&lt;b&gt;Зал&lt;/b&gt; №2" in html and "<b>Зал" not in html
        form = hidden_fields(html)
        hostile = good(form, name=HOSTILE_NAME, text=HOSTILE_TEXT, contact=HOSTILE_CONTACT)

        status, html, _ = await post(client, url, {**hostile, "consent": ""})
        assert status == 400
        for raw in ("<script>alert", "<img src=x", "<svg onload", "<b>жирный"):
            assert raw not in html
        assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html

        status, html, _ = await post(client, url, hostile)
        assert status == 200
        status, page = await get(client, site.url + status_link(html))
        assert "<img src=x" not in page and "<b>жирный" not in page
        assert "Кофе &lt;img src=x onerror=alert(1)&gt; и &quot;кавычки&quot; &amp;" in page
        (ticket,) = await tickets(site)
        assert ticket.source_tag == "hall2" and ticket.source_title == "<b>Зал</b> №2"
        # the director's card escapes it too (Telegram's HTML would break otherwise)
        card = await site.bot.tg.wait_message(DIRECTOR, contains="Кофе")
        assert "<img src=x" in card.text  # shown as text, not parsed as markup

        # a path that is no tag is not reflected into the page
        status, html = await get(client, site.url + "/letter/%3Cscript%3E")
        assert status == 404 and "<script" not in html


async def test_unknown_links_get_a_404_page(start_bot: StartBot) -> None:
    async with serve_web(start_bot) as site, session() as client:
        for path in (
            "/t/" + new_token(),
            "/t/short",
            "/t/" + "A" * 44,
            "/letter/fh-chat",  # the bot's own reserved tag
            "/nothing-here",
        ):
            status, html = await get(client, site.url + path)
            assert status == 404, path
            assert "Такой страницы нет" in html and "/letter" in html, path
        form = await fresh_form(client, site.url + "/letter")
        status, html, _ = await post(client, site.url + "/t/" + new_token(), {"text": "x", **form})
        assert status == 404


async def test_the_token_never_reaches_the_log(
    start_bot: StartBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with serve_web(start_bot) as site, session() as client:
        url = site.url + "/letter"
        _, html, _ = await post(client, url, good(await fresh_form(client, url)))
        token = status_link(html).removeprefix("/t/")
        _, page = await get(client, site.url + "/t/" + token)
        more = {"text": "И ещё одно.", "website": "", **hidden_fields(page)}
        await post(client, site.url + "/t/" + token, more)
        await post(client, site.url + "/t/" + token, {"text": "", **hidden_fields(page)})
        await get(client, site.url + "/t/" + token[:-1] + "x")
        await site.bot.tg.wait_message(DIRECTOR, contains="И ещё одно")
    assert "web.letter id=1" in caplog.text  # the log names the ticket …
    # … never its link (the stored hash may show in aiosqlite's debug lines: it opens nothing)
    assert token not in caplog.text


async def test_too_many_letters_from_one_address_wait(start_bot: StartBot) -> None:
    clock = Clock()
    async with serve_web(start_bot, clock) as site, session() as client:
        url = site.url + "/letter"
        for n in range(5):
            status, _, _ = await post(
                client, url, good(await fresh_form(client, url), text=f"Письмо {n}")
            )
            assert status == 200
        status, html, response = await post(client, url, good(await fresh_form(client, url)))
        assert status == 429 and int(response.headers["Retry-After"]) > 0
        assert "защита от спама" in html and "Сломался кофейный автомат" in html
        assert len(await tickets(site)) == 5
        # another client behind the same local proxy has an allowance of their own
        proxied = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9"}
        form = await fresh_form(client, url)
        status, _, _ = await post(client, url, good(form, text="Через прокси"), headers=proxied)
        assert status == 200
        clock.advance(timedelta(minutes=11))
        status, _, _ = await post(client, url, good(await fresh_form(client, url)))
        assert status == 200
        assert len(await tickets(site)) == 7


async def test_a_double_submit_is_one_ticket_with_one_link(start_bot: StartBot) -> None:
    async with serve_web(start_bot) as site, session() as client:
        url = site.url + "/letter"
        form = good(await fresh_form(client, url))
        first, second = await asyncio.gather(post(client, url, form), post(client, url, form))
        assert first[0] == second[0] == 200
        assert status_link(first[1]) == status_link(second[1])
        assert len(await tickets(site)) == 1


async def test_a_huge_upload_gets_a_413_page(start_bot: StartBot) -> None:
    async with serve_web(start_bot) as site:
        port = int(site.url.rsplit(":", 1)[1])
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(
            b"POST /letter HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50000000\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nConnection: close\r\n\r\n"
        )
        await writer.drain()
        # the answer comes at once, without the body ever being sent
        head = (await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)).decode()
        length = int(re.search(r"Content-Length: (\d+)", head, re.IGNORECASE).group(1))
        answer = head + (await asyncio.wait_for(reader.readexactly(length), 10)).decode()
        writer.close()
        assert answer.startswith("HTTP/1.1 413")
        assert "Файл слишком большой" in answer
        assert await tickets(site) == []


async def test_the_page_speaks_english_and_names_the_place(start_bot: StartBot) -> None:
    async with serve_web(start_bot, LANGUAGE="en") as site, session() as client:
        from bot.core.posters import Posters

        await Posters(site.bot.app.db).set_title("hall2", "Hall 2")
        status, html = await get(client, site.url + "/letter/hall2")
        assert status == 200 and '<html lang="en">' in html
        assert "What happened" in html and "Place: Hall 2" in html
        assert "I agree to the processing of the personal data" in html
        form = hidden_fields(html)
        status, html, _ = await post(client, site.url + "/letter/hall2", good(form, consent=None))
        assert status == 400 and "Please tick the box" in html


# --- rules ---------------------------------------------------------------------------------


def letter(**changes: Any) -> Letter:
    fields: dict[str, Any] = {
        "name": "Анна",
        "contact": "+7 900 000-00-00",
        "text": "Текст",
        "consent": True,
        "nonce": "n" * 24,
    }
    fields.update(changes)
    return Letter(**fields)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"consent": False}, {"consent": "web_error_consent"}),
        ({"honeypot": "x"}, {"honeypot": "web_error_honeypot"}),
        ({"text": " \r\n "}, {"text": "web_error_text_empty"}),
        ({"text": "я" * (TEXT_LIMIT + 1)}, {"text": "web_error_text_long"}),
        ({"name": "я" * 101}, {"name": "web_error_name_long"}),
        ({"contact": "я" * 201}, {"contact": "web_error_contact_long"}),
        ({"photo": Photo("a.jpg", JPEG[:10], too_big=True)}, {"photo": "web_error_photo_big"}),
        ({"photo": Photo("a.jpg", b"GIF89a" + b"\x00" * 20)}, {"photo": "web_error_photo_type"}),
        ({"photo": Photo("a.png", PNG)}, {}),
    ],
)
def test_letter_rules(changes: dict[str, Any], expected: dict[str, str]) -> None:
    assert letter_problems(letter(**changes)) == expected


def test_the_text_limit_counts_what_the_client_sees() -> None:
    """Browsers send a textarea's line breaks as CRLF; the limit the page shows counts one."""
    text = ("я" * 99 + "\r\n") * 40  # 4000 characters on screen, 4040 on the wire
    assert len(clean_text(text)) == TEXT_LIMIT - 1
    assert letter_problems(letter(text=text)) == {}


def test_photos_are_known_by_their_bytes_not_their_names() -> None:
    assert photo_type(JPEG) == "image/jpeg"
    assert photo_type(PNG) == "image/png"
    assert photo_type(WEBP) == "image/webp"
    assert photo_type(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert photo_type(b"") is None
    assert photo_name("C:\\Users\\anna\\IMG 0042.JPG", "image/jpeg") == "IMG 0042.jpg"
    assert photo_name("../../etc/passwd", "image/png") == "passwd.png"
    assert photo_name('<b>"x".php', "image/webp") == "_b__x_.webp"
    assert photo_name("", "image/jpeg") == "photo.jpg"


def test_tokens_are_long_random_and_stored_only_as_a_hash() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(is_token(token) for token in tokens)
    token = next(iter(tokens))
    assert token_hash(token) == hashlib.sha256(token.encode()).hexdigest() != token
    assert not is_token(token[:-1]) and not is_token(token + "a") and not is_token("../" * 15)


def test_the_rate_limit_counts_per_address_within_the_window() -> None:
    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    limit = RateLimit(2, timedelta(minutes=10), clock=lambda: now[0])
    assert limit.take("a") is None and limit.take("a") is None
    assert limit.take("a") == timedelta(minutes=10)
    assert limit.take("b") is None
    now[0] += timedelta(minutes=4)
    assert limit.take("a") == timedelta(minutes=6)
    limit.give_back("b")
    assert limit.take("b") is None and limit.take("b") is None
    now[0] += timedelta(minutes=6)
    assert limit.take("a") is None


def test_an_ipv6_home_is_one_address() -> None:
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::2")
    assert address_key("2001:db8:1:3::1") != address_key("2001:db8:1:2::1")
    assert address_key("::ffff:192.0.2.1") == "192.0.2.1"
    assert address_key("192.0.2.1") == "192.0.2.1"


def _ticket(**changes: Any) -> Ticket:
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    fields: dict[str, Any] = {
        "id": 1,
        "source": "web",
        "external_id": "n",
        "author_id": None,
        "author_name": "Анна",
        "client_chat_id": None,
        "text": "т",
        "link": None,
        "status": Status.OPEN,
        "owner_id": None,
        "due_at": None,
        "root_cause": None,
        "created_at": moment,
        "updated_at": moment,
        "first_response_at": None,
        "closed_at": None,
        "resolution": None,
    }
    fields.update(changes)
    return Ticket(**fields)


def test_the_client_reads_the_status_in_their_own_words() -> None:
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    assert client_status(_ticket()) is ClientStatus.RECEIVED
    assert client_status(_ticket(owner_id=DIRECTOR)) is ClientStatus.IN_WORK
    assert client_status(_ticket(first_response_at=moment)) is ClientStatus.IN_WORK
    assert client_status(_ticket(status=Status.IN_PROGRESS)) is ClientStatus.IN_WORK
    assert client_status(_ticket(status=Status.CLOSED)) is ClientStatus.RESOLVED


# --- rendering -----------------------------------------------------------------------------


def form(**changes: Any) -> LetterForm:
    fields: dict[str, Any] = {
        "nonce": "n" * 24,
        "mark": "m" * 43,
        "name_limit": 100,
        "contact_limit": 200,
        "text_limit": 4000,
        "photo_limit_mb": 5,
    }
    fields.update(changes)
    return LetterForm(**fields)


def test_the_inline_style_is_the_only_thing_the_csp_allows() -> None:
    digest = base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in CSP
    assert "default-src 'none'" in CSP and "script" not in CSP
    html = letter_page(Texts("ru"), Head("Ирина", "Слова"), form())
    assert f"<style>{CSS}</style>" in html


def test_errors_sit_by_their_fields_and_are_summed_up_on_top() -> None:
    t = Texts("ru")
    errors = {"text": t("web_error_text_empty"), "consent": t("web_error_consent")}
    html = letter_page(t, Head(None, "Слова"), form(errors=errors))
    page = Parsed(html)
    text = page.by_id("f-text")
    assert text["aria-invalid"] == "true"
    assert text["aria-describedby"] == "f-text-hint f-text-error"
    assert page.by_id("f-consent")["aria-describedby"] == "f-consent-error"
    summary = [a["href"] for a in page.all("a")]
    assert summary == ["#f-text", "#f-consent"]  # in the order of the form
    assert 'role="alert"' in html and "<h1>Письмо директору</h1>" in html  # no name known


def test_without_a_policy_address_consent_is_still_asked_without_a_link() -> None:
    html = letter_page(Texts("ru"), Head("Ирина", "Слова"), form())
    page = Parsed(html)
    assert "required" in page.by_id("f-consent") and "checked" not in page.by_id("f-consent")
    assert page.all("a") == [] and "aria-describedby" not in page.by_id("f-consent")


def test_values_and_names_are_escaped() -> None:
    t = Texts("ru")
    values = {"name": HOSTILE_NAME, "contact": HOSTILE_CONTACT, "text": HOSTILE_TEXT}
    html = letter_page(t, Head(HOSTILE_NAME, HOSTILE_TEXT, HOSTILE_CONTACT), form(values=values))
    assert "<script>" not in html and "<img" not in html and "<svg" not in html
    line = ThreadLine(
        True, signature(t, HOSTILE_NAME, "director", None), HOSTILE_TEXT, datetime.now(UTC)
    )
    view = StatusView(1, "in_work", [line], "n" * 24, "m" * 43, 4000, text=HOSTILE_TEXT)
    html = status_page(t, view, ZoneInfo("Europe/Moscow"))
    assert "<script>" not in html and "<img" not in html
    assert signature(t, "Ирина", None, '<i>Ирина</i>, "директор"') == (
        "&lt;i&gt;Ирина&lt;/i&gt;, &quot;директор&quot;"
    )
    html = thanks_page(t, Thanks(1, '/t/"><script>', mail_to=HOSTILE_CONTACT))
    assert "<script>" not in html and "<svg" not in html


def test_the_status_page_reads_as_a_conversation() -> None:
    t = Texts("ru")
    moment = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    lines = [
        ThreadLine(False, "", "Сломался автомат", moment),
        ThreadLine(True, signature(t, "Ирина Петрова", "director", None), "Простите!", moment),
        ThreadLine(True, signature(t, "Мария", "manager", None), "", moment),
    ]
    view = StatusView(7, "resolved", lines, "n" * 24, "m" * 43, 4000, added=True)
    html = status_page(t, view, ZoneInfo("Europe/Moscow"))
    assert "Обращение №7" in html and "последнее слово за вами" in html
    assert "<b>Вы</b>" in html and "<b>Ирина Петрова, директор</b>" in html
    assert "<b>Мария, менеджер</b>" in html and "Прислан файл" in html
    assert "23.11.2026, 12:05" in html  # the company's time zone
    assert "Получено, прочитаю" in html
    assert Parsed(html).labels["f-text"] == "Дописать"


def test_the_thank_you_page_gives_the_link_or_says_where_it_went() -> None:
    t = Texts("ru")
    html = thanks_page(t, Thanks(12, "https://firsthand.example/t/abc", mail_to="a@b.c"))
    assert "Номер обращения: 12" in html and 'href="https://firsthand.example/t/abc"' in html
    assert "Ответ я продублирую на почту a@b.c" in html
    html = thanks_page(t, Thanks(12, None, repeated=True))
    assert "уже дошло до меня" in html and "/t/" not in html and "номер 12" in html
    html = notice_page(t, t("web_not_found_title"), t("web_not_found_text"), "/letter")
    assert 'href="/letter"' in html


async def test_an_answer_to_a_letter_with_an_address_also_goes_by_mail(
    start_bot: StartBot, smtp_server: Any, people: dict[int, dict[str, Any]]
) -> None:
    """A reply from the card to a web letter stands on the client's page, and goes by mail
    when the client left an address and a mail server is set."""
    env = {"SMTP_URL": smtp_server.url, "MAIL_FROM": "director@club.test"}
    async with serve_web(start_bot, **env) as site, session() as client:
        url = site.url + "/letter"
        status, html, _ = await post(client, url, good(await fresh_form(client, url)))
        assert status == 200, html
        link = status_link(html)
        tg = site.bot.tg
        await tg.wait_message(DIRECTOR, contains="Сломался кофейный автомат")
        reply = "/reply 1 Анна, простите. Автомат починят сегодня до 18:00."
        tg.send_command(people[DIRECTOR], reply)
        said = await tg.wait_message(DIRECTOR, contains="ушёл письмом")
        assert "странице обращения" in said.text
        letter = (await smtp_server.wait_for(1))[0].message
        assert letter["To"].addresses[0].addr_spec == "anna@example.com"
        assert "Автомат починят сегодня" in letter.get_content()
        _, page = await get(client, site.url + link)
        assert "Автомат починят сегодня" in page


def _request(remote: str, forwarded: str | None = None) -> Any:
    from aiohttp.test_utils import make_mocked_request

    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    transport = type("T", (), {"get_extra_info": lambda self, name, d=None: (remote, 1234)})()
    return make_mocked_request("POST", "/letter", headers=headers, transport=transport)


def test_the_client_behind_a_trusted_proxy_is_counted_not_the_proxy() -> None:
    from bot.web.pages import client_address

    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"  # forged
    assert client_address(_request("127.0.0.1", "198.51.100.1, 198.51.100.9")) == "198.51.100.9"
    trusted = ("10.0.0.0/8",)
    assert client_address(_request("10.1.2.3", "198.51.100.1"), trusted) == "198.51.100.1"
    assert client_address(_request("10.1.2.3"), trusted) == "10.1.2.3"
    assert client_address(_request("11.1.2.3", "198.51.100.1"), trusted) == "11.1.2.3"
