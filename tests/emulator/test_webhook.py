"""Webhook delivery: the secret header, retries until 2xx, replies executed, polling refused."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramConflictError
from aiogram.types import Chat, User
from aiohttp import web

from emulator import Emulator


class Receiver:
    """The bot's side of a webhook: fails the first delivery, then answers with a method."""

    def __init__(self) -> None:
        self.received: list[tuple[str | None, dict[str, Any]]] = []
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.received.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), update))
        if len(self.received) == 1:
            return web.Response(status=500)
        chat_id = update["message"]["chat"]["id"]
        return web.json_response({"method": "sendMessage", "chat_id": chat_id, "text": "收到"})


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    target = Receiver()
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    target.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield target
    await runner.cleanup()


async def test_updates_are_posted_until_the_bot_answers_200(
    emulator: Emulator, bot: Bot, group: Chat, resident: User, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="s3cret-token")
    posted = await emulator.post_message(group.id, resident.id, "路灯不亮")

    reply = await emulator.wait_for_message(lambda message: message.text == "收到")
    assert reply.chat_id == group.id
    assert [secret for secret, _ in receiver.received] == ["s3cret-token"] * 2
    assert receiver.received[0][1] == receiver.received[1][1]  # the same update, retried
    assert receiver.received[1][1]["message"]["message_id"] == posted.message_id
    update_id = receiver.received[0][1]["update_id"]
    assert emulator.confirmed_offset() == update_id + 1
    assert emulator.calls("sendMessage")[0].via == "webhook_reply"

    info = await bot.get_webhook_info()
    assert info.url == receiver.url and info.pending_update_count == 0
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    with pytest.raises(TelegramConflictError, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == []
    assert json.dumps(receiver.received, ensure_ascii=False).count("路灯不亮") == 2


class HoldingReceiver:
    """A webhook that keeps its answer to the first update of one chat until released."""

    def __init__(self, held_chat: int) -> None:
        self.held_chat = held_chat
        self.release = asyncio.Event()
        self.received: list[tuple[int, str]] = []
        self.arrived = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        message = (await request.json())["message"]
        self.received.append((message["chat"]["id"], message["text"]))
        self.arrived.set()
        if message["chat"]["id"] == self.held_chat and message["text"] == "第一条":
            await self.release.wait()
        return web.Response(status=200)


async def test_chats_are_delivered_side_by_side_and_each_chat_in_order(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    other = await emulator.create_group("胜利路联络群")
    await emulator.add_member(other.id, resident.id)
    target = HoldingReceiver(held_chat=group.id)
    app = web.Application()
    app.router.add_post("/hook", target.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        assert await bot.set_webhook(f"http://127.0.0.1:{runner.addresses[0][1]}/hook")
        await emulator.post_message(group.id, resident.id, "第一条")
        await emulator.post_message(group.id, resident.id, "第二条")
        await emulator.post_message(other.id, resident.id, "另一个群")
        async with asyncio.timeout(5):
            while (other.id, "另一个群") not in target.received:
                target.arrived.clear()
                await target.arrived.wait()
        # The other group's update went past the held one; this group's second waits its turn.
        assert (group.id, "第二条") not in target.received
        target.release.set()
        async with asyncio.timeout(5):
            while (group.id, "第二条") not in target.received:
                target.arrived.clear()
                await target.arrived.wait()
        in_group = [text for chat, text in target.received if chat == group.id]
        assert in_group == ["第一条", "第二条"]
    finally:
        await runner.cleanup()
