"""The processor, the owner of an update's transaction: stored updates are processed chat by chat,
each exactly once, with what they cause; a repeat is the same row; ids that start again are new
updates; one that cannot be processed is set aside without holding up its chat; a database that
is away is waited out. Real database, real dispatcher and routers; no call reaches Telegram."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from sqlalchemy import func, select

from bot.database import Database
from bot.intake import store
from bot.processor import Processor
from handlers import build_router
from storage.engine import create_engine, session_factory
from storage.inbox import Incoming
from storage.migrate import upgrade
from storage.models import InboxRow, OutboxRow, TicketRow
from tests.emulator.conftest import TOKEN
from tickets.clock import FakeClock
from tickets.office import Office

CHAT = -1001000000001  # 胜利路's group in config.example.toml


def group_message(update_id: int, message_id: int, text: str, user_id: int = 42) -> Incoming:
    payload: dict[str, Any] = {
        "update_id": update_id,
        "message": {
            "message_id": message_id,
            "date": 1763431200 + message_id,
            "chat": {"id": CHAT, "type": "supergroup", "title": "胜利路联络群"},
            "from": {"id": user_id, "is_bot": False, "first_name": "王老板"},
            "text": text,
        },
    }
    return Incoming(update_id, CHAT, payload)


@pytest.fixture
async def bot() -> AsyncIterator[Bot]:
    telegram = Bot(TOKEN)  # never called here: the updates' context, and its id
    yield telegram
    await telegram.session.close()


def make_processor(
    database: Database, office: Office, bot: Bot, holder: str = "p-1", look_every: float = 1.0
) -> Processor:
    async def nobody_is_admin(_chat: int, _user: int) -> bool:
        return False

    dispatcher = Dispatcher(
        disable_fsm=True, is_admin=nobody_is_admin, bot_username="streetdesk_bot"
    )
    dispatcher.include_router(build_router())
    return Processor(
        database=database,
        dispatcher=dispatcher,
        bot=bot,
        office=office,
        clock=office.clock,
        committed=lambda: None,
        holder=holder,
        look_every=look_every,
    )


@pytest.fixture
def processor(database: Database, office: Office, bot: Bot) -> Processor:
    return make_processor(database, office, bot)


async def count(database: Database, column: Any, *where: Any) -> int:
    async with database.unit_of_work() as uow:
        return int(await uow.session.scalar(select(func.count(column)).where(*where)) or 0)


async def test_a_stored_update_is_processed_once_and_its_repeat_changes_nothing(
    database: Database, processor: Processor, bot: Bot, clock: FakeClock
) -> None:
    report = group_message(1, 100, "胜利路8号门口路灯不亮")
    await store(database, clock, bot.id, [report])
    assert await processor.process_waiting() == 1
    await store(database, clock, bot.id, [report])  # Telegram delivers it again
    assert await processor.process_waiting() == 0
    assert await count(database, TicketRow.id) == 1
    assert await count(database, InboxRow.id) == 1
    assert await count(database, OutboxRow.id, OutboxRow.kind == "card") == 1


async def test_update_ids_that_start_again_are_new_updates(
    database: Database, processor: Processor, bot: Bot, clock: FakeClock
) -> None:
    # A week without updates, or another bot on the same database: ids start again, and a new
    # update must never be taken for the old one that had its id.
    await store(database, clock, bot.id, [group_message(1, 100, "胜利路8号门口路灯不亮")])
    await store(database, clock, bot.id, [group_message(2, 101, "超市后门堆了很多纸箱和垃圾")])
    assert await processor.process_waiting() == 2
    await store(database, clock, bot.id, [group_message(1, 700, "胜利路3号井盖丢了")])
    parking = group_message(2, 701, "药店门口天天有车乱停，把门都堵了")
    await store(database, clock, bot.id, [parking])
    assert await processor.process_waiting() == 2
    async with database.unit_of_work() as uow:
        categories = [t.category for t in await uow.tickets.list()]
    assert categories == ["streetlight", "garbage", "manhole", "illegal_parking"]


async def test_an_update_that_cannot_be_processed_is_set_aside_and_its_chat_goes_on(
    database: Database, processor: Processor, bot: Bot, clock: FakeClock
) -> None:
    unreadable = Incoming(2, CHAT, {"update_id": 2, "message": {"message_id": 101}})  # no chat
    await store(
        database,
        clock,
        bot.id,
        [group_message(1, 100, "胜利路8号门口路灯不亮"), unreadable],
    )
    await store(database, clock, bot.id, [group_message(3, 102, "超市后门堆了很多纸箱和垃圾")])
    assert await processor.process_waiting() == 3
    assert await count(database, TicketRow.id) == 2  # its neighbours' effects are all there
    async with database.unit_of_work() as uow:
        row = await uow.session.scalar(select(InboxRow).where(InboxRow.update_id == 2))
    assert row is not None and row.failed_at is not None and row.processed_at is None
    assert "ValidationError" in (row.last_error or "")
    assert await processor.process_waiting() == 0  # set aside: not tried again and again


async def test_a_chat_claimed_by_another_process_is_left_to_it(
    database: Database, office: Office, processor: Processor, bot: Bot, clock: FakeClock
) -> None:
    other = make_processor(database, office, bot, holder="another-host:1:abc")
    await store(database, clock, bot.id, [group_message(1, 100, "胜利路8号门口路灯不亮")])
    assert await other.process_waiting() == 1  # it claims the chat
    await store(database, clock, bot.id, [group_message(2, 101, "公交站那盏灯一直闪")])
    assert await processor.process_waiting() == 0  # its claim still runs: order holds
    await other.release_claims()  # a polite stop lets go at once
    assert await processor.process_waiting() == 1
    assert await count(database, TicketRow.id) == 2


class Heard(logging.Handler):
    """Sets an event when a log record with the given message is emitted."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.event = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage() == self.message:
            self.event.set()


async def test_a_process_quiet_for_a_while_lets_its_chats_go(
    database: Database, office: Office, processor: Processor, bot: Bot, clock: FakeClock
) -> None:
    # A process that then freezes (a stopped VM, a debugger) holds up no chat meanwhile.
    other = make_processor(database, office, bot, holder="another-host:1:abc", look_every=0.05)
    await store(database, clock, bot.id, [group_message(1, 100, "胜利路8号门口路灯不亮")])
    let_go = Heard("chats_let_go")
    logger = logging.getLogger("streetdesk.processor")
    logger.addHandler(let_go)
    level, logger.level = logger.level, logging.INFO
    running = asyncio.create_task(other.run())
    try:
        await asyncio.wait_for(let_go.event.wait(), timeout=10)
        # Now it freezes: its loop stops and nothing more is let go. (Left running, it would
        # take the next update itself at its next look, racing the process under test.)
        other.stop()
        await asyncio.wait_for(running, timeout=10)
        await store(database, clock, bot.id, [group_message(2, 101, "公交站那盏灯一直闪")])
        assert await processor.process_waiting() == 1
    finally:
        logger.removeHandler(let_go)
        logger.setLevel(level)
        other.stop()
        await asyncio.wait_for(running, timeout=10)
    assert await count(database, TicketRow.id) == 2


@pytest.fixture
async def touchy_database(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Database]:
    """SQLite whose writers give up after 50 ms instead of 30 s."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'streetdesk.sqlite3'}"
    await upgrade(url)
    engine = create_engine(url, sqlite_busy_timeout_ms=50)
    db = Database(engine, session_factory(engine), clock)
    yield db
    await db.close()


async def test_a_locked_database_is_waited_out_and_the_update_processed_once(
    tmp_path: Path, touchy_database: Database, office: Office, bot: Bot, clock: FakeClock
) -> None:
    processor = make_processor(touchy_database, office, bot)
    await store(touchy_database, clock, bot.id, [group_message(1, 100, "胜利路8号门口路灯不亮")])
    locker = sqlite3.connect(tmp_path / "streetdesk.sqlite3", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process is writing and does not let go
    with pytest.raises(Exception, match="database is locked"):
        await processor.process_waiting()  # its run loop waits, then tries again
    locker.execute("COMMIT")
    locker.close()
    assert await processor.process_waiting() == 1
    assert await processor.process_waiting() == 0
    assert await count(touchy_database, TicketRow.id) == 1
