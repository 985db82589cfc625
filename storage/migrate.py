"""Alembic, run from code: `streetdesk db upgrade` and start-up bring the schema to the newest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.engine import create_engine, normalise_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str, migrations: Path = MIGRATIONS) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    # Alembic reads this with ConfigParser interpolation: a password's "%" must be doubled.
    config.set_main_option(
        "sqlalchemy.url",
        normalise_url(url).render_as_string(hide_password=False).replace("%", "%%"),
    )
    return config


class BrokenReferences(RuntimeError):
    """A migration left rows pointing at rows that are gone; it was rolled back."""


async def upgrade(url: str, revision: str = "head", migrations: Path = MIGRATIONS) -> str | None:
    """Apply every migration up to `revision`; return the revision the database is at after.
    BrokenReferences, and nothing changed, when that would leave rows pointing nowhere."""
    return await _run(url, revision, command.upgrade, migrations)


async def downgrade(url: str, revision: str, migrations: Path = MIGRATIONS) -> str | None:
    """Undo the migrations after `revision`; return the revision the database is at after.
    BrokenReferences, and nothing changed, when that would leave rows pointing nowhere."""
    return await _run(url, revision, command.downgrade, migrations)


async def _run(
    url: str, revision: str, step: Callable[[Config, str], None], migrations: Path
) -> str | None:
    # On SQLite the migrations run with foreign keys off: a table Alembic rebuilds is copied and
    # its old copy dropped, and with foreign keys on the drop takes every row that refers to it
    # along (events, photos, message links). env.py checks the references before the commit.
    engine = create_engine(url, foreign_keys=False)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_migrate, url, revision, step, migrations)
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
    connection: Connection,
    url: str,
    revision: str,
    step: Callable[[Config, str], None],
    migrations: Path,
) -> None:
    config = alembic_config(url, migrations)
    # env.py uses this connection instead of opening its own (and its own event loop).
    config.attributes["connection"] = connection
    step(config, revision)


def broken_references(connection: Connection) -> Counter[str]:
    """Rows pointing at rows that are not there, per table (SQLite only; PostgreSQL enforces
    its foreign keys during a migration as at any other time)."""
    if connection.dialect.name != "sqlite":
        return Counter()
    return Counter(str(row[0]) for row in connection.exec_driver_sql("PRAGMA foreign_key_check"))


def check_references(connection: Connection, before: Counter[str], revision: str) -> None:
    """Refuse a migration that left more rows pointing nowhere than there were before it: the
    caller's transaction then rolls back whole. Rows already broken before (an old crash, a
    hand edit) do not stop the bot from starting; they are the office's to look at."""
    added = broken_references(connection) - before
    if added:
        raise BrokenReferences(
            f"migrating to {revision} would leave {sum(added.values())} row(s) in "
            f"{', '.join(sorted(added))} pointing at rows that are gone; nothing was changed"
        )


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
