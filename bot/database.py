"""The database as the process holds it: engine, session factory, unit-of-work factory."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.engine import create_engine, session_factory
from storage.migrate import upgrade
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock


@dataclass
class Database:
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    clock: Clock

    def unit_of_work(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, self.clock)

    async def close(self) -> None:
        await self.engine.dispose()


async def open_database(url: str, clock: Clock, *, migrate: bool = True) -> Database:
    """Bring the schema up to date (start-up always does) and open the engine."""
    if migrate:
        await upgrade(url)
    engine = create_engine(url)
    return Database(engine, session_factory(engine), clock)
