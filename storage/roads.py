"""Roads bound to groups in chat with /bind (the config file's bindings live in the file)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import RoadRow
from tickets.clock import Clock
from tickets.ports import Binding

_ROADS = RoadRow.__table__
_BOUND = (
    select(_ROADS.c.name, _ROADS.c.chat_id, _ROADS.c.thread_id)
    .where(_ROADS.c.chat_id.is_not(None))
    .order_by(_ROADS.c.bound_at, _ROADS.c.id)
)


class SqlRoads:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        # Read once per transaction (every update asks; a city has tens or hundreds of roads).
        self._bound: list[Binding] | None = None

    async def bindings(self) -> list[Binding]:
        """Every binding made in chat, in the order it was made."""
        if self._bound is None:
            self._bound = [Binding(*row) for row in await self._session.execute(_BOUND)]
        return self._bound

    async def bindings_near(self, chat_id: int, names: Sequence[str]) -> list[Binding]:
        """The bindings that can decide what `chat_id` serves: those made there, and those of
        the roads the file puts there (they may have moved)."""
        return [b for b in await self.bindings() if b.chat_id == chat_id or b.road in names]

    async def bind(self, name: str, chat_id: int, thread_id: int | None, by: int) -> None:
        # The place may have served another road before: that binding ends here.
        unbind = update(RoadRow).where(RoadRow.chat_id == chat_id, RoadRow.name != name)
        unbind = unbind.where(
            RoadRow.thread_id.is_(None) if thread_id is None else RoadRow.thread_id == thread_id
        )
        await self._session.execute(unbind.values(chat_id=None, thread_id=None))
        row = await self._session.scalar(select(RoadRow).where(RoadRow.name == name))
        if row is None:
            row = RoadRow(name=name)
            self._session.add(row)
        row.chat_id, row.thread_id = chat_id, thread_id
        row.bound_by, row.bound_at = by, self._clock.now()
        await self._session.flush()
        self._bound = None
        self._bound = None
