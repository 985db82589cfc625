"""One transaction per service call, with the repositories that share it."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.digest_publications import SqlDigestPublications
from storage.engine import close_whatever_happens
from storage.leases import SqlLeases
from storage.members import SqlMembers
from storage.message_links import SqlMessageLinks
from storage.outbox import SqlOutbox
from storage.pending_photos import SqlPendingPhotos
from storage.people import SqlPeople
from storage.processed_updates import SqlProcessedUpdates
from storage.roads import SqlRoads
from storage.shared_transaction import (
    SharedMessageLinks,
    SharedOutbox,
    SharedProcessedUpdates,
    SharedTransaction,
    joinable_transaction,
)
from storage.tickets import SqlTicketRepository
from tickets.clock import Clock


class SqlUnitOfWork:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._session: AsyncSession | None = None
        self._shared: SharedTransaction | None = None

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("use the unit of work in `async with`")
        return self._session

    async def __aenter__(self) -> Self:
        # Inside a run of updates (storage/shared_transaction.py) join its transaction.
        self._shared = shared = joinable_transaction()
        self._committed = False
        self._session = self._sessions() if shared is None else shared.session
        self.tickets = SqlTicketRepository(
            self._session, None if shared is None else shared.open_tickets
        )
        self.links: SqlMessageLinks | SharedMessageLinks = (
            SqlMessageLinks(self._session)
            if shared is None
            else SharedMessageLinks(
                SqlMessageLinks(self._session), shared.pending_links, shared.replied_links
            )
        )
        self.updates: SqlProcessedUpdates | SharedProcessedUpdates = (
            SqlProcessedUpdates(self._session, self._clock)
            if shared is None
            else SharedProcessedUpdates(shared)
        )
        self.outbox: SqlOutbox | SharedOutbox = (
            SqlOutbox(self._session, self._clock)
            if shared is None
            else SharedOutbox(
                SqlOutbox(self._session, self._clock), shared.pending_notices, self._clock
            )
        )
        known_roles = None if shared is None else (shared.role_chats, shared.roles)
        self.members = SqlMembers(self._session, self._clock, known_roles)
        self.pending_photos = SqlPendingPhotos(
            self._session, None if shared is None else shared.photo_holders
        )
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
        if self._shared is not None:
            # The run commits or rolls back everything its updates did, together. Work left
            # without a commit would be committed with the run: the run is redone one by one.
            if not self._committed and (
                self.session.new or self.session.dirty or self.tickets.queued
            ):
                self._shared.spoiled = True
            self._session = None
            return
        # Closing rolls back whatever was not committed (a failed message leaves no trace) and
        # detaches what was read without expiring it, so callers can still render it.
        try:
            await close_whatever_happens(self.session)
        finally:
            self._session = None

    async def commit(self) -> None:
        self._committed = True
        if self._shared is None:
            await self.session.commit()
        # else: kept for the run's one commit; its next query flushes it as any query does.

    async def rollback(self) -> None:
        if self._shared is not None:
            raise RuntimeError("a unit of work in a shared run cannot roll back alone")
        await self.session.rollback()
