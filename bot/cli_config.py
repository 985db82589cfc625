"""`streetdesk check`: the configuration validated, and what it sets up."""

from __future__ import annotations

from pathlib import Path

import click

from bot.cli_options import config_option, load
from bot.config_summary import summary
from bot.settings import DEFAULT_CONFIG_PATH


@click.command()
@config_option
def check(config_path: Path | None) -> None:
    """Validate the configuration and print what it sets up."""
    settings = load(config_path)
    click.echo(summary(settings, str(config_path or DEFAULT_CONFIG_PATH)), nl=False)


COMMANDS = [check]
