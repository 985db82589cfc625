"""The migrations build exactly the schema the models describe, on both dialects, and the
database keeps it whole."""

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import make_url, text
from sqlalchemy.exc import IntegrityError

from bot.database import Database
from storage.engine import create_engine, is_sqlite, session_factory
from storage.inbox import Incoming
from storage.migrate import current_revision, downgrade, head_revision, upgrade
from storage.models import Base, EventRow
from tests.clerk import Clerk
from tickets.clock import FakeClock
from tickets.model import Photo
from tickets.permissions import Actor


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


async def test_a_read_elsewhere_does_not_hold_up_the_bots_writes(
    database: Database, database_url: str, clock: FakeClock
) -> None:
    # `streetdesk export` or a person with the sqlite3 shell reads the file while the bot runs.
    # (PostgreSQL readers never block writers; on SQLite it takes WAL mode.)
    if not is_sqlite(database_url):
        pytest.skip("PostgreSQL readers never hold up writers")
    engine = create_engine(database_url, sqlite_busy_timeout_ms=200)  # a held-up write fails fast
    bot = Database(engine, session_factory(engine), clock)
    reader = sqlite3.connect(make_url(database_url).database or "", isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM tickets").fetchone()  # a read still going on
        async with bot.unit_of_work() as uow:
            await uow.people.remember(42, "王老板", None)
            await uow.commit()
        reader.execute("COMMIT")
    finally:
        reader.close()
        await bot.close()
    async with database.unit_of_work() as uow:
        assert await uow.people.names([42]) == {42: ("王老板", None)}


async def test_history_of_a_ticket_that_is_not_there_is_refused(
    database: Database, clock: FakeClock
) -> None:
    # Foreign keys hold on both databases (SQLite enforces them only when asked to).
    async with database.unit_of_work() as uow:
        uow.session.add(EventRow(ticket_id=424242, seq=0, kind="report", at=clock.now()))
        with pytest.raises(IntegrityError):
            await uow.session.flush()


async def _fresh(database_url: str, revision: str) -> None:
    """The database as a deployment of `revision` left it."""
    await downgrade(database_url, "base")
    await upgrade(database_url, revision)


async def test_update_ids_handled_before_the_inbox_still_count_as_handled(
    database: Database, database_url: str, clock: FakeClock
) -> None:
    await _fresh(database_url, "0005")
    async with database.engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO processed_updates (update_id, processed_at) VALUES (77, :at)"),
            {"at": clock.now().replace(tzinfo=None)},
        )
    await upgrade(database_url)
    redelivered = Incoming(77, -1001, {"update_id": 77, "message": {"text": "路灯坏了"}})
    later = Incoming(78, -1001, {"update_id": 78, "message": {"text": "井盖丢了"}})
    async with database.unit_of_work() as uow:
        await uow.inbox.store(7000000001, [redelivered, later], clock.now())
        await uow.commit()
    async with database.unit_of_work() as uow:
        waiting = await uow.inbox.waiting(limit=10)
    assert [stored.update_id for stored in waiting] == [78]  # 77 was handled before the upgrade


async def test_a_downgrade_keeps_every_event_photo_and_link(
    database: Database, database_url: str, service: Clerk
) -> None:
    shopkeeper = Actor(42, "王老板")
    reported = await service.report(
        category="streetlight",
        text="胜利路8号门口路灯不亮",
        location="胜利路8号",
        reporter=shopkeeper,
        photos=(Photo("before-1"),),
    )
    async with database.unit_of_work() as uow:
        await uow.links.link(-1001000000001, 500, reported.ticket.number, "report")
        await uow.commit()

    async def counts() -> list[int]:
        async with database.engine.connect() as connection:
            return [
                (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
                for table in ("ticket_events", "photos", "message_links")
            ]

    assert await counts() == [1, 1, 1]
    await downgrade(database_url, "0001")  # tables rebuilt on SQLite: nothing may cascade away
    assert await counts() == [1, 1, 1]
    await upgrade(database_url)
    assert await counts() == [1, 1, 1]
