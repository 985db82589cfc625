"""Alembic, run from code: `streetdesk db upgrade` and start-up bring the schema to the newest."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.engine import create_engine, normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # Alembic reads this with ConfigParser interpolation: a password's "%" must be doubled.
    config.set_main_option(
        "sqlalchemy.url",
        normalise_url(url).render_as_string(hide_password=False).replace("%", "%%"),
    )
    return config


class BrokenReferences(RuntimeError):
    """A migration left rows pointing at rows that are gone; it was rolled back."""


async def upgrade(url: str, revision: str = "head") -> str | None:
    """Apply every migration up to `revision`; return the revision the database is at after."""
    return await _run(url, revision, command.upgrade)


async def downgrade(url: str, revision: str) -> str | None:
    """Undo the migrations after `revision`; return the revision the database is at after."""
    return await _run(url, revision, command.downgrade)


async def _run(url: str, revision: str, step: Callable[[Config, str], None]) -> str | None:
    # On SQLite the migrations run with foreign keys off: a table Alembic rebuilds is copied and
    # its old copy dropped, and with foreign keys on the drop takes every row that refers to it
    # along (events, photos, message links). The references are checked before the commit.
    engine = create_engine(url, foreign_keys=False)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_migrate, url, revision, step)
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    finally:
        await engine.dispose()


async def current_revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(_current)
    finally:
        await engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _migrate(
    connection: Connection, url: str, revision: str, step: Callable[[Config, str], None]
) -> None:
    config = alembic_config(url)
    # env.py uses this connection instead of opening its own (and its own event loop).
    config.attributes["connection"] = connection
    step(config, revision)
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            tables = sorted({str(row[0]) for row in broken})
            raise BrokenReferences(
                f"migrating to {revision} would leave {len(broken)} row(s) in "
                f"{', '.join(tables)} pointing at rows that are gone; nothing was changed"
            )


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
