from datetime import timedelta

import pytest

from tickets.durations import Duration, DurationError


@pytest.mark.parametrize(
    ("text", "days", "seconds"),
    [
        ("45s", 0, 45),
        ("30m", 0, 1800),
        ("2h", 0, 7200),
        ("5d", 5, 0),
        ("48h", 0, 172800),
        ("1h30m", 0, 5400),
        ("2d3h", 2, 10800),
    ],
)
def test_durations_are_read_as_written(text: str, days: int, seconds: int) -> None:
    assert Duration.parse(text) == Duration(days, seconds)


def test_days_are_not_folded_into_hours_because_the_working_clock_tells_them_apart() -> None:
    assert Duration.parse("2d") != Duration.parse("48h")
    assert Duration.parse("2d").around_the_clock() == Duration.parse("48h").around_the_clock()


@pytest.mark.parametrize("text", ["", "2", "h", "2 hours", "-1h", "0m", "1.5h", "2x"])
def test_bad_durations_say_what_a_duration_looks_like(text: str) -> None:
    with pytest.raises(DurationError, match=r"duration|zero"):
        Duration.parse(text)


def test_a_duration_prints_back_the_way_it_is_written() -> None:
    assert str(Duration.parse("1h30m")) == "1h30m"
    assert str(Duration.parse("5d")) == "5d"
    assert Duration.parse("90m").around_the_clock() == timedelta(minutes=90)
