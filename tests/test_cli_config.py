"""`streetdesk due` and `streetdesk check` on the official calendar, as an office runs them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from bot.config_summary import summary
from bot.settings import load_settings
from tests.conftest import EXAMPLE_CONFIG

EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def streetdesk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_due_gives_the_deadlines_of_a_report_before_spring_festival() -> None:
    result = streetdesk(
        "due", "--config", str(EXAMPLE_CONFIG), "--category", "road_damage",
        "--road", "胜利路", "--at", "2026-02-13T10:00",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "acknowledge by Fri 2026-02-13 12:00 (2h)" in lines
    # 5 working days: the make-up Saturday, then 24-27 February after the holiday.
    assert "resolve     by Fri 2026-02-27 10:00 (5d)" in lines
    assert "  Sat 2026-02-14  worked  official make-up working day (调休)" in lines
    assert "  Tue 2026-02-17  off     official holiday: 春节" in lines


def test_due_on_national_day_with_a_road_override() -> None:
    result = streetdesk(
        "due", "--config", str(EXAMPLE_CONFIG), "--category", "greenery",
        "--road", "胜利路", "--at", "2026-09-30T16:00",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "-> street_office" in result.stdout  # the road's own department for greenery
    assert "  Thu 2026-10-01  off     official holiday: 国庆节" in result.stdout.splitlines()


def test_due_refuses_an_unknown_category_or_road_or_moment() -> None:
    bad_category = streetdesk(
        "due", "--config", str(EXAMPLE_CONFIG), "--category", "litter", "--at", "2026-02-13T10:00"
    )
    assert bad_category.returncode == 2
    assert "unknown category 'litter'" in bad_category.stderr
    assert "garbage" in bad_category.stderr  # the known ones are listed
    bad_road = streetdesk(
        "due", "--config", str(EXAMPLE_CONFIG), "--category", "garbage",
        "--road", "长安街", "--at", "2026-02-13T10:00",
    )  # fmt: skip
    assert bad_road.returncode == 2 and "unknown road '长安街'" in bad_road.stderr
    bad_moment = streetdesk(
        "due", "--config", str(EXAMPLE_CONFIG), "--category", "garbage", "--at", "13/02/2026"
    )
    assert bad_moment.returncode == 2 and "2026-02-13T10:00" in bad_moment.stderr
    assert "Traceback" not in bad_category.stderr + bad_road.stderr + bad_moment.stderr


def test_check_warns_in_autumn_when_next_year_has_no_official_holidays() -> None:
    settings = load_settings(EXAMPLE_CONFIG)
    # The installed package knows 2026 but not 2027 (published November 2025 and 2026).
    autumn = summary(settings, "streetdesk.toml", date(2026, 11, 18))
    assert "the official calendar has no holidays for 2027 yet" in autumn
    assert "2026 yet" not in autumn
    spring = summary(settings, "streetdesk.toml", date(2026, 3, 2))
    assert "official calendar has no holidays" not in spring


def test_check_is_quiet_once_the_office_lists_the_year_itself(tmp_path: Path) -> None:
    path = tmp_path / "streetdesk.toml"
    path.write_text(
        EXAMPLE.replace("holidays = []", 'holidays = ["2027-02-08"]', 1), encoding="utf-8"
    )
    text = summary(load_settings(path), str(path), date(2026, 11, 18))
    assert "official calendar has no holidays" not in text
    assert "1 local holidays" in text


def test_check_exits_with_status_2_on_a_configuration_mistake(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(EXAMPLE.replace('language = "zh"', 'language = "fr"'), "utf-8")
    result = streetdesk("check", "--config", str(config))
    assert result.returncode == 2
    assert f"{config}: language:" in result.stderr
