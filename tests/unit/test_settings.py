"""The one config file: the example is valid; every mistake names the file, the key and why."""

from pathlib import Path

import pytest

from bot.settings import ConfigError, load_settings
from tests.conftest import EXAMPLE_CONFIG
from tickets.durations import Duration
from tickets.taxonomy import ClockKind

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "streetdesk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str) -> ConfigError:
    assert old in EXAMPLE, f"the example no longer contains {old!r}"
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, EXAMPLE.replace(old, new, 1)))
    return error.value


def test_the_example_ships_the_default_taxonomy() -> None:
    settings = load_settings(EXAMPLE_CONFIG)
    taxonomy = settings.taxonomy()
    assert len(taxonomy.departments) == 11
    assert len(taxonomy.categories) == 21
    manhole = taxonomy.category("manhole")
    assert (manhole.department, manhole.ack, manhole.resolve, manhole.clock) == (
        "municipal",
        Duration(seconds=1800),
        Duration(seconds=6 * 3600),
        ClockKind.ALWAYS,
    )
    assert taxonomy.category("road_damage").resolve == Duration(days=5)
    assert all(c.keywords for c in taxonomy.categories.values())
    assert settings.timezone == "Asia/Shanghai" and settings.language == "zh"
    assert settings.telegram.mode == "polling"


def test_an_unknown_department_in_a_category_names_the_category(tmp_path: Path) -> None:
    error = broken(
        tmp_path,
        'department = "sanitation"           # who answers for it',
        'department = "sanitaton"',
    )
    [(key, reason)] = error.problems
    assert key == 'categories[3] (key "garbage").department'
    assert 'unknown department "sanitaton"' in reason
    assert str(error).startswith(f"{tmp_path / 'streetdesk.toml'}: categories[3]")


def test_a_bad_duration_says_what_a_duration_looks_like(tmp_path: Path) -> None:
    error = broken(tmp_path, 'ack = "30m"', 'ack = "half an hour"')
    [(key, reason)] = error.problems
    assert key == 'categories[1] (key "manhole").ack'
    assert "not a duration" in reason and '"30m"' in reason


def test_a_duplicate_key_is_refused(tmp_path: Path) -> None:
    error = broken(tmp_path, 'key = "trash_bin"', 'key = "garbage"')
    assert ("categories", 'key "garbage" is used twice') in error.problems


def test_a_misspelt_key_is_not_silently_ignored(tmp_path: Path) -> None:
    error = broken(tmp_path, "liaison_ids = [5001]", "liason_ids = [5001]")
    assert (
        'departments[0] (key "lighting").liason_ids',
        "unknown key (misspelt, or not a StreetDesk setting)",
    ) in error.problems


def test_all_mistakes_are_reported_at_once(tmp_path: Path) -> None:
    text = EXAMPLE.replace('ack = "30m"', 'ack = "soon"', 1).replace(
        'timezone = "Asia/Shanghai"', 'timezone = "Asia/Beijing"'
    )
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text))
    keys = [key for key, _ in error.value.problems]
    assert "timezone" in keys and 'categories[1] (key "manhole").ack' in keys


def test_a_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    error = broken(tmp_path, 'language = "zh"', 'language = "zh')
    assert "not valid TOML" in str(error) and "line" in str(error)


def test_a_missing_file_says_where_to_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_settings(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("old", "new", "key", "reason"),
    [
        ('end = "18:00"', 'end = "08:00"', "working_hours.end", "not after start"),
        (
            'greenery = "street_office"',
            'greenery = "gardens"',
            'roads[0] (name "胜利路").departments.greenery',
            'unknown department "gardens"',
        ),
        (
            'greenery = "street_office"',
            'lamps = "street_office"',
            'roads[0] (name "胜利路").departments.lamps',
            "unknown category",
        ),
        ('mode = "polling"', 'mode = "push"', "telegram.mode", "'polling' or 'webhook'"),
        ('key = "other"', 'key = "misc"', "categories", 'no category with key "other"'),
        (
            "days = [1, 2, 3, 4, 5]",
            'days = [1, "funday"]',
            "working_hours.days[1]",
            "not a weekday",
        ),
    ],
)
def test_each_mistake_names_its_key(
    tmp_path: Path, old: str, new: str, key: str, reason: str
) -> None:
    error = broken(tmp_path, old, new)
    assert any(k == key and reason in r for k, r in error.problems), error.problems


def test_the_environment_overrides_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STREETDESK_TELEGRAM__TOKEN", "123456:secret-token")
    monkeypatch.setenv("STREETDESK_TELEGRAM__API_BASE", "http://127.0.0.1:8081")
    monkeypatch.setenv("STREETDESK_LANGUAGE", "en")
    settings = load_settings(write(tmp_path, EXAMPLE))
    assert settings.telegram.token.get_secret_value() == "123456:secret-token"
    assert settings.telegram.api_base == "http://127.0.0.1:8081"
    assert settings.telegram.mode == "polling"  # the rest of the section still comes from the file
    assert settings.language == "en"
    assert "secret-token" not in repr(settings) and "secret-token" not in str(settings)


def test_a_bad_environment_value_is_blamed_on_its_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STREETDESK_TELEGRAM__MODE", "carrier-pigeon")
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, EXAMPLE))
    assert error.value.problems == []  # the file is fine
    assert str(error.value) == (
        "environment variable STREETDESK_TELEGRAM__MODE: 'carrier-pigeon': "
        "Input should be 'polling' or 'webhook'"
    )


def test_a_relative_sqlite_file_lives_beside_the_config(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, EXAMPLE))
    assert settings.database_url() == f"sqlite+aiosqlite:///{tmp_path / 'streetdesk.sqlite3'}"


def test_the_token_never_appears_in_a_config_error(tmp_path: Path) -> None:
    text = EXAMPLE.replace('token = ""', 'token = "123456:very-secret"').replace(
        'mode = "polling"', 'mode = "push"'
    )
    with pytest.raises(ConfigError) as error:
        load_settings(write(tmp_path, text))
    assert "very-secret" not in str(error.value)
