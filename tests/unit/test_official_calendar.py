"""Deadlines on China's official calendar: the State Council's holidays and make-up working days
(调休) of 2026, from the `holidays` package, with the office's own days on top.

The 2026 notice (published November 2025): Spring Festival 15-23 February off, Saturday 14 and
Saturday 28 February worked; National Day 1-7 October off, Sunday 20 September and Saturday
10 October worked. Moments are local Asia/Shanghai time with the weekday in front, as an office
reads them.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.settings import load_settings
from tests.conftest import EXAMPLE_CONFIG
from tickets.calendar import Calendar, WorkingHours, official_year
from tickets.durations import Duration
from tickets.taxonomy import ClockKind

SHANGHAI = ZoneInfo("Asia/Shanghai")
WORKING = ClockKind.WORKING
EXAMPLE = EXAMPLE_CONFIG.read_text(encoding="utf-8")


def calendar(
    *, holidays: frozenset[date] = frozenset(), workdays: frozenset[date] = frozenset()
) -> Calendar:
    hours = WorkingHours(
        days=frozenset({1, 2, 3, 4, 5}),
        start=time(9),
        end=time(18),
        holidays=holidays,
        workdays=workdays,
        official=True,
    )
    return Calendar(SHANGHAI, hours)


def at(text: str) -> datetime:
    weekday, rest = text.split(" ", 1)
    moment = datetime.fromisoformat(rest).replace(tzinfo=SHANGHAI)
    assert moment.strftime("%a") == weekday, f"{rest} is a {moment:%A}, not {weekday}"
    return moment


def due(cal: Calendar, start: str, duration: str) -> str:
    deadline = cal.deadline(at(start), Duration.parse(duration), WORKING)
    return f"{cal.local(deadline):%a %Y-%m-%d %H:%M}"


def test_a_two_day_ticket_before_spring_festival_is_due_after_it() -> None:
    # Saturday 14 February is worked (day one), 15-23 February are off: day two is the 24th,
    # not Tuesday 17 February in the middle of the holiday.
    assert due(calendar(), "Fri 2026-02-13 10:00", "2d") == "Tue 2026-02-24 10:00"


@pytest.mark.parametrize(
    "day", ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-23"]
)
def test_every_weekday_of_spring_festival_is_off(day: str) -> None:
    assert not calendar().is_working_day(date.fromisoformat(day))


def test_working_hours_run_on_a_make_up_saturday() -> None:
    cal = calendar()
    # Friday 17:30 plus two working hours: half an hour on Friday, 1.5 h on the make-up Saturday.
    assert due(cal, "Fri 2026-02-27 17:30", "2h") == "Sat 2026-02-28 10:30"
    assert cal.is_working_time(at("Sat 2026-02-14 10:00"))
    assert not cal.is_working_time(at("Sat 2026-02-21 10:00"))  # an ordinary holiday Saturday


def test_a_two_day_ticket_before_national_day_is_due_after_it() -> None:
    # 1-7 October off; Thursday 8 and Friday 9 October are the two working days.
    assert due(calendar(), "Wed 2026-09-30 10:00", "2d") == "Fri 2026-10-09 10:00"


def test_national_day_make_up_sunday_counts() -> None:
    # One hour on Friday, the second on the make-up Sunday 20 September.
    assert due(calendar(), "Fri 2026-09-18 17:00", "2h") == "Sun 2026-09-20 10:00"


def test_a_local_day_off_extends_the_official_holiday() -> None:
    cal = calendar(holidays=frozenset({date(2026, 10, 8)}))
    # Friday 9 October is day one, the official make-up Saturday 10 October day two.
    assert due(cal, "Wed 2026-09-30 10:00", "2d") == "Sat 2026-10-10 10:00"


def test_a_local_working_day_wins_over_an_official_holiday() -> None:
    cal = calendar(workdays=frozenset({date(2026, 10, 6)}))
    assert due(cal, "Wed 2026-09-30 10:00", "1d") == "Tue 2026-10-06 10:00"
    assert "local working day" in cal.hours.reason(date(2026, 10, 6))


def test_a_local_day_off_wins_over_an_official_make_up_day() -> None:
    cal = calendar(holidays=frozenset({date(2026, 2, 14)}))
    assert due(cal, "Fri 2026-02-13 10:00", "1d") == "Tue 2026-02-24 10:00"


def test_each_day_says_which_rule_decides_it() -> None:
    hours = calendar().hours
    assert hours.reason(date(2026, 2, 17)) == "official holiday: 春节"
    assert hours.reason(date(2026, 2, 14)) == "official make-up working day (调休)"
    assert hours.reason(date(2026, 2, 21)) == "weekly day off"  # inside the holiday, not in it
    assert hours.reason(date(2026, 3, 7)) == "weekly day off"
    assert hours.reason(date(2026, 3, 9)) == "working weekday"


def test_without_the_official_calendar_only_weekdays_count() -> None:
    hours = WorkingHours(days=frozenset({1, 2, 3, 4, 5}), start=time(9), end=time(18))
    cal = Calendar(SHANGHAI, hours)
    assert due(cal, "Fri 2026-02-13 10:00", "2d") == "Tue 2026-02-17 10:00"


def test_a_year_without_a_notice_is_known_as_such() -> None:
    assert official_year(2026).published
    assert date(2026, 2, 28) in official_year(2026).workdays
    # 2050 will not be in any package for decades: days off are estimated, none moved.
    future = official_year(2050)
    assert not future.published and not future.workdays


def test_the_example_config_follows_the_official_calendar(tmp_path: Path) -> None:
    cal = load_settings(EXAMPLE_CONFIG).calendar()
    assert due(cal, "Fri 2026-02-13 10:00", "2d") == "Tue 2026-02-24 10:00"
    path = tmp_path / "streetdesk.toml"
    path.write_text(
        EXAMPLE.replace("official = true", "official = false", 1).replace(
            "holidays = []", 'holidays = ["2026-02-16"]', 1
        ),
        encoding="utf-8",
    )
    # Only the office's own day off: Monday 16 February is skipped, nothing official is.
    own = load_settings(path).calendar()
    assert due(own, "Fri 2026-02-13 10:00", "2d") == "Wed 2026-02-18 10:00"
