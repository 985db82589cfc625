"""Update ids already handled, recorded with their effects: each update acts exactly once."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import upsert_into
from storage.models import ProcessedUpdateRow
from tickets.clock import Clock


class SqlProcessedUpdates:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def first_time(self, update_id: int) -> bool:
        """Record `update_id`; False if it was handled before. A second worker racing on the
        same id waits on the row lock (PostgreSQL) or the write lock (SQLite), then finds it."""
        result = await self._session.execute(
            upsert_into(self._session, ProcessedUpdateRow)
            .values(update_id=update_id, processed_at=self._clock.now())
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(ProcessedUpdateRow.update_id)
        )
        return result.scalar_one_or_none() is not None
