"""collectors.mail_rules: review-site notices -> ReviewNotice.

The sample notices in tests/collectors/letters/ are invented (nobody here may copy a real
one), written the way such notices are laid out: a "new review" header, the company, the
author, stars, the text and an "Ответить на отзыв" button. Yandex's is HTML-only and
quoted-printable, 2GIS's plain text in base64.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.letters import Letter, parse_letter
from collectors.mail_rules import RULES, ReviewNotice, rating_in, review_notice

SAMPLES = Path(__file__).parent / "letters"


def sample(name: str) -> Letter:
    return parse_letter((SAMPLES / name).read_bytes(), attachment_limit=1024 * 1024)


def letter(
    *,
    from_addr: str,
    subject: str,
    text: str,
    html: str | None = None,
) -> Letter:
    return Letter(
        message_id="<n@x.test>",
        in_reply_to=None,
        references=(),
        from_name="",
        from_addr=from_addr,
        to_addrs=("owner@shop.test",),
        subject=subject,
        text=text,
        attachments=(),
        date=None,
        automatic=None,
        html=html,
    )


def test_yandex_maps_notice() -> None:
    notice = review_notice(sample("yandex_review.eml"))
    assert notice == ReviewNotice(
        site="yandex_maps",
        site_name="Яндекс Картах",
        rating=2,
        text=(
            "Ждали заказ сорок минут, а капучино принесли холодным.\n"
            "Бариста даже не извинился. Больше не придём — обидно, раньше было хорошо."
        ),
        author="Мария К.",
        link="https://yandex.ru/sprav/48213/p/edit/reviews/?review=r-7f3a9c&utm_source=mail",
        phrase="Отзыв на Яндекс Картах",
    )


def test_2gis_notice() -> None:
    notice = review_notice(sample("twogis_review.eml"))
    assert notice is not None
    assert (notice.site, notice.site_name, notice.phrase) == ("2gis", "2ГИС", "Отзыв в 2ГИС")
    assert notice.rating == 1
    assert notice.author == "Алексей Н."
    assert notice.text == (
        "Записался онлайн на 10:00, приняли в 11:30. Колпак на левом колесе поцарапали,\n"
        "администратор сказал, что так и было."
    )
    # The answer button, not "all reviews" below it.
    assert notice.link == "https://account.2gis.com/orgs/70000001/reviews/5512?from=email"


def test_notices_are_automatic_yet_recognised() -> None:
    """Notices are machine-sent (never answered by mail): the caller asks review_notice
    first, so their automatic marks must not hide them here."""
    yandex, twogis = sample("yandex_review.eml"), sample("twogis_review.eml")
    assert (yandex.automatic, twogis.automatic) == ("auto-submitted", "bulk")
    assert review_notice(yandex) is not None and review_notice(twogis) is not None


def test_yandex_letter_that_is_no_review_notice() -> None:
    security = sample("yandex_not_review.eml")
    assert security.from_addr == "noreply@id.yandex.ru"
    assert review_notice(security) is None


@pytest.mark.parametrize(
    "subject",
    [
        "Ваш ответ на отзыв опубликован",
        "Статистика организации за ноябрь: 12 новых отзывов",
        "Отчёт: новые отзывы за неделю",
    ],
)
def test_other_news_from_review_sites_is_no_notice(subject: str) -> None:
    text = "Новый отзыв о вашей организации\n★★★★★\nВсё отлично"
    assert review_notice(letter(from_addr="noreply@yandex.ru", subject=subject, text=text)) is None


def test_ordinary_customer_letter_is_no_notice() -> None:
    customer = letter(
        from_addr="anna@mail.example",
        subject="Новый отзыв о вашем кафе",
        text="Оставила вам отзыв на Яндекс Картах: ★★☆☆☆. Кофе был холодный. "
        "https://yandex.ru/maps/org/zerno/1234/reviews/",
    )
    assert review_notice(customer) is None


@pytest.mark.parametrize(
    ("sender", "is_notice"),
    [
        ("ivan.petrov@yandex.ru", False),  # a customer with personal mail at Yandex
        ("marina@ya.ru", False),
        ("kolya@2gis.ru", False),
        ("noreply@yandex.ru", True),
        ("no-reply@yandex.com", True),
        ("business-notify@yandex.ru", True),
        ("anybody@business.yandex.ru", True),
        ("robot@maps.yandex.ru", True),
        ("info@2gis.ru", True),
        ("businessprofile-noreply@google.com", True),
        ("someone@google.com", False),
    ],
)
def test_people_with_mail_at_a_site_are_customers(sender: str, is_notice: bool) -> None:
    text = "Новый отзыв о вашей организации\nИван\n★★☆☆☆\nХолодный кофе и долгое ожидание"
    found = review_notice(letter(from_addr=sender, subject="Новый отзыв о вашем кафе", text=text))
    assert (found is not None) == is_notice


def test_lookalike_sender_domain_is_no_notice() -> None:
    for sender in ("noreply@yandex.ru.evil.example", "noreply@notyandex.ru", "a@2gis.ru.example"):
        fake = letter(from_addr=sender, subject="Новый отзыв", text="Новый отзыв\n★☆☆☆☆\nплохо")
        assert review_notice(fake) is None, sender


def test_link_to_another_host_is_never_taken() -> None:
    """A From header is easy to forge; the director clicks what the card shows."""
    html = (
        "<p>Новый отзыв о вашей организации</p><p>Олег</p><p>Оценка: 1 из 5</p>"
        "<p>Грубый персонал.</p>"
        '<a href="https://yandex.ru.login-check.example/review/1">Ответить на отзыв</a>'
    )
    notice = review_notice(
        letter(
            from_addr="noreply@business.yandex.ru",
            subject="Новый отзыв",
            text="Новый отзыв о вашей организации\nОлег\nОценка: 1 из 5\nГрубый персонал.\n"
            "Ответить на отзыв",
            html=html,
        )
    )
    assert notice is not None
    assert notice.rating == 1 and notice.text == "Грубый персонал."
    assert notice.link is None


def test_rating_from_html_labels_and_answer_link_by_its_text() -> None:
    """Stars drawn as images: the rating is in their alt/aria-label, not in the text."""
    html = (
        "<h2>New review for Kofeynya Zerno</h2><p>Ivan P.</p>"
        '<div aria-label="Rating: 2 out of 5"><img src="s.png" alt=""><img src="e.png"></div>'
        "<p>Waited forty minutes for a cold coffee.</p>"
        '<a href="https://business.google.com/n/123/settings">Settings</a>'
        '<a href="https://business.google.com/n/123/reviews/abc?hl=en">Reply</a>'
    )
    notice = review_notice(
        letter(
            from_addr="businessprofile-noreply@google.com",
            subject="Ivan P. left a review for Kofeynya Zerno",
            text="New review for Kofeynya Zerno\nIvan P.\nWaited forty minutes for a cold coffee.\n"
            "Reply",
            html=html,
        )
    )
    assert notice is not None
    assert (notice.site, notice.phrase) == ("google_maps", "Отзыв на Google Картах")
    assert notice.rating == 2
    assert notice.link == "https://business.google.com/n/123/reviews/abc?hl=en"


def test_notice_with_labels_and_no_link() -> None:
    notice = review_notice(
        letter(
            from_addr="noreply@2gis.com",
            subject="Новый отзыв",
            text="У вас новый отзыв\nАвтор: Светлана\nРейтинг: 3\nТекст отзыва: Нормально, но дорого.\n"
            "Спасибо, что вы с нами",
        )
    )
    assert notice is not None
    assert (notice.author, notice.rating) == ("Светлана", 3)
    assert notice.text == "Нормально, но дорого.\nСпасибо, что вы с нами"
    assert notice.link is None


def test_notice_without_rating_or_text() -> None:
    notice = review_notice(
        letter(from_addr="no-reply@yandex.ru", subject="Вам оставили новый отзыв", text="")
    )
    assert notice is not None
    assert (notice.rating, notice.text, notice.author, notice.link) == (None, None, None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("★★☆☆☆", 2),
        ("★★★★★", 5),
        ("★☆☆☆☆ Ужасно", 1),
        ("⭐⭐⭐⭐", 4),
        ("⭐️⭐️⭐️", 3),
        ("оценка 2", 2),
        ("Оценка: 5 из 5", 5),
        ("поставил оценку 1", 1),
        ("2 из 5", 2),
        ("4,0 из 5", 4),
        ("Rating: 2/5", 2),
        ("rated 3 out of 5", 3),
        ("3 звезды", 3),
        ("1 звезда", 1),
        ("Заказ №12 из 50 пришёл", None),
        ("в 10:00 мы открылись", None),
        ("оценка 10", None),
        ("Без оценки", None),
    ],
)
def test_rating_in(text: str, expected: int | None) -> None:
    assert rating_in(text) == expected


def test_rules_table_is_consistent() -> None:
    """One table, easy to extend: every rule is a distinct site whose phrase ends with the
    name it is shown by, and whose links stay on its own domains."""
    assert len({rule.site for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.phrase.endswith(rule.site_name)
        assert rule.phrase.startswith(("Отзыв на ", "Отзыв в "))
        assert rule.domains and rule.link_hosts
