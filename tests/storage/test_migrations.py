"""The migrations build exactly the schema the models describe, on both dialects."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from bot.database import Database
from storage.migrate import current_revision, head_revision, upgrade
from storage.models import Base


async def test_migrations_and_models_agree(database: Database, database_url: str) -> None:
    assert await current_revision(database_url) == head_revision()

    def differences(connection):  # type: ignore[no-untyped-def]
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)

    async with database.engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_upgrading_twice_changes_nothing(database: Database, database_url: str) -> None:
    async with database.engine.begin() as connection:
        await connection.execute(text("UPDATE counters SET value = 41"))
    assert await upgrade(database_url) == head_revision()
    async with database.engine.connect() as connection:
        assert (await connection.execute(text("SELECT value FROM counters"))).scalar_one() == 41


async def test_sqlite_runs_in_wal_mode_with_foreign_keys(database: Database) -> None:
    if database.engine.dialect.name != "sqlite":
        return  # PostgreSQL has neither pragma; nothing to check there
    async with database.engine.connect() as connection:
        assert (await connection.execute(text("PRAGMA journal_mode"))).scalar_one() == "wal"
        assert (await connection.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
