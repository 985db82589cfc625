"""Fixtures of the sender's tests: the emulator with 胜利路's group, and the leading sender on it
(pacing off), for tests that check what a group is finally sent."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.database import Database
from bot.outbox_worker import OutboxWorker
from bot.settings import Settings
from emulator import Emulator
from tests.bot.sending import leading_sender
from tests.emulator.conftest import TOKEN, make_bot
from tickets.clock import FakeClock

ROAD_CHAT = -1001000000001  # 胜利路's group in the example config


@pytest.fixture
async def road_emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(host="127.0.0.1", port=0)
    emu.add_bot(TOKEN, username="streetdesk_bot")
    async with emu:
        await emu.create_group("胜利路联络群", chat_id=ROAD_CHAT)
        yield emu


@pytest.fixture
async def road_sender(
    database: Database, road_emulator: Emulator, settings: Settings, clock: FakeClock
) -> AsyncIterator[OutboxWorker]:
    bot = make_bot(road_emulator)
    worker, _ = await leading_sender(database, bot, settings, clock)
    yield worker
    await bot.session.close()
