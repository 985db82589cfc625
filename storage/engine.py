"""Engine and session setup: SQLite (WAL, foreign keys, a busy timeout) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
import logging
import os
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

# A writer waits this long for another writer before SQLite says "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Start-up waits out a PostgreSQL that is still starting or restarting (about two minutes with
# these delays) before it gives up for the service manager to try again.
CONNECT_DELAYS = (1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)

log = logging.getLogger("streetdesk.database")


class DatabaseUnavailable(Exception):
    """The database cannot be used; the message names it and says why, without a password."""


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
            path = Path(database).expanduser()
            problem = sqlite_file_problem(path)
            if problem:
                raise DatabaseUnavailable(problem)
            path.parent.mkdir(parents=True, exist_ok=True)
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


# Every SQLite database file starts with these 16 bytes (sqlite.org/fileformat.html).
SQLITE_HEADER = b"SQLite format 3\x00"


def sqlite_file_problem(path: Path) -> str | None:
    """Why the SQLite file at `path` cannot be opened or created, or None; creates nothing."""
    if path.is_dir():
        return f"the database file {path} is a folder; database.url must name a file"
    if path.exists():
        if not os.access(path, os.R_OK | os.W_OK):
            return f"the database file {path} cannot be opened: no permission to read and write it"
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
        if header and header != SQLITE_HEADER:  # an empty file is a new database to SQLite
            return (
                f"the database file {path} is not an SQLite database (another file there, or "
                "a damaged one): restore it from a backup or name another file in database.url"
            )
        return None
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        return f"the database file {path} cannot be created: {folder} is a file, not a folder"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the database file {path} cannot be created: no permission to write in {folder}"
    return None


async def wait_for_database(url: str, delays: tuple[float, ...] = CONNECT_DELAYS) -> None:
    """Connect once, waiting out a database server that is down; DatabaseUnavailable after the
    last try. SQLite needs no wait: a file that cannot be used is said at once."""
    engine = create_engine(url)
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        for attempt, delay in enumerate((*delays, None), start=1):
            try:
                async with engine.connect():
                    return
            except (OSError, DBAPIError) as error:
                reason = _reason(error)
                if delay is None or is_sqlite(url):
                    raise DatabaseUnavailable(
                        f"the database at {shown} cannot be reached after {attempt} tries "
                        f"({reason}); is PostgreSQL running, and is database.url right?"
                        if not is_sqlite(url)
                        else f"the database {shown} cannot be opened ({reason})"
                    ) from None
                log.warning(
                    "database_unreachable",
                    extra={"attempt": attempt, "retry_in": delay, "error": reason},
                )
                await asyncio.sleep(delay)
    finally:
        await engine.dispose()


def _reason(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return (getattr(original, "strerror", None) or str(original)).splitlines()[0][:200]


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
