"""Every configuration mistake gets one sentence: the file or the variable, the value, what is
expected; all of them at once; exit status 2. The environment is handed in as a mapping, as the
process would see it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import PUBLIC_BOT_API, ConfigError, Settings, load_settings
from bot.startup import StartupError, make_bot, telegram_proxy, unreachable
from storage.engine import DatabaseUnavailable, create_engine, wait_for_database
from tests.conftest import EXAMPLE_CONFIG
from tickets.durations import Duration

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def config(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = EXAMPLE
    for old, new in edits:
        assert old in text, f"the example no longer contains {old!r}"
        text = text.replace(old, new, 1)
    path = tmp_path / "streetdesk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, environ: dict[str, str] | None = None) -> str:
    with pytest.raises(ConfigError) as error:
        load_settings(path, environ=environ or {})
    return str(error.value).replace(f"{path}", "FILE")


def loaded(path: Path, environ: dict[str, str]) -> Settings:
    return load_settings(path, environ=environ)


# -- the environment is read as the file is written ----------------------------------------


def test_durations_and_lists_from_the_environment_read_as_in_the_file(tmp_path: Path) -> None:
    settings = loaded(
        config(tmp_path),
        {
            "STREETDESK_SCHEDULER__SWEEP_EVERY": "90s",
            "STREETDESK_ADMIN_IDS": "1,2",
            "STREETDESK_ESCALATION__AFTER": '["30m", "2h"]',
            "STREETDESK_WORKING_HOURS__DAYS": "mon,tue,wed,thu,fri,sat",
            "STREETDESK_WORKING_HOURS__START": "8:30",
        },
    )
    assert settings.scheduler.sweep_every == Duration(seconds=90)
    assert settings.admin_ids == [1, 2]
    assert settings.escalation.after == [Duration(seconds=1800), Duration(seconds=7200)]
    assert settings.working_hours.days == [1, 2, 3, 4, 5, 6]
    assert settings.working_hours.start.isoformat() == "08:30:00"


def test_a_bad_environment_duration_is_blamed_on_its_variable(tmp_path: Path) -> None:
    message = refused(config(tmp_path), {"STREETDESK_SCHEDULER__SWEEP_EVERY": "90 seconds"})
    assert message == (
        "environment variable STREETDESK_SCHEDULER__SWEEP_EVERY: '90 seconds' is not a "
        'duration; write a number and a unit, e.g. "45s", "30m", "2h", "5d" or "1h30m"'
    )


def test_a_misspelt_variable_is_blamed_on_the_environment(tmp_path: Path) -> None:
    message = refused(config(tmp_path), {"STREETDESK_TELEGRAM__TOKN": "123456:abc"})
    assert message.startswith("environment variable STREETDESK_TELEGRAM__TOKN: names no ")
    assert message.endswith("did you mean STREETDESK_TELEGRAM__TOKEN?")
    assert "FILE" not in message and "123456:abc" not in message


def test_a_misspelt_section_is_not_silently_ignored(tmp_path: Path) -> None:
    message = refused(config(tmp_path), {"STREETDESK_SCHEDULR__SWEEP_EVERY": "90s"})
    assert "STREETDESK_SCHEDULR__SWEEP_EVERY: names no StreetDesk setting" in message


def test_the_test_tools_own_variables_are_not_settings(tmp_path: Path) -> None:
    loaded(config(tmp_path), {"STREETDESK_TEST_PG_URL": "postgresql://x", "PATH": "/bin"})


def test_a_broken_list_in_the_environment_says_how_to_write_one(tmp_path: Path) -> None:
    message = refused(config(tmp_path), {"STREETDESK_ADMIN_IDS": "[1, 2"})
    assert message == (
        "environment variable STREETDESK_ADMIN_IDS: '[1, 2' is not a list; write it as in "
        "the file, e.g. [1, 2]"
    )


# -- the file: every mistake at once, with the value and the expected form ------------------


def test_a_bad_duration_does_not_hide_a_bad_department(tmp_path: Path) -> None:
    path = config(
        tmp_path,
        ('ack = "30m"', 'ack = "soon"'),
        ('department = "sanitation"           # who answers for it', 'department = "sanitaton"'),
    )
    lines = refused(path).splitlines()
    assert lines[0].startswith("FILE: categories[1] (key \"manhole\").ack: 'soon' is not a")
    assert lines[1].startswith(
        'FILE: categories[3] (key "garbage").department: unknown department "sanitaton"'
    )


def test_a_twelve_hour_time_gets_the_expected_form(tmp_path: Path) -> None:
    message = refused(config(tmp_path, ('start = "09:00"', 'start = "9:00am"')))
    assert message == (
        "FILE: working_hours.start: '9:00am' is not a time of day; write it 24-hour as "
        '"HH:MM", e.g. "09:00" or "18:30"'
    )


def test_a_date_that_does_not_exist_says_why(tmp_path: Path) -> None:
    message = refused(config(tmp_path, ("holidays = []", 'holidays = ["2026-02-30"]')))
    assert message == (
        "FILE: working_hours.holidays[0]: '2026-02-30' is not a date (day is out of range "
        'for month); write it as "2026-10-01"'
    )


def test_file_and_environment_mistakes_come_together(tmp_path: Path) -> None:
    path = config(tmp_path, ('language = "zh"', 'language = "fr"'))
    lines = refused(path, {"STREETDESK_TELEGRAM__WEBHOOK_PORT": "eighty"}).splitlines()
    assert lines == [
        "environment variable STREETDESK_TELEGRAM__WEBHOOK_PORT: 'eighty' is not a whole number",
        "FILE: language: 'fr': Input should be 'zh' or 'en'",
    ]


def test_a_folder_given_as_the_config_is_said_to_be_one(tmp_path: Path) -> None:
    assert refused(tmp_path) == "FILE: is not a file (give the path of the .toml file)"


def test_a_configuration_mistake_exits_with_status_2_and_no_traceback(tmp_path: Path) -> None:
    environ = {**os.environ, "STREETDESK_SCHEDULER__SWEEP_EVERY": "soon"}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--config", str(config(tmp_path))],
        capture_output=True,
        text=True,
        env=environ,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "environment variable STREETDESK_SCHEDULER__SWEEP_EVERY: 'soon'" in result.stderr
    assert "Traceback" not in result.stderr


# -- the database ---------------------------------------------------------------------------


def test_a_database_that_is_neither_sqlite_nor_postgresql_is_refused(tmp_path: Path) -> None:
    message = refused(
        config(tmp_path), {"STREETDESK_DATABASE__URL": "mysql://root:hunter2@db/streetdesk"}
    )
    assert message.startswith(
        "environment variable STREETDESK_DATABASE__URL: 'mysql://root:***@db/streetdesk' is "
        "not supported: StreetDesk runs on SQLite or PostgreSQL"
    )
    assert "hunter2" not in message


def test_check_names_a_database_file_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    path = config(
        tmp_path,
        ('url = "sqlite+aiosqlite:///streetdesk.sqlite3"', 'url = "sqlite:///data/desk.sqlite3"'),
    )
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"Error: {path}: database.url: the database file {tmp_path / 'data' / 'desk.sqlite3'} "
        f"cannot be created: {tmp_path / 'data'} is a file, not a folder"
    )


def test_a_database_file_that_is_a_folder_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "desk.sqlite3"
    folder.mkdir()
    with pytest.raises(DatabaseUnavailable, match=f"the database file {folder} is a folder"):
        create_engine(f"sqlite+aiosqlite:///{folder}")


def test_a_file_that_is_not_an_sqlite_database_is_named(tmp_path: Path) -> None:
    damaged = tmp_path / "desk.sqlite3"
    damaged.write_text("门牌,地点\n8,胜利路\n", encoding="utf-8")  # a CSV saved over it
    with pytest.raises(DatabaseUnavailable, match=f"the database file {damaged} is not an SQLite"):
        create_engine(f"sqlite+aiosqlite:///{damaged}")
    empty = tmp_path / "new.sqlite3"
    empty.touch()  # an empty file is a new database to SQLite: nothing to say
    assert create_engine(f"sqlite+aiosqlite:///{empty}") is not None


async def test_postgresql_that_is_down_is_retried_then_said_to_be_down() -> None:
    # Nothing listens on port 1: every try is refused at once, and the delays are zero.
    url = "postgresql+asyncpg://streetdesk:hunter2@127.0.0.1:1/streetdesk"
    with pytest.raises(DatabaseUnavailable) as error:
        await wait_for_database(url, delays=(0, 0))
    message = str(error.value)
    assert message.startswith(
        "the database at postgresql+asyncpg://streetdesk:***@127.0.0.1:1/streetdesk cannot "
        "be reached after 3 tries ("
    )
    assert message.endswith("is PostgreSQL running, and is database.url right?")
    assert "hunter2" not in message


# -- Telegram -------------------------------------------------------------------------------


def test_a_configured_proxy_is_used_for_telegram(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://office-proxy:3128")
    assert telegram_proxy("socks5://10.0.0.1:1080", PUBLIC_BOT_API) == "socks5://10.0.0.1:1080"
    assert telegram_proxy("", PUBLIC_BOT_API) == "http://office-proxy:3128"
    assert telegram_proxy("", "http://127.0.0.1:8081") is None  # a local Bot API server
    monkeypatch.setenv("NO_PROXY", "api.telegram.org")
    assert telegram_proxy("", PUBLIC_BOT_API) is None


def test_without_a_proxy_nothing_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    assert telegram_proxy("", PUBLIC_BOT_API) is None


def test_a_proxy_without_its_package_is_one_sentence(tmp_path: Path) -> None:
    settings = loaded(
        config(tmp_path),
        {
            "STREETDESK_TELEGRAM__TOKEN": "123456:ABCdef",
            "STREETDESK_TELEGRAM__PROXY": "socks5://me:hunter2@10.0.0.1:1080",
        },
    )
    try:
        import aiohttp_socks  # noqa: F401
    except ImportError:
        with pytest.raises(StartupError) as error:
            make_bot(settings)
        assert str(error.value) == (
            "a proxy for Telegram (socks5://me:***@10.0.0.1:1080) needs the aiohttp-socks "
            "package: pip install 'aiogram[proxy]'"
        )
    else:
        bot = make_bot(settings)
        assert bot.session.proxy == "socks5://me:hunter2@10.0.0.1:1080"


def test_telegram_that_cannot_be_reached_says_so_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    settings = loaded(config(tmp_path), {"STREETDESK_TELEGRAM__TOKEN": "123456:ABCdef"})
    sentence = unreachable(
        settings, "Cannot connect to host api.telegram.org:443 /bot123456:ABCdef/getMe"
    )
    assert sentence == (
        "Telegram cannot be reached at https://api.telegram.org (Cannot connect to host "
        "api.telegram.org:443 /bot<token>/getMe); if this office reaches Telegram only "
        "through a proxy, set telegram.proxy (or HTTPS_PROXY)"
    )
