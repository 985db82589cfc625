"""`streetdesk check`: the configuration validated, and what it sets up; `streetdesk due`."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import click
from sqlalchemy.engine import make_url

from bot.cli_options import ConfigurationMistake, config_option, load
from bot.config_summary import summary
from bot.settings import DEFAULT_CONFIG_PATH
from bot.system_clock import SystemClock
from storage.engine import is_sqlite, sqlite_file_problem


@click.command()
@config_option
def check(config_path: Path | None) -> None:
    """Validate the configuration and print what it sets up."""
    settings = load(config_path)
    source = str(config_path or DEFAULT_CONFIG_PATH)
    url = make_url(settings.database_url())
    if is_sqlite(url) and url.database and url.database != ":memory:":
        problem = sqlite_file_problem(Path(url.database).expanduser())
        if problem:
            raise ConfigurationMistake(f"{source}: database.url: {problem}")
    today = SystemClock().now().astimezone(ZoneInfo(settings.timezone)).date()
    click.echo(summary(settings, source, today), nl=False)
