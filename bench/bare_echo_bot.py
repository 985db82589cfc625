"""The baseline: a bare aiogram bot that answers every group message with a reply, nothing else.

Run by the benchmarks against the same emulator as StreetDesk, so the figures say what
StreetDesk's own work (understanding, the database, the outbox) costs on top of aiogram.
Usage: python bench/bare_echo_bot.py TOKEN API_BASE
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message

from emulator import Emulator


async def main(token: str, api_base: str) -> None:
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)))
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.reply(message.text or message.caption or "ok")

    await dispatcher.start_polling(bot)


@contextlib.asynccontextmanager
async def running_bare_bot(token: str, emulator: Emulator) -> AsyncIterator[int]:
    """The baseline bot in its own process against `emulator`, ready once it polls; its pid."""
    since = len(emulator.calls())
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(Path(__file__)),
        token,
        emulator.base_url,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ},
    )
    try:
        await emulator.wait_until(lambda: emulator.calls("getUpdates", since=since), timeout=60)
        yield process.pid
    finally:
        process.terminate()
        await process.wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
