"""The leader lease: one UPDATE both takes a free or expired lease and renews one's own."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import upsert_into
from storage.models import LeaseRow

_LEASES = LeaseRow.__table__


class SqlLeases:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def hold(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """True if `holder` holds the lease until `until` after this call.

        Atomic on both dialects: PostgreSQL locks the row, so of two processes racing for an
        expired lease the second re-reads it after the first commits and finds it taken.
        """
        result = await self._session.execute(
            update(_LEASES)
            .where(
                _LEASES.c.name == name,
                or_(
                    _LEASES.c.holder == holder,
                    _LEASES.c.holder.is_(None),
                    _LEASES.c.expires_at < now,
                ),
            )
            .values(holder=holder, expires_at=until)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def claim(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """`hold` for a lease that may not exist yet (a chat's, say): created on first use."""
        insert = upsert_into(self._session, LeaseRow)
        result = await self._session.execute(
            insert.values(name=name, holder=holder, expires_at=until)
            .on_conflict_do_update(
                index_elements=["name"],
                set_={"holder": insert.excluded.holder, "expires_at": insert.excluded.expires_at},
                where=or_(
                    _LEASES.c.holder == holder,
                    _LEASES.c.holder.is_(None),
                    _LEASES.c.expires_at < now,
                ),
            )
            .returning(_LEASES.c.name)
        )
        return result.first() is not None

    async def holder(self, name: str) -> str | None:
        row = await self._session.get(LeaseRow, name)
        return None if row is None else row.holder

    async def holding(self, name: str, now: datetime) -> str | None:
        """Who holds the lease at `now`: None when nobody does, or the lease ran out."""
        row = await self._session.get(LeaseRow, name)
        if row is None or not row.holder or row.expires_at is None or row.expires_at <= now:
            return None
        return row.holder

    async def take_over(self, name: str, from_holder: str, holder: str, until: datetime) -> bool:
        """Take the lease from a holder known to be dead, if it still holds it."""
        result = await self._session.execute(
            update(_LEASES)
            .where(_LEASES.c.name == name, _LEASES.c.holder == from_holder)
            .values(holder=holder, expires_at=until)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def release(self, name: str, holder: str) -> None:
        await self._session.execute(
            update(_LEASES)
            .where(_LEASES.c.name == name, _LEASES.c.holder == holder)
            .values(holder=None, expires_at=None)
        )

    async def release_all(self, names: list[str], holder: str) -> None:
        """Let go of several at once (what `holder` holds among them)."""
        if names:
            await self._session.execute(
                update(_LEASES)
                .where(_LEASES.c.name.in_(names), _LEASES.c.holder == holder)
                .values(holder=None, expires_at=None)
            )
