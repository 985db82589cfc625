"""The working-hours calendar: when a ticket falls due, and how much working time has passed.

Deadlines are counted either around the clock (safety items) or in working time only (工作时):
inside the configured hours, on working days, in the street office's local time. Working days
follow the Chinese pattern: ordinary weekdays, minus public holidays, plus make-up working days
(调休) that fall on a weekend. The public holidays and make-up days come from the State Council's
yearly notice as the `holidays` package carries it; the office's own lists override it.

Everything here is pure: no wall clock, no I/O. Moments go in timezone-aware and come out in UTC;
local time is used only to decide where the working day starts and ends, so a change of UTC
offset (DST in zones that have it) moves the working window with the local clock.

Speed matters because the scheduler recomputes deadlines for every open ticket. The calendar
never steps minute by minute: it works with one window per day (cached), walks whole working
days, and does one subtraction inside the last one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays as holidays_package

from tickets.durations import Duration
from tickets.taxonomy import ClockKind

# How far ahead to look for the next working day before calling the configuration broken. A
# year covers the longest real run of days off (Spring Festival is nine) with room to spare.
HORIZON_DAYS = 366

_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)
# The per-date caches only ever hold dates someone asked about; a long-running bot touches a few
# thousand. The bound is a safety net against a caller sweeping centuries, not a tuning knob.
_CACHE_LIMIT = 50_000

# A working window in UTC: (opens, closes), opens < closes.
_Window = tuple[datetime, datetime]


@dataclass(frozen=True, slots=True)
class OfficialYear:
    """One year of the People's Republic of China's official calendar.

    `published` is False for a year the State Council has not published yet (it does so each
    autumn for the next year): `days_off` then holds only the package's estimate of the
    statutory days, and no make-up working days are known.
    """

    year: int
    days_off: Mapping[date, str]  # date -> the holiday's name, in Chinese
    workdays: frozenset[date]  # make-up working days (调休) that fall on a weekend
    published: bool


@lru_cache(maxsize=64)
def official_year(year: int) -> OfficialYear:
    """The official days off and make-up working days of `year`, from the `holidays` package.

    The package's public API, as read in its source (holidays 0.109): `holidays.China(years=...)`
    is a mapping of every day off (statutory days, days observed in lieu, and the days moved by
    the notice, "休息日（由 … 调休）"); its documented `weekend_workdays` attribute holds the
    weekend days the notice turned into working days. China has no WORKDAY category there
    (`supported_categories` is public and half_day), so that attribute is the only source of
    make-up days. It also holds make-up days of other years, hence the filter by year.
    """
    official = holidays_package.China(years=year, language="zh_CN")
    workdays = frozenset(d for d in official.weekend_workdays if d.year == year)
    # Every notice since 2001 moves at least five days, so a year without a single make-up day
    # is one the package has no notice for (its days off are then computed, not published).
    return OfficialYear(
        year=year,
        days_off=MappingProxyType(dict(official.items())),
        workdays=workdays,
        published=bool(workdays),
    )


@dataclass(frozen=True, slots=True)
class WorkingHours:
    """When the departments work, in local wall-clock time.

    The office's own lists win over everything: `holidays` are days off (a local festival, or
    National Day even if it is a Thursday), `workdays` are days worked (a make-up day (调休) on a
    weekend, or an official holiday the office works through). With `official`, the days off
    and make-up days of China's official calendar come next, then the weekday rule.
    """

    days: frozenset[int]  # ISO weekdays, 1 = Monday ... 7 = Sunday
    start: time  # local, e.g. 09:00
    end: time  # local, e.g. 18:00
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    official: bool = False  # follow the State Council's holidays and make-up days

    def __post_init__(self) -> None:
        # Config code may hand in lists or sets; freeze them so the value stays hashable and
        # cannot change under a Calendar that has cached windows computed from it.
        for name in ("days", "holidays", "workdays"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        if any(isinstance(d, bool) or not isinstance(d, int) or not 1 <= d <= 7 for d in self.days):
            raise ValueError(
                f"working days must be ISO weekday numbers 1 (Monday) to 7 (Sunday), "
                f"got {sorted(self.days, key=repr)!r}"
            )
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, time):
                raise ValueError(f"working hours {name} must be a datetime.time, got {value!r}")
            if value.tzinfo is not None:
                # The zone belongs to the Calendar; a second one here could only disagree.
                raise ValueError(
                    f"working hours {name} must be a local time without tzinfo, got {value!r}"
                )
        if self.end <= self.start:
            raise ValueError(
                f"working hours must end after they start on the same day, got "
                f"{self.start.isoformat()}-{self.end.isoformat()} (night shifts across midnight "
                f"are not supported; use the always clock for round-the-clock categories)"
            )
        for name in ("holidays", "workdays"):
            # A datetime is a date too, but a holiday is a whole local day, not a moment.
            wrong = [
                d for d in getattr(self, name) if isinstance(d, datetime) or not isinstance(d, date)
            ]
            if wrong:
                raise ValueError(f"{name} must be dates, got {wrong!r}")
        both = self.holidays & self.workdays
        if both:
            shown = ", ".join(sorted(d.isoformat() for d in both))
            raise ValueError(f"dates listed both as holiday and as make-up workday: {shown}")
        if not self.days and not self.workdays:
            raise ValueError(
                "no working days at all: give at least one weekday (1 = Monday ... 7 = Sunday)"
            )

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        if self.official:
            year = official_year(day.year)
            if day in year.days_off:
                return False
            if day in year.workdays:
                return True
        return day.isoweekday() in self.days

    def reason(self, day: date) -> str:
        """Which rule of `is_working_day` (above, in the same order) decides `day`: for people
        checking a deadline by hand."""
        if day in self.holidays:
            return "local day off (working_hours.holidays)"
        if day in self.workdays:
            return "local working day (working_hours.workdays)"
        if self.official:
            year = official_year(day.year)
            if day in year.days_off:
                return f"official holiday: {year.days_off[day]}"
            if day in year.workdays:
                return "official make-up working day (调休)"
        return "working weekday" if day.isoweekday() in self.days else "weekly day off"


class Calendar:
    """Deadlines and elapsed time on the always clock or the working clock.

    Working time is the half-open window [start, end) of each working day, so 18:00 itself is
    not working time (a report at 18:00 waits for the next morning), but a deadline that uses up
    a day exactly lands on 18:00 rather than rolling to the next morning.
    """

    __slots__ = ("_advance_cache", "_following_cache", "_hours", "_timezone", "_window_cache")

    def __init__(self, timezone: ZoneInfo, hours: WorkingHours) -> None:
        if not isinstance(timezone, tzinfo):
            raise TypeError(f"timezone must be a zoneinfo.ZoneInfo, got {timezone!r}")
        if not isinstance(hours, WorkingHours):
            raise TypeError(f"hours must be a WorkingHours, got {hours!r}")
        self._timezone = timezone
        self._hours = hours
        self._window_cache: dict[date, _Window | None] = {}
        self._following_cache: dict[date, tuple[date, _Window]] = {}
        self._advance_cache: dict[tuple[date, int], tuple[date, _Window]] = {}

    @property
    def timezone(self) -> ZoneInfo:
        return self._timezone

    @property
    def hours(self) -> WorkingHours:
        return self._hours

    # -- public API -------------------------------------------------------------------------

    def deadline(self, start: datetime, duration: Duration, clock: ClockKind) -> datetime:
        """When something started at `start` with `duration` to go falls due, in UTC.

        A zero Duration (which the config parser refuses anyway) is due at `start` itself.
        """
        begin = _utc(start, "start")
        _check_duration(duration)
        if _counts_every_hour(clock):
            return begin + duration.around_the_clock()
        return self._working_deadline(begin, duration)

    def elapsed(self, start: datetime, end: datetime, clock: ClockKind) -> timedelta:
        """Time that counts on `clock` between two moments; zero if `end` is not after `start`."""
        begin = _utc(start, "start")
        finish = _utc(end, "end")
        if finish <= begin:
            return _ZERO
        if _counts_every_hour(clock):
            return finish - begin
        return self._working_elapsed(begin, finish)

    def is_working_day(self, day: date) -> bool:
        """Whether local `day` is a working day (weekday rule, holidays, make-up days)."""
        if isinstance(day, datetime):
            # A datetime is a date too, but its calendar date depends on the zone it is in;
            # guessing would silently pick the wrong day near midnight.
            raise TypeError(
                "is_working_day takes a date; for a moment use is_working_time, "
                "or calendar.local(moment).date()"
            )
        return self._hours.is_working_day(day)

    def is_working_time(self, at: datetime) -> bool:
        """Whether `at` falls inside working hours (start inclusive, end exclusive)."""
        moment = _utc(at, "at")
        window = self._window(self._local_date(moment))
        return window is not None and window[0] <= moment < window[1]

    def next_working_moment(self, at: datetime) -> datetime:
        """`at` itself (in UTC) if it is working time, else when work next starts."""
        return self._next_moment(_utc(at, "at"))[0]

    def local(self, at: datetime) -> datetime:
        """`at` as an aware datetime in the configured zone: for display and for tests."""
        return _utc(at, "at").astimezone(self._timezone)

    # -- the working clock ------------------------------------------------------------------

    def _working_deadline(self, begin: datetime, duration: Duration) -> datetime:
        moment = begin
        if duration.days:
            # Whole working days first: the same local time of day N working days on. Outside
            # working hours counting starts at the next opening, so the opening time is kept.
            local = begin.astimezone(self._timezone)
            day = local.date()
            window = self._window(day)
            if window is not None and window[0] <= begin < window[1]:
                time_of_day = local.time()
                if time_of_day.fold:  # the repeated hour of a DST fall-back: read it plainly
                    time_of_day = time_of_day.replace(fold=0)
            else:
                _, day, window = self._next_moment(begin)
                time_of_day = self._hours.start
            day, window = self._advance(day, duration.days)
            moment = datetime.combine(day, time_of_day, tzinfo=self._timezone).astimezone(UTC)
            # Only a DST jump inside working hours can push the kept time out of the window.
            if moment < window[0]:
                moment = window[0]
            elif moment >= window[1]:
                moment, day, window = self._next_moment(moment)
        remaining = timedelta(seconds=duration.seconds)
        if not remaining:
            return moment
        if not duration.days:
            moment, day, window = self._next_moment(moment)
        available = window[1] - moment
        # `>` rather than `>=`: when the time runs out exactly at closing, stay at closing.
        while remaining > available:
            remaining -= available
            day, window = self._following(day)
            moment = window[0]
            available = window[1] - moment
        return moment + remaining

    def _working_elapsed(self, begin: datetime, finish: datetime) -> timedelta:
        total = _ZERO
        day = self._local_date(begin)
        last = self._local_date(finish)
        # Day by day, bounded by the span itself (so no horizon check is needed here); each
        # step is a cached lookup and at most one subtraction.
        while day <= last:
            window = self._window(day)
            if window is not None:
                low = begin if begin > window[0] else window[0]
                high = finish if finish < window[1] else window[1]
                if high > low:
                    total += high - low
            day += _ONE_DAY
        return total

    def _next_moment(self, moment: datetime) -> tuple[datetime, date, _Window]:
        """The first working moment at or after `moment` (UTC), with its local day and window."""
        day = self._local_date(moment)
        window = self._window(day)
        if window is not None and moment < window[1]:
            return (moment if moment >= window[0] else window[0]), day, window
        day, window = self._following(day)
        return window[0], day, window

    def _advance(self, day: date, count: int) -> tuple[date, _Window]:
        """The `count`-th (count >= 1) working day after `day`, with its window.

        Cached by (day, count): a ticket batch asks for the same "5d" from the same few days.
        """
        key = (day, count)
        cached = self._advance_cache.get(key)
        if cached is not None:
            return cached
        day, window = self._following(day)
        for _ in range(count - 1):
            day, window = self._following(day)
        if len(self._advance_cache) >= _CACHE_LIMIT:
            self._advance_cache.clear()
        self._advance_cache[key] = (day, window)
        return day, window

    def _following(self, day: date) -> tuple[date, _Window]:
        """The first working day after `day`, with its window; raises past the horizon."""
        cached = self._following_cache.get(day)
        if cached is not None:
            return cached
        candidate = day
        for _ in range(HORIZON_DAYS):
            candidate += _ONE_DAY
            window = self._window(candidate)
            if window is not None:
                if len(self._following_cache) >= _CACHE_LIMIT:
                    self._following_cache.clear()
                self._following_cache[day] = (candidate, window)
                return candidate, window
        raise ValueError(
            f"no working day within {HORIZON_DAYS} days after {day.isoformat()}: check the "
            f"working days, holidays and make-up workdays in the configuration"
        )

    def _window(self, day: date) -> _Window | None:
        """Working hours of local `day` in UTC, or None if no work happens that day."""
        try:
            return self._window_cache[day]
        except KeyError:
            pass
        window: _Window | None = None
        if self._hours.is_working_day(day):
            # combine() with fold=0 resolves a wall time that DST skips or repeats the same way
            # zoneinfo always does; converting to UTC then gives the real length of the day's
            # work (e.g. 01:00-04:00 is two hours on the spring-forward night).
            opens = datetime.combine(day, self._hours.start, tzinfo=self._timezone)
            closes = datetime.combine(day, self._hours.end, tzinfo=self._timezone)
            opens, closes = opens.astimezone(UTC), closes.astimezone(UTC)
            if closes > opens:  # a window squeezed to nothing by a DST gap counts as no work
                window = (opens, closes)
        if len(self._window_cache) >= _CACHE_LIMIT:
            self._window_cache.clear()
            self._following_cache.clear()
        self._window_cache[day] = window
        return window

    def _local_date(self, moment: datetime) -> date:
        return moment.astimezone(self._timezone).date()


def _utc(at: datetime, name: str) -> datetime:
    if not isinstance(at, datetime):
        raise TypeError(f"{name} must be a datetime, got {at!r}")
    if at.tzinfo is None or at.utcoffset() is None:
        # Guessing a zone for a naive value is how deadlines end up eight hours off.
        raise ValueError(
            f"{name} is a naive datetime ({at.isoformat()}); the calendar needs timezone-aware "
            f"datetimes, e.g. datetime(..., tzinfo=datetime.UTC)"
        )
    return at.astimezone(UTC)


def _counts_every_hour(clock: ClockKind) -> bool:
    # Compared by value (ClockKind is a StrEnum) so the config string "always" works too; the
    # enum call is kept off the hot path and only runs to reject what is neither.
    if clock == ClockKind.ALWAYS:
        return True
    if clock == ClockKind.WORKING:
        return False
    return ClockKind(clock) is ClockKind.ALWAYS  # raises ValueError for an unknown clock


def _check_duration(duration: Duration) -> None:
    if not isinstance(duration, Duration):
        raise TypeError(f"duration must be a tickets.durations.Duration, got {duration!r}")
    if duration.days < 0 or duration.seconds < 0:
        raise ValueError(f"a deadline duration cannot be negative, got {duration!r}")
