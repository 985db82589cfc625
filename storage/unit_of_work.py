"""One transaction per service call, with the repositories that share it."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.digest_publications import SqlDigestPublications
from storage.leases import SqlLeases
from storage.members import SqlMembers
from storage.message_links import SqlMessageLinks
from storage.outbox import SqlOutbox
from storage.pending_photos import SqlPendingPhotos
from storage.people import SqlPeople
from storage.processed_updates import SqlProcessedUpdates
from storage.roads import SqlRoads
from storage.tickets import SqlTicketRepository
from tickets.clock import Clock


class SqlUnitOfWork:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work in `async with`")
        return self._session

    async def __aenter__(self) -> Self:
        self._session = self._sessions()
        self.tickets = SqlTicketRepository(self._session)
        self.links = SqlMessageLinks(self._session)
        self.updates = SqlProcessedUpdates(self._session, self._clock)
        self.outbox = SqlOutbox(self._session, self._clock)
        self.members = SqlMembers(self._session, self._clock)
        self.pending_photos = SqlPendingPhotos(self._session)
        self.people = SqlPeople(self._session, self._clock)
        self.roads = SqlRoads(self._session)
        self.leases = SqlLeases(self._session)
        self.digest_publications = SqlDigestPublications(self._session, self._clock)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Closing rolls back whatever was not committed (a failed message leaves no trace) and
        # detaches what was read without expiring it, so callers can still render it.
        try:
            await self.session.close()
        finally:
            self._session = None

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
