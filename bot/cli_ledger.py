"""`streetdesk tickets` and `streetdesk export`: the ledger (台账) as the office reads it."""

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
from reports.ledger_listing import as_json_lines, as_table
from tickets.lifecycle import State


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
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write (default: standard output; XLSX: a dated file here).",
)
def export(
    config_path: Path | None,
    fmt: str,
    first: datetime | None,
    last: datetime | None,
    road: str | None,
    output: Path | None,
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
            )
        )
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if said:
        click.echo(said, nl=False, err=True)


@click.command("tickets")
@config_option
@click.option(
    "--state",
    type=click.Choice([s.value for s in State]),
    default=None,
    help="Only tickets in this state.",
)
@click.option("--road", default=None, help="Only tickets of this road.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines instead of a table.")
def tickets_command(
    config_path: Path | None, state: str | None, road: str | None, as_json: bool
) -> None:
    """The ledger: one ticket per line with its road, category, department, state and times."""
    settings = load(config_path)
    zone = ZoneInfo(settings.timezone)
    found = asyncio.run(_list_tickets(settings, State(state) if state else None, road))
    click.echo(as_json_lines(found, zone) if as_json else as_table(found, zone), nl=False)


async def _list_tickets(settings: Settings, state: State | None, road: str | None) -> list:
    async with (
        open_services(settings, SystemClock()) as services,
        services.database.unit_of_work() as uow,
    ):
        return list(await uow.tickets.list(state=state, road=road))


COMMANDS = [export, tickets_command]
