"""The working-hours calendar, rule by rule.

Moments are written and checked as local wall-clock time with the weekday in front
("Fri 2026-03-06 17:30"), because that is how a street office reads a deadline; `at` refuses a
weekday that does not match the date, so the examples cannot drift from the calendar.

Unless a test says otherwise the office works Monday to Friday, 09:00-18:00, Asia/Shanghai.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tickets.calendar import Calendar, WorkingHours
from tickets.durations import Duration
from tickets.taxonomy import ClockKind

WORKING = ClockKind.WORKING
ALWAYS = ClockKind.ALWAYS

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
MON_TO_FRI = frozenset({1, 2, 3, 4, 5})
OFFICE_HOURS = WorkingHours(days=MON_TO_FRI, start=time(9), end=time(18))

# The 2026 autumn holidays as the State Council published them (国办, 2025-11-04): Mid-Autumn
# Friday 25 September; National Day 1-7 October, of which the weekdays are off; and the make-up
# working days Sunday 20 September and Saturday 10 October. Thursday 8 October is a normal day.
AUTUMN_2026_HOLIDAYS = frozenset(
    date.fromisoformat(d)
    for d in ("2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07")
)
AUTUMN_2026_WORKDAYS = frozenset({date(2026, 9, 20), date(2026, 10, 10)})


@pytest.fixture
def office() -> Calendar:
    return Calendar(SHANGHAI, OFFICE_HOURS)


@pytest.fixture
def national_day() -> Calendar:
    hours = WorkingHours(
        days=MON_TO_FRI,
        start=time(9),
        end=time(18),
        holidays=AUTUMN_2026_HOLIDAYS,
        workdays=AUTUMN_2026_WORKDAYS,
    )
    return Calendar(SHANGHAI, hours)


def at(text: str, zone: ZoneInfo = SHANGHAI) -> datetime:
    """'Fri 2026-03-06 17:30' as an aware local datetime; the weekday must match the date."""
    weekday, rest = text.split(" ", 1)
    moment = datetime.fromisoformat(rest).replace(tzinfo=zone)
    assert moment.strftime("%a") == weekday, f"{rest} is a {moment:%A}, not {weekday}"
    return moment


def shown(calendar: Calendar, moment: datetime) -> str:
    """A moment as the office reads it: local weekday, date and time."""
    local = calendar.local(moment)
    return local.strftime("%a %Y-%m-%d %H:%M:%S" if local.second else "%a %Y-%m-%d %H:%M")


def dur(text: str) -> Duration:
    return Duration.parse(text)


# -- the working clock ------------------------------------------------------------------------


def test_ack_deadline_counts_only_working_hours(office: Calendar) -> None:
    # 2 working hours from Friday 17:30: half an hour on Friday, 1.5 h on Monday -> Monday 10:30
    due = office.deadline(at("Fri 2026-03-06 17:30"), dur("2h"), WORKING)
    assert shown(office, due) == "Mon 2026-03-09 10:30"


def test_report_at_1759_on_friday_uses_its_last_minute(office: Calendar) -> None:
    start = at("Fri 2026-03-06 17:59")
    assert shown(office, office.deadline(start, dur("2h"), WORKING)) == "Mon 2026-03-09 10:59"
    assert shown(office, office.deadline(start, dur("1m"), WORKING)) == "Fri 2026-03-06 18:00"


def test_report_at_1800_exactly_waits_for_monday_morning(office: Calendar) -> None:
    # 18:00 is closing time, not working time: the clock starts on Monday at 09:00
    start = at("Fri 2026-03-06 18:00")
    assert not office.is_working_time(start)
    assert shown(office, office.deadline(start, dur("2h"), WORKING)) == "Mon 2026-03-09 11:00"


def test_report_before_work_starts_counting_at_0900(office: Calendar) -> None:
    due = office.deadline(at("Tue 2026-03-03 08:00"), dur("2h"), WORKING)
    assert shown(office, due) == "Tue 2026-03-03 11:00"


def test_report_on_saturday_starts_counting_on_monday(office: Calendar) -> None:
    start = at("Sat 2026-03-07 14:00")
    assert shown(office, office.next_working_moment(start)) == "Mon 2026-03-09 09:00"
    assert shown(office, office.deadline(start, dur("1h"), WORKING)) == "Mon 2026-03-09 10:00"


def test_deadline_that_uses_up_the_day_exactly_stays_at_closing_time(office: Calendar) -> None:
    # not rolled to 09:00 the next working morning, which is the same amount of working time
    start = at("Mon 2026-03-02 16:00")
    assert shown(office, office.deadline(start, dur("2h"), WORKING)) == "Mon 2026-03-02 18:00"
    friday = at("Fri 2026-03-06 09:00")
    assert shown(office, office.deadline(friday, dur("9h"), WORKING)) == "Fri 2026-03-06 18:00"


def test_a_working_day_is_the_same_time_of_day_one_working_day_later(office: Calendar) -> None:
    due = office.deadline(at("Thu 2026-03-05 15:20"), dur("2d"), WORKING)
    assert shown(office, due) == "Mon 2026-03-09 15:20"


def test_working_days_from_outside_hours_count_from_the_next_opening(office: Calendar) -> None:
    # before work, at closing time and at the weekend the day starts at the next 09:00
    assert shown(office, office.deadline(at("Mon 2026-03-02 08:00"), dur("1d"), WORKING)) == (
        "Tue 2026-03-03 09:00"
    )
    assert shown(office, office.deadline(at("Fri 2026-03-06 18:00"), dur("1d"), WORKING)) == (
        "Tue 2026-03-10 09:00"
    )
    assert shown(office, office.deadline(at("Sun 2026-03-08 11:00"), dur("1d"), WORKING)) == (
        "Tue 2026-03-10 09:00"
    )


def test_days_then_hours(office: Calendar) -> None:
    # "1d2h" from Friday 17:00: one working day -> Monday 17:00, then 2 h -> Tuesday 10:00
    due = office.deadline(at("Fri 2026-03-06 17:00"), dur("1d2h"), WORKING)
    assert shown(office, due) == "Tue 2026-03-10 10:00"


def test_five_days_and_45_hours_are_the_same_working_time_on_a_9_hour_day(
    office: Calendar,
) -> None:
    # 5 working days of 9 hours are 45 working hours: from mid-morning both land on the same
    # moment a week later
    start = at("Mon 2026-03-02 10:00")
    assert shown(office, office.deadline(start, dur("5d"), WORKING)) == "Mon 2026-03-09 10:00"
    assert shown(office, office.deadline(start, dur("45h"), WORKING)) == "Mon 2026-03-09 10:00"


def test_five_days_and_45_hours_from_opening_differ_only_in_how_they_are_shown(
    office: Calendar,
) -> None:
    # From 09:00 the hours run out at Friday's closing; the days keep the time of day. Both
    # leave the department exactly the same working time.
    start = at("Mon 2026-03-02 09:00")
    by_days = office.deadline(start, dur("5d"), WORKING)
    by_hours = office.deadline(start, dur("45h"), WORKING)
    assert shown(office, by_days) == "Mon 2026-03-09 09:00"
    assert shown(office, by_hours) == "Fri 2026-03-06 18:00"
    assert office.elapsed(start, by_days, WORKING) == timedelta(hours=45)
    assert office.elapsed(start, by_hours, WORKING) == timedelta(hours=45)


def test_days_are_working_days_not_24_hours_when_the_day_is_8_hours() -> None:
    # with 09:00-17:00, "5d" is 40 working hours: "45h" runs five hours into the sixth day
    calendar = Calendar(SHANGHAI, WorkingHours(days=MON_TO_FRI, start=time(9), end=time(17)))
    start = at("Mon 2026-03-02 09:00")
    assert shown(calendar, calendar.deadline(start, dur("5d"), WORKING)) == "Mon 2026-03-09 09:00"
    assert shown(calendar, calendar.deadline(start, dur("45h"), WORKING)) == (
        "Mon 2026-03-09 14:00"
    )


def test_48_hours_is_more_than_five_working_days_and_2_days_is_two(office: Calendar) -> None:
    # the durations module's own example: "48h" and "2d" mean different things at work
    start = at("Mon 2026-03-02 09:00")
    assert shown(office, office.deadline(start, dur("48h"), WORKING)) == "Mon 2026-03-09 12:00"
    assert shown(office, office.deadline(start, dur("2d"), WORKING)) == "Wed 2026-03-04 09:00"


# -- holidays and make-up days (调休) ---------------------------------------------------------


def test_national_day_week_is_not_working_time(national_day: Calendar) -> None:
    assert not national_day.is_working_day(date(2026, 10, 1))  # Thursday, National Day
    assert not national_day.is_working_day(date(2026, 10, 5))  # Monday, holiday
    assert national_day.is_working_day(date(2026, 10, 8))  # Thursday, back to work
    assert not national_day.is_working_time(at("Tue 2026-10-06 10:00"))


def test_ack_deadline_skips_the_national_day_holiday(national_day: Calendar) -> None:
    # Wednesday 30 September 17:00 + 2 h: one hour that day, the next on Thursday 8 October
    due = national_day.deadline(at("Wed 2026-09-30 17:00"), dur("2h"), WORKING)
    assert shown(national_day, due) == "Thu 2026-10-08 10:00"


def test_report_during_the_holiday_waits_for_the_first_working_day(
    national_day: Calendar,
) -> None:
    start = at("Sat 2026-10-03 20:00")
    assert shown(national_day, national_day.next_working_moment(start)) == "Thu 2026-10-08 09:00"
    due = national_day.deadline(start, dur("1d"), WORKING)
    assert shown(national_day, due) == "Fri 2026-10-09 09:00"


def test_resolve_deadline_works_through_the_make_up_saturday(national_day: Calendar) -> None:
    # 48 h from Wed 30 Sep 17:00: 1 (Wed) + 9 (Thu 8) + 9 (Fri 9) + 9 (Sat 10, make-up day)
    # + 9 (Mon 12) + 9 (Tue 13) = 46, the last 2 h on Wednesday 14 October
    due = national_day.deadline(at("Wed 2026-09-30 17:00"), dur("48h"), WORKING)
    assert shown(national_day, due) == "Wed 2026-10-14 11:00"


def test_make_up_saturday_is_a_working_day(national_day: Calendar) -> None:
    assert national_day.is_working_day(date(2026, 10, 10))
    assert national_day.is_working_time(at("Sat 2026-10-10 11:00"))
    due = national_day.deadline(at("Fri 2026-10-09 17:00"), dur("2h"), WORKING)
    assert shown(national_day, due) == "Sat 2026-10-10 10:00"


def test_make_up_sunday_is_a_working_day(national_day: Calendar) -> None:
    due = national_day.deadline(at("Sat 2026-09-19 12:00"), dur("1h"), WORKING)
    assert shown(national_day, due) == "Sun 2026-09-20 10:00"


def test_make_up_day_on_an_ordinary_weekday_changes_nothing() -> None:
    # Monday 28 September is a working day anyway; listing it as 调休 must not disturb anything
    hours = WorkingHours(
        days=MON_TO_FRI, start=time(9), end=time(18), workdays=frozenset({date(2026, 9, 28)})
    )
    calendar = Calendar(SHANGHAI, hours)
    assert calendar.is_working_day(date(2026, 9, 28))
    due = calendar.deadline(at("Fri 2026-09-25 17:00"), dur("2h"), WORKING)
    assert shown(calendar, due) == "Mon 2026-09-28 10:00"


def test_holiday_on_a_weekend_changes_nothing(office: Calendar) -> None:
    hours = WorkingHours(
        days=MON_TO_FRI, start=time(9), end=time(18), holidays=frozenset({date(2026, 3, 7)})
    )
    calendar = Calendar(SHANGHAI, hours)
    start = at("Fri 2026-03-06 17:00")
    assert calendar.deadline(start, dur("3h"), WORKING) == office.deadline(
        start, dur("3h"), WORKING
    )


# -- the always clock -------------------------------------------------------------------------


def test_always_clock_deadline_crosses_midnight(office: Calendar) -> None:
    # illegal parking: resolve within 4 h, every hour counts
    due = office.deadline(at("Fri 2026-03-06 22:00"), dur("4h"), ALWAYS)
    assert shown(office, due) == "Sat 2026-03-07 02:00"


def test_manhole_ack_of_30_minutes_at_2350_is_due_after_midnight(office: Calendar) -> None:
    due = office.deadline(at("Tue 2026-03-31 23:50"), dur("30m"), ALWAYS)
    assert shown(office, due) == "Wed 2026-04-01 00:20"


def test_24_hours_around_the_clock_is_a_calendar_day_even_at_the_weekend(
    office: Calendar,
) -> None:
    start = at("Fri 2026-03-06 17:30")
    assert shown(office, office.deadline(start, dur("24h"), ALWAYS)) == "Sat 2026-03-07 17:30"
    assert office.deadline(start, dur("1d"), ALWAYS) == office.deadline(start, dur("24h"), ALWAYS)


def test_always_clock_ignores_holidays(national_day: Calendar) -> None:
    due = national_day.deadline(at("Thu 2026-10-01 10:00"), dur("6h"), ALWAYS)
    assert shown(national_day, due) == "Thu 2026-10-01 16:00"


# -- elapsed ----------------------------------------------------------------------------------


def test_elapsed_across_a_weekend_counts_only_working_hours(office: Calendar) -> None:
    # Friday 17:00 -> Monday 10:00: one hour on Friday, one on Monday
    start, end = at("Fri 2026-03-06 17:00"), at("Mon 2026-03-09 10:00")
    assert office.elapsed(start, end, WORKING) == timedelta(hours=2)
    assert office.elapsed(start, end, ALWAYS) == timedelta(hours=65)


def test_elapsed_within_one_working_day(office: Calendar) -> None:
    start, end = at("Wed 2026-03-04 08:00"), at("Wed 2026-03-04 09:45")
    assert office.elapsed(start, end, WORKING) == timedelta(minutes=45)


def test_elapsed_over_a_whole_week_is_five_working_days(office: Calendar) -> None:
    start, end = at("Sun 2026-03-01 12:00"), at("Sun 2026-03-08 12:00")
    assert office.elapsed(start, end, WORKING) == timedelta(hours=45)


def test_elapsed_over_the_national_day_week_skips_the_holidays(national_day: Calendar) -> None:
    # Wed 30 Sep 17:00 -> Fri 9 Oct 10:00: 1 h + 9 h (Thu 8) + 1 h
    start, end = at("Wed 2026-09-30 17:00"), at("Fri 2026-10-09 10:00")
    assert national_day.elapsed(start, end, WORKING) == timedelta(hours=11)


@pytest.mark.parametrize("clock", [WORKING, ALWAYS])
def test_elapsed_is_never_negative(office: Calendar, clock: ClockKind) -> None:
    later, earlier = at("Tue 2026-03-03 15:00"), at("Tue 2026-03-03 11:00")
    assert office.elapsed(later, earlier, clock) == timedelta(0)
    assert office.elapsed(later, later, clock) == timedelta(0)


def test_elapsed_undoes_deadline(office: Calendar) -> None:
    start = at("Thu 2026-03-05 16:45")
    due = office.deadline(start, dur("7h30m"), WORKING)
    assert office.elapsed(start, due, WORKING) == timedelta(hours=7, minutes=30)


# -- DST: Europe/Berlin springs forward on Sunday 2026-03-29 and falls back on 2026-10-25 -----


@pytest.fixture
def berlin() -> Calendar:
    return Calendar(BERLIN, OFFICE_HOURS)


def test_berlin_working_clock_keeps_local_hours_across_spring_forward(berlin: Calendar) -> None:
    # Friday is UTC+1, Monday UTC+2; 09:00-18:00 stays 09:00-18:00 on the wall clock
    start = at("Fri 2026-03-27 17:00", BERLIN)
    due = berlin.deadline(start, dur("2h"), WORKING)
    assert shown(berlin, due) == "Mon 2026-03-30 10:00"
    assert due == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert berlin.elapsed(start, due, WORKING) == timedelta(hours=2)


def test_berlin_working_day_is_the_same_wall_time_after_spring_forward(berlin: Calendar) -> None:
    start = at("Fri 2026-03-27 10:00", BERLIN)
    due = berlin.deadline(start, dur("1d"), WORKING)
    assert shown(berlin, due) == "Mon 2026-03-30 10:00"
    assert berlin.elapsed(start, due, WORKING) == timedelta(hours=9)


def test_berlin_always_clock_counts_real_hours_across_dst(berlin: Calendar) -> None:
    # 24 real hours: the spring-forward Sunday has 23 on the wall clock, the autumn one 25
    spring = berlin.deadline(at("Sat 2026-03-28 12:00", BERLIN), dur("24h"), ALWAYS)
    autumn = berlin.deadline(at("Sat 2026-10-24 12:00", BERLIN), dur("24h"), ALWAYS)
    assert shown(berlin, spring) == "Sun 2026-03-29 13:00"
    assert shown(berlin, autumn) == "Sun 2026-10-25 11:00"


def test_berlin_night_shift_through_the_dst_change_counts_real_hours() -> None:
    # A 01:00-04:00 shift every day: 2 real hours on the spring-forward night (02:00-03:00 does
    # not exist), 4 on the autumn night (02:00-03:00 happens twice), 3 otherwise.
    every_day = frozenset(range(1, 8))
    night = Calendar(BERLIN, WorkingHours(days=every_day, start=time(1), end=time(4)))

    def shift(day: str) -> timedelta:
        start = at(f"{day} 00:00", BERLIN)
        return night.elapsed(start, start + timedelta(hours=6), WORKING)

    assert shift("Sat 2026-03-28") == timedelta(hours=3)
    assert shift("Sun 2026-03-29") == timedelta(hours=2)
    assert shift("Sun 2026-10-25") == timedelta(hours=4)
    # 2h30m from the start of the short shift runs into the next night
    due = night.deadline(at("Sun 2026-03-29 01:00", BERLIN), dur("2h30m"), WORKING)
    assert shown(night, due) == "Mon 2026-03-30 01:30"


# -- the small helpers ------------------------------------------------------------------------


def test_working_time_starts_at_opening_and_stops_before_closing(office: Calendar) -> None:
    assert not office.is_working_time(at("Tue 2026-03-03 08:59:59"))
    assert office.is_working_time(at("Tue 2026-03-03 09:00"))
    assert office.is_working_time(at("Tue 2026-03-03 17:59:59"))
    assert not office.is_working_time(at("Tue 2026-03-03 18:00"))
    assert not office.is_working_time(at("Sat 2026-03-07 11:00"))


def test_working_time_is_judged_in_local_time(office: Calendar) -> None:
    # 01:30 UTC on Monday is 09:30 in Shanghai; 23:00 UTC on Sunday is already Monday 07:00
    assert office.is_working_time(datetime(2026, 3, 9, 1, 30, tzinfo=UTC))
    assert not office.is_working_time(datetime(2026, 3, 8, 23, 0, tzinfo=UTC))


def test_next_working_moment_inside_hours_is_the_moment_itself(office: Calendar) -> None:
    moment = at("Wed 2026-03-04 11:11:11")
    assert office.next_working_moment(moment) == moment
    assert shown(office, office.next_working_moment(at("Wed 2026-03-04 18:00"))) == (
        "Thu 2026-03-05 09:00"
    )


def test_results_are_in_utc_and_local_is_in_the_configured_zone(office: Calendar) -> None:
    start = at("Mon 2026-03-02 10:00")
    for result in (
        office.deadline(start, dur("2h"), WORKING),
        office.deadline(start, dur("2h"), ALWAYS),
        office.next_working_moment(start),
    ):
        assert result.tzinfo is UTC
    assert office.local(datetime(2026, 3, 2, 2, 0, tzinfo=UTC)).tzinfo is SHANGHAI
    assert shown(office, datetime(2026, 3, 2, 2, 0, tzinfo=UTC)) == "Mon 2026-03-02 10:00"


def test_clock_may_be_given_as_its_config_string(office: Calendar) -> None:
    start = at("Fri 2026-03-06 17:30")
    assert office.deadline(start, dur("2h"), ClockKind("working")) == office.deadline(
        start, dur("2h"), WORKING
    )


# -- programming and configuration errors -----------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        lambda c, naive: c.deadline(naive, dur("2h"), WORKING),
        lambda c, naive: c.deadline(naive, dur("2h"), ALWAYS),
        lambda c, naive: c.elapsed(naive, naive, WORKING),
        lambda c, naive: c.is_working_time(naive),
        lambda c, naive: c.next_working_moment(naive),
        lambda c, naive: c.local(naive),
    ],
)
def test_naive_datetime_is_a_programming_error(
    office: Calendar, call: Callable[[Calendar, datetime], object]
) -> None:
    with pytest.raises(ValueError, match="naive"):
        call(office, datetime(2026, 3, 2, 10, 0))


def test_is_working_day_refuses_a_datetime(office: Calendar) -> None:
    # a datetime's date depends on its zone; the caller must say which by using local()
    with pytest.raises(TypeError, match="local"):
        office.is_working_day(at("Mon 2026-03-02 10:00"))


def test_negative_duration_is_refused(office: Calendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        office.deadline(at("Mon 2026-03-02 10:00"), Duration(seconds=-60), WORKING)


def test_unknown_clock_is_refused(office: Calendar) -> None:
    with pytest.raises(ValueError, match="sometimes"):
        office.deadline(at("Mon 2026-03-02 10:00"), dur("2h"), "sometimes")  # type: ignore[arg-type]


def test_working_hours_must_end_after_they_start() -> None:
    with pytest.raises(ValueError, match="end after they start"):
        WorkingHours(days=MON_TO_FRI, start=time(18), end=time(9))
    with pytest.raises(ValueError, match="end after they start"):
        WorkingHours(days=MON_TO_FRI, start=time(9), end=time(9))


def test_working_days_must_be_iso_weekdays() -> None:
    with pytest.raises(ValueError, match="ISO weekday"):
        WorkingHours(days=frozenset({0, 1, 2}), start=time(9), end=time(18))


def test_working_hours_are_local_times_without_a_zone() -> None:
    with pytest.raises(ValueError, match="without tzinfo"):
        WorkingHours(days=MON_TO_FRI, start=time(9, tzinfo=UTC), end=time(18))


def test_a_date_cannot_be_both_holiday_and_make_up_day() -> None:
    with pytest.raises(ValueError, match="2026-10-10"):
        WorkingHours(
            days=MON_TO_FRI,
            start=time(9),
            end=time(18),
            holidays=frozenset({date(2026, 10, 10)}),
            workdays=frozenset({date(2026, 10, 10)}),
        )


def test_no_working_days_at_all_is_refused() -> None:
    with pytest.raises(ValueError, match="no working days"):
        WorkingHours(days=frozenset(), start=time(9), end=time(18))


def test_no_working_day_within_a_year_raises_instead_of_looping() -> None:
    # the only working day is a make-up day long past: nothing is ever due again
    hours = WorkingHours(
        days=frozenset(), start=time(9), end=time(18), workdays=frozenset({date(2024, 1, 6)})
    )
    calendar = Calendar(SHANGHAI, hours)
    start = at("Mon 2026-03-02 10:00")
    with pytest.raises(ValueError, match="no working day within 366 days"):
        calendar.deadline(start, dur("2h"), WORKING)
    with pytest.raises(ValueError, match="no working day within 366 days"):
        calendar.next_working_moment(start)
    # the always clock and elapsed (bounded by its own span) still work
    assert calendar.deadline(start, dur("2h"), ALWAYS) == start + timedelta(hours=2)
    assert calendar.elapsed(start, start + timedelta(days=3), WORKING) == timedelta(0)


def test_holidays_may_be_given_as_any_iterable_of_dates() -> None:
    # Config code builds these from TOML lists. The calendar keeps what it was given: a list
    # changed afterwards changes nothing under it (it caches what it worked out).
    holidays = [date(2026, 10, 1)]
    hours = WorkingHours(
        days=[1, 2, 3, 4, 5],  # type: ignore[arg-type]
        start=time(9),
        end=time(18),
        holidays=holidays,  # type: ignore[arg-type]
    )
    calendar = Calendar(SHANGHAI, hours)
    assert hours.days == MON_TO_FRI
    assert not calendar.is_working_day(date(2026, 10, 1))  # a Thursday, National Day
    holidays.append(date(2026, 10, 2))
    assert calendar.is_working_day(date(2026, 10, 2))  # a Friday, as it was when configured
