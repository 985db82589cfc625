"""Engine and session setup: SQLite (WAL, foreign keys, a busy timeout) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# A writer waits this long for another writer before SQLite says "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalise_url(url: str) -> URL:
    """Give a bare URL its async driver: sqlite -> sqlite+aiosqlite, postgresql -> asyncpg."""
    parsed = make_url(url)
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        parsed = parsed.set(drivername="sqlite+aiosqlite")
    elif parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        parsed = parsed.set(drivername="postgresql+asyncpg")
    return parsed


def is_sqlite(url: URL | str) -> bool:
    return make_url(str(url) if isinstance(url, URL) else url).get_backend_name() == "sqlite"


def create_engine(
    url: str,
    *,
    sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
    foreign_keys: bool = True,
    **options: Any,
) -> AsyncEngine:
    """`foreign_keys=False` is for migrations on SQLite only: a table that Alembic rebuilds is
    dropped and copied, and with foreign keys on, the drop cascades to every row that refers to
    it (events, photos, message links)."""
    parsed = normalise_url(url)
    if is_sqlite(parsed):
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # SQLite has one writer at a time. With several pooled connections, two writers collide
        # and the loser's busy handler sleeps in growing steps (1, 2, 5, 10 ms...), which showed
        # as latency spikes. One connection makes transactions queue in Python instead, where
        # the next one starts the moment the previous ends.
        if database and database != ":memory:":
            options.setdefault("pool_size", 1)
            options.setdefault("max_overflow", 0)
            options.setdefault("pool_timeout", 60)
        engine = create_async_engine(parsed, **options)
        event.listen(
            engine.sync_engine,
            "connect",
            partial(_sqlite_pragmas, busy_ms=sqlite_busy_timeout_ms, foreign_keys=foreign_keys),
        )
        return engine
    options.setdefault("pool_pre_ping", True)
    return create_async_engine(parsed, **options)


def _sqlite_pragmas(
    dbapi_connection: Any, _record: Any, *, busy_ms: int, foreign_keys: bool
) -> None:
    # WAL lets the sender read while a handler writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    # Objects stay readable after commit: the service hands them to handlers to render.
    return async_sessionmaker(engine, expire_on_commit=False)


async def close_whatever_happens(session: AsyncSession) -> None:
    """Close a session (rolling back what it did not commit) even if the task awaiting it is
    cancelled meanwhile, as a stopping bot cancels its workers: cancelled half-way, the pool
    reset its connection without finishing the rollback and logged an error with a traceback.
    The close finishes in the background; the cancellation still reaches the caller."""
    await asyncio.shield(session.close())
