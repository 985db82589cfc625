"""A command group that imports a subcommand's module only when that subcommand runs.

The modules behind `export`, `web` or `understanding` pull in the database layer, the web server,
charts and spreadsheets: together well over a second of imports that `streetdesk check` or
`streetdesk due` never use. Click's documented pattern for this ("lazily loading subcommands").
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

import click


class LazyGroup(click.Group):
    def __init__(
        self, *args: object, lazy_subcommands: Mapping[str, str] | None = None, **kwargs: object
    ) -> None:
        """`lazy_subcommands` maps a command's name to "module:attribute" of its click command."""
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy_subcommands = dict(lazy_subcommands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = self.lazy_subcommands.get(cmd_name)
        if where is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = where.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command) or command.name != cmd_name:
            raise TypeError(f"{where} is not the click command {cmd_name!r}")
        return command
