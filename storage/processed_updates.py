"""Update ids already handled, recorded with their effects: each update acts exactly once."""

from __future__ import annotations

from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdateRow
from tickets.clock import Clock


class SqlProcessedUpdates:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def first_time(self, update_id: int) -> bool:
        # One statement: insert unless present. It was a SELECT and a flush, the dearest part
        # of handling a chatter message. A second worker racing on the same id waits on the
        # row lock (PostgreSQL) or the write lock (SQLite) and then finds it there.
        insert = (
            postgresql_insert if self._session.bind.dialect.name == "postgresql" else sqlite_insert
        )(ProcessedUpdateRow)
        result = await self._session.execute(
            insert.values(update_id=update_id, processed_at=self._clock.now())
            .on_conflict_do_nothing(index_elements=["update_id"])
            .returning(ProcessedUpdateRow.update_id)
        )
        return result.scalar_one_or_none() is not None
