"""The table of Bot API methods and what each handler gets to work with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from emulator.params import Params

if TYPE_CHECKING:
    from emulator.accounts import BotAccount
    from emulator.backend import Backend
    from emulator.world import World


@dataclass(frozen=True)
class MethodContext:
    backend: Backend
    bot: BotAccount

    @property
    def world(self) -> World:
        return self.backend.world


Handler = Callable[[MethodContext, Params], Awaitable[Any]]

# Lower-cased name -> (the name as Telegram spells it, handler): method names are case-insensitive.
METHODS: dict[str, tuple[str, Handler]] = {}


def api_method(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        METHODS[name.lower()] = (name, handler)
        return handler

    return register


def find_method(name: str) -> tuple[str, Handler] | None:
    return METHODS.get(name.lower())
