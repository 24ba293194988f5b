"""collectors.letters: raw letters as mail programs really write them -> Letter.

The letters are built byte by byte here (not with the email package, which would only write
what it can read back): charsets that lie, encoded-words split mid-character, RFC 2231
filenames, bodies cut off, a 30 MB photo over the limit.
"""

from __future__ import annotations

import base64
import quopri
import random
import tracemalloc
from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from collectors.letters import (
    Attachment,
    Letter,
    decode_header,
    decode_text,
    html_to_text,
    normalize_id,
    own_message_id,
    parse_letter,
    plausibility,
    thread_ids,
)

LIMIT = 1024 * 1024
COMPLAINT = (
    "Здравствуйте! Вчера купила у вас чайник, а он не включается. Верните деньги, пожалуйста."
)


def raw(*headers: str | bytes, body: bytes | str = b"") -> bytes:
    """A letter from header lines and a body, CRLF line ends as on the wire."""
    lines = [h.encode() if isinstance(h, str) else h for h in headers]
    data = body.encode() if isinstance(body, str) else body
    return b"\r\n".join(lines) + b"\r\n\r\n" + data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def b64word(text: str, charset: str = "utf-8") -> str:
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def parse(data: bytes, limit: int = LIMIT) -> Letter:
    return parse_letter(data, attachment_limit=limit)


# --- an ordinary letter ------------------------------------------------------------------------


def test_plain_letter_fields() -> None:
    letter = parse(
        raw(
            f"From: {b64word('Иванова, Анна')} <Anna.Ivanova@Mail.Example>",
            "To: Support <support@shop.test>, sales@shop.test",
            "Cc: =?utf-8?q?=D0=94=D0=B8=D1=80=D0=B5=D0=BA=D1=82=D0=BE=D1=80?= <BOSS@shop.test>",
            "Reply-To: anna.home@example.org",
            f"Subject: {b64word('Чайник не работает')}",
            "Message-ID: <20241203.1405.7F2A@Mail.Example>",
            "Date: Tue, 3 Dec 2024 14:05:00 +0300",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            body=COMPLAINT + "\n\n-- \nАнна",
        )
    )
    assert letter.message_id == "<20241203.1405.7F2A@mail.example>"
    assert letter.from_name == "Иванова, Анна"
    assert letter.from_addr == "anna.ivanova@mail.example"
    assert letter.to_addrs == ("support@shop.test", "sales@shop.test", "boss@shop.test")
    assert letter.reply_to == "anna.home@example.org"
    assert letter.subject == "Чайник не работает"
    assert letter.text == COMPLAINT + "\n\n--\nАнна"
    assert letter.date == datetime(2024, 12, 3, 11, 5, tzinfo=UTC)
    assert letter.date.tzinfo is UTC
    assert letter.automatic is None
    assert letter.html is None
    assert letter.attachments == ()
    assert letter.in_reply_to is None and letter.references == ()


def test_date_without_zone_is_utc_and_garbage_date_is_none() -> None:
    unknown_zone = parse(raw("Date: Tue, 3 Dec 2024 14:05:00 -0000", body="x"))
    assert unknown_zone.date == datetime(2024, 12, 3, 14, 5, tzinfo=UTC)
    assert parse(raw("Date: the day before yesterday", body="x")).date is None
    assert parse(raw("Date: Tue, 99 Foo 20245 99:99:99 +9999", body="x")).date is None


# --- charsets of the body ----------------------------------------------------------------------


def _body_letter(data: bytes, content_type: str, encoding: str) -> bytes:
    if encoding == "base64":
        data = base64.encodebytes(data)
    elif encoding == "quoted-printable":
        data = quopri.encodestring(data)
    return raw(
        "From: a@example.test",
        f"Content-Type: {content_type}",
        f"Content-Transfer-Encoding: {encoding}",
        body=data,
    )


@pytest.mark.parametrize(
    ("codec", "content_type", "encoding"),
    [
        ("utf-8", "text/plain; charset=utf-8", "quoted-printable"),
        ("utf-8", "text/plain; charset=UTF-8", "base64"),
        ("cp1251", "text/plain; charset=windows-1251", "base64"),
        ("cp1251", 'text/plain; charset="Windows-1251"', "quoted-printable"),
        ("koi8_r", "text/plain; charset=koi8-r", "8bit"),
        ("koi8_r", "text/plain; charset=KOI8-R", "quoted-printable"),
        # no charset at all
        ("cp1251", "text/plain", "8bit"),
        ("koi8_r", "text/plain", "base64"),
        ("utf-8", "text/plain", "8bit"),
        # charsets that lie
        ("cp1251", "text/plain; charset=utf-8", "8bit"),
        ("koi8_r", "text/plain; charset=windows-1251", "8bit"),
        ("cp1251", "text/plain; charset=koi8-r", "quoted-printable"),
        ("cp1251", "text/plain; charset=iso-8859-1", "8bit"),
        ("cp1251", "text/plain; charset=us-ascii", "base64"),
        ("cp1251", "text/plain; charset=x-unknown-charset", "8bit"),
        ("utf-8", "text/plain; charset=windows-1251", "8bit"),
    ],
)
def test_body_charsets(codec: str, content_type: str, encoding: str) -> None:
    letter = parse(_body_letter(COMPLAINT.encode(codec), content_type, encoding))
    assert letter.text == COMPLAINT


def test_latin_text_in_latin_charset_stays_latin() -> None:
    text = "Bonjour, la crème brûlée était froide et le café trop amer. Très déçu."
    declared = parse(_body_letter(text.encode("latin-1"), "text/plain; charset=iso-8859-1", "8bit"))
    assert declared.text == text
    undeclared = parse(_body_letter(text.encode("cp1252"), "text/plain", "8bit"))
    assert undeclared.text == text


def test_short_cyrillic_is_believed_as_declared() -> None:
    """Too few letters to doubt a label: a rare name must not be "corrected"."""
    assert decode_text("Щукин".encode("cp1251"), "windows-1251") == "Щукин"
    assert decode_text("Щукин".encode("koi8_r"), "koi8-r") == "Щукин"


def test_shouting_in_capitals_is_read_right() -> None:
    shout = "ВЕРНИТЕ ДЕНЬГИ ЗА СЛОМАННЫЙ ЧАЙНИК НЕМЕДЛЕННО, ИНАЧЕ ПОЙДУ В СУД"
    assert decode_text(shout.encode("koi8_r"), None) == shout
    assert decode_text(shout.encode("cp1251"), None) == shout


def test_plausibility_tells_right_from_scrambled() -> None:
    assert plausibility(COMPLAINT) == 1.0
    assert plausibility(COMPLAINT.encode("koi8_r").decode("cp1251")) < 0.75
    assert plausibility(COMPLAINT.encode("cp1251").decode("koi8_r")) < 0.75
    assert plausibility(COMPLAINT.encode("cp1251").decode("latin-1")) < 0.5
    assert plausibility("plain ascii") == 1.0


def test_quoted_printable_soft_breaks_and_format_flowed() -> None:
    qp = parse(
        raw(
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            body="=D0=94=D0=BE=D0=BB=D0=B3=D0=BE =D0=B6=D0=B4=D0=B0=\n=D0=BB=D0=B8\n",
        )
    )
    assert qp.text == "Долго ждали"
    flowed = parse(
        raw(
            "Content-Type: text/plain; charset=utf-8; format=flowed",
            body="Первая строка длинного \nабзаца продолжается.\n\nВторой абзац.\n-- \nПодпись",
        )
    )
    assert (
        flowed.text == "Первая строка длинного абзаца продолжается.\n\nВторой абзац.\n--\nПодпись"
    )


# --- headers -----------------------------------------------------------------------------------


def test_encoded_word_split_mid_character_is_joined() -> None:
    data = "Жалоба".encode()
    first, second = base64.b64encode(data[:3]).decode(), base64.b64encode(data[3:]).decode()
    assert decode_header(f"=?utf-8?B?{first}?=\r\n =?UTF-8?B?{second}?= №5") == "Жалоба №5"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=?utf-8?Q?=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82_=D0=BC=D0=B8=D1=80?=", "Привет мир"),
        ("=?windows-1251?Q?=CF=F0=EE=E1=EB=E5=EC=E0?=", "Проблема"),
        (b64word("Проблема с заказом", "koi8_r").replace("koi8_r", "KOI8-R"), "Проблема с заказом"),
        ("Re: " + b64word("Заказ") + " " + b64word("№123"), "Re: Заказ№123"),
        ("=?utf-8*ru?Q?=D0=94=D0=B0?=", "Да"),
        ("plain ascii subject", "plain ascii subject"),
        ("=?bogus?B?!!!notbase64?= kept", "=?bogus?B?!!!notbase64?= kept"),
        ("folded\r\n\tsubject", "folded subject"),
    ],
)
def test_decode_header(value: str, expected: str) -> None:
    assert decode_header(value) == expected


@pytest.mark.parametrize("codec", ["utf-8", "cp1251", "koi8_r"])
def test_raw_8bit_headers_are_guessed(codec: str) -> None:
    subject = "Ужасное обслуживание в магазине на Ленина, требую разобраться"
    letter = parse(
        raw(
            b"From: " + "Пётр Сидоров".encode(codec) + b" <petr@example.test>",
            b"Subject: " + subject.encode(codec),
            body="x",
        )
    )
    assert letter.subject == subject
    assert letter.from_addr == "petr@example.test"
    if codec == "utf-8":  # a two-word name is too short to tell cp1251 from KOI8-R
        assert letter.from_name == "Пётр Сидоров"


def test_no_headers_at_all() -> None:
    letter = parse(b"\r\n\r\nJust a body")
    assert (letter.from_addr, letter.from_name, letter.subject) == ("", "", "")
    assert letter.message_id is None and letter.date is None


# --- attachments ---------------------------------------------------------------------------------


def _mixed(*parts: bytes, boundary: str = "b0und") -> bytes:
    body = b"".join(b"--" + boundary.encode() + b"\r\n" + p + b"\r\n" for p in parts)
    return raw(
        "From: client@example.test",
        "Subject: files",
        f'Content-Type: multipart/mixed; boundary="{boundary}"',
        body=body + b"--" + boundary.encode() + b"--\r\n",
    )


def _part(*headers: str | bytes, body: bytes) -> bytes:
    lines = [h.encode() if isinstance(h, str) else h for h in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def test_attachment_filenames_in_every_encoding() -> None:
    pdf = b"%PDF-1.4 receipt"
    data = _mixed(
        _part("Content-Type: text/plain; charset=utf-8", body="Чек и фото во вложении.".encode()),
        _part(
            "Content-Type: application/pdf",
            "Content-Disposition: attachment;",
            " filename*=utf-8''" + quote("чек 25%.pdf"),
            "Content-Transfer-Encoding: base64",
            body=base64.encodebytes(pdf),
        ),
        _part(
            "Content-Type: image/jpeg",
            "Content-Disposition: attachment;",
            " filename*0*=utf-8''" + quote("фото_") + ";",
            " filename*1*=" + quote("кухни.jpg"),
            "Content-Transfer-Encoding: base64",
            body=base64.encodebytes(b"\xff\xd8\xff\xe0jpeg"),
        ),
        _part(
            f'Content-Type: image/png; name="{b64word("скриншот.png")}"',
            "Content-Transfer-Encoding: base64",
            body=base64.encodebytes(b"\x89PNG"),
        ),
        _part(
            "Content-Type: text/plain",
            b'Content-Disposition: attachment; filename="' + "отзыв.txt".encode() + b'"',
            body=b"raw utf-8 name",
        ),
        _part(
            "Content-Type: application/octet-stream",
            'Content-Disposition: attachment; filename="..\\\\..\\\\Windows\\\\evil.exe"',
            body=b"MZ",
        ),
    )
    letter = parse(data)
    assert letter.text == "Чек и фото во вложении."
    names = [a.filename for a in letter.attachments]
    assert names == ["чек 25%.pdf", "фото_кухни.jpg", "скриншот.png", "отзыв.txt", "evil.exe"]
    assert letter.attachments[0] == Attachment("чек 25%.pdf", "application/pdf", len(pdf), pdf)
    assert letter.attachments[1].content_type == "image/jpeg"
    assert letter.attachments[3].data == b"raw utf-8 name"


def test_nameless_inline_photo_is_an_attachment() -> None:
    letter = parse(
        _mixed(
            _part(
                "Content-Type: image/jpeg",
                "Content-Transfer-Encoding: base64",
                body=base64.encodebytes(b"\xff\xd8photo"),
            )
        )
    )
    assert letter.text == ""
    assert [(a.filename, a.data) for a in letter.attachments] == [("image.jpeg", b"\xff\xd8photo")]


@pytest.mark.parametrize("encoding", ["base64", "quoted-printable", "8bit"])
def test_attachment_limit_is_exact(encoding: str) -> None:
    limit = 1000

    def attachment(size: int) -> bytes:
        blob = bytes(65 + i % 26 for i in range(size))  # letters: valid in every encoding
        body = base64.encodebytes(blob) if encoding == "base64" else quopri.encodestring(blob)
        if encoding == "8bit":
            body = blob
        return _part(
            "Content-Type: application/octet-stream",
            f'Content-Disposition: attachment; filename="f{size}.bin"',
            f"Content-Transfer-Encoding: {encoding}",
            body=body,
        )

    letter = parse(_mixed(attachment(limit), attachment(limit + 1)), limit)
    at, over = letter.attachments
    assert (at.size, over.size) == (limit, limit + 1)
    assert at.data is not None and len(at.data) == limit
    assert over.data is None and over.filename == f"f{limit + 1}.bin"


def test_thirty_megabytes_over_the_limit_kept_as_name_and_size() -> None:
    photo = random.Random(7).randbytes(30 * 1024 * 1024)
    data = _mixed(
        _part("Content-Type: text/plain; charset=utf-8", body="Фото сломанной двери.".encode()),
        _part(
            "Content-Type: image/jpeg",
            'Content-Disposition: attachment; filename="door.jpg"',
            "Content-Transfer-Encoding: base64",
            body=base64.encodebytes(photo).replace(b"\n", b"\r\n"),
        ),
        _part(
            "Content-Type: image/png",
            'Content-Disposition: attachment; filename="small.png"',
            "Content-Transfer-Encoding: base64",
            body=base64.encodebytes(b"\x89PNG small"),
        ),
    )
    del photo
    tracemalloc.start()
    try:
        letter = parse(data, 10 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert letter.text == "Фото сломанной двери."
    big, small = letter.attachments
    assert big == Attachment("door.jpg", "image/jpeg", 30 * 1024 * 1024, None)
    assert small.data == b"\x89PNG small"
    # The 40 MB of base64 were neither decoded nor copied into the parser.
    assert peak < 20 * 1024 * 1024, f"parsing held {peak / 1e6:.0f} MB"


def test_attached_letter_is_one_attachment_and_not_the_text() -> None:
    inner = raw("From: other@example.test", "Subject: inner", body="Текст пересланного письма")
    letter = parse(
        _mixed(
            _part("Content-Type: text/plain; charset=utf-8", body="Пересылаю.".encode()),
            _part("Content-Type: message/rfc822", body=inner),
        )
    )
    assert letter.text == "Пересылаю."
    (forwarded,) = letter.attachments
    assert forwarded.filename == "letter.eml" and forwarded.content_type == "message/rfc822"
    assert forwarded.data is not None and "пересланного".encode() in forwarded.data


# --- HTML ----------------------------------------------------------------------------------------

HTML = """<html><head><title>Письмо</title><style>p {color: red}</style>
<script>alert("x")</script></head><body>
<span style="display: none">скрытый прехедер</span>
<p>Добрый&nbsp;день!</p><p>Заказ&nbsp;№&nbsp;7 пришёл <b>разбитым</b>:<br>коробка мокрая<br/>и пустая.</p>
<ul><li>чашка</li><li>блюдце &amp; ложка</li></ul>
<table><tr><td>Итого:</td><td>1&#160;500 руб.</td></tr></table>
<div>&lt;script&gt; в тексте остаётся текстом</div>
</body></html>"""


def test_html_to_text() -> None:
    assert html_to_text(HTML) == (
        "Добрый день!\n\n"
        "Заказ № 7 пришёл разбитым:\nкоробка мокрая\nи пустая.\n\n"
        "• чашка\n• блюдце & ложка\n\n"
        "Итого: 1 500 руб.\n\n"
        "<script> в тексте остаётся текстом"
    )


def test_html_only_letter() -> None:
    letter = parse(
        raw(
            "From: a@example.test",
            "Content-Type: text/html; charset=windows-1251",
            "Content-Transfer-Encoding: quoted-printable",
            body=quopri.encodestring(HTML.encode("cp1251")),
        )
    )
    assert letter.text.startswith("Добрый день!\n\nЗаказ № 7 пришёл разбитым")
    assert "скрытый" not in letter.text and "alert" not in letter.text
    assert letter.html is not None and "<b>разбитым</b>" in letter.html


def test_html_charset_from_meta_when_the_part_has_none() -> None:
    page = '<html><head><meta charset="koi8-r"></head><body><p>Позвоните мне</p></body></html>'
    letter = parse(raw("Content-Type: text/html", body=page.encode("koi8_r")))
    assert letter.text == "Позвоните мне"


def test_alternative_prefers_plain_and_keeps_html() -> None:
    data = raw(
        'Content-Type: multipart/alternative; boundary="alt"',
        body=(
            "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nПростой текст\r\n"
            "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>HTML <i>текст</i></p>\r\n"
            "--alt--\r\n"
        ),
    )
    letter = parse(data)
    assert letter.text == "Простой текст"
    assert letter.html is not None and letter.html.strip() == "<p>HTML <i>текст</i></p>"


def test_empty_plain_part_falls_back_to_html() -> None:
    data = raw(
        'Content-Type: multipart/alternative; boundary="alt"',
        body=(
            "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n \r\n"
            "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Только в HTML</p>\r\n"
            "--alt--\r\n"
        ),
    )
    assert parse(data).text == "Только в HTML"


# --- broken letters ------------------------------------------------------------------------------

_rng = random.Random(2024)
BROKEN = {
    "empty": b"",
    "random bytes": _rng.randbytes(4096),
    "nul and high bytes": b"\x00\xff\xfe garbage\r\n\r\n\x00\x01\x02",
    "no header colon": b"This is not a header\r\nneither this\r\n\r\nbody",
    "unterminated multipart": raw(
        "Content-Type: multipart/mixed; boundary=x",
        body="--x\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n0J/RgNC4",
    ),
    "missing boundary": raw("Content-Type: multipart/mixed", body="--y\r\nwhatever\r\n--y--"),
    "bad base64": raw(
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: base64",
        body="!!!! not base64 at all ????",
    ),
    "bad address headers": raw(
        'From: <<<@@@>>>, "unterminated',
        "To: ;;;,,,@",
        "Reply-To: =?utf-8?B?broken",
        "Message-ID: ",
        "References: <unclosed <a@b> garbage>",
        body="text",
    ),
    "bad params": raw(
        "Content-Type: text/plain; charset*=''; name*0*=%%%; =====",
        "Content-Disposition: attachment; filename*=bogus-cs''%FF%FE",
        body="x",
    ),
    "deep nesting": raw(
        'Content-Type: multipart/mixed; boundary="b0"',
        body="".join(
            f'--b{i}\r\nContent-Type: multipart/mixed; boundary="b{i + 1}"\r\n\r\n'
            for i in range(200)
        ),
    ),
    "truncated header": b"Subject: =?utf-8?B?0J/RgNC4",
    "long line": b"Subject: x\r\n\r\n" + b"a" * 2_000_000,
}


@pytest.mark.parametrize("data", BROKEN.values(), ids=BROKEN.keys())
def test_broken_letters_never_raise(data: bytes) -> None:
    letter = parse(data)
    assert isinstance(letter, Letter)
    assert isinstance(letter.text, str) and isinstance(letter.subject, str)
    assert all(isinstance(a, Attachment) for a in letter.attachments)


def test_broken_letters_keep_what_can_be_read() -> None:
    assert parse(BROKEN["unterminated multipart"]).text == "При"
    bad = parse(BROKEN["bad address headers"])
    assert bad.text == "text" and bad.message_id is None
    assert "<a@b>" in bad.references
    assert parse(BROKEN["truncated header"]).subject in ("=?utf-8?B?0J/RgNC4", "")
    assert parse(BROKEN["long line"]).text == "a" * 2_000_000


# --- letters machines send -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (["Auto-Submitted: auto-replied"], "auto-submitted"),
        (["Auto-Submitted: auto-generated (notification)"], "auto-submitted"),
        (["Auto-Submitted: no"], None),
        (["Auto-Submitted: No (a person wrote this)"], None),
        (["Precedence: bulk"], "bulk"),
        (["Precedence: list"], "bulk"),
        (["Precedence: junk"], "bulk"),
        (["Precedence: first-class"], None),
        (["List-Id: <reviews.example.test>", "List-Unsubscribe: <mailto:u@example.test>"], None),
        (["X-Autoreply: yes"], "auto-submitted"),
        (["X-Autorespond: vacation"], "auto-submitted"),
        (["X-Auto-Response-Suppress: OOF"], "out-of-office"),
        (["X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply"], "out-of-office"),
        (["Subject: Out of Office: Re: заказ 7"], "out-of-office"),
        (["Subject: Automatic reply: Заказ"], "out-of-office"),
        (["Subject: Auto-Reply: ваш вопрос"], "out-of-office"),
        (["Subject: Автоответ: Re: Жалоба"], "out-of-office"),
        (["Subject: [Автоответ] Жалоба"], "out-of-office"),
        (["Subject: Автоматический ответ"], "out-of-office"),
        (["Subject: Out of office hours support is awful"], None),
        (["Subject: Re: автоответ вашей поддержки бесит"], None),
        (["From: MAILER-DAEMON@mx.example.test"], "delivery-status"),
        (["From: Mail Delivery System <postmaster@mx.example.test>"], "delivery-status"),
        (
            ["Content-Type: multipart/report; report-type=delivery-status; boundary=r"],
            "delivery-status",
        ),
        # most specific first: a bounce is auto-submitted too, an absence notice as well
        (["Auto-Submitted: auto-replied", "From: mailer-daemon@mx.test"], "delivery-status"),
        (["Auto-Submitted: auto-replied", "Subject: Out of Office"], "out-of-office"),
        (["Subject: Жалоба на курьера"], None),
    ],
)
def test_automatic_kinds(headers: list[str], expected: str | None) -> None:
    if not any(h.startswith("From:") for h in headers):
        headers = [*headers, "From: someone@example.test"]
    letter = parse(raw(*headers, body="--r\r\nContent-Type: text/plain\r\n\r\nbody\r\n--r--"))
    assert letter.automatic == expected


def test_delivery_status_part_inside_a_mixed_letter() -> None:
    data = _mixed(
        _part("Content-Type: text/plain", body=b"Delivery failed"),
        _part("Content-Type: message/delivery-status", body=b"Reporting-MTA: dns; mx.test\r\n"),
    )
    letter = parse(data)
    assert letter.automatic == "delivery-status"
    assert letter.attachments == ()  # the report's machinery is no file anybody sent


# --- ids and threads -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<a@b>", "<a@b>"),
        ("  <Local.Part@Example.COM>  ", "<Local.Part@example.com>"),
        ("Local@Example.com", "<Local@example.com>"),
        ('"<a@b>"', "<a@b>"),
        ("<a@b> (a comment)", "<a@b>"),
        ("<a @ b>", "<a@b>"),
        ("", ""),
        ("   ", ""),
        ("<>", ""),
    ],
)
def test_normalize_id(value: str, expected: str) -> None:
    assert normalize_id(value) == expected


def test_own_message_id() -> None:
    first, second = own_message_id("Shop.Example"), own_message_id("shop.example")
    assert first != second
    assert first.startswith("<") and first.endswith("@shop.example>")
    assert normalize_id(first) == first
    assert own_message_id("").endswith("@localhost>")
    assert own_message_id("Магазин.рф").endswith("@xn--80aairftm.xn--p1ai>")
    assert own_message_id("shop.test").isascii()


def test_thread_ids_closest_first() -> None:
    letter = parse(
        raw(
            "Message-ID: <c@x.test>",
            "In-Reply-To: <B@X.test> (reply to the bot's answer)",
            "References: <root@x.test>\r\n <a@X.TEST>\r\n\t<B@x.test>",
            body="ok",
        )
    )
    assert letter.in_reply_to == "<B@x.test>"
    assert letter.references == ("<root@x.test>", "<a@x.test>", "<B@x.test>")
    assert thread_ids(letter) == ("<B@x.test>", "<a@x.test>", "<root@x.test>")


def test_thread_ids_without_in_reply_to_and_without_anything() -> None:
    only_refs = parse(raw("References: r1@x.test r2@x.test", body="x"))
    assert thread_ids(only_refs) == ("<r2@x.test>", "<r1@x.test>")
    assert thread_ids(parse(raw("Subject: new", body="x"))) == ()
