"""Configuration: names honoured exactly, bad values named in one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

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
