"""The web pages clients without Telegram see: the letter form, the thank-you page, the
private status page and the short notices (not found, too large, a failure), as HTML.

Pure rendering: values in, a page out, so every page is unit-tested without a server. The
pages need no JavaScript and load nothing: one document with its CSS inline, allowed by the
CSP through the style's hash (`CSP`), so no script could run even if one were injected. What
people typed is escaped with `html.escape` here; texts come from `Texts`, which escapes
their values. Accessibility is built in: `lang`, one `<main>`, headings in order, a
`<label for>` for every field, hints and errors tied to their field with
`aria-describedby`, an error summary linking to each field, and a visible focus ring.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.views.texts import Html, Texts

CSS = """\
:root{color-scheme:light;--ink:#1f2328;--muted:#545d68;--line:#8c959f;--bg:#f5f2ec;\
--card:#fff;--accent:#1f4e79;--accent-dark:#163a5c;--soft:#eaf1f8;--focus:#0b57d0;\
--error:#b3261e}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);\
font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:38rem;margin:0 auto;padding:1rem .75rem 3rem}
.card{background:var(--card);border-radius:16px;padding:1.25rem 1rem;\
box-shadow:0 1px 3px rgba(0,0,0,.08);margin:0 0 1rem}
.kicker{margin:0;font-size:.875rem;font-weight:600;letter-spacing:.04em;\
text-transform:uppercase;color:var(--muted)}
h1{font-size:1.625rem;line-height:1.2;margin:.25rem 0 .125rem}
h2{font-size:1.25rem;line-height:1.3;margin:0 0 .75rem}
.role{margin:0;color:var(--muted)}
.words{margin:1rem 0 0;padding:.75rem 1rem;border-left:4px solid var(--accent);\
background:var(--soft);border-radius:0 12px 12px 0}
.words p{margin:0}
.place{display:inline-block;margin:.75rem 0 0;padding:.25rem .75rem;border-radius:999px;\
background:#e6e0d4;font-size:.9375rem}
.field{margin:0 0 1.5rem}
label{display:block;font-weight:600;margin:0 0 .25rem}
.tag{font-weight:400;color:var(--muted);font-size:.875rem;white-space:nowrap}
.hint{margin:0 0 .5rem;color:var(--muted);font-size:.9375rem}
input[type=text],textarea{display:block;width:100%;min-height:3rem;margin:0;\
padding:.625rem .75rem;font:inherit;color:inherit;background:#fff;\
border:2px solid var(--line);border-radius:10px}
textarea{min-height:10rem;resize:vertical}
input[type=file]{display:block;width:100%;min-height:3rem;padding:.5rem 0;font:inherit}
.consent{display:flex;gap:.75rem;align-items:flex-start;padding:.875rem;\
border:2px solid var(--line);border-radius:10px;background:#fff}
.consent input{flex:none;width:1.75rem;height:1.75rem;margin:0;accent-color:var(--accent)}
.consent label{font-weight:400;margin:0}
.policy{margin:.5rem 0 0;font-size:.9375rem}
button,.button{display:block;width:100%;min-height:3.25rem;padding:.75rem 1.25rem;\
font:inherit;font-weight:600;text-align:center;text-decoration:none;color:#fff;\
background:var(--accent);border:0;border-radius:12px;cursor:pointer}
button:hover,.button:hover{background:var(--accent-dark)}
a{color:var(--accent)}
input:focus,textarea:focus{outline:3px solid var(--focus);outline-offset:2px;\
border-color:var(--focus)}
button:focus-visible,a:focus-visible{outline:3px solid var(--focus);outline-offset:3px}
.error{margin:0 0 .5rem;color:var(--error);font-weight:600}
.invalid input[type=text],.invalid textarea,.invalid .consent{border-color:var(--error)}
.summary{border:3px solid var(--error);border-radius:12px;padding:1rem;margin:0 0 1.5rem;\
background:#fff}
.summary h2{font-size:1.125rem;margin:0 0 .5rem}
.summary ul{margin:0;padding-left:1.25rem}
.summary li{margin:.25rem 0}
.summary a{color:var(--error);font-weight:600}
.done{border-left:4px solid #1a7f37;background:#e9f5ec;padding:.75rem 1rem;\
border-radius:0 12px 12px 0;margin:0 0 1rem}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;\
clip:rect(0 0 0 0);white-space:nowrap;border:0}
.hp{position:absolute!important;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.link{display:block;margin:.5rem 0;padding:.75rem;border-radius:10px;background:var(--soft);\
overflow-wrap:anywhere;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
font-size:.9375rem}
.note{color:var(--muted);font-size:.9375rem}
.status{margin:0 0 .25rem;font-size:.875rem;font-weight:600;color:var(--muted)}
.state{margin:0;padding:.75rem 1rem;border-radius:12px;background:var(--soft)}
.state.resolved{background:#e9f5ec}
.thread{list-style:none;margin:0;padding:0}
.thread li{margin:0 0 .75rem;padding:.75rem 1rem;border-radius:12px;border:1px solid #d0d7de;\
background:#fff}
.thread li.out{background:var(--soft);border-color:#bcd0e4}
.who{margin:0 0 .25rem;font-size:.875rem;color:var(--muted)}
.who b{color:var(--ink)}
.body{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
@media (min-width:40rem){main{padding:2.5rem 1rem 4rem}.card{padding:2rem}\
h1{font-size:2rem}button{width:auto;min-width:14rem}.thread li.out{margin-left:2.5rem}\
.thread li.in{margin-right:2.5rem}}
"""

# The only thing the pages may load is their own inline style, named by its hash: no
# scripts, frames, plugins, foreign images or forms posting elsewhere.
CSP = (
    "default-src 'none'; "
    f"style-src 'sha256-{base64.b64encode(hashlib.sha256(CSS.encode()).digest()).decode()}'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Head:
    """Who the letter goes to: the director's name (None: unknown), their words (already
    chosen: their poster line or the default) and the poster's place, if tagged."""

    name: str | None
    words: str
    place: str | None = None


@dataclass(frozen=True)
class LetterForm:
    """The letter form as it is to be shown: its hidden nonce and mark, what was typed
    before (on a second showing), and what is wrong with it. Forms post to the page's own
    address (no `action`), so a site behind a proxy under a path prefix works as is.

    `errors` maps a field (name, contact, text, photo, consent, honeypot) to its message
    as `Texts` made it; `notice` is a message about the whole form (forged, too many)."""

    nonce: str
    mark: str
    name_limit: int
    contact_limit: int
    text_limit: int
    photo_limit_mb: int
    values: Mapping[str, str] = field(default_factory=dict)
    errors: Mapping[str, str] = field(default_factory=dict)
    notice: str | None = None
    photo_again: bool = False
    policy_url: str | None = None
    mail_hint: bool = False


@dataclass(frozen=True)
class Thanks:
    """The page after sending: the ticket's number and its private link (`link` None when
    the letter was a repeat whose link this process no longer knows)."""

    ticket_id: int
    link: str | None
    repeated: bool = False
    mail_to: str | None = None
    new_case: bool = False


@dataclass(frozen=True)
class ThreadLine:
    outgoing: bool
    author: str  # for an outgoing line: the signature as shown; for the client's: "You"
    text: str
    at: datetime


@dataclass(frozen=True)
class StatusView:
    """The private page: status (received, in_work, resolved), the thread oldest first,
    and the form to add a message."""

    ticket_id: int
    status: str
    lines: Sequence[ThreadLine]
    nonce: str
    mark: str
    text_limit: int
    text: str = ""
    errors: Mapping[str, str] = field(default_factory=dict)
    notice: str | None = None
    added: bool = False


def document(t: Texts, title: str, body: str, *, private: bool = False) -> str:
    """A whole page: language, viewport for phones, no referrer (a status page's address is
    its key and must not travel to the policy's site), the inline style, one <main>."""
    robots = '<meta name="robots" content="noindex, nofollow">\n' if private else ""
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(t.language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{robots}<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _described(field_id: str, *, hint: bool = True, error: bool = False) -> str:
    ids = [f"{field_id}-hint"] if hint else []
    if error:
        ids.append(f"{field_id}-error")
    return f' aria-describedby="{" ".join(ids)}"' if ids else ""


def _invalid(error: str | None) -> str:
    return ' aria-invalid="true"' if error else ""


def _field_class(error: str | None) -> str:
    return "field invalid" if error else "field"


def _error(t: Texts, field_id: str, message: str | None) -> str:
    """A field's error, above the field it is about, read out with it."""
    if not message:
        return ""
    return (
        f'<p class="error" id="{field_id}-error">'
        f'<span class="vh">{t("web_error_label")} </span>{message}</p>\n'
    )


def _summary(t: Texts, errors: Mapping[str, str], notice: str | None, order: Sequence[str]) -> str:
    """At the top: what stops the form, each item a link to its field (GOV.UK's pattern),
    announced by screen readers as soon as the page shows."""
    items = [f"<li>{notice}</li>"] if notice else []
    for name in order:
        if name in errors:
            items.append(f'<li><a href="#f-{name}">{errors[name]}</a></li>')
    if not items:
        return ""
    return (
        '<div class="summary" role="alert" aria-labelledby="summary-title">\n'
        f'<h2 id="summary-title">{t("web_errors_title")}</h2>\n<ul>\n'
        + "\n".join(items)
        + "\n</ul>\n</div>\n"
    )


def _marker(t: Texts, key: str) -> str:
    return f' <span class="tag">({t(key)})</span>'


def _hidden(nonce: str, mark: str) -> str:
    return (
        f'<input type="hidden" name="nonce" value="{escape(nonce)}">\n'
        f'<input type="hidden" name="mark" value="{escape(mark)}">\n'
    )


def _honeypot(t: Texts) -> str:
    """The field people never see (off screen, out of the tab order, hidden from screen
    readers, its label saying to leave it empty) and spam bots fill in. It is never shown
    filled again: a browser's autofill put there is cleared by showing the form anew."""
    return (
        '<div class="hp" aria-hidden="true">\n'
        f'<label for="f-honeypot">{t("web_label_honeypot")}</label>\n'
        '<input type="text" id="f-honeypot" name="website" value="" tabindex="-1" '
        'autocomplete="off">\n</div>\n'
    )


def _textarea(
    t: Texts, label: str, hint: str, text: str, limit: int, error: str | None, rows: int
) -> str:
    return (
        f'<div class="{_field_class(error)}">\n'
        f'<label for="f-text">{label}</label>\n'
        f'<p class="hint" id="f-text-hint">{hint}</p>\n'
        f"{_error(t, 'f-text', error)}"
        f'<textarea id="f-text" name="text" rows="{rows}" maxlength="{limit}" required'
        f"{_described('f-text', error=bool(error))}{_invalid(error)}>"
        f"{escape(text)}</textarea>\n</div>\n"
    )


LETTER_FIELDS = ("honeypot", "name", "contact", "text", "photo", "consent")


def _head(t: Texts, head: Head) -> str:
    if head.name:
        top = (
            f'<p class="kicker">{t("web_title")}</p>\n<h1>{escape(head.name)}</h1>\n'
            f'<p class="role">{t("web_role_director")}</p>\n'
        )
    else:
        top = f"<h1>{t('web_title')}</h1>\n"
    place = f'<p class="place">{t("web_place", place=head.place)}</p>\n' if head.place else ""
    words = "".join(f"<p>{escape(line)}</p>" for line in head.words.splitlines() if line.strip())
    return f'<header>\n{top}<div class="words">{words}</div>\n{place}</header>\n'


def _line_input(t: Texts, form: LetterForm, name: str, limit: int, autocomplete: str) -> str:
    field_id = f"f-{name}"
    hint_key = "web_hint_contact_mail" if name == "contact" and form.mail_hint else None
    error = form.errors.get(name)
    return (
        f'<div class="{_field_class(error)}">\n'
        f'<label for="{field_id}">{t(f"web_label_{name}")}{_marker(t, "web_optional")}</label>\n'
        f'<p class="hint" id="{field_id}-hint">{t(hint_key or f"web_hint_{name}")}</p>\n'
        f"{_error(t, field_id, error)}"
        f'<input type="text" id="{field_id}" name="{name}" maxlength="{limit}" '
        f'autocomplete="{autocomplete}" value="{escape(form.values.get(name, ""))}"'
        f"{_described(field_id, error=bool(error))}{_invalid(error)}>\n</div>\n"
    )


def _photo_input(t: Texts, form: LetterForm) -> str:
    error = form.errors.get("photo")
    again = f'<p class="note">{t("web_photo_again")}</p>\n' if form.photo_again else ""
    return (
        f'<div class="{_field_class(error)}">\n'
        f'<label for="f-photo">{t("web_label_photo")}{_marker(t, "web_optional")}</label>\n'
        f'<p class="hint" id="f-photo-hint">{t("web_hint_photo", limit=form.photo_limit_mb)}'
        f"</p>\n{_error(t, 'f-photo', error)}{again}"
        '<input type="file" id="f-photo" name="photo" accept="image/jpeg,image/png,image/webp"'
        f"{_described('f-photo', error=bool(error))}{_invalid(error)}>\n</div>\n"
    )


def _consent(t: Texts, form: LetterForm) -> str:
    """Its own checkbox, never ticked by the page (the law wants it given, not assumed),
    with the policy linked under it when PRIVACY_POLICY_URL is set."""
    error = form.errors.get("consent")
    policy = ""
    if form.policy_url:
        link = Html(
            f'<a href="{escape(form.policy_url)}" rel="noreferrer noopener" target="_blank">'
            f"{t('web_policy_link')}</a>"
        )
        policy = f'<p class="policy" id="f-consent-policy">{t("web_policy", link=link)}</p>\n'
    described = [
        name for name, on in (("f-consent-error", error), ("f-consent-policy", policy)) if on
    ]
    aria = f' aria-describedby="{" ".join(described)}"' if described else ""
    return (
        f'<div class="{_field_class(error)}">\n{_error(t, "f-consent", error)}'
        '<div class="consent">\n'
        f'<input type="checkbox" id="f-consent" name="consent" value="yes" required'
        f"{aria}{_invalid(error)}>\n"
        f'<label for="f-consent">{t("web_label_consent")}{_marker(t, "web_required")}</label>\n'
        f"</div>\n{policy}</div>\n"
    )


def letter_page(t: Texts, head: Head, form: LetterForm) -> str:
    """The letter form: labels above fields, hints under labels, errors next to their
    field, the consent box separate and unticked, a link to the policy when configured."""
    text_label = t("web_label_text") + _marker(t, "web_required")
    text_hint = t("web_hint_text", limit=form.text_limit)
    text = _textarea(
        t,
        text_label,
        text_hint,
        form.values.get("text", ""),
        form.text_limit,
        form.errors.get("text"),
        8,
    )
    body = (
        f'<div class="card">\n{_head(t, head)}</div>\n'
        '<div class="card">\n'
        f"{_summary(t, form.errors, form.notice, LETTER_FIELDS)}"
        f'<form method="post" enctype="multipart/form-data" '
        'accept-charset="utf-8">\n'
        f"{_hidden(form.nonce, form.mark)}{_honeypot(t)}"
        f"{_line_input(t, form, 'name', form.name_limit, 'name')}"
        f"{_line_input(t, form, 'contact', form.contact_limit, 'off')}"
        f"{text}"
        f"{_photo_input(t, form)}{_consent(t, form)}"
        f'<button type="submit">{t("web_send")}</button>\n'
        "</form>\n</div>\n"
    )
    return document(t, t("web_title"), body)


def thanks_page(t: Texts, thanks: Thanks) -> str:
    """Sent: the number, the private link with a word that it is private and to keep it."""
    if thanks.new_case:
        lead = t("web_thanks_new_case", id=thanks.ticket_id)
    elif thanks.repeated:
        lead = t("web_thanks_repeat", id=thanks.ticket_id)
    else:
        lead = t("web_thanks_text", id=thanks.ticket_id)
    parts = [f"<h1>{t('web_thanks_title')}</h1>\n<p>{lead}</p>\n"]
    if thanks.mail_to:
        parts.append(f"<p>{t('web_thanks_mail', contact=thanks.mail_to)}</p>\n")
    if thanks.link:
        href = escape(thanks.link)
        parts.append(
            f"<h2>{t('web_link_title')}</h2>\n<p>{t('web_link_text')}</p>\n"
            f'<p><a class="link" id="status-link" href="{href}">{href}</a></p>\n'
            f'<p class="note">{t("web_link_keep")}</p>\n'
            f'<p><a class="button" href="{href}">{t("web_open_status")}</a></p>\n'
        )
    else:
        parts.append(f'<p class="note">{t("web_link_lost", id=thanks.ticket_id)}</p>\n')
    body = '<div class="card">\n' + "".join(parts) + "</div>\n"
    return document(t, t("web_thanks_title"), body, private=True)


def signature(t: Texts, name: str, role: str | None, own: str | None) -> str:
    """How an answer is signed on the page, as in Telegram: the director's own signature,
    or "name, role"; a name alone when the author is no longer staff."""
    if own:
        return escape(own)
    if role in ("director", "manager"):
        return t("web_line_signature", name=name, role=Html(t(f"web_role_{role}")))
    return escape(name)


def local_time(moment: datetime, tz: ZoneInfo) -> str:
    return moment.astimezone(tz).strftime("%d.%m.%Y, %H:%M")


def status_page(t: Texts, view: StatusView, tz: ZoneInfo) -> str:
    """The private page: status in the client's words, every message and answer (never a
    note: the caller gives only those), and a form to add a message."""
    state = t(f"web_status_{view.status}")
    lines = []
    for line in view.lines:
        who = line.author if line.outgoing else t("web_line_you")
        text = escape(line.text) if line.text else t("web_line_file")
        when = local_time(line.at, tz)
        lines.append(
            f'<li class="{"out" if line.outgoing else "in"}">\n'
            f'<p class="who"><b>{who}</b> · <time datetime="{line.at.isoformat()}">'
            f"{when}</time></p>\n"
            f'<p class="body">{text}</p>\n</li>'
        )
    added = f'<p class="done" role="status" id="added">{t("web_added")}</p>\n'
    text_error = view.errors.get("text")
    add_label, add_hint = t("web_add_label"), t("web_add_hint")
    body = (
        '<div class="card">\n'
        f"<h1>{t('web_status_title', id=view.ticket_id)}</h1>\n"
        f'<p class="status">{t("web_status_label")}</p>\n'
        f'<p class="state {escape(view.status)}" id="state">{state}</p>\n'
        "</div>\n"
        '<div class="card">\n'
        f"<h2>{t('web_thread_title')}</h2>\n"
        f"{added if view.added else ''}"
        f'<ol class="thread">\n{chr(10).join(lines)}\n</ol>\n'
        "</div>\n"
        '<div class="card">\n'
        f"{_summary(t, view.errors, view.notice, ('honeypot', 'text'))}"
        f'<form method="post" enctype="multipart/form-data" '
        'accept-charset="utf-8">\n'
        f"{_hidden(view.nonce, view.mark)}"
        f"{_honeypot(t)}"
        f"{_textarea(t, add_label, add_hint, view.text, view.text_limit, text_error, 5)}"
        f'<button type="submit">{t("web_add_send")}</button>\n'
        "</form>\n"
        f'<p class="note">{t("web_private_note")}</p>\n'
        "</div>\n"
    )
    return document(t, t("web_status_title", id=view.ticket_id), body, private=True)


def notice_page(t: Texts, title: str, text: str, link: str | None = None) -> str:
    """A short page for what is not a form: not found, too large, a failure; `title` and
    `text` as `Texts` made them, with a way back to the letter form."""
    back = f'<p><a class="button" href="{escape(link)}">{t("web_write_letter")}</a></p>\n'
    body = f'<div class="card">\n<h1>{title}</h1>\n<p>{text}</p>\n{back if link else ""}</div>\n'
    return document(t, title, body, private=True)
