"""Update ids already handled, recorded with their effects: each update acts exactly once."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ProcessedUpdateRow
from tickets.clock import Clock


class SqlProcessedUpdates:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def first_time(self, update_id: int) -> bool:
        if await self._session.get(ProcessedUpdateRow, update_id) is not None:
            return False
        # A second worker handling the same update at the same moment fails at commit on the
        # primary key, which rolls back its effects: still exactly once.
        self._session.add(ProcessedUpdateRow(update_id=update_id, processed_at=self._clock.now()))
        await self._session.flush()
        return True
