"""Migrations keep the ledger: on SQLite a table Alembic rebuilds is copied and dropped, and with
foreign keys on that drop takes every event, photo and message link along (ON DELETE CASCADE).
Whichever way a migration is run, nothing cascades away, and a migration that would leave rows
pointing nowhere is refused whole."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import make_url, text

from bot.database import Database
from storage.migrate import (
    MIGRATIONS,
    BrokenReferences,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from tests.clerk import Clerk
from tickets.model import Photo
from tickets.permissions import Actor

LEDGER_TABLES = ("ticket_events", "photos", "message_links")


@pytest.fixture
def sqlite_only(database_url: str) -> str:
    if make_url(database_url).get_backend_name() != "sqlite":
        pytest.skip("PostgreSQL alters tables in place: nothing is rebuilt, nothing cascades")
    return database_url


async def _a_reported_ticket(database: Database, service: Clerk) -> None:
    reported = await service.report(
        category="streetlight",
        text="胜利路8号门口路灯不亮",
        location="胜利路8号",
        reporter=Actor(42, "王老板"),
        photos=(Photo("before-1"),),
    )
    async with database.unit_of_work() as uow:
        await uow.links.link(-1001000000001, 500, reported.ticket.number, "report")
        await uow.commit()


async def _counts(database: Database) -> list[int]:
    async with database.engine.connect() as connection:
        return [
            (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
            for table in LEDGER_TABLES
        ]


async def test_the_alembic_command_line_keeps_every_event_photo_and_link(
    database: Database, sqlite_only: str, service: Clerk
) -> None:
    # `alembic downgrade` run by hand goes through env.py's own engine, not storage.migrate.
    await _a_reported_ticket(database, service)
    assert await _counts(database) == [1, 1, 1]
    config = alembic_config(sqlite_only)
    await asyncio.to_thread(command.downgrade, config, "0001")
    assert await _counts(database) == [1, 1, 1]
    await asyncio.to_thread(command.upgrade, config, "head")
    assert await _counts(database) == [1, 1, 1]
    assert await current_revision(sqlite_only) == head_revision()


BREAKING_REVISION = '''
"""A migration with a bug: it deletes the tickets that events, photos and links refer to."""
from alembic import op

revision = "9999"
down_revision = "{head}"


def upgrade() -> None:
    op.execute("DELETE FROM tickets")


def downgrade() -> None:
    pass
'''


async def test_a_migration_that_would_break_references_changes_nothing(
    database: Database, sqlite_only: str, service: Clerk, tmp_path: Path
) -> None:
    await _a_reported_ticket(database, service)
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (migrations / "versions" / "9999_breaks_references.py").write_text(
        BREAKING_REVISION.format(head=head), "utf-8"
    )

    with pytest.raises(BrokenReferences, match="pointing at rows that are gone"):
        await upgrade(sqlite_only, "head", migrations=migrations)
    assert await current_revision(sqlite_only) == head
    assert await _counts(database) == [1, 1, 1]
    async with database.unit_of_work() as uow:
        assert (await uow.tickets.get(1)) is not None  # the ticket the bad migration deleted


async def test_rows_broken_before_a_migration_do_not_stop_the_bot_from_starting(
    database: Database, sqlite_only: str, service: Clerk
) -> None:
    await _a_reported_ticket(database, service)
    # A row that refers to no ticket, as a crash of an old version or a hand edit may leave.
    with sqlite3.connect(make_url(sqlite_only).database or "") as by_hand:
        by_hand.execute("PRAGMA foreign_keys = OFF")
        by_hand.execute("DELETE FROM tickets")
    assert await upgrade(sqlite_only) == head_revision()  # as every start-up runs it
