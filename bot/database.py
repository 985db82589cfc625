"""The database as the process holds it: engine, session factory, unit-of-work factory."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_engine, session_factory
from storage.migrate import upgrade
from storage.shared_transaction import SharedTransaction, shared_transaction
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock


@dataclass
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self.clock)

    def shared_run(
        self,
        *,
        update_ids: Iterable[int],
        chat_ids: Iterable[int],
        replies: Iterable[tuple[int, int]] = (),
    ) -> AbstractAsyncContextManager[SharedTransaction]:
        """One transaction for a run of updates (bot/batch_polling.py); `replies`: the (chat id,
        message id) its messages reply to, whose tickets it reads at its start."""
        return shared_transaction(
            self.sessions, self.clock, update_ids=update_ids, chat_ids=chat_ids, replies=replies
        )

    async def close(self) -> None:
        await self.engine.dispose()


async def open_database(url: str, clock: Clock, *, migrate: bool = True) -> Database:
    """Bring the schema up to date (start-up always does) and open the engine."""
    if migrate:
        await upgrade(url)
    engine = create_engine(url)
    return Database(engine, session_factory(engine), clock)
