"""The `streetdesk` command: each subcommand reads the config and calls one module."""

from __future__ import annotations

import asyncio
import contextlib
import sys
from datetime import datetime
from pathlib import Path

import click

from bot.cli_lazy import LazyGroup
from bot.cli_options import config_option, load, said_without_secrets
from bot.settings import DEFAULT_CONFIG_PATH
from bot.system_clock import SystemClock
from storage.engine import DatabaseUnavailable, wait_for_database

# The shipped example holds the default taxonomy; `parse` falls back to it when no file is given.
EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"


# Commands kept in modules of their own, each grouped by what it serves; a module is imported
# only when one of its commands runs.
LAZY_COMMANDS = {
    "check": "bot.cli_config:check",
    "due": "bot.cli_due:due",
    "export": "bot.cli_ledger:export",
    "tickets": "bot.cli_ledger:tickets_command",
    "backup": "bot.cli_backup:backup",
    "roads": "bot.cli_roads:roads",
    "understanding": "bot.cli_understanding:understanding",
    "web": "bot.cli_web:web_command",
}


@click.group(
    cls=LazyGroup,
    lazy_subcommands=LAZY_COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
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
@click.option(
    "--web",
    is_flag=True,
    help="Then keep the emulator, the bot and its web desk running; print a sign-in link.",
)
def demo(keep: Path | None, web: bool) -> None:
    """Play a morning in a liaison group: the Telegram emulator and the real bot, no network."""
    from emulator.demo import play

    with contextlib.suppress(KeyboardInterrupt):
        raise SystemExit(asyncio.run(play(keep=keep, web=web)))


@main.command()
@config_option
def run(config_path: Path | None) -> None:
    """Run the bot against telegram.api_base (polling or webhook, as configured)."""
    # aiogram's types take over a second to import; only this command needs them.
    from bot.running import run as run_bot
    from bot.startup import StartupError

    settings = load(config_path)
    with said_without_secrets(settings, StartupError, DatabaseUnavailable):
        asyncio.run(run_bot(settings, SystemClock()))


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
    from bot.startup_error import StartupError

    settings = load(config_path)
    with said_without_secrets(
        settings, LookupError, RoadsFailed, StartupError, DatabaseUnavailable
    ):
        text = asyncio.run(
            run_digest(settings, SystemClock(), road, day.date() if day else None, send)
        )
        click.echo(text, nl=False)


@main.command()
@config_option
@click.option(
    "--explain",
    is_flag=True,
    help="Also say what decided the intent, the category and the place, with a confidence.",
)
def parse(config_path: Path | None, explain: bool) -> None:
    """Read messages as JSON Lines on stdin; write intent, category and location per line.

    Input: {"text": "...", "role": "public|liaison|chief", "has_photo": false,
    "replying_to_ticket": false}
    Output: {"intent": "...", "category": key or null, "location": str or null}, and with
    --explain "why": {"intent"|"category"|"place": {"value", "confidence", "source", "detail"}}
    """
    if config_path is None and not DEFAULT_CONFIG_PATH.exists() and EXAMPLE_CONFIG.exists():
        config_path = EXAMPLE_CONFIG
    from bot.parse_command import parse_lines
    from bot.services import reader_for

    settings = load(config_path)
    understanding = reader_for(settings, settings.taxonomy())
    parse_lines(sys.stdin, understanding, sys.stdout, explain=explain)


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@config_option
def db_upgrade(config_path: Path | None) -> None:
    """Apply the migrations up to the newest schema (start-up does this too)."""
    from storage.migrate import upgrade

    settings = load(config_path)
    url = settings.database_url()

    async def upgraded() -> str:
        await wait_for_database(url)  # a PostgreSQL that is starting is waited for
        return await upgrade(url)

    try:
        revision = asyncio.run(upgraded())
    except DatabaseUnavailable as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"database at revision {revision}")
