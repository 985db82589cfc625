"""`streetdesk check`: what a valid configuration will do, and what looks unfinished."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.engine import make_url

from bot.settings import Settings
from tickets.calendar import official_year
from tickets.routing import responsible_department

# The State Council publishes next year's holidays in October or November: a warning that looks
# further ahead than a quarter would be shown all year long and learnt to be ignored.
OFFICIAL_LOOKAHEAD = timedelta(days=92)


def summary(settings: Settings, source: str, today: date) -> str:
    taxonomy = settings.taxonomy()
    hours = settings.working_hours
    official = "China's official holidays and make-up days, " if hours.official else ""
    lines = [
        f"{source}: OK",
        f"timezone {settings.timezone}, language {settings.language}, "
        f"working days {','.join(map(str, hours.days))} {hours.start:%H:%M}-{hours.end:%H:%M}, "
        f"{official}{len(hours.holidays)} local holidays, {len(hours.workdays)} local workdays",
        f"telegram: {settings.telegram.mode} via {settings.telegram.api_base}, token "
        + ("set" if settings.telegram.token.get_secret_value() else "NOT SET"),
        f"database: {_without_password(settings.database_url())}",
        f"{len(taxonomy.departments)} departments, {len(taxonomy.categories)} categories, "
        f"{len(taxonomy.roads)} roads",
        "",
        "categories:",
    ]
    for c in taxonomy.categories.values():
        lines.append(
            f"  {c.key:<22} -> {c.department:<20} ack {c.ack!s:<6} resolve "
            f"{c.resolve!s:<6} {c.clock.value:<8} {len(c.keywords)} keywords"
        )
    lines += ["", "roads:"]
    for road in taxonomy.roads.values():
        where = f"chat {road.chat_id}" if road.chat_id is not None else "not bound (use /bind)"
        if road.thread_id is not None:
            where += f" topic {road.thread_id}"
        overrides = ", ".join(
            f"{cat}->{responsible_department(taxonomy, cat, road.name)}" for cat in road.departments
        )
        lines.append(
            f"  {road.name}: {where}, {len(road.chief_ids)} chief(s)"
            + (f", overrides {overrides}" if overrides else "")
        )
    warnings = [
        f"department {d.key} has no liaisons: its tickets mention nobody"
        for d in taxonomy.departments.values()
        if not d.liaison_ids and not any(d.key in r.liaison_ids for r in taxonomy.roads.values())
    ]
    warnings += [
        f"the official calendar has no holidays for {year} yet (the State Council publishes "
        f"them each autumn): upgrade the holidays package once it has them "
        f"(pip install -U holidays), or list {year}'s days off and make-up days in "
        f"working_hours.holidays and working_hours.workdays"
        for year in years_without_official_data(settings, today)
    ]
    if warnings:
        lines += ["", "warnings:", *(f"  {w}" for w in warnings)]
    return "\n".join(lines) + "\n"


def years_without_official_data(settings: Settings, today: date) -> list[int]:
    """The years of the coming months whose days off nobody has given: neither the official
    calendar (not published yet, or an old package) nor the office's own lists."""
    hours = settings.working_hours
    if not hours.official:
        return []
    listed = {day.year for day in (*hours.holidays, *hours.workdays)}
    coming = range(today.year, (today + OFFICIAL_LOOKAHEAD).year + 1)
    return [year for year in coming if year not in listed and not official_year(year).published]


def _without_password(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
