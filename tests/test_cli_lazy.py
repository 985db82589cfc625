"""The `streetdesk` command imports a subcommand's module only when that subcommand runs."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from bot.cli import LAZY_COMMANDS, main

# What `streetdesk check` or `streetdesk due` never needs: the web server, charts, spreadsheets,
# the database layer's migrations.
HEAVY = ("matplotlib", "openpyxl", "aiohttp.web", "alembic", "bot.services")


@pytest.mark.parametrize("name", sorted(LAZY_COMMANDS))
def test_every_listed_command_is_found_under_its_name(name: str) -> None:
    with click.Context(main) as context:
        command = main.get_command(context, name)
    assert isinstance(command, click.Command)
    assert command.name == name


def test_help_lists_every_command() -> None:
    with click.Context(main) as context:
        listed = main.list_commands(context)
    assert set(LAZY_COMMANDS) <= set(listed)
    assert {"run", "demo", "parse", "digest", "db"} <= set(listed)


def imported_by(module: str, candidates: tuple[str, ...]) -> str:
    """Which of `candidates` importing `module` loads, in a fresh interpreter."""
    probe = (
        "import sys\n"
        f"import {module}\n"
        f"print(','.join(name for name in {candidates!r} if name in sys.modules))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()


def test_loading_the_command_imports_none_of_the_heavy_modules() -> None:
    assert imported_by("bot.cli", HEAVY) == ""


def test_printing_a_digest_does_not_load_the_telegram_side() -> None:
    # aiogram's types take seconds to import; only `digest --send` talks to Telegram
    assert imported_by("bot.digest_command", ("aiogram",)) == ""
