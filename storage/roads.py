"""Roads bound to groups in chat with /bind and unbound with /unbind (the config file's bindings
live in the file), and the record of every such change."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BindingRecordRow, RoadRow
from tickets.clock import Clock
from tickets.ports import Binding, BindingAction, BindingRecord

_ROADS = RoadRow.__table__
# Unbound rows (no chat) too: they say the file's group no longer counts for that road.
_BINDINGS = select(_ROADS.c.name, _ROADS.c.chat_id, _ROADS.c.thread_id).order_by(
    _ROADS.c.bound_at, _ROADS.c.id
)
_RECORDS = BindingRecordRow.__table__
_RECORDED = select(
    _RECORDS.c.road,
    _RECORDS.c.action,
    _RECORDS.c.chat_id,
    _RECORDS.c.thread_id,
    _RECORDS.c.by,
    _RECORDS.c.at,
).order_by(_RECORDS.c.at, _RECORDS.c.id)


class SqlRoads:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        # Read once per transaction (every update asks; a city has tens or hundreds of roads).
        self._bound: list[Binding] | None = None

    async def bindings(self) -> list[Binding]:
        """Every binding made in chat, in the order it was made (unbound roads among them)."""
        if self._bound is None:
            self._bound = [Binding(*row) for row in await self._session.execute(_BINDINGS)]
        return self._bound

    async def bindings_near(self, chat_id: int, names: Sequence[str]) -> list[Binding]:
        """The bindings that can decide what `chat_id` serves: those made there, and those of
        the roads the file puts there (they may have moved, or been unbound)."""
        return [b for b in await self.bindings() if b.chat_id == chat_id or b.road in names]

    async def bind(self, name: str, chat_id: int, thread_id: int | None, by: int) -> None:
        # The place may have served another road before: that binding ends here. (The desk
        # unbinds it first, on the record; this keeps the one-road-a-place rule whatever.)
        unbind = update(RoadRow).where(RoadRow.chat_id == chat_id, RoadRow.name != name)
        unbind = unbind.where(
            RoadRow.thread_id.is_(None) if thread_id is None else RoadRow.thread_id == thread_id
        )
        await self._session.execute(unbind.values(chat_id=None, thread_id=None))
        await self._set(name, chat_id, thread_id, by)
        self._record(name, BindingAction.BIND, chat_id, thread_id, by)
        await self._session.flush()

    async def unbind(self, name: str, by: int, chat_id: int | None, thread_id: int | None) -> None:
        await self._set(name, None, None, by)
        self._record(name, BindingAction.UNBIND, chat_id, thread_id, by)
        await self._session.flush()

    async def records(self, name: str | None = None) -> list[BindingRecord]:
        query = _RECORDED if name is None else _RECORDED.where(_RECORDS.c.road == name)
        return [
            BindingRecord(road, BindingAction(action), chat_id, thread_id, by, at)
            for road, action, chat_id, thread_id, by, at in await self._session.execute(query)
        ]

    async def _set(self, name: str, chat_id: int | None, thread_id: int | None, by: int) -> None:
        row = await self._session.scalar(select(RoadRow).where(RoadRow.name == name))
        if row is None:
            row = RoadRow(name=name)
            self._session.add(row)
        row.chat_id, row.thread_id = chat_id, thread_id
        row.bound_by, row.bound_at = by, self._clock.now()
        self._bound = None

    def _record(
        self,
        name: str,
        action: BindingAction,
        chat_id: int | None,
        thread_id: int | None,
        by: int,
    ) -> None:
        self._session.add(
            BindingRecordRow(
                road=name,
                action=action.value,
                chat_id=chat_id,
                thread_id=thread_id,
                by=by,
                at=self._clock.now(),
            )
        )
