"""`streetdesk check`: the configuration validated, and what it sets up; `streetdesk due`."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import click

from bot.cli_due import due
from bot.cli_options import config_option, load
from bot.config_summary import summary
from bot.settings import DEFAULT_CONFIG_PATH
from bot.system_clock import SystemClock


@click.command()
@config_option
def check(config_path: Path | None) -> None:
    """Validate the configuration and print what it sets up."""
    settings = load(config_path)
    today = SystemClock().now().astimezone(ZoneInfo(settings.timezone)).date()
    click.echo(summary(settings, str(config_path or DEFAULT_CONFIG_PATH), today), nl=False)


COMMANDS = [check, due]
