"""SQLite statements make one trip to aiosqlite's thread, and SQLAlchemy sees what it always saw."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import sqlite_driver
from storage.engine import create_engine


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite:///{tmp_path / 'driver.sqlite3'}")
    async with engine.begin() as connection:
        await connection.execute(
            text("CREATE TABLE lamps (id INTEGER PRIMARY KEY, place TEXT UNIQUE NOT NULL)")
        )
    yield engine
    await engine.dispose()


class Trips:
    """Counts the functions aiosqlite runs in its thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = aiosqlite.Connection._execute

        async def counted(connection: aiosqlite.Connection, fn: Any, *args: Any, **kw: Any) -> Any:
            self.count += 1
            return await original(connection, fn, *args, **kw)

        monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)


def test_the_installed_versions_are_the_ones_this_driver_knows() -> None:
    # If this fails after an upgrade, the bot still works on the stock driver, only slower:
    # look at what changed in aiosqlite or SQLAlchemy's async adapter before allowing it.
    assert sqlite_driver._as_expected() is None


async def test_the_engine_runs_on_the_one_hop_cursor(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        assert isinstance(raw.dbapi_connection.cursor(), sqlite_driver.OneHopCursor)


async def test_a_statement_is_one_trip_to_the_thread(
    engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))  # the connection is open and its BEGIN done
        trips = Trips(monkeypatch)
        assert (await connection.execute(text("SELECT count(*) FROM lamps"))).scalar() == 0
        assert trips.count == 1  # the stock cursor: open, execute, fetch, close
        await connection.execute(
            text("INSERT INTO lamps (place) VALUES (:place)"),
            [{"place": "南纬路口"}, {"place": "胜利路8号"}],
        )
        assert trips.count == 2


async def test_sqlalchemy_reads_rows_counts_and_new_ids_as_before(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        inserted = await connection.execute(text("INSERT INTO lamps (place) VALUES ('南纬路口')"))
        assert inserted.lastrowid == 1
        await connection.execute(
            text("INSERT INTO lamps (place) VALUES (:place)"),
            [{"place": "胜利路8号"}, {"place": "解放路3号"}],
        )
        updated = await connection.execute(
            text("UPDATE lamps SET place = place || '东' WHERE id > 1")
        )
        assert updated.rowcount == 2
        result = await connection.execute(text("SELECT id, place FROM lamps ORDER BY id"))
        assert list(result.keys()) == ["id", "place"]
        assert result.all() == [(1, "南纬路口"), (2, "胜利路8号东"), (3, "解放路3号东")]
        returned = await connection.execute(
            text("INSERT INTO lamps (place) VALUES ('人民路') RETURNING id")
        )
        assert returned.scalar_one() == 4
        assert (await connection.execute(text("SELECT 1 WHERE 0"))).first() is None


async def test_an_error_is_sqlalchemys_and_the_transaction_rolls_back(engine: AsyncEngine) -> None:
    insert = text("INSERT INTO lamps (place) VALUES ('南纬路口')")

    async def twice() -> None:
        async with engine.begin() as connection:
            await connection.execute(insert)
            await connection.execute(insert)

    with pytest.raises(IntegrityError, match="UNIQUE"):
        await twice()
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT count(*) FROM lamps"))).scalar() == 0


def test_other_versions_fall_back_to_the_stock_driver_and_say_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.delattr(aiosqlite.Connection, "_execute")
    with caplog.at_level(logging.WARNING, logger="streetdesk.storage"):
        assert sqlite_driver.one_hop_dbapi() is None
    assert [r.getMessage() for r in caplog.records] == ["sqlite_one_hop_off"]
    assert "_execute" in caplog.records[0].reason  # type: ignore[attr-defined]
