"""What every `streetdesk` subcommand shares: the --config option and loading it."""

from __future__ import annotations

from pathlib import Path

import click

from bot.settings import DEFAULT_CONFIG_PATH, ConfigError, Settings, load_settings

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The configuration file (default ./{DEFAULT_CONFIG_PATH}).",
)


def load(config_path: Path | None) -> Settings:
    """The settings, or the configuration's mistake as the command's error message."""
    try:
        return load_settings(config_path)
    except ConfigError as error:
        raise click.ClickException(str(error)) from None
