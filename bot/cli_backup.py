"""`streetdesk backup`: a consistent copy of the database while the bot runs (storage/backup.py
says how, for SQLite and for PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli_options import config_option, load
from storage.backup import BackupFailed, make_backup


@click.command()
@config_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The backup file to write.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def backup(config_path: Path | None, output: Path, force: bool) -> None:
    """Copy the database consistently while the bot runs (SQLite: online backup; PostgreSQL:
    pg_dump). The README says how to restore."""
    settings = load(config_path)
    try:
        said = make_backup(settings.database_url(), output, force=force)
    except BackupFailed as error:
        raise click.ClickException(str(error)) from None
    click.echo(said)
