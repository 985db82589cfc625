"""Names of the people the bot has seen, so a mention shows a name and not a number."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PersonRow
from tickets.clock import Clock


class SqlPeople:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def remember(self, user_id: int, full_name: str, username: str | None) -> None:
        row = await self._session.get(PersonRow, user_id)
        if row is None:
            self._session.add(
                PersonRow(
                    user_id=user_id,
                    full_name=full_name,
                    username=username,
                    updated_at=self._clock.now(),
                )
            )
        elif (row.full_name, row.username) != (full_name, username):
            row.full_name, row.username, row.updated_at = full_name, username, self._clock.now()

    async def names(self, user_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """user id -> (full name, username) for those the bot has seen."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        rows = await self._session.scalars(select(PersonRow).where(PersonRow.user_id.in_(ids)))
        return {row.user_id: (row.full_name, row.username) for row in rows}
