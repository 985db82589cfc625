"""How the configuration's values are written: durations ("30m", "2h", "5d"), weekdays, keys,
timezones; each reader says what is expected when a value is not that."""

from __future__ import annotations

import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, PlainSerializer

from tickets.durations import Duration, DurationError

_WEEKDAY_NAMES = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}


def read_duration(value: object) -> Duration:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise ValueError(f'{value!r} is not a duration; write a string such as "30m" or "2h"')
    try:
        return Duration.parse(value)
    except DurationError as error:
        raise ValueError(str(error)) from None


def read_weekday(value: object) -> int:
    if isinstance(value, str) and value.strip().lower()[:3] in _WEEKDAY_NAMES:
        return _WEEKDAY_NAMES[value.strip().lower()[:3]]
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7:
        return value
    raise ValueError(f"{value!r} is not a weekday; use 1 (Monday) to 7 (Sunday) or mon ... sun")


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f'{name!r} is not an IANA timezone such as "Asia/Shanghai"') from None
    return name


def check_key(value: str) -> str:
    if not value or not value.replace("_", "").isascii() or not value.replace("_", "").isalnum():
        raise ValueError(f"{value!r} is not a key; use lower-case letters, digits and _")
    return value


ConfigDuration = Annotated[
    Duration, BeforeValidator(read_duration), PlainSerializer(str, return_type=str)
]


def read_interval(value: object) -> Duration:
    """Like a duration, but zero is allowed: "no gap" is a valid pacing choice."""
    if isinstance(value, str) and re.fullmatch(r"\s*0+\s*[smhd]\s*", value):
        return Duration()
    return read_duration(value)


ConfigInterval = Annotated[
    Duration, BeforeValidator(read_interval), PlainSerializer(str, return_type=str)
]
Weekday = Annotated[int, BeforeValidator(read_weekday)]
Key = Annotated[str, AfterValidator(check_key)]
UserIds = list[int]
