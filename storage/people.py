"""Names of the people the bot has seen, so a mention shows a name and not a number."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import InsertOf, of_dialect, per_dialect
from storage.models import PersonRow
from tickets.clock import Clock

_PEOPLE = PersonRow.__table__


def _remember(insert: InsertOf) -> Any:
    """One upsert, so two transactions naming the same new person at once both succeed (the
    second waits for the first and updates its row); a name already current is not rewritten."""
    statement = insert(_PEOPLE)
    return statement.on_conflict_do_update(
        index_elements=["user_id"],
        set_={
            "full_name": statement.excluded.full_name,
            "username": statement.excluded.username,
            "updated_at": statement.excluded.updated_at,
        },
        where=or_(
            _PEOPLE.c.full_name.is_distinct_from(statement.excluded.full_name),
            _PEOPLE.c.username.is_distinct_from(statement.excluded.username),
        ),
    )


_REMEMBER = per_dialect(_remember)
_NAMES = select(_PEOPLE.c.user_id, _PEOPLE.c.full_name, _PEOPLE.c.username).where(
    _PEOPLE.c.user_id.in_(bindparam("ids", expanding=True))
)


class SqlPeople:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        self._remembered: set[tuple[int, str, str | None]] = set()  # in this transaction

    async def remember(self, user_id: int, full_name: str, username: str | None) -> None:
        """Keep a person's current name."""
        if (user_id, full_name, username) in self._remembered:
            return
        self._remembered.add((user_id, full_name, username))
        await self._session.execute(
            of_dialect(self._session, _REMEMBER),
            {
                "user_id": user_id,
                "full_name": full_name,
                "username": username,
                "updated_at": self._clock.now(),
            },
        )

    async def names(self, user_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]:
        """user id -> (full name, username) for those the bot has seen."""
        ids = sorted(set(user_ids))
        if not ids:
            return {}
        rows = await self._session.execute(_NAMES, {"ids": ids})
        return {user_id: (full_name, username) for user_id, full_name, username in rows}
