"""Durations as people write them in the config file: "45s", "30m", "2h", "5d", "1h30m".

Days are kept apart from hours because on the working clock they mean different things: "2d" is
two working days (the same time of day, two working days later), "48h" is 48 working hours
(more than five working days with a 9-hour day). A plain timedelta would fold one into the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*([smhd])")
_WHOLE = re.compile(r"^\s*(?:\d+\s*[smhd]\s*)+$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600}


class DurationError(ValueError):
    """A duration string that cannot be read."""


@dataclass(frozen=True, slots=True)
class Duration:
    days: int = 0
    seconds: int = 0  # the hours, minutes and seconds part, never folded into days

    @classmethod
    def parse(cls, text: str) -> Duration:
        if not isinstance(text, str) or not _WHOLE.match(text):
            raise DurationError(
                f'{text!r} is not a duration; write a number and a unit, e.g. "45s", "30m", '
                '"2h", "5d" or "1h30m"'
            )
        days = seconds = 0
        for number, unit in _PART.findall(text):
            if unit == "d":
                days += int(number)
            else:
                seconds += int(number) * _UNIT_SECONDS[unit]
        if days == 0 and seconds == 0:
            raise DurationError(f"{text!r} is zero; a deadline must be longer than that")
        return cls(days=days, seconds=seconds)

    def around_the_clock(self) -> timedelta:
        """What the duration means when every hour counts."""
        return timedelta(days=self.days, seconds=self.seconds)

    def __str__(self) -> str:
        parts = [f"{self.days}d"] if self.days else []
        rest = self.seconds
        for unit in ("h", "m", "s"):
            count, rest = divmod(rest, _UNIT_SECONDS[unit])
            if count:
                parts.append(f"{count}{unit}")
        return "".join(parts) or "0s"


def parse_duration(text: str) -> Duration:
    return Duration.parse(text)
