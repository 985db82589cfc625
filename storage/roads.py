"""Roads bound to groups in chat with /bind (the config file's bindings live in the file)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import RoadRow
from tickets.clock import Clock
from tickets.ports import Binding


class SqlRoads:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def bindings(self) -> list[Binding]:
        """Every binding made in chat, in the order it was made."""
        return await self._read(select(RoadRow).where(RoadRow.chat_id.is_not(None)))

    async def bindings_near(self, chat_id: int, names: Sequence[str]) -> list[Binding]:
        """The bindings that can decide what `chat_id` serves: those made there, and those of
        the roads the file puts there (they may have moved)."""
        return await self._read(
            select(RoadRow).where(
                RoadRow.chat_id.is_not(None),
                or_(RoadRow.chat_id == chat_id, RoadRow.name.in_(list(names))),
            )
        )

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

    async def _read(self, query: Select[tuple[RoadRow]]) -> list[Binding]:
        rows = await self._session.execute(
            query.with_only_columns(RoadRow.name, RoadRow.chat_id, RoadRow.thread_id).order_by(
                RoadRow.bound_at, RoadRow.id
            )
        )
        return [Binding(name, chat_id, thread_id) for name, chat_id, thread_id in rows]
