"""Time comes from a Clock passed in, never from the wall: that keeps deadline rules testable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, timezone-aware, in UTC."""
        ...


class FakeClock:
    """A clock that moves only when told to: for tests, benchmarks and the scripted demo."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, by: timedelta) -> datetime:
        if by < timedelta(0):
            raise ValueError("time does not run backwards")
        self._now += by
        return self._now

    def set(self, to: datetime) -> None:
        if to.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware time")
        self._now = to.astimezone(UTC)
