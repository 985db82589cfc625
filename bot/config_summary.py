"""`streetdesk check`: what a valid configuration will do, and what looks unfinished."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from bot.settings import Settings
from tickets.routing import responsible_department


def summary(settings: Settings, source: str) -> str:
    taxonomy = settings.taxonomy()
    hours = settings.working_hours
    lines = [
        f"{source}: OK",
        f"timezone {settings.timezone}, language {settings.language}, "
        f"working days {','.join(map(str, hours.days))} {hours.start:%H:%M}-{hours.end:%H:%M}, "
        f"{len(hours.holidays)} holidays, {len(hours.workdays)} make-up workdays",
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
    if warnings:
        lines += ["", "warnings:", *(f"  {w}" for w in warnings)]
    return "\n".join(lines) + "\n"


def _without_password(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
