"""`streetdesk due`: the deadlines a report at a given moment would get, so an office can check a
holiday by hand, with the days the working clock skipped (or worked) on the way and why."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.cli_options import config_option, load
from tickets.calendar import Calendar
from tickets.chasing import ChasePolicy
from tickets.durations import Duration
from tickets.routing import deadlines_for, responsible_department
from tickets.taxonomy import Category, ClockKind, Taxonomy
from tickets.taxonomy import UnknownKeyError as UnknownKey

_SHOWN = "%a %Y-%m-%d %H:%M"


@click.command()
@config_option
@click.option("--category", "category_key", required=True, help="The category's key.")
@click.option("--road", default=None, help="The road (its overrides choose the department).")
@click.option(
    "--at",
    "reported",
    required=True,
    help="When the report arrives, local time, e.g. 2026-02-13T10:00.",
)
def due(config_path: Path | None, category_key: str, road: str | None, reported: str) -> None:
    """Print the acknowledgement and resolution deadlines of a report at --at."""
    settings = load(config_path)
    taxonomy = settings.taxonomy()
    zone = ZoneInfo(settings.timezone)
    category = _category(taxonomy, category_key)
    if road is not None and road not in taxonomy.roads:
        raise click.BadParameter(str(UnknownKey("road", road, taxonomy.roads)), param_hint="--road")
    moment = _moment(reported, zone)
    calendar = settings.calendar()
    deadlines = deadlines_for(taxonomy, calendar, category.key, moment)
    department = taxonomy.department(responsible_department(taxonomy, category.key, road))
    policy = settings.chase_policy()
    lines = [
        f"report      at {calendar.local(moment):{_SHOWN}} ({settings.timezone})",
        f"category    {category.key} {category.name} -> {department.key} {department.name}, "
        f"{category.clock.value} clock",
        _deadline_line("acknowledge", calendar, deadlines.ack_due, category.ack, category, policy),
        _deadline_line(
            "resolve", calendar, deadlines.resolve_due, category.resolve, category, policy
        ),
    ]
    if category.clock is ClockKind.ALWAYS:
        lines.append("every hour counts on the always clock: holidays and nights too")
    else:
        first = calendar.local(moment).date()
        last = calendar.local(deadlines.resolve_due).date()
        lines += _days_out_of_pattern(calendar, first, last)
    click.echo("\n".join(lines))


def _category(taxonomy: Taxonomy, key: str) -> Category:
    try:
        return taxonomy.category(key)
    except UnknownKey as error:
        raise click.BadParameter(str(error), param_hint="--category") from None


def _moment(text: str, zone: ZoneInfo) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date and time; write it as 2026-02-13T10:00 (local time)",
            param_hint="--at",
        ) from None
    # Without an offset it is the office's wall-clock time, as people say it.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _deadline_line(
    label: str,
    calendar: Calendar,
    due_at: datetime,
    duration: Duration,
    category: Category,
    policy: ChasePolicy,
) -> str:
    # The same arithmetic the chase uses (tickets/chasing.py): the head and the chief are
    # called a further head_after / chief_after past the deadline, on the category's clock.
    head = calendar.deadline(due_at, policy.head_after, category.clock)
    chief = calendar.deadline(due_at, policy.chief_after, category.clock)
    return (
        f"{label:<12}by {calendar.local(due_at):{_SHOWN}} ({duration})\n"
        f"{'':<12}if missed: the head {calendar.local(head):{_SHOWN}}, "
        f"the street chief {calendar.local(chief):{_SHOWN}}"
    )


def _days_out_of_pattern(calendar: Calendar, first: date, last: date) -> list[str]:
    """Every day between the report and the resolve deadline that is not an ordinary weekday."""
    lines = []
    day = first
    while day <= last:
        reason = calendar.hours.reason(day)
        if reason != "working weekday":
            worked = "worked" if calendar.is_working_day(day) else "off   "
            lines.append(f"  {day:%a %Y-%m-%d}  {worked}  {reason}")
        day += timedelta(days=1)
    if not lines:
        return ["no holidays, weekends or make-up days on the way"]
    return ["days on the way that are not ordinary weekdays:", *lines]
