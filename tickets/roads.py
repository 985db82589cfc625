"""Which road a group (or a forum topic) serves: the config file's roads, and the bindings made
in chat with /bind, which win over the file for the places and roads they name.

Bindings are read from the database for each update, so a group bound in one process is known
to every other at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from tickets.ports import Binding, BindingAction, UnitOfWork
from tickets.taxonomy import Road


def effective(configured: Mapping[str, Road], bindings: Iterable[Binding]) -> dict[str, Road]:
    """The roads with their groups: the file's, then each binding in the order it was made (a
    place serves one road: a binding takes it from whichever road had it; a road unbound in chat
    has no group, whatever the file says)."""
    roads = dict(configured)
    for binding in bindings:
        known = roads.get(binding.road) or Road(name=binding.road)
        if binding.chat_id is None:  # its tickets stay in the ledger, under its name
            roads[binding.road] = replace(known, chat_id=None, thread_id=None)
            continue
        place = (binding.chat_id, binding.thread_id)
        for other in list(roads.values()):
            if other.name != binding.road and (other.chat_id, other.thread_id) == place:
                roads[other.name] = replace(other, chat_id=None, thread_id=None)
        # A configured road keeps its chief, overrides and liaisons; only its group is new.
        roads[binding.road] = replace(known, chat_id=binding.chat_id, thread_id=binding.thread_id)
    return roads


def road_at(roads: Iterable[Road], chat_id: int, thread_id: int | None) -> Road | None:
    """The road of a forum topic, else of the whole group."""
    whole_group = None
    for road in roads:
        if road.chat_id != chat_id:
            continue
        if road.thread_id is not None and road.thread_id == thread_id:
            return road
        if road.thread_id is None:
            whole_group = road
    return whole_group


class Roads:
    """The roads as one transaction sees them."""

    def __init__(self, uow: UnitOfWork, configured: Mapping[str, Road]) -> None:
        self._uow = uow
        self._configured = configured

    async def at(self, chat_id: int, thread_id: int | None) -> Road | None:
        names = [road.name for road in self._configured.values() if road.chat_id == chat_id]
        bindings = await self._uow.roads.bindings_near(chat_id, names)
        return road_at(effective(self._configured, bindings).values(), chat_id, thread_id)

    async def all(self) -> list[Road]:
        return list(effective(self._configured, await self._uow.roads.bindings()).values())

    async def bound(self) -> list[Road]:
        """The roads that have a group."""
        return [road for road in await self.all() if road.chat_id is not None]

    async def bind(self, name: str, chat_id: int, thread_id: int | None, by: int) -> Road:
        """Bind the road to this group (or topic); a road that served the place before is
        unbound from it, on the record. Who may is the caller's to decide (group_setup)."""
        here = await self.at(chat_id, thread_id)
        if here is not None and here.name != name and here.thread_id == thread_id:
            await self._uow.roads.unbind(here.name, by, chat_id, thread_id)
        current = await self.named(name)
        await self._uow.roads.bind(name, chat_id, thread_id, by)
        return replace(current or Road(name=name), chat_id=chat_id, thread_id=thread_id)

    async def unbind(self, road: Road, by: int) -> None:
        """The road has no group from now on (the file's included), on the record."""
        await self._uow.roads.unbind(road.name, by, road.chat_id, road.thread_id)

    async def named(self, name: str) -> Road | None:
        return next((road for road in await self.all() if road.name == name), None)

    async def home(self, name: str) -> int | None:
        """The group a road belongs to: the one it is bound to now, else the last it was bound
        to in chat, else the file's; None for a road that never had one. Binding it anywhere
        else is moving it."""
        road = await self.named(name)
        if road is not None and road.chat_id is not None:
            return road.chat_id
        bound = [r for r in await self._uow.roads.records(name) if r.action is BindingAction.BIND]
        if bound:
            return bound[-1].chat_id
        configured = self._configured.get(name)
        return None if configured is None else configured.chat_id
