"""What every `streetdesk` subcommand shares: the --config option and loading it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import click

from bot.logs import configure_logging, redacted
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


@contextlib.contextmanager
def said_without_secrets(settings: Settings, *expected: type[Exception]) -> Iterator[None]:
    """For a command that talks to Telegram: its log redacts the token, and however it ends
    (an `expected` error as one line, any other logged and then said in one line, Ctrl-C
    quietly) no traceback reaches the terminal: an HTTP error may quote the URL, which holds
    the token."""
    secrets = [
        settings.telegram.token.get_secret_value(),
        settings.telegram.webhook_secret.get_secret_value(),
    ]
    configure_logging(secrets)
    try:
        yield
    except KeyboardInterrupt:
        pass
    except expected as error:
        raise click.ClickException(redacted(str(error), secrets)) from None
    except Exception as error:
        logging.getLogger("streetdesk").critical("command_failed", exc_info=error)
        said = f"stopped by an error: {type(error).__name__}: {error}"
        raise click.ClickException(redacted(said, secrets)) from None
