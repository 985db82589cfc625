"""What every `streetdesk` subcommand shares: the --config option and loading it."""

from __future__ import annotations

from pathlib import Path

import click

from bot.settings import DEFAULT_CONFIG_PATH, ConfigError, Settings, load_settings

# The exit status of a configuration that cannot be used (click's own for a bad option, too),
# so that a deployment script can tell "fix the file" from "the bot failed".
CONFIGURATION_EXIT_STATUS = 2

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"The configuration file (default ./{DEFAULT_CONFIG_PATH}).",
)


class ConfigurationMistake(click.ClickException):
    """A mistake in the file or the environment, said in one line per mistake."""

    exit_code = CONFIGURATION_EXIT_STATUS


def load(config_path: Path | None) -> Settings:
    """The settings, or the configuration's mistakes as the command's error message."""
    try:
        return load_settings(config_path)
    except ConfigError as error:
        raise ConfigurationMistake(str(error)) from None
