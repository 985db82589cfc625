"""How the configuration's values are written: durations ("30m", "2h", "5d"), times of day,
dates, weekdays, user ids, keys, timezones; each reader names the value it got and says what is
expected instead, in the same words whether the value came from the file or the environment
(where everything arrives as a string)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BeforeValidator, PlainSerializer
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

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


_TIME_OF_DAY = re.compile(r"\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*")
_TIME_EXPECTED = 'write it 24-hour as "HH:MM", e.g. "09:00" or "18:30"'


def read_time(value: object) -> time:
    """A time of day: a TOML time (09:00:00) or a string "09:00", "9:00", "18:30:00"."""
    if isinstance(value, time):
        return value
    match = _TIME_OF_DAY.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"{value!r} is not a time of day; {_TIME_EXPECTED}")
    hour, minute, second = (int(part or 0) for part in match.groups())
    try:
        return time(hour, minute, second)
    except ValueError:
        raise ValueError(f"{value!r} is not a time of day; {_TIME_EXPECTED}") from None


def read_date(value: object) -> date:
    """A calendar day: a TOML date (2026-10-01) or the string "2026-10-01"."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    expected = 'write it as "2026-10-01"'
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a date; {expected}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as error:
        # "day is out of range for month" says why 2026-02-30 is refused; a shape error
        # ("Invalid isoformat string") says nothing the expected form does not.
        why = f" ({error})" if "range" in str(error) else ""
        raise ValueError(f"{value!r} is not a date{why}; {expected}") from None


def read_user_id(value: object) -> int:
    """A Telegram user id: a number, also when the environment hands it in as a string."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise ValueError(f"{value!r} is not a Telegram user id; write the number, e.g. 123456789")


_DATABASE_EXAMPLES = (
    '"sqlite+aiosqlite:///streetdesk.sqlite3" or '
    '"postgresql+asyncpg://user:password@host:5432/streetdesk"'
)
# The drivers storage/engine.py knows (it gives the bare ones their async driver).
_DATABASE_DRIVERS = {
    "sqlite",
    "sqlite+pysqlite",
    "sqlite+aiosqlite",
    "postgresql",
    "postgres",
    "postgresql+psycopg2",
    "postgresql+asyncpg",
}


def check_database_url(value: str) -> str:
    try:
        url = make_url(value)
    except ArgumentError:
        raise ValueError(f"this is not a database URL; expected {_DATABASE_EXAMPLES}") from None
    if url.drivername not in _DATABASE_DRIVERS:
        shown = url.render_as_string(hide_password=True)
        raise ValueError(
            f"{shown!r} is not supported: StreetDesk runs on SQLite or PostgreSQL, "
            f"e.g. {_DATABASE_EXAMPLES}"
        )
    return value


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
ConfigTime = Annotated[time, BeforeValidator(read_time)]
ConfigDate = Annotated[date, BeforeValidator(read_date)]
UserIds = list[Annotated[int, BeforeValidator(read_user_id)]]
