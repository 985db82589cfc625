"""The baseline: a bare aiogram bot that answers every group message with a reply, nothing else.

Run by the benchmarks against the same emulator as StreetDesk, so the figures say what
StreetDesk's own work (understanding, the database, the outbox) costs on top of aiogram.
Usage: python bench/bare_echo_bot.py TOKEN API_BASE [WEBHOOK_PORT]
(with a port it takes updates by webhook, as aiogram's own aiohttp handler does; else it polls)
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web

from emulator import Emulator


async def main(token: str, api_base: str, webhook_port: int | None) -> None:
    bot = Bot(token, session=AiohttpSession(api=TelegramAPIServer.from_base(api_base)))
    dispatcher = Dispatcher()

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.reply(message.text or message.caption or "ok")

    if webhook_port is None:
        await dispatcher.start_polling(bot)
        return
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot).register(app, path="/webhook")
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", webhook_port).start()
    await bot.set_webhook(f"http://127.0.0.1:{webhook_port}/webhook")
    await asyncio.Event().wait()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.asynccontextmanager
async def running_bare_bot(
    token: str, emulator: Emulator, *, webhook: bool = False
) -> AsyncIterator[int]:
    """The baseline bot in its own process against `emulator`, ready once it polls (or has set
    its webhook); its pid."""
    since = len(emulator.calls())
    ready_call = "setWebhook" if webhook else "getUpdates"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(Path(__file__)),
        token,
        emulator.base_url,
        *([str(free_port())] if webhook else []),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        env={**os.environ},
    )
    try:
        await emulator.wait_until(lambda: emulator.calls(ready_call, since=since), timeout=60)
        yield process.pid
    finally:
        process.terminate()
        await process.wait()


if __name__ == "__main__":
    port = int(sys.argv[3]) if len(sys.argv) > 3 else None
    asyncio.run(main(sys.argv[1], sys.argv[2], port))
