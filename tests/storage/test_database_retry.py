"""A locked SQLite file: the update is handled again once the lock is gone, exactly once, with
nothing lost. Real SQLite, a real second connection holding the lock, a fake sleep."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.types import Update
from sqlalchemy import func, select

from bot.database import Database
from handlers.database_retry import DatabaseRetry
from storage.engine import create_engine, session_factory
from storage.migrate import upgrade
from storage.models import ProcessedUpdateRow, TicketRow
from tickets.clock import FakeClock
from tickets.desk import Desk, GroupMessage, OutcomeKind, Sender
from tickets.taxonomy import Taxonomy

CHAT = -1001000000001  # 胜利路 in config.example.toml
SHOPKEEPER = Sender(42, "王老板")


@pytest.fixture
async def database(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Database]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'streetdesk.sqlite3'}"
    await upgrade(url)
    # A writer gives up after 50 ms instead of 30 s, so a held lock fails the handler at once.
    engine = create_engine(url, sqlite_busy_timeout_ms=50)
    db = Database(engine, session_factory(engine), clock)
    yield db
    await db.close()


class LockReleasedAfter:
    """A fake sleep that lets the other connection's lock go on the n-th wait."""

    def __init__(self, locker: sqlite3.Connection, waits_before_release: int) -> None:
        self.locker = locker
        self.release_at = waits_before_release
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if len(self.waits) == self.release_at:
            self.locker.execute("COMMIT")


async def count(database: Database, column: object) -> int:
    async with database.unit_of_work() as uow:
        return int(await uow.session.scalar(select(func.count(column))) or 0)


async def test_a_locked_database_is_waited_for_and_the_report_kept(
    tmp_path: Path, database: Database, desk: Desk, taxonomy: Taxonomy
) -> None:
    locker = sqlite3.connect(tmp_path / "streetdesk.sqlite3", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process is writing and does not let go
    sleep = LockReleasedAfter(locker, waits_before_release=3)
    report = GroupMessage(CHAT, 100, SHOPKEEPER, "胜利路8号门口路灯不亮", update_id=7)

    async def handler(_event: object, _data: dict[str, object]) -> object:
        return await desk.handle(report, taxonomy.road("胜利路"))

    outcome = await DatabaseRetry(sleep=sleep)(handler, Update(update_id=7), {})
    locker.close()

    assert sleep.waits == [0.5, 1.0, 2.0]  # three refusals, waiting longer each time
    assert outcome.kind is OutcomeKind.CREATED
    assert await count(database, TicketRow.id) == 1
    assert await count(database, ProcessedUpdateRow.update_id) == 1


async def test_other_errors_are_not_retried(database: Database) -> None:
    sleep = LockReleasedAfter(sqlite3.connect(":memory:"), waits_before_release=99)

    async def handler(_event: object, _data: dict[str, object]) -> object:
        raise ValueError("a bug of ours: repeating it would not help")

    with pytest.raises(ValueError, match="a bug of ours"):
        await DatabaseRetry(sleep=sleep)(handler, Update(update_id=8), {})
    assert sleep.waits == []
