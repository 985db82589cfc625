"""Roads bound to groups in chat with /bind (the config file's bindings live in the file)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import RoadRow


class SqlRoads:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def bindings(self) -> list[tuple[str, int, int | None]]:
        rows = await self._session.scalars(
            select(RoadRow).where(RoadRow.chat_id.is_not(None)).order_by(RoadRow.id)
        )
        return [(r.name, r.chat_id, r.thread_id) for r in rows if r.chat_id is not None]

    async def bind(
        self, name: str, chat_id: int, thread_id: int | None, by: int, at: datetime
    ) -> None:
        # The place may have served another road before: that binding ends here.
        for other in await self._session.scalars(
            select(RoadRow).where(RoadRow.chat_id == chat_id, RoadRow.name != name)
        ):
            if other.thread_id == thread_id:
                other.chat_id, other.thread_id = None, None
        await self._session.flush()
        row = await self._session.scalar(select(RoadRow).where(RoadRow.name == name))
        if row is None:
            row = RoadRow(name=name)
            self._session.add(row)
        row.chat_id, row.thread_id, row.bound_by, row.bound_at = chat_id, thread_id, by, at
        await self._session.flush()
