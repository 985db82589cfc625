"""Which road names a ledger command may be given: a misspelt road must be an error, not an empty
ledger that looks like a quiet month."""

from __future__ import annotations

from collections.abc import Mapping

from tickets.ports import UnitOfWork
from tickets.roads import Roads
from tickets.taxonomy import Road


class UnknownRoad(LookupError):
    def __init__(self, name: str, known: list[str]) -> None:
        listed = ", ".join(known) if known else "none yet"
        super().__init__(f"no road named {name!r} (known roads: {listed})")
        self.name = name


async def check_road(uow: UnitOfWork, configured: Mapping[str, Road], name: str) -> None:
    """Pass when `name` is a road of the config, one bound in chat, or one the ledger holds
    tickets of (a road may have left the config and kept its history); else UnknownRoad."""
    known = [road.name for road in await Roads(uow, configured).all()]
    if name in known:
        return
    # Only read when the name is not configured or bound: a road that left the config.
    if await uow.tickets.list(road=name):
        return
    raise UnknownRoad(name, known)
