"""Configuration from the environment and `.env`.

The variable names are part of the product's interface, so they are read in one place and
validated up front: a bad value must stop the bot with one clear line, not surface later as a
confusing failure deep inside a handler.
"""

from __future__ import annotations

import ipaddress
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

TOKEN_RE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{10,}$")
DEFAULT_DATABASE_URL = "sqlite:///data/firsthand.db"
LANGUAGES = ("ru", "en")
TELEGRAM_UPLOAD_MB = 50  # the largest file a bot may send
MAX_DAYS = 3650  # a reminder duration beyond ten years is a typo, and would overflow dates


class ConfigError(Exception):
    """A variable is missing or malformed; the message names it and says how to fix it."""


@dataclass(frozen=True)
class Config:
    bot_token: str = field(repr=False)
    api_url: str | None
    director_ids: frozenset[int]
    manager_ids: frozenset[int]
    team_chat_id: int | None
    database_path: Path
    language: str
    timezone: ZoneInfo
    reopen_hours: float
    request_timeout: float = 20.0
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_host: str = "0.0.0.0"
    webhook_port: int = 8080
    feeds: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    exclude_keywords: tuple[str, ...] = ()
    poll_interval: float = 300.0
    telegram_web_url: str = "https://t.me"
    mention_summary_minutes: float = 60.0
    allow_private_feeds: bool = False
    overdue_hours: float = 24.0
    first_response_minutes: float = 60.0
    follow_up_days: float = 3.0
    digest_time: time = time(9, 0)
    quiet_hours: tuple[time, time] | None = None
    scheduler_tick_seconds: float = 5.0
    report_day: int = 0  # weekday of the weekly report, Monday = 0
    report_time: time = time(9, 0)
    root_cause_required: bool = True
    # Mail (issue 12): a mailbox to watch, a server to answer through, our own address.
    imap_url: str | None = field(default=None, repr=False)  # carries a password
    smtp_url: str | None = field(default=None, repr=False)
    mail_from: str | None = None
    mail_attachment_limit: int = 10 * 1024 * 1024
    # The "letter to the director" page: where it listens, how clients reach it, the policy.
    web_listen: tuple[str, int] | None = None
    web_base_url: str | None = None
    privacy_policy_url: str | None = None
    # Reverse proxies (besides this host) whose X-Forwarded-For names the client.
    web_trusted_proxies: tuple[str, ...] = ()

    @property
    def staff_ids(self) -> frozenset[int]:
        return self.director_ids | self.manager_ids


def read_environment(env_file: str | os.PathLike[str] = ".env") -> dict[str, str]:
    """Merge `.env` under the real environment: the environment wins, as operators expect."""
    merged = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    merged.update(os.environ)
    return merged


def load_config(env: Mapping[str, str]) -> Config:
    token = env.get("BOT_TOKEN", "").strip()
    if not token:
        raise ConfigError(
            "BOT_TOKEN is not set: create a bot with @BotFather in Telegram (/newbot), "
            "then put its token into .env as BOT_TOKEN=..."
        )
    if not TOKEN_RE.match(token):
        raise ConfigError(
            "BOT_TOKEN is malformed: expected the form 123456789:AA... as given by @BotFather"
        )
    directors = _ids(env, "DIRECTOR_IDS")
    return Config(
        bot_token=token,
        api_url=_url(env, "TELEGRAM_API_URL"),
        director_ids=directors,
        manager_ids=_ids(env, "MANAGER_IDS") - directors,
        team_chat_id=_optional_int(env, "TEAM_CHAT_ID"),
        database_path=_database_path(env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL),
        language=_language(env),
        timezone=_timezone(env),
        reopen_hours=_positive_float(env, "REOPEN_HOURS", 24.0),
        request_timeout=_positive_float(env, "TELEGRAM_TIMEOUT", 20.0),
        **_webhook(env),
        **_sources(env),
        **_reminders(env),
        **_mail(env),
        **_web(env),
    )


def _ids(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = env.get(name, "").strip()
    if not raw:
        return frozenset()
    try:
        return frozenset(int(part) for part in re.split(r"[,\s]+", raw) if part)
    except ValueError:
        raise ConfigError(
            f"{name} is malformed: expected comma-separated Telegram user ids, got {raw!r}"
        ) from None


def _optional_int(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} is malformed: expected a chat id like -1001234567890") from None


def _url(env: Mapping[str, str], name: str) -> str | None:
    raw = env.get(name, "").strip().rstrip("/")
    if not raw:
        return None
    if not re.match(r"^https?://[^\s/]+", raw):
        raise ConfigError(f"{name} is malformed: expected an http(s) URL, got {raw!r}")
    return raw


def _database_path(url: str) -> Path:
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix):
        raise ConfigError(
            f"DATABASE_URL is malformed: expected sqlite:///relative/path.db "
            f"or sqlite:////absolute/path.db, got {url!r}"
        )
    return Path(url[len(prefix) :])


def _language(env: Mapping[str, str]) -> str:
    raw = env.get("LANGUAGE", "").strip().lower() or "ru"
    if raw not in LANGUAGES:
        raise ConfigError(f"LANGUAGE is malformed: expected one of {', '.join(LANGUAGES)}")
    return raw


def _timezone(env: Mapping[str, str]) -> ZoneInfo:
    raw = env.get("TIMEZONE", "").strip() or "Europe/Moscow"
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"TIMEZONE is malformed: expected an IANA name like Europe/Moscow, got {raw!r}"
        ) from None


def _positive_float(
    env: Mapping[str, str], name: str, default: float, maximum: float | None = None
) -> float:
    """A positive, finite number ("nan" and "inf" would pass a bare `> 0` check and then
    break date arithmetic at run time); `maximum` keeps durations within datetime's range."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(f"{name} is malformed: expected a positive number, got {raw!r}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name} is malformed: expected at most {maximum:g}, got {raw!r}")
    return value


_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    """true/false in the spellings operators use; anything else is refused rather than read
    as false, since a flag that quietly did nothing is worse than a bot that will not start."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ConfigError(f"{name} is malformed: expected true or false, got {raw!r}")


def _webhook(env: Mapping[str, str]) -> dict[str, object]:
    """Webhook mode is on when WEBHOOK_URL is set; then a secret is required, because without
    it anyone who learns the URL could post fake updates."""
    url = env.get("WEBHOOK_URL", "").strip()
    listen = env.get("WEBHOOK_LISTEN", "").strip() or "0.0.0.0:8080"
    host, _, port_text = listen.rpartition(":")
    if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"WEBHOOK_LISTEN is malformed: expected host:port, got {listen!r}")
    if not url:
        return {"webhook_host": host, "webhook_port": int(port_text)}
    if not re.match(r"^https://[^\s/]+", url):
        raise ConfigError(f"WEBHOOK_URL is malformed: expected an https URL, got {url!r}")
    secret = env.get("WEBHOOK_SECRET", "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
        raise ConfigError(
            "WEBHOOK_SECRET is missing or malformed: with WEBHOOK_URL set, give 16-256 "
            "characters of A-Z, a-z, 0-9, _ and -"
        )
    return {
        "webhook_url": url,
        "webhook_secret": secret,
        "webhook_host": host.strip("[]"),
        "webhook_port": int(port_text),
    }


def _mail(env: Mapping[str, str]) -> dict[str, object]:
    """IMAP_URL turns on the mailbox, SMTP_URL the replies by mail; MAIL_FROM is the address
    letters go out from (default: the SMTP login when it is an address)."""
    imap = env.get("IMAP_URL", "").strip() or None
    if imap and not re.match(r"^imaps?://[^@\s]+@[^\s/]+", imap):
        raise ConfigError(
            "IMAP_URL is malformed: expected imaps://user:password@host[:port]/INBOX "
            "(imap:// for a local server)"
        )
    smtp = env.get("SMTP_URL", "").strip() or None
    if smtp and not re.match(r"^smtps?://([^@\s]+@)?[^\s/]+", smtp):
        raise ConfigError(
            "SMTP_URL is malformed: expected smtps://user:password@host[:port] "
            "(smtp:// uses STARTTLS when the server offers it)"
        )
    sender = env.get("MAIL_FROM", "").strip() or None
    if sender is None and smtp:
        login = smtp.split("://", 1)[1].rpartition("@")[0].split(":", 1)[0]
        sender = login.replace("%40", "@") if "@" in login.replace("%40", "@") else None
    if sender is not None and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", sender):
        raise ConfigError(f"MAIL_FROM is malformed: expected an address, got {sender!r}")
    if smtp and sender is None:
        raise ConfigError("MAIL_FROM is not set: with SMTP_URL, give the address replies come from")
    limit_mb = _positive_float(env, "MAIL_ATTACHMENT_MB", 10.0)
    if limit_mb > TELEGRAM_UPLOAD_MB:
        raise ConfigError(
            f"MAIL_ATTACHMENT_MB is too large: Telegram takes files up to {TELEGRAM_UPLOAD_MB} "
            f"MB from a bot, got {limit_mb:g}"
        )
    return {
        "imap_url": imap,
        "smtp_url": smtp,
        "mail_from": sender,
        "mail_attachment_limit": int(limit_mb * 1024 * 1024),
    }


def _web(env: Mapping[str, str]) -> dict[str, object]:
    """WEB_LISTEN (host:port) serves the "letter to the director" page; WEB_BASE_URL is how
    clients reach it (for the status links); PRIVACY_POLICY_URL is the consent's policy."""
    listen = env.get("WEB_LISTEN", "").strip()
    where: tuple[str, int] | None = None
    if listen:
        host, _, port_text = listen.rpartition(":")
        if not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise ConfigError(f"WEB_LISTEN is malformed: expected host:port, got {listen!r}")
        where = (host.strip("[]"), int(port_text))
        hook = env.get("WEBHOOK_LISTEN", "").strip() or "0.0.0.0:8080"
        if env.get("WEBHOOK_URL", "").strip() and listen == hook:
            raise ConfigError(
                "WEB_LISTEN is the webhook's own address: leave WEB_LISTEN empty, the webhook "
                "server serves the letter page too"
            )
    proxies = _list(env, "WEB_TRUSTED_PROXIES")
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ConfigError(
                f"WEB_TRUSTED_PROXIES is malformed: expected addresses or networks like "
                f"10.0.0.5 or 172.16.0.0/12, got {proxy!r}"
            ) from None
    return {
        "web_listen": where,
        "web_trusted_proxies": proxies,
        "web_base_url": _url(env, "WEB_BASE_URL"),
        "privacy_policy_url": _url(env, "PRIVACY_POLICY_URL"),
    }


def _list(env: Mapping[str, str], name: str) -> tuple[str, ...]:
    """Comma-separated, blanks dropped, order kept, repeats removed."""
    items = (part.strip() for part in env.get(name, "").split(","))
    return tuple(dict.fromkeys(item for item in items if item))


def _sources(env: Mapping[str, str]) -> dict[str, object]:
    """Where mentions are collected from (issue 3). Bad URLs and names are refused here, so a
    typo in FEEDS stops the bot with its name instead of failing silently every poll."""
    feeds = _list(env, "FEEDS")
    for url in feeds:
        if not re.match(r"^https?://[^\s/]+", url):
            raise ConfigError(f"FEEDS is malformed: expected http(s) URLs, got {url!r}")
    channels = tuple(
        name.removeprefix("https://t.me/").lstrip("@") for name in _list(env, "CHANNELS")
    )
    for name in channels:
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{3,31}", name):
            raise ConfigError(
                f"CHANNELS is malformed: expected public channel names like fitstudio_news, "
                f"got {name!r}"
            )
    return {
        "feeds": feeds,
        "channels": channels,
        "keywords": _list(env, "KEYWORDS"),
        "exclude_keywords": _list(env, "EXCLUDE_KEYWORDS"),
        "poll_interval": _positive_float(env, "POLL_INTERVAL", 300.0),
        "telegram_web_url": _url(env, "TELEGRAM_WEB_URL") or "https://t.me",
        "mention_summary_minutes": _positive_float(env, "MENTION_SUMMARY_MINUTES", 60.0),
        "allow_private_feeds": _flag(env, "ALLOW_PRIVATE_FEEDS", False),
    }


_CLOCK_TIME = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")


def _clock_time(raw: str) -> time | None:
    """'9', '09:00', '22:30' → a wall-clock time; None when it is not one."""
    match = _CLOCK_TIME.match(raw.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _digest_time(env: Mapping[str, str], name: str = "DIGEST_TIME") -> time:
    raw = env.get(name, "").strip()
    if not raw:
        return time(9, 0)
    parsed = _clock_time(raw)
    if parsed is None:
        raise ConfigError(f"{name} is malformed: expected a local time like 09:00, got {raw!r}")
    return parsed


WEEKDAYS = {
    **{name: day for day, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: day for day, name in enumerate(("пн", "вт", "ср", "чт", "пт", "сб", "вс"))},
}


def _weekday(env: Mapping[str, str], name: str) -> int:
    """MON..SUN (or ПН..ВС, or 1..7 with Monday 1): the day the weekly report goes out."""
    raw = env.get(name, "").strip().lower()
    if not raw:
        return 0
    if raw[:3] in WEEKDAYS:
        return WEEKDAYS[raw[:3]]
    if raw[:2] in WEEKDAYS:
        return WEEKDAYS[raw[:2]]
    if raw.isdigit() and 1 <= int(raw) <= 7:
        return int(raw) - 1
    raise ConfigError(f"{name} is malformed: expected a weekday like MON or 1..7, got {raw!r}")


def _quiet_hours(env: Mapping[str, str]) -> tuple[time, time] | None:
    """'22-08' or '22:30-07:45': from the first time to the second, across midnight if needed."""
    raw = env.get("QUIET_HOURS", "").strip()
    if not raw:
        return None
    start, dash, end = raw.partition("-")
    first, second = _clock_time(start), _clock_time(end)
    if not dash or first is None or second is None or first == second:
        raise ConfigError(
            f"QUIET_HOURS is malformed: expected two different local times like 22-08 "
            f"or 22:30-07:30, got {raw!r}"
        )
    return first, second


def _reminders(env: Mapping[str, str]) -> dict[str, object]:
    """Control-date reminders, response deadlines, follow-ups and the digest (issue 4).
    Durations accept fractions so a demo or a test can run the whole cycle in seconds."""
    return {
        "overdue_hours": _positive_float(env, "OVERDUE_HOURS", 24.0, MAX_DAYS * 24),
        "first_response_minutes": _positive_float(
            env, "FIRST_RESPONSE_MINUTES", 60.0, MAX_DAYS * 24 * 60
        ),
        "follow_up_days": _positive_float(env, "FOLLOW_UP_DAYS", 3.0, MAX_DAYS),
        "digest_time": _digest_time(env),
        "quiet_hours": _quiet_hours(env),
        "scheduler_tick_seconds": _tick_seconds(env),
        "report_day": _weekday(env, "REPORT_DAY"),
        "report_time": _digest_time(env, "REPORT_TIME"),
        "root_cause_required": _flag(env, "ROOT_CAUSE_REQUIRED", True),
    }


def _tick_seconds(env: Mapping[str, str]) -> float:
    """Reminders must fire within 15 seconds of their time, so the tick may not be longer."""
    value = _positive_float(env, "SCHEDULER_TICK_SECONDS", 5.0)
    if value > 15:
        raise ConfigError(
            f"SCHEDULER_TICK_SECONDS is malformed: expected at most 15 seconds, got {value:g}"
        )
    return value
