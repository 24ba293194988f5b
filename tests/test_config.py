"""Configuration: names honoured exactly, bad values named in one clear line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values

from bot.config import ConfigError, load_config

TOKEN = "123456:ABCdefGHIjklMNOpqrsTUVwxyz"


def test_defaults() -> None:
    config = load_config({"BOT_TOKEN": TOKEN})
    assert config.api_url is None
    assert config.director_ids == frozenset() and config.manager_ids == frozenset()
    assert config.database_path == Path("data/firsthand.db")
    assert config.language == "ru"
    assert config.timezone.key == "Europe/Moscow"
    assert config.reopen_hours == 24
    assert TOKEN not in repr(config)


def test_all_values() -> None:
    config = load_config(
        {
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "DIRECTOR_IDS": "1, 2",
            "MANAGER_IDS": "3,4,2",
            "TEAM_CHAT_ID": "-100123",
            "DATABASE_URL": "sqlite:////tmp/x.db",
            "LANGUAGE": "EN",
            "TIMEZONE": "Asia/Yekaterinburg",
            "REOPEN_HOURS": "0.5",
        }
    )
    assert config.api_url == "http://127.0.0.1:8081"
    assert config.director_ids == {1, 2}
    assert config.manager_ids == {3, 4}
    assert config.team_chat_id == -100123
    assert config.database_path == Path("/tmp/x.db")
    assert config.language == "en"
    assert config.reopen_hours == 0.5


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({}, "BOT_TOKEN"),
        ({"BOT_TOKEN": "nonsense"}, "BOT_TOKEN"),
        ({"DIRECTOR_IDS": "12,abc"}, "DIRECTOR_IDS"),
        ({"MANAGER_IDS": "x"}, "MANAGER_IDS"),
        ({"TEAM_CHAT_ID": "team"}, "TEAM_CHAT_ID"),
        ({"DATABASE_URL": "postgres://x"}, "DATABASE_URL"),
        ({"LANGUAGE": "de"}, "LANGUAGE"),
        ({"TIMEZONE": "Mars/Base"}, "TIMEZONE"),
        ({"TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"),
        ({"REOPEN_HOURS": "-1"}, "REOPEN_HOURS"),
        ({"IMAP_URL": "pop3://x"}, "IMAP_URL"),
        ({"SMTP_URL": "http://x"}, "SMTP_URL"),
        ({"SMTP_URL": "smtp://mail.example.org"}, "MAIL_FROM"),
        ({"MAIL_ATTACHMENT_MB": "60"}, "MAIL_ATTACHMENT_MB"),
        ({"WEB_LISTEN": "nowhere"}, "WEB_LISTEN"),
        ({"WEB_TRUSTED_PROXIES": "10.0.0.0/8,proxy.local"}, "WEB_TRUSTED_PROXIES"),
    ],
)
def test_bad_values_name_the_variable(env: dict[str, str], name: str) -> None:
    full = {"BOT_TOKEN": TOKEN, **env} if name != "BOT_TOKEN" else env
    with pytest.raises(ConfigError) as error:
        load_config(full)
    assert str(error.value).startswith(name)
    assert "\n" not in str(error.value)


def test_missing_token_says_how_to_get_one() -> None:
    with pytest.raises(ConfigError, match="@BotFather"):
        load_config({})


# --- ALLOW_PRIVATE_FEEDS ------------------------------------------------------------------------


def test_private_feeds_are_refused_by_default() -> None:
    assert load_config({"BOT_TOKEN": TOKEN}).allow_private_feeds is False


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("true", True),
        ("TRUE", True),
        (" yes ", True),
        ("1", True),
        ("on", True),
        ("false", False),
        ("False", False),
        ("no", False),
        ("0", False),
        ("off", False),
        ("", False),
    ],
)
def test_allow_private_feeds_spellings(raw: str, value: bool) -> None:
    config = load_config({"BOT_TOKEN": TOKEN, "ALLOW_PRIVATE_FEEDS": raw})
    assert config.allow_private_feeds is value


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "yes please"])
def test_allow_private_feeds_bad_value_names_the_variable(raw: str) -> None:
    with pytest.raises(ConfigError) as error:
        load_config({"BOT_TOKEN": TOKEN, "ALLOW_PRIVATE_FEEDS": raw})
    assert str(error.value) == (
        f"ALLOW_PRIVATE_FEEDS is malformed: expected true or false, got {raw!r}"
    )


def test_allow_private_feeds_bad_value_exits_2(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "ALLOW_PRIVATE_FEEDS"}}
    env.update({"BOT_TOKEN": TOKEN, "ALLOW_PRIVATE_FEEDS": "sometimes"})
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)  # this tree's `bot`
    proc = subprocess.run(
        [sys.executable, "-m", "bot"], env=env, cwd=tmp_path, capture_output=True, timeout=60
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().splitlines() == [
        "firsthand: ALLOW_PRIVATE_FEEDS is malformed: expected true or false, got 'sometimes'"
    ]


def test_example_config_documents_allow_private_feeds_off() -> None:
    example = Path(__file__).resolve().parent.parent / "config.example.env"
    values = {k: v for k, v in dotenv_values(example).items() if v is not None}
    assert "ALLOW_PRIVATE_FEEDS" in values
    assert load_config({**values, "BOT_TOKEN": TOKEN}).allow_private_feeds is False
