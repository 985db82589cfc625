"""Shared fixtures: the example configuration, a FakeClock, and real databases.

Storage tests run on an SQLite file always and on PostgreSQL when STREETDESK_TEST_PG_URL is set
(`.ci/run` sets it). Nothing here mocks our own code.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
import pytest
from sqlalchemy import make_url, text

from bot.database import Database, open_database
from bot.settings import Settings, load_settings
from storage.engine import create_engine
from tests.clerk import Clerk
from tickets.calendar import Calendar
from tickets.chasing import ChasePolicy, Chaser
from tickets.clock import FakeClock
from tickets.desk import Desk
from tickets.office import Office
from tickets.sweep import Sweep
from tickets.taxonomy import Taxonomy
from tickets.understanding import Understanding

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "config.example.toml"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _database_of_this_worker(url: str | None) -> str | None:
    """With pytest-xdist each worker has a PostgreSQL database of its own (the given one's name
    with the worker's id), made on first use: tests reset its schema and must not meet."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    given = make_url(url)
    mine = given.set(database=f"{given.database}_{worker}")

    async def create() -> None:
        server = given.set(drivername="postgresql")
        connection = await asyncpg.connect(server.render_as_string(hide_password=False))
        try:
            exists = await connection.fetchval(
                "SELECT 1 FROM pg_database WHERE datname = $1", mine.database
            )
            if not exists:
                await connection.execute(f'CREATE DATABASE "{mine.database}"')
        finally:
            await connection.close()

    asyncio.run(create())
    return mine.render_as_string(hide_password=False)


PG_URL = _database_of_this_worker(os.environ.get("STREETDESK_TEST_PG_URL"))


def local(text_time: str) -> datetime:
    """'2026-11-20 17:30' in Asia/Shanghai, as an aware datetime: tests read in local time."""
    return datetime.fromisoformat(text_time).replace(tzinfo=SHANGHAI)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings(EXAMPLE_CONFIG)


@pytest.fixture(scope="session")
def taxonomy(settings: Settings) -> Taxonomy:
    return settings.taxonomy()


@pytest.fixture(scope="session")
def calendar(settings: Settings) -> Calendar:
    return settings.calendar()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(local("2026-11-18 10:00"))  # a Wednesday morning


async def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'streetdesk.sqlite3'}"
    if not PG_URL:
        pytest.skip("STREETDESK_TEST_PG_URL is not set")
    await _reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
async def database(database_url: str, clock: FakeClock) -> AsyncIterator[Database]:
    db = await open_database(database_url, clock)
    yield db
    await db.close()


@pytest.fixture
def office(taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock) -> Office:
    return Office(
        taxonomy=taxonomy,
        calendar=calendar,
        clock=clock,
        understanding=Understanding(taxonomy.categories.values()),
        admin_ids=frozenset({9999}),
    )


class Transactions:
    """What the processor does for an update, for tests that call the desk directly: a unit of
    work opened, a desk on it, committed when the block ends without an error."""

    def __init__(self, database: Database, office: Office) -> None:
        self.database = database
        self.office = office

    @asynccontextmanager
    async def __call__(self) -> AsyncIterator[Desk]:
        async with self.database.unit_of_work() as uow:
            yield Desk.open(uow, self.office)
            await uow.commit()


@pytest.fixture
def service(database: Database, office: Office) -> Clerk:
    """The moves as one-line calls, each committed on its own (tests/clerk.py)."""
    return Clerk(database, office)


@pytest.fixture
def desk(database: Database, office: Office) -> Transactions:
    """`async with desk() as d: await d.intake.message(...)`: one committed transaction."""
    return Transactions(database, office)


@pytest.fixture
def sweep(database: Database, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock) -> Sweep:
    return Sweep(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        chaser=Chaser(ChasePolicy(), calendar),
        clock=clock,
        summary_from=3,
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first: the run is shared among workers as they free up, and a test of a
    minute picked up last keeps one worker busy while the others have finished."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
