"""Which roads' digests are out for a day: claimed in the transaction that queues the digest's
messages, so each road's digest for a day is queued exactly once however often the job reruns."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import upsert_into
from storage.models import DigestPublicationRow
from tickets.clock import Clock


class SqlDigestPublications:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def published(self, kind: str, day: date) -> set[str]:
        """The roads whose `kind` digest for `day` is already queued."""
        roads = await self._session.scalars(
            select(DigestPublicationRow.road).where(
                DigestPublicationRow.kind == kind, DigestPublicationRow.day == day
            )
        )
        return set(roads)

    async def claim(self, kind: str, road: str, day: date, messages: int) -> bool:
        """Record the road's digest as published; False if it already was (queue nothing then).

        Insert-unless-present in one statement: of two transactions claiming the same road and
        day, the second waits on the row lock (PostgreSQL) or the write lock (SQLite) and then
        finds it taken, or takes it if the first rolled back.
        """
        result = await self._session.execute(
            upsert_into(self._session, DigestPublicationRow)
            .values(
                kind=kind, day=day, road=road, published_at=self._clock.now(), messages=messages
            )
            .on_conflict_do_nothing(index_elements=["kind", "day", "road"])
            .returning(DigestPublicationRow.road)
        )
        return result.scalar_one_or_none() is not None
