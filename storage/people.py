"""Names of the people the bot has seen, so a mention shows a name and not a number."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import upsert_into
from storage.models import PersonRow
from tickets.clock import Clock


class SqlPeople:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def remember(self, user_id: int, full_name: str, username: str | None) -> None:
        """Keep a person's current name: one upsert, so two transactions naming the same new
        person at once both succeed (the second waits for the first and updates its row)."""
        insert = upsert_into(self._session, PersonRow)
        await self._session.execute(
            insert.values(
                user_id=user_id,
                full_name=full_name,
                username=username,
                updated_at=self._clock.now(),
            ).on_conflict_do_update(
                index_elements=["user_id"],
                set_={
                    "full_name": insert.excluded.full_name,
                    "username": insert.excluded.username,
                    "updated_at": insert.excluded.updated_at,
                },
                # A name already current is not rewritten: no write for most messages.
                where=or_(
                    PersonRow.full_name.is_distinct_from(insert.excluded.full_name),
                    PersonRow.username.is_distinct_from(insert.excluded.username),
                ),
            )
        )

    async def names(self, user_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """user id -> (full name, username) for those the bot has seen."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        rows = await self._session.execute(
            select(PersonRow.user_id, PersonRow.full_name, PersonRow.username).where(
                PersonRow.user_id.in_(ids)
            )
        )
        return {user_id: (full_name, username) for user_id, full_name, username in rows}
