"""Properties of the working-hours calendar that must hold for any moment and any duration.

The calendars cover the shapes that break naive date arithmetic: Chinese holidays and make-up
days, a working day that is not a whole number of hours, weekend-only service, and a night
shift in Europe/Berlin whose hours contain the DST change itself.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from tickets.calendar import Calendar, WorkingHours
from tickets.durations import Duration
from tickets.taxonomy import ClockKind

WORKING = ClockKind.WORKING
ALWAYS = ClockKind.ALWAYS
SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
MON_TO_FRI = frozenset({1, 2, 3, 4, 5})

SHANGHAI_OFFICE = Calendar(
    SHANGHAI,
    WorkingHours(
        days=MON_TO_FRI,
        start=time(9),
        end=time(18),
        holidays=frozenset(
            date.fromisoformat(d)
            for d in (
                "2026-09-25",
                "2026-10-01",
                "2026-10-02",
                "2026-10-05",
                "2026-10-06",
                "2026-10-07",
            )
        ),
        workdays=frozenset({date(2026, 9, 20), date(2026, 10, 10)}),
    ),
)
BERLIN_OFFICE = Calendar(BERLIN, WorkingHours(days=MON_TO_FRI, start=time(8, 30), end=time(17, 15)))
WEEKEND_SERVICE = Calendar(
    SHANGHAI, WorkingHours(days=frozenset({6, 7}), start=time(10), end=time(16))
)
BERLIN_NIGHT_SHIFT = Calendar(
    BERLIN, WorkingHours(days=frozenset(range(1, 8)), start=time(1), end=time(4))
)

CALENDARS = [SHANGHAI_OFFICE, BERLIN_OFFICE, WEEKEND_SERVICE, BERLIN_NIGHT_SHIFT]
calendars = st.sampled_from(CALENDARS)

# Any moment in a few years around the 2026 holidays and both Berlin DST changes, given in UTC
# or in either zone (a datetime that does not exist on the Berlin wall clock included).
moments = st.datetimes(
    min_value=datetime(2025, 12, 1),
    max_value=datetime(2027, 12, 31),
    timezones=st.sampled_from([UTC, SHANGHAI, BERLIN]),
)
seconds = st.integers(min_value=0, max_value=400 * 3600)
days = st.integers(min_value=0, max_value=30)
durations = st.builds(Duration, days=days, seconds=seconds).filter(lambda d: d.days or d.seconds)
clocks = st.sampled_from([WORKING, ALWAYS])


def closes_at(calendar: Calendar, moment: datetime) -> bool:
    """Whether `moment` is exactly the end of working hours on a working day."""
    day = calendar.local(moment).date()
    closing = datetime.combine(day, calendar.hours.end, tzinfo=calendar.timezone)
    return calendar.is_working_day(day) and closing.astimezone(UTC) == moment


@given(calendars, moments, durations, clocks)
def test_deadline_is_never_before_start(
    calendar: Calendar, start: datetime, duration: Duration, clock: ClockKind
) -> None:
    assert calendar.deadline(start, duration, clock) >= start


@given(calendars, moments, durations)
def test_working_deadline_lands_inside_working_hours_or_at_closing_time(
    calendar: Calendar, start: datetime, duration: Duration
) -> None:
    due = calendar.deadline(start, duration, WORKING)
    assert calendar.is_working_time(due) or closes_at(calendar, due)


@given(calendars, moments, seconds)
def test_elapsed_undoes_deadline_for_working_seconds(
    calendar: Calendar, start: datetime, amount: int
) -> None:
    due = calendar.deadline(start, Duration(seconds=amount), WORKING)
    assert calendar.elapsed(start, due, WORKING) == timedelta(seconds=amount)


@given(calendars, moments, st.integers(min_value=1, max_value=400 * 3600))
def test_working_deadline_is_the_first_moment_the_time_is_used_up(
    calendar: Calendar, start: datetime, amount: int
) -> None:
    # which is why a deadline that uses up a day stays at 18:00 instead of the next 09:00
    due = calendar.deadline(start, Duration(seconds=amount), WORKING)
    just_before = due - timedelta(microseconds=1)
    assert calendar.elapsed(start, just_before, WORKING) < timedelta(seconds=amount)


@given(moments, st.integers(min_value=1, max_value=30))
def test_a_working_day_is_worth_one_full_working_day(start: datetime, count: int) -> None:
    # Asia/Shanghai has no DST, so every working day is exactly 9 hours
    calendar = SHANGHAI_OFFICE
    begin = calendar.next_working_moment(start)
    due = calendar.deadline(begin, Duration(days=count), WORKING)
    assert calendar.elapsed(begin, due, WORKING) == timedelta(hours=9 * count)
    assert calendar.local(due).time() == calendar.local(begin).time()


@given(calendars, moments, durations, durations, clocks)
def test_deadline_is_monotonic_in_duration(
    calendar: Calendar, start: datetime, one: Duration, other: Duration, clock: ClockKind
) -> None:
    shorter = Duration(days=min(one.days, other.days), seconds=min(one.seconds, other.seconds))
    longer = Duration(days=max(one.days, other.days), seconds=max(one.seconds, other.seconds))
    assert calendar.deadline(start, shorter, clock) <= calendar.deadline(start, longer, clock)


@given(calendars, moments, moments, durations, clocks)
def test_deadline_is_monotonic_in_start(
    calendar: Calendar, one: datetime, other: datetime, duration: Duration, clock: ClockKind
) -> None:
    # a later report is never due earlier, whether it came in before, during or after hours
    earlier, later = sorted([one, other])
    assert calendar.deadline(earlier, duration, clock) <= calendar.deadline(later, duration, clock)


@given(calendars, moments, durations)
def test_working_days_move_first_and_the_hours_are_added_after(
    calendar: Calendar, start: datetime, duration: Duration
) -> None:
    after_days = calendar.deadline(start, Duration(days=duration.days), WORKING)
    after_hours = calendar.deadline(after_days, Duration(seconds=duration.seconds), WORKING)
    assert calendar.deadline(start, duration, WORKING) == after_hours


@given(calendars, moments, moments, moments, clocks)
def test_elapsed_adds_up_over_consecutive_spans(
    calendar: Calendar, one: datetime, two: datetime, three: datetime, clock: ClockKind
) -> None:
    first, middle, last = sorted([one, two, three])
    assert calendar.elapsed(first, last, clock) == calendar.elapsed(
        first, middle, clock
    ) + calendar.elapsed(middle, last, clock)


@given(calendars, moments, moments)
def test_working_time_is_never_more_than_real_time(
    calendar: Calendar, one: datetime, other: datetime
) -> None:
    working = calendar.elapsed(one, other, WORKING)
    assert timedelta(0) <= working <= calendar.elapsed(one, other, ALWAYS)


@given(calendars, moments)
# 02:30 on Berlin's spring-forward night does not exist on the wall clock; the night shift works
# through it. Random draws find it only now and then, so it is always tried as well.
@example(BERLIN_NIGHT_SHIFT, datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN))
def test_next_working_moment_is_working_time_and_skips_none(
    calendar: Calendar, moment: datetime
) -> None:
    opening = calendar.next_working_moment(moment)
    assert opening >= moment
    assert calendar.is_working_time(opening)
    assert calendar.elapsed(moment, opening, WORKING) == timedelta(0)
    if calendar.is_working_time(moment):
        # The same instant. Not `opening == moment`: Python never finds a time in a DST gap
        # (02:30 on Berlin's spring-forward night) equal to a time in another zone (PEP 495).
        assert opening == moment.astimezone(UTC)


@given(calendars, moments, durations)
def test_always_clock_counts_every_hour(
    calendar: Calendar, start: datetime, duration: Duration
) -> None:
    due = calendar.deadline(start, duration, ALWAYS)
    assert due - start == duration.around_the_clock()
    assert calendar.elapsed(start, due, ALWAYS) == duration.around_the_clock()


@given(calendars, moments, durations, clocks)
def test_results_are_utc(
    calendar: Calendar, start: datetime, duration: Duration, clock: ClockKind
) -> None:
    assert calendar.deadline(start, duration, clock).tzinfo is UTC
    assert calendar.next_working_moment(start).tzinfo is UTC
