"""A unit of work cancelled while it closes still rolls back, and the pool logs no error.

A stopping bot cancels its workers; one cancelled again while its session closed left the pool
to reset the connection half-way, and SQLAlchemy logged "Exception during reset" with a
traceback (the crash drill's log check caught it). Where in the close the second cancellation
lands depends on how many turns of the event loop pass first and on aiosqlite's thread, so each
count is tried, many times: without the fix this fails in about two runs of three.
"""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import func, select

from bot.database import Database
from storage.models import OutboxRow
from tickets.notices import Notice, NoticeKind


async def cancelled_twice_while_closing(database: Database, turns_between: int) -> None:
    entered = asyncio.Event()

    async def worker() -> None:
        async with database.unit_of_work() as uow:
            await uow.outbox.add(Notice(NoticeKind.TEXT, -1001, data={"html": "never sent"}))
            await uow.session.flush()  # written, not committed: the close must roll it back
            entered.set()
            await asyncio.Event().wait()  # until cancelled, like a stopping bot's worker

    task = asyncio.create_task(worker())
    await asyncio.wait_for(entered.wait(), timeout=10)
    task.cancel()  # into __aexit__: the session starts to close
    for _ in range(turns_between):
        await asyncio.sleep(0)  # let the close get that far (a turn of the loop, no waiting)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_a_unit_of_work_cancelled_while_closing_rolls_back_without_a_pool_error(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="sqlalchemy.pool"):
        for attempt in range(60):  # the race is with aiosqlite's thread: try it many times
            await cancelled_twice_while_closing(database, attempt % 10)
        async with database.unit_of_work() as uow:  # the connection is still good
            rows = await uow.session.scalar(select(func.count()).select_from(OutboxRow))
    assert rows == 0
    assert [r.getMessage() for r in caplog.records if r.name.startswith("sqlalchemy.pool")] == []
