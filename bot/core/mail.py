"""The mailbox: every new letter becomes a ticket, or joins the one it answers.

Small explicit steps, like a feed poller: connect, take what is new (in UID order, each
letter stored before the position moves past it), wait (IDLE where the server has it, a poll
otherwise), and on trouble back off, reconnect and note the trouble. Nothing in the mailbox
is ever marked or deleted. A letter is known by its Message-ID (or a hash of it when it has
none), so a letter fetched twice (after a crash, after the server renumbered its UIDs) is
stored once. Letters written by machines (auto-replies, delivery reports, bulk mail) and our
own are kept as seen and never become tickets, so two robots never answer each other.

A wrong password is told to the directors at once; a server unreachable for an hour, once;
both are told again when mail is read again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from urllib.parse import unquote

from bot.clock import Clock, utc_now
from bot.config import Config
from bot.core.events import ExternalMessage, NewAttachment
from bot.core.ports import Notices
from bot.core.tickets import TicketService
from bot.views.texts import Texts
from collectors.letters import Letter, normalize_id, parse_letter, thread_ids
from collectors.mail_rules import ReviewNotice, review_notice
from collectors.mailbox import Mailbox, MailboxError, MailboxState
from storage import mailbox
from storage.db import Database
from storage.models import to_db

log = logging.getLogger(__name__)

IDLE_SECONDS = 300.0  # servers drop an IDLE after 30 minutes; renew well before
BACKOFF_START = 1.0
BACKOFF_CAP = 300.0
TELL_AFTER = timedelta(hours=1)  # an unreachable server is told to the directors after this
FIRST_LOOK = timedelta(hours=24)  # on a mailbox's first look, letters this fresh are new
BATCH = 50


def letter_key(letter: Letter, raw: bytes) -> str:
    """What a letter is known by: its Message-ID, or a hash of the letter without one."""
    if letter.message_id:
        return normalize_id(letter.message_id)
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def external_message(letter: Letter, key: str, notice: ReviewNotice | None) -> ExternalMessage:
    """A letter as the ticket service stores it: a review site's notice by the review (its
    author, stars, text and where to answer it), any other letter by its sender."""
    if notice is not None:
        return ExternalMessage(
            source=f"review:{notice.site}",
            external_id=key,
            author_name=notice.author or "",
            text=notice.text or letter.text,
            link=notice.link,
            source_title=notice.phrase or notice.site_name,
            rating=notice.rating,
            mail_id=key,
        )
    sender = letter.reply_to or letter.from_addr  # a site's form sends from noreply@
    author = f"{letter.from_name} <{sender}>" if letter.from_name else sender
    files = tuple(
        NewAttachment(a.filename, a.content_type, a.size, a.data) for a in letter.attachments
    )
    return ExternalMessage(
        source="email",
        external_id=key,
        author_name=author,
        text=letter.text,
        contact=sender,
        source_title=letter.subject or None,
        mail_id=key,
        answers=thread_ids(letter),
        attachments=files,
    )


class MailIntake:
    """A background part of the app (see bot.app.Background), on when IMAP_URL is set."""

    def __init__(
        self,
        db: Database,
        service: TicketService,
        notices: Notices,
        texts: Texts,
        config: Config,
        *,
        clock: Clock = utc_now,
        idle_seconds: float = IDLE_SECONDS,
        backoff_cap: float | None = None,
    ) -> None:
        """Retries back off up to `backoff_cap` seconds, by default POLL_INTERVAL capped at
        BACKOFF_CAP: a mailbox is checked no less often than the feeds."""
        assert config.imap_url
        self._db = db
        self._service = service
        self._notices = notices
        self._t = texts
        self._config = config
        self._now = clock
        self._idle = idle_seconds
        self._backoff_cap = backoff_cap or min(config.poll_interval, BACKOFF_CAP)
        self._task: asyncio.Task[None] | None = None
        # our own address: MAIL_FROM, else the mailbox's login when it is an address
        login = unquote(config.imap_url.split("://", 1)[1].rpartition("@")[0].split(":")[0])
        self._own = (config.mail_from or (login if "@" in login else "")).lower()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="mail-intake")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        assert self._config.imap_url
        backoff = BACKOFF_START
        while True:
            box = Mailbox(self._config.imap_url)
            try:
                await box.connect()
                await self._recovered()  # before the first success clears the trouble
                await self._drain(box)
                backoff = BACKOFF_START
                while True:
                    await box.wait(self._idle)
                    await self._drain(box)
            except MailboxError as error:
                await self._trouble(error)
            except asyncio.CancelledError:
                await box.close()
                raise
            except Exception:  # a bug must not end the mailbox for good
                log.exception("mail.loop_failed")
            await box.close()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self._backoff_cap)

    # --- steps ---------------------------------------------------------------------------

    async def _drain(self, box: Mailbox) -> None:
        """Take every new letter, a batch at a time; the position moves past a letter only
        once it is stored."""
        while True:
            async with self._db.read() as conn:
                row = await mailbox.state(conn)
            state = MailboxState(row.uidvalidity, row.last_uid)
            # the first look at a mailbox: what came in the last day is new (a director who
            # connects the mailbox wants today's complaints), the years before are seen
            since = self._now() - FIRST_LOOK if row.uidvalidity is None else None
            new_state, letters = await box.fetch_new(state, BATCH)
            if new_state.uidvalidity != state.uidvalidity and state.uidvalidity is not None:
                log.warning(
                    "mail.uidvalidity_changed old=%s new=%s: reading the mailbox again",
                    state.uidvalidity,
                    new_state.uidvalidity,
                )
            for uid, raw in letters:
                await self._take_safely(uid, raw, since)
                async with self._db.transaction() as conn:
                    await mailbox.save_position(conn, new_state.uidvalidity, uid, self._now())
            if not letters:
                async with self._db.transaction() as conn:
                    await mailbox.save_position(
                        conn, new_state.uidvalidity, new_state.last_uid, self._now()
                    )
                return

    async def _take_safely(self, uid: int, raw: bytes, since: datetime | None) -> None:
        """One letter that cannot be stored (a bug, a database error) must not stop the
        mailbox at that UID for good: it is kept as failed, logged, and the rest go on."""
        try:
            await self.take(uid, raw, since=since)
        except Exception:
            log.exception("mail.take_failed uid=%s: kept as failed, going on", uid)
            key = "uid:" + hashlib.sha256(raw).hexdigest()
            async with self._db.transaction() as conn:
                await mailbox.mark_seen(conn, key, uid, "failed", None, self._now())

    async def take(self, uid: int | None, raw: bytes, *, since: datetime | None = None) -> str:
        """Store one letter; what became of it ("ticket", "seen", "old", or the machine's
        kind). A letter written before `since` is kept as seen, not as a ticket."""
        letter = parse_letter(raw, attachment_limit=self._config.mail_attachment_limit)
        key = letter_key(letter, raw)
        async with self._db.read() as conn:
            if await mailbox.seen(conn, key):
                return "seen"
        if since is not None and letter.date is not None and letter.date < since:
            async with self._db.transaction() as conn:
                await mailbox.mark_seen(conn, key, uid, "old", None, self._now())
            return "old"
        notice = review_notice(letter)  # review sites mark their notices automatic
        why = None if notice is not None else letter.automatic
        why = why or ("own" if self._is_own(letter) else None)
        if why is not None:
            async with self._db.transaction() as conn:
                await mailbox.mark_seen(conn, key, uid, why, None, self._now())
            log.info("mail.skipped uid=%s why=%s", uid, why)
            return why
        if not letter.text.strip() and not letter.attachments:
            log.info("mail.no_text uid=%s: kept with a note", uid)
            letter = replace(letter, text=self._t("mail_no_text"))
        intake = await self._service.intake_external(external_message(letter, key, notice))
        async with self._db.transaction() as conn:
            await mailbox.mark_seen(conn, key, uid, "ticket", intake.ticket.id, self._now())
        return "ticket"

    def _is_own(self, letter: Letter) -> bool:
        return bool(self._own) and letter.from_addr.lower() == self._own

    # --- trouble -------------------------------------------------------------------------

    async def _trouble(self, error: MailboxError) -> None:
        """Note the trouble; tell the directors of a refused login at once, of a server
        unreachable for an hour once."""
        now = self._now()
        detail = str(error)[:200]
        log.warning("mail.trouble kind=%s: %s", error.kind, detail)
        async with self._db.transaction() as conn:
            row = await mailbox.record_error(conn, error.kind, detail, now)
            since = row.failing_since or now
            due = error.kind == "auth" or now - since >= TELL_AFTER
            if due and row.told_at is None:
                key = "mail_auth_failed" if error.kind == "auth" else "mail_unreachable"
                await self._notices.queue_for_directors(
                    conn,
                    self._t(key, detail=detail),
                    what="mail_trouble",
                    dedupe_prefix=f"mail:{to_db(since)}",
                )
                await mailbox.mark_told(conn, now)
        self._notices.wake()

    async def _recovered(self) -> None:
        """Mail is read again after trouble the directors were told of: say so, once."""
        async with self._db.read() as conn:
            row = await mailbox.state(conn)
        if row.told_at is None:
            return
        async with self._db.transaction() as conn:
            await self._notices.queue_for_directors(
                conn,
                self._t("mail_recovered"),
                what="mail_recovered",
                dedupe_prefix=f"mail-ok:{to_db(row.told_at)}",
            )
            await mailbox.save_position(conn, row.uidvalidity, row.last_uid, self._now())
        self._notices.wake()
