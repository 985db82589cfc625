"""Fixtures for the emulator's tests: a running emulator, aiogram's real Bot pointed at it, and a
liaison group with a resident in it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Chat, User
from aiohttp import ClientSession

from emulator import Emulator

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
BOT_USERNAME = "streetdesk_bot"


class LoopbackSession(AiohttpSession):
    """aiogram's own session, minus the 0.25 s it sleeps on close for TLS sockets to drain:
    there are none on loopback, and dozens of tests would pay it. It closes the HTTP session
    that aiogram's public `create_session` handed it, not aiogram's private hold on it."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.http: ClientSession | None = None

    async def create_session(self) -> ClientSession:
        self.http = await super().create_session()
        return self.http

    async def close(self) -> None:
        if self.http is not None and not self.http.closed:
            await self.http.close()


def make_bot(emulator: Emulator, token: str = TOKEN) -> Bot:
    api = TelegramAPIServer.from_base(emulator.base_url)
    return Bot(token, session=LoopbackSession(api=api))


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(host="127.0.0.1", port=0)
    emu.add_bot(TOKEN, username=BOT_USERNAME, can_read_all_group_messages=True)
    async with emu:
        yield emu


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    tg = make_bot(emulator)
    yield tg
    await tg.session.close()


@pytest.fixture
async def group(emulator: Emulator) -> Chat:
    return await emulator.create_group("金桥路联络群")


@pytest.fixture
async def resident(emulator: Emulator, group: Chat) -> User:
    user = await emulator.add_user("王", "<b>&小明", username="wang_xm")
    await emulator.add_member(group.id, user.id)
    return user
