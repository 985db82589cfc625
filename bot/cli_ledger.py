"""`streetdesk tickets` and `streetdesk export`: the ledger (台账) as the office reads it (and
`streetdesk backup`, kept in its own module, registered with them)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.cli_options import config_option, load
from bot.services import open_services
from bot.settings import Settings
from bot.system_clock import SystemClock
from bot.texts import Texts
from reports.ledger_listing import STATE_CHOICES, as_json_lines, as_table, states_for
from reports.ledger_roads import UnknownRoad, check_road
from tickets.lifecycle import State
from tickets.model import Ticket


@click.command()
@config_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "csv", "jsonl"]),
    default="xlsx",
    show_default=True,
    help="XLSX with a figures sheet, or CSV / JSON Lines rows.",
)
@click.option(
    "--from",
    "first",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="First day (reported on or after), local time. Default: the beginning.",
)
@click.option(
    "--to",
    "last",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Last day, included. Default: today.",
)
@click.option("--road", default=None, help="Only this road.")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="A file, or a folder for a file named after the road and the period "
    "(default: CSV and JSON Lines to standard output, XLSX to such a file here).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--photos",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Copy the period's kept photos into this folder, named by ticket number "
    "(12-before-1.jpg); the XLSX links each to its copy.",
)
def export(
    config_path: Path | None,
    fmt: str,
    first: datetime | None,
    last: datetime | None,
    road: str | None,
    output: Path | None,
    force: bool,
    photos: Path | None,
) -> None:
    """The ledger (台账): one row per ticket with every lifecycle time, deadline and figure."""
    from bot.export_command import run_export

    settings = load(config_path)
    try:
        said = asyncio.run(
            run_export(
                settings,
                SystemClock(),
                fmt=fmt,
                first=first.date() if first else None,
                last=last.date() if last else None,
                road=road,
                output=output,
                force=force,
                photos=photos,
            )
        )
    except (ValueError, UnknownRoad) as error:
        raise click.ClickException(str(error)) from None
    if said:
        click.echo(said, nl=False, err=True)


@click.command("tickets")
@config_option
@click.option(
    "--state",
    type=click.Choice(STATE_CHOICES),
    default=None,
    help="Only tickets in this state; open: every ticket not closed, cancelled, rejected or "
    "a duplicate.",
)
@click.option("--road", default=None, help="Only tickets of this road.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def tickets_command(
    config_path: Path | None, state: str | None, road: str | None, as_json: bool
) -> None:
    """The ledger: one ticket per line with its road, place, category, department, state and
    times, in the configured language."""
    settings = load(config_path)
    zone = ZoneInfo(settings.timezone)
    try:
        found = asyncio.run(_list_tickets(settings, states_for(state), road))
    except UnknownRoad as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        click.echo(as_json_lines(found, zone), nl=False)
        return
    table = as_table(
        found,
        zone,
        taxonomy=settings.taxonomy(),
        language=settings.language,
        words=Texts(settings.language).get,
    )
    click.echo(table, nl=False)


async def _list_tickets(
    settings: Settings, states: frozenset[State] | None, road: str | None
) -> list[Ticket]:
    async with (
        open_services(settings, SystemClock()) as services,
        services.database.unit_of_work() as uow,
    ):
        if road is not None:
            await check_road(uow, services.taxonomy.roads, road)
        # One state is asked of the database; "open" is several, so it is chosen here.
        one = next(iter(states)) if states is not None and len(states) == 1 else None
        found = await uow.tickets.list(state=one, road=road)
        return [t for t in found if states is None or t.state in states]
