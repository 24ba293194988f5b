"""The HTTP side of the letter page and the status pages: routes, cookies, headers, status
codes. The rules are in bot.core.web_letters, the HTML in bot.views.web_pages; this module
only carries one to the other.

Routes (`WebPages.register` adds them to any aiohttp application, the web server's own or
the webhook's):

    GET/POST /letter          the letter form; sending it shows the thank-you page
    GET/POST /letter/{tag}    the same for a poster's tag (its place is named on the page)
    GET/POST /t/{token}       a client's private status page; posting adds a message

No access log is kept, and nothing here logs a path: a status page's path is its key.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from aiohttp import web

from bot.config import Config
from bot.core.posters import tag_problem
from bot.core.web_letters import (
    CONTACT_LIMIT,
    NAME_LIMIT,
    PHOTO_LIMIT,
    TEXT_LIMIT,
    Added,
    Addition,
    Case,
    Letter,
    Proof,
    Refusal,
    Refused,
    Sent,
    WebLetters,
    clean_text,
    is_cookie,
    is_email,
    is_nonce,
    minutes_until,
    new_cookie,
    new_nonce,
)
from bot.views.texts import Texts
from bot.views.web_pages import (
    CSP,
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
from bot.web.forms import BODY_LIMIT, Malformed, Posted, TooLarge, read_posted

log = logging.getLogger(__name__)

COOKIE = "fh_form"
COOKIE_AGE = 7 * 24 * 3600
MB = 1024 * 1024
LETTER_PATH = "/letter"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Which limit each error message names.
_LIMITS = {
    "web_error_name_long": NAME_LIMIT,
    "web_error_contact_long": CONTACT_LIMIT,
    "web_error_text_long": TEXT_LIMIT,
    "web_error_photo_big": PHOTO_LIMIT // MB,
}
_STATUS = {Refusal.FORGED: 403, Refusal.INVALID: 400, Refusal.TOO_MANY: 429}


def client_address(request: web.Request, trusted: tuple[str, ...] = ()) -> str:
    """Whose rate limit a request counts against: the peer's address; behind a reverse
    proxy on the same host (the peer is loopback) or one named in WEB_TRUSTED_PROXIES, the
    address that proxy appended last to X-Forwarded-For. A header from anyone else is
    ignored: it is theirs to forge."""
    remote = request.remote or ""
    try:
        peer = ipaddress.ip_address(remote)
    except ValueError:
        return remote
    proxy = peer.is_loopback or any(
        peer in ipaddress.ip_network(net, strict=False) for net in trusted
    )
    forwarded = request.headers.get("X-Forwarded-For", "")
    if proxy and forwarded.strip():
        return forwarded.split(",")[-1].strip()[:64]
    return remote


class WebPages:
    """The letter form, the thank-you page and the status pages, over `WebLetters`."""

    def __init__(self, letters: WebLetters, config: Config) -> None:
        self._letters = letters
        self._config = config
        self._t = Texts(config.language)
        self._secure_cookie = (config.web_base_url or "").startswith("https://")
        self._trusted = config.web_trusted_proxies

    def register(self, app: web.Application) -> None:
        """Add the pages' routes to `app` (the web server's own, or the webhook's)."""
        if self._config.privacy_policy_url is None:
            # Consent is still asked (and required), in words that say what and why; the
            # law also wants the operator's policy published, which only the company has.
            log.warning("web.no_privacy_policy: set PRIVACY_POLICY_URL to link the policy")
        if self._config.web_base_url is None:
            log.warning("web.no_base_url: status links are relative; set WEB_BASE_URL")
        app.router.add_get(LETTER_PATH, self._guard(self.letter_form))
        app.router.add_post(LETTER_PATH, self._guard(self.letter_sent))
        app.router.add_get(LETTER_PATH + "/{tag}", self._guard(self.letter_form))
        app.router.add_post(LETTER_PATH + "/{tag}", self._guard(self.letter_sent))
        app.router.add_get("/t/{token}", self._guard(self.status))
        app.router.add_post("/t/{token}", self._guard(self.status_sent))

    # --- the letter ------------------------------------------------------------------------

    async def letter_form(self, request: web.Request) -> web.StreamResponse:
        tag = request.match_info.get("tag")
        if tag is not None and tag_problem(tag) is not None:
            return self.not_found()
        cookie, fresh = self._cookie(request)
        form = await self._form(cookie, new_nonce())
        page = letter_page(self._t, await self._head(tag), form)
        return self._page(page, cookie=cookie if fresh else None, private=False)

    async def letter_sent(self, request: web.Request) -> web.StreamResponse:
        tag = request.match_info.get("tag")
        if tag is not None and tag_problem(tag) is not None:
            return self.not_found()
        posted = await self._read(request)
        if isinstance(posted, web.StreamResponse):
            return posted
        fields = posted.fields
        letter = Letter(
            name=fields.get("name", ""),
            contact=fields.get("contact", ""),
            text=fields.get("text", ""),
            consent=fields.get("consent") == "yes",
            nonce=fields.get("nonce", ""),
            honeypot=fields.get("website", ""),
            photo=posted.photo,
            tag=tag,
        )
        proof = Proof(request.cookies.get(COOKIE, ""), fields.get("mark", ""))
        result = await self._letters.submit(
            letter, address=client_address(request, self._trusted), proof=proof
        )
        if isinstance(result, Sent):
            mail = self._config.smtp_url is not None and is_email(result.contact)
            thanks = Thanks(
                result.ticket_id,
                self._status_link(result.token) if result.token else None,
                repeated=result.repeated,
                mail_to=result.contact if mail else None,
            )
            return self._page(thanks_page(self._t, thanks))
        cookie, fresh = self._cookie(request)
        nonce = self._nonce_again(letter.nonce, result)
        form = await self._form(
            cookie,
            nonce,
            values={key: fields.get(key, "") for key in ("name", "contact", "text")},
            errors=self._messages(result.problems, letter.text),
            notice=self._notice(result),
            photo_again=posted.photo is not None and "photo" not in result.problems,
        )
        page = letter_page(self._t, await self._head(tag), form)
        status = _STATUS[result.why]
        if result.problems.get("photo") == "web_error_photo_big":
            status = 413
        return self._page(
            page,
            status=status,
            cookie=cookie if fresh else None,
            retry=result.retry_after,
            private=False,
        )

    async def _head(self, tag: str | None) -> Head:
        who = await self._letters.addressee(tag)
        return Head(who.name, who.words or self._t("web_words_default"), who.place)

    async def _form(
        self,
        cookie: str,
        nonce: str,
        *,
        values: Mapping[str, str] | None = None,
        errors: Mapping[str, str] | None = None,
        notice: str | None = None,
        photo_again: bool = False,
    ) -> LetterForm:
        return LetterForm(
            nonce=nonce,
            mark=await self._letters.mark(cookie, nonce),
            name_limit=NAME_LIMIT,
            contact_limit=CONTACT_LIMIT,
            text_limit=TEXT_LIMIT,
            photo_limit_mb=PHOTO_LIMIT // MB,
            values=values or {},
            errors=errors or {},
            notice=notice,
            photo_again=photo_again,
            policy_url=self._config.privacy_policy_url,
            mail_hint=self._config.smtp_url is not None,
        )

    # --- the status page -------------------------------------------------------------------

    async def status(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        case = await self._letters.case(token)
        if case is None:
            return self.not_found()
        cookie, fresh = self._cookie(request)
        view = await self._status_view(
            case, cookie, new_nonce(), added=request.query.get("added") == "1"
        )
        page = status_page(self._t, view, self._config.timezone)
        return self._page(page, cookie=cookie if fresh else None)

    async def status_sent(self, request: web.Request) -> web.StreamResponse:
        token = request.match_info["token"]
        if await self._letters.ticket_of(token) is None:
            return self.not_found()
        posted = await self._read(request)
        if isinstance(posted, web.StreamResponse):
            return posted
        fields = posted.fields
        addition = Addition(
            fields.get("text", ""), fields.get("nonce", ""), fields.get("website", "")
        )
        proof = Proof(request.cookies.get(COOKIE, ""), fields.get("mark", ""))
        result = await self._letters.add(
            token, addition, address=client_address(request, self._trusted), proof=proof
        )
        if result is None:
            return self.not_found()
        if isinstance(result, Added):
            if result.token is not None:
                thanks = Thanks(result.ticket_id, self._status_link(result.token), new_case=True)
                return self._page(thanks_page(self._t, thanks))
            # Post/redirect/get: a reload shows the page rather than sending again.
            raise web.HTTPSeeOther(location="?added=1#added", headers=_headers())
        case = await self._letters.case(token)
        if case is None:
            return self.not_found()
        cookie, fresh = self._cookie(request)
        nonce = self._nonce_again(addition.nonce, result)
        view = await self._status_view(
            case,
            cookie,
            nonce,
            text=addition.text,
            errors=self._messages(result.problems, addition.text),
            notice=self._notice(result),
        )
        page = status_page(self._t, view, self._config.timezone)
        return self._page(
            page,
            status=_STATUS[result.why],
            cookie=cookie if fresh else None,
            retry=result.retry_after,
        )

    async def _status_view(
        self,
        case: Case,
        cookie: str,
        nonce: str,
        *,
        text: str = "",
        errors: Mapping[str, str] | None = None,
        notice: str | None = None,
        added: bool = False,
    ) -> StatusView:
        lines = [
            ThreadLine(
                line.outgoing,
                signature(self._t, line.author, line.role, line.signature) if line.outgoing else "",
                line.text,
                line.at,
            )
            for line in case.lines
        ]
        return StatusView(
            ticket_id=case.ticket_id,
            status=case.status.value,
            lines=lines,
            nonce=nonce,
            mark=await self._letters.mark(cookie, nonce),
            text_limit=TEXT_LIMIT,
            text=text,
            errors=errors or {},
            notice=notice,
            added=added,
        )

    def _status_link(self, token: str) -> str:
        """Absolute under WEB_BASE_URL, so it can be copied and kept; relative without it
        (the server's own idea of its address is wrong behind a proxy)."""
        return f"{self._config.web_base_url or ''}/t/{token}"

    # --- shared ----------------------------------------------------------------------------

    def _messages(self, problems: Mapping[str, str], text: str) -> dict[str, str]:
        return {
            name: self._t(key, limit=_LIMITS.get(key, ""), length=len(clean_text(text)))
            for name, key in problems.items()
        }

    @staticmethod
    def _nonce_again(nonce: str, refused: Refused) -> str:
        """The nonce for the form shown again: the same one when it was ours for this
        browser (the letter, put right, is still one letter), a new one when the form was
        forged, so nobody gets a nonce of their choosing signed by posting it."""
        if refused.why is Refusal.FORGED or not is_nonce(nonce):
            return new_nonce()
        return nonce

    def _notice(self, refused: Refused) -> str | None:
        if refused.why is Refusal.FORGED:
            return self._t("web_error_forged")
        if refused.why is Refusal.TOO_MANY and refused.retry_after is not None:
            return self._t("web_error_too_many", count=minutes_until(refused.retry_after))
        return None

    async def _read(self, request: web.Request) -> Posted | web.StreamResponse:
        try:
            return await read_posted(request)
        except TooLarge:
            log.info("web.refused why=too_large")
            title = self._t("web_too_big_title")
            text = self._t("web_too_big_text", limit=PHOTO_LIMIT // MB)
            return self._page(notice_page(self._t, title, text, LETTER_PATH), status=413)
        except Malformed as error:
            log.info("web.refused why=malformed detail=%s", error)
            title, text = self._t("web_failed_title"), self._t("web_failed_text")
            return self._page(notice_page(self._t, title, text, LETTER_PATH), status=400)

    def _cookie(self, request: web.Request) -> tuple[str, bool]:
        """The browser's form cookie, or a new one (True) to set with the page."""
        cookie = request.cookies.get(COOKIE, "")
        if is_cookie(cookie):
            return cookie, False
        return new_cookie(), True

    def not_found(self) -> web.Response:
        title, text = self._t("web_not_found_title"), self._t("web_not_found_text")
        return self._page(notice_page(self._t, title, text, LETTER_PATH), status=404)

    def failed(self) -> web.Response:
        title, text = self._t("web_failed_title"), self._t("web_failed_text")
        return self._page(notice_page(self._t, title, text, LETTER_PATH), status=500)

    def _page(
        self,
        html: str,
        *,
        status: int = 200,
        cookie: str | None = None,
        retry: timedelta | None = None,
        private: bool = True,
    ) -> web.Response:
        response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
        response.headers.update(_headers(private))
        if retry is not None and status == 429:
            response.headers["Retry-After"] = str(minutes_until(retry) * 60)
        if cookie is not None:
            response.set_cookie(
                COOKIE,
                cookie,
                max_age=COOKIE_AGE,
                path="/",
                httponly=True,
                samesite="Lax",
                secure=self._secure_cookie,
            )
        return response

    def _guard(self, handler: Handler) -> Handler:
        """A failure becomes an apology page and a log line naming the route, never the
        path: a status page's path is the key to a client's case."""

        async def guarded(request: web.Request) -> web.StreamResponse:
            try:
                return await handler(request)
            except web.HTTPException:
                raise
            except Exception:
                route = request.match_info.route.resource
                where = route.canonical if route is not None else "?"
                log.exception("web.failed route=%s %s", request.method, where)
                return self.failed()

        return guarded


def _headers(private: bool = True) -> dict[str, str]:
    """Sent with every page: the CSP, no sniffing, no framing, no referrer (the status
    page's address is its key). A page with a client's correspondence or link is never
    stored (`private`); the letter form may stay in the browser's own cache, so going back
    to it (from a 413 page, say) finds what was typed still there."""
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store" if private else "private, no-cache",
    }


__all__ = ["BODY_LIMIT", "COOKIE", "WebPages", "client_address"]
