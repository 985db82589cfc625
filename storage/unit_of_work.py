"""One transaction and the repositories that share it. Whoever opens it commits it; leaving it
without a commit rolls everything back."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.digest_publications import SqlDigestPublications
from storage.engine import close_whatever_happens
from storage.inbox import SqlInbox
from storage.kept_photos import SqlKeptPhotos
from storage.leases import SqlLeases
from storage.ledger_pages import SqlLedgerPages
from storage.members import SqlMembers
from storage.message_links import SqlMessageLinks
from storage.outbox import SqlOutbox
from storage.pending_photos import SqlPendingPhotos
from storage.people import SqlPeople
from storage.roads import SqlRoads
from storage.tickets import SqlTickets
from storage.web_sign_in import SqlWebSignIns
from tickets.clock import Clock


class SqlUnitOfWork:
    tickets: SqlTickets
    links: SqlMessageLinks
    inbox: SqlInbox
    outbox: SqlOutbox
    members: SqlMembers
    pending_photos: SqlPendingPhotos
    people: SqlPeople
    roads: SqlRoads
    leases: SqlLeases
    digest_publications: SqlDigestPublications
    kept_photos: SqlKeptPhotos
    web_sign_ins: SqlWebSignIns

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
        session = self._session = self._sessions()
        clock = self._clock
        self.tickets = SqlTickets(session)
        self.ledger_pages = SqlLedgerPages(session)
        self.links = SqlMessageLinks(session)
        self.inbox = SqlInbox(session)
        self.outbox = SqlOutbox(session, clock)
        self.members = SqlMembers(session, clock)
        self.pending_photos = SqlPendingPhotos(session)
        self.people = SqlPeople(session, clock)
        self.roads = SqlRoads(session, clock)
        self.leases = SqlLeases(session)
        self.digest_publications = SqlDigestPublications(session, clock)
        self.kept_photos = SqlKeptPhotos(session, clock)
        self.web_sign_ins = SqlWebSignIns(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # Closing rolls back whatever was not committed: a failed message leaves no trace.
        try:
            await close_whatever_happens(self.session)
        finally:
            self._session = None

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()
