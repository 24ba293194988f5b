"""Review-site notices among the letters: "you have a new review" from Yandex Maps, 2GIS and
the like, turned into a ReviewNotice (site, rating, review text, author, where to answer).

A review is a complaint in public, and the notice is the first the company hears of it; but
it is written by a machine, so it must not be answered by mail nor read as from its sender.
The caller asks `review_notice` first, and only for letters that are no notice looks at
`Letter.automatic` (notices are often Auto-Submitted).

The sites are recognised by ONE table, RULES: the sender's domain (a subdomain of the
site's, or the site's own domain with a service mailbox such as noreply@: people have
personal mail at yandex.ru), and a subject (or an opening line) that announces a new review,
minus subjects about something else from the same site (statistics, "your answer was
published"). Adding a site is adding a Rule.

Nobody here has seen every variant of every site's notice, and sites change their templates,
so the fields are read heuristically from the letter's text and HTML: a rating from stars
("★★☆☆☆", "⭐⭐⭐⭐"), "оценка 2", "2 из 5", "Rating: 2/5", or an image's alt text; the
author from a label or the line above the rating; the review text from a label, or the lines
between the rating and the "Ответить на отзыв" button; the link from that button (any link
on the site's own hosts otherwise). A link to another host is never taken: a From header is
easy to forge, and the director will click what the card shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from collectors.letters import Letter


@dataclass(frozen=True)
class ReviewNotice:
    """A review announced by a site. `site_name` is the Russian form used after "Отзыв
    на"/"Отзыв в" ("Яндекс Картах", "2ГИС"); `phrase` is the whole phrase ("Отзыв на Яндекс
    Картах") for a card's title. Whatever could not be read is None."""

    site: str
    site_name: str
    rating: int | None
    text: str | None
    author: str | None
    link: str | None
    phrase: str = ""


@dataclass(frozen=True)
class Rule:
    """How one site's notices look. A domain matches itself and its subdomains."""

    site: str
    site_name: str
    phrase: str
    domains: tuple[str, ...]
    link_hosts: tuple[str, ...]
    announces: re.Pattern[str]  # in the subject or an opening line: a new review
    not_about: re.Pattern[str]  # in the subject: something else from the same site


# Common wording of notices; each rule may use its own patterns instead.
_NEW_REVIEW = re.compile(
    r"нов(?:ый|ые|ых)\s+отзыв|оставил[аи]?\s+(?:новый\s+)?отзыв|отзыв\s+о\s+ваш|"
    r"(?:у\s+вас|вам)\s+(?:новый\s+)?отзыв|new\s+review|left\s+a\s+review|reviewed\s+your",
    re.I,
)
_OTHER_NEWS = re.compile(
    r"ответ\w*\s+на\s+отзыв|ваш\s+ответ|ваш\s+отзыв|статистик|отч[её]т|итоги|"
    r"модерац|пароль|вход\s+в|подтвер|счёт|счет\b|оплат|your\s+(?:reply|response)|password",
    re.I,
)

RULES: tuple[Rule, ...] = (
    Rule(
        site="yandex_maps",
        site_name="Яндекс Картах",
        phrase="Отзыв на Яндекс Картах",
        domains=("yandex.ru", "yandex.com", "yandex.net", "ya.ru"),
        link_hosts=("yandex.ru", "yandex.com", "yandex.net", "ya.ru"),
        announces=_NEW_REVIEW,
        not_about=_OTHER_NEWS,
    ),
    Rule(
        site="2gis",
        site_name="2ГИС",
        phrase="Отзыв в 2ГИС",
        domains=("2gis.ru", "2gis.com", "2gis.kz", "2gis.ae"),
        link_hosts=("2gis.ru", "2gis.com", "2gis.kz", "2gis.ae", "go.2gis.com"),
        announces=_NEW_REVIEW,
        not_about=_OTHER_NEWS,
    ),
    Rule(
        site="google_maps",
        site_name="Google Картах",
        phrase="Отзыв на Google Картах",
        domains=("google.com",),
        link_hosts=("google.com", "goo.gl", "g.page"),
        announces=re.compile(r"new\s+review|нов(?:ый|ые)\s+отзыв", re.I),
        not_about=_OTHER_NEWS,
    ),
)


def review_notice(letter: Letter) -> ReviewNotice | None:
    """The review this letter announces, or None when it is no review-site notice."""
    rule = _rule_for(letter.from_addr)
    if rule is None or rule.not_about.search(letter.subject):
        return None
    lines = [line.strip() for line in letter.text.splitlines()]
    opening = " ".join(line for line in lines[:8] if line)
    if not (rule.announces.search(letter.subject) or rule.announces.search(opening)):
        return None
    page = _Page.read(letter.html) if letter.html else _Page()
    rating_at, rating = _rating_line(lines)
    if rating is None:
        rating = next((r for label in page.labels if (r := rating_in(label)) is not None), None)
    return ReviewNotice(
        site=rule.site,
        site_name=rule.site_name,
        rating=rating,
        text=_review_text(lines, rating_at),
        author=_author(lines, rating_at),
        link=_answer_link(page.links, letter.text, rule),
        phrase=rule.phrase,
    )


# Local parts of the mailboxes sites send notices from. yandex.ru is also the country's
# largest personal mail service: ivan@yandex.ru writing "новый отзыв о вашем кафе" is a
# customer, not a notice. On a site's own subdomain (business.yandex.ru) nobody has a
# personal mailbox, so any sender there counts.
_SERVICE_SENDER_RE = re.compile(
    r"(?:^|[-_.+])(?:no-?reply|do-?not-?reply|notif\w*|notices?|alerts?|robot|mailer|"
    r"business\w*|sprav|reviews?|otzyv\w*|info|news)(?:$|[-_.+])",
    re.I,
)


def _rule_for(address: str) -> Rule | None:
    local, _, domain = address.lower().rpartition("@")
    domain = domain.rstrip(".")
    if not local or not domain:
        return None
    for rule in RULES:
        for own in rule.domains:
            if domain.endswith("." + own) or (domain == own and _SERVICE_SENDER_RE.search(local)):
                return rule
    return None


# --- rating ------------------------------------------------------------------------------------

_STARS_RE = re.compile(r"[★☆]{3,5}|(?:⭐\ufe0f?){1,5}")
_RATING_RES = (
    re.compile(
        r"(?:оценк\w*|рейтинг\w*|rating|score|stars?)\s*[:—–-]?\s*([1-5])(?:[.,]0)?"
        r"(?!\d)(?:\s*(?:/|из|of|out\s+of)\s*5)?",
        re.I,
    ),
    re.compile(r"(?<![\d.,])([1-5])(?:[.,]0)?\s*(?:/|из|of|out\s+of)\s*5(?!\d)", re.I),
    re.compile(r"(?<![\d.,])([1-5])\s*(?:звезд\w*|звёзд\w*|stars?|★)", re.I),
    re.compile(r"(?:поставил\w*|gave)\s+(?:оценку\s+)?([1-5])(?!\d)", re.I),
)


def rating_in(text: str) -> int | None:
    """A 1-5 rating written in `text`: stars ("★★☆☆☆" is 2, "⭐⭐⭐⭐" is 4) or words
    ("оценка 2", "2 из 5", "Rating: 2/5", "3 звезды"); None when there is none."""
    stars = _STARS_RE.search(text)
    if stars:
        run = stars.group()
        filled = run.count("★") + run.count("⭐")
        if 1 <= filled <= 5:
            return filled
    for pattern in _RATING_RES:
        match = pattern.search(text)
        if match:
            return int(match.group(1))
    return None


def _rating_line(lines: list[str]) -> tuple[int | None, int | None]:
    """(index of the line with the rating, the rating), or (None, None)."""
    for index, line in enumerate(lines):
        rating = rating_in(line)
        if rating is not None:
            return index, rating
    return None, None


# --- author and text ---------------------------------------------------------------------------

_AUTHOR_LABEL_RE = re.compile(
    r"^(?:автор(?:\s+отзыва)?|пользователь|имя|клиент|author|reviewer|from)\s*[:—–-]\s*(.+)$",
    re.I,
)
# "Мария К. оставила отзыв": one to three capitalised words, then the verb (so "На карточку
# «Колесо» оставили отзыв" names nobody).
_AUTHOR_VERB_RE = re.compile(
    r"^((?:[A-ZА-ЯЁ][^\W\d_]*\.?)(?:\s+[A-ZА-ЯЁ][^\W\d_]*\.?){0,2})\s+"
    r"(?:оставил\w*|написал\w*|оценил\w*|left|wrote)\s+(?:новый\s+|a\s+)?(?:отзыв|review|оценку)"
)
_TEXT_LABEL_RE = re.compile(
    r"^(?:текст\s+отзыва|текст|комментарий|отзыв|review(?:\s+text)?|comment)\s*:\s*(.*)$", re.I
)
# Where the review ends: the buttons and the footer of the notice.
_STOP_RE = re.compile(
    r"^(?:ответить|посмотреть|перейти|открыть|читать|все\s+отзывы|reply|respond|view|see|read|"
    r"вы\s+получили|вы\s+получаете|это\s+письмо|отписаться|unsubscribe|с\s+уважением|"
    r"команда\s|--|—\s*$|https?://)",
    re.I,
)
_DATE_LINE_RE = re.compile(
    r"^\d{1,2}[.\s/](?:\d{1,2}|[а-яa-z]+)[.\s/]\d{2,4}(?:\s*(?:г\.?|года))?(?:[,\s]+\d{1,2}:\d{2})?$",
    re.I,
)
_QUOTES = "«»“”„\"'"


def _author(lines: list[str], rating_at: int | None) -> str | None:
    for line in lines:
        match = _AUTHOR_LABEL_RE.match(line) or _AUTHOR_VERB_RE.match(line)
        if match:
            return _clean_name(match.group(1))
    if rating_at is None:
        return None
    # The line above the rating (a date between them skipped), in notices laid out
    # header / company / name / stars / text.
    above = [i for i in range(rating_at) if lines[i] and not _DATE_LINE_RE.match(lines[i])]
    if not above:
        return None
    line = lines[above[-1]]
    own = rating_in(line) is None and not _NEW_REVIEW.search(line) and len(line) <= 60
    if own and len(above) >= 3 and not re.search(r"[«»\"@/:]|\d{2}", line):
        return _clean_name(line)
    return None


def _clean_name(name: str) -> str | None:
    name = name.strip().strip(_QUOTES).strip(" ,:—-")
    return name[:100] or None


def _review_text(lines: list[str], rating_at: int | None) -> str | None:
    """The review: after a "Текст отзыва:" label, or the lines between the rating and the
    first button or footer line (the rating line's own rest counts), quotes taken off."""
    for index, line in enumerate(lines):
        match = _TEXT_LABEL_RE.match(line)
        if match:
            return _block([match.group(1), *lines[index + 1 :]])
    if rating_at is None:
        return None
    return _block([_without_rating(lines[rating_at]), *lines[rating_at + 1 :]])


def _without_rating(line: str) -> str:
    """What a rating line says besides the rating: "★★☆☆☆ Холодный кофе" -> "Холодный кофе"."""
    for pattern in (_STARS_RE, *_RATING_RES):
        line = pattern.sub(" ", line)
    line = line.strip(" .,:;—–-")
    return line if sum(c.isalpha() for c in line) >= 2 else ""


def _block(lines: list[str]) -> str | None:
    """Lines up to a button or footer line, dates dropped, blank runs squeezed, quotes off."""
    kept: list[str] = []
    for line in lines:
        if _STOP_RE.match(line):
            break
        if _DATE_LINE_RE.match(line):
            continue
        if line or (kept and kept[-1]):
            kept.append(line)
    text = "\n".join(kept).strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text or None


# --- the answer link ---------------------------------------------------------------------------

_ANSWER_TEXT_RE = re.compile(r"ответить|ответ|reply|respond|посмотреть\s+отзыв|к\s+отзыву", re.I)
_REVIEW_URL_RE = re.compile(r"review|otzyv|feedback|отзыв", re.I)
_NOT_ANSWER_URL_RE = re.compile(r"unsubscribe|otpisat|settings|help|support|privacy|logo", re.I)
_URL_RE = re.compile(r"https?://[^\s<>\"'«»]+")


def _answer_link(links: list[tuple[str, str]], text: str, rule: Rule) -> str | None:
    """The link to answer the review: the "Ответить на отзыв" button, else a link that looks
    like a review page, else none. Only links on the site's own hosts."""
    candidates = [(href, label) for href, label in links if _on_site(href, rule)]
    if not candidates:
        # plain-text notices: a URL, with the line above or around it as its label
        lines = text.splitlines()
        for index, line in enumerate(lines):
            for url in _URL_RE.findall(line):
                url = url.rstrip(".,;)")
                if _on_site(url, rule):
                    label = line + " " + (lines[index - 1] if index else "")
                    candidates.append((url, label))
    for href, label in candidates:
        if _ANSWER_TEXT_RE.search(label) and not _NOT_ANSWER_URL_RE.search(href):
            return href
    for href, _label in candidates:
        if _REVIEW_URL_RE.search(href) and not _NOT_ANSWER_URL_RE.search(href):
            return href
    return None


def _on_site(url: str, rule: Rule) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    return any(host == h or host.endswith("." + h) for h in rule.link_hosts)


class _Page(HTMLParser):
    """Links (href, text) and image/ARIA labels of a notice's HTML, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.labels: list[str] = []
        self._href: str | None = None
        self._text: list[str] = []

    @classmethod
    def read(cls, html: str) -> _Page:
        page = cls()
        try:
            page.feed(html)
            page.close()
        except Exception:  # html.parser is lenient; keep what was read
            pass
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("alt", "title", "aria-label"):
            if values.get(name):
                self.labels.append(values[name])
                if self._href is not None:
                    self._text.append(values[name])
        if tag == "a":
            self._finish()
            self._href = values.get("href", "").strip()
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._finish()

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._finish()

    def _finish(self) -> None:
        if self._href:
            self.links.append((self._href, " ".join(" ".join(self._text).split())))
        self._href = None
        self._text = []
