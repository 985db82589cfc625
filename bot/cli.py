"""The `streetdesk` command: each subcommand reads the config and calls one module."""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.config_summary import summary
from bot.logs import configure_logging
from bot.parse_command import parse_lines
from bot.services import open_services
from bot.settings import DEFAULT_CONFIG_PATH, ConfigError, Settings, load_settings
from bot.system_clock import SystemClock
from reports.ledger_listing import as_json_lines, as_table
from storage.migrate import upgrade
from tickets.lifecycle import State
from tickets.understanding import Understanding

# The shipped example holds the default taxonomy; `parse` falls back to it when no file is given.
EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The configuration file (default ./{DEFAULT_CONFIG_PATH}).",
)


def _load(config_path: Path | None) -> Settings:
    try:
        return load_settings(config_path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="streetdesk")
def main() -> None:
    """StreetDesk: the liaison-group bot that turns street reports into tickets and chases them."""


@main.command()
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep the demo's config, database and bot log in this folder.",
)
def demo(keep: Path | None) -> None:
    """Play a morning in a liaison group: the Telegram emulator and the real bot, no network."""
    from emulator.demo import play

    raise SystemExit(asyncio.run(play(keep=keep)))


@main.command()
@config_option
def run(config_path: Path | None) -> None:
    """Run the bot against telegram.api_base (polling or webhook, as configured)."""
    # aiogram's types take over a second to import; only this command needs them.
    from bot.running import run as run_bot
    from bot.startup import StartupError

    settings = _load(config_path)
    configure_logging(
        [
            settings.telegram.token.get_secret_value(),
            settings.telegram.webhook_secret.get_secret_value(),
        ]
    )
    try:
        asyncio.run(run_bot(settings, SystemClock()))
    except StartupError as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        pass


@main.command()
@config_option
@click.option("--road", default=None, help="Only this road (default: every bound road).")
@click.option(
    "--date",
    "day",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="The day reported on (default: yesterday, local time).",
)
@click.option("--send", is_flag=True, help="Also send it, as the morning job would.")
def digest(config_path: Path | None, road: str | None, day: datetime | None, send: bool) -> None:
    """Print each road's daily digest; with --send, deliver it through Telegram too."""
    from bot.digest_command import run_digest
    from bot.publishing import RoadsFailed
    from bot.startup import StartupError

    settings = _load(config_path)
    try:
        text = asyncio.run(
            run_digest(settings, SystemClock(), road, day.date() if day else None, send)
        )
    except (LookupError, RoadsFailed, StartupError) as error:
        raise click.ClickException(str(error)) from None
    click.echo(text, nl=False)


@main.command()
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

    settings = _load(config_path)
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


@main.command()
@config_option
def check(config_path: Path | None) -> None:
    """Validate the configuration and print what it sets up."""
    settings = _load(config_path)
    click.echo(summary(settings, str(config_path or DEFAULT_CONFIG_PATH)), nl=False)


@main.command()
@config_option
def parse(config_path: Path | None) -> None:
    """Read messages as JSON Lines on stdin; write intent, category and location per line.

    Input: {"text": "...", "role": "public|liaison|chief", "has_photo": false}
    Output: {"intent": "...", "category": key or null, "location": str or null}
    """
    if config_path is None and not DEFAULT_CONFIG_PATH.exists() and EXAMPLE_CONFIG.exists():
        config_path = EXAMPLE_CONFIG
    taxonomy = _load(config_path).taxonomy()
    understanding = Understanding(
        taxonomy.categories.values(), fallback_category=taxonomy.fallback_category
    )
    parse_lines(sys.stdin, understanding, sys.stdout)


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@config_option
def db_upgrade(config_path: Path | None) -> None:
    """Apply the migrations up to the newest schema (start-up does this too)."""
    settings = _load(config_path)
    revision = asyncio.run(upgrade(settings.database_url()))
    click.echo(f"database at revision {revision}")


@main.command("tickets")
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
    settings = _load(config_path)
    zone = ZoneInfo(settings.timezone)
    found = asyncio.run(_list_tickets(settings, State(state) if state else None, road))
    click.echo(as_json_lines(found, zone) if as_json else as_table(found, zone), nl=False)


async def _list_tickets(settings: Settings, state: State | None, road: str | None) -> list:
    async with (
        open_services(settings, SystemClock()) as services,
        services.database.unit_of_work() as uow,
    ):
        return list(await uow.tickets.list(state=state, road=road))
