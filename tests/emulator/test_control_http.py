"""The control API over HTTP, as a demo or benchmark in another process drives the emulator."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import sys

import aiohttp
import pytest
from aiogram import Bot

from emulator import Emulator
from emulator.client import EmulatorClient, EmulatorControlError
from tests.emulator.conftest import TOKEN


async def test_a_separate_client_sets_up_posts_and_reads_back(emulator: Emulator, bot: Bot) -> None:
    async with EmulatorClient(emulator.base_url) as control:
        chat = await control.call("create_group", title="金桥路联络群")
        user = await control.call("add_user", first_name="王", username="wang")
        await control.call("add_member", chat_id=chat["id"], user_id=user["id"], status="member")
        posted = await control.call(
            "post_message",
            chat_id=chat["id"],
            user_id=user["id"],
            photo={"base64": base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()},
            caption="路灯不亮",
        )
        assert posted["caption"] == "路灯不亮" and posted["from"]["username"] == "wang"

        updates = await bot.get_updates()
        assert updates[0].message is not None and updates[0].message.caption == "路灯不亮"
        waiting = asyncio.create_task(
            control.call("wait_for_message", chat_id=chat["id"], text_contains="已登记")
        )
        await bot.send_message(chat["id"], "<b>已登记</b> 工单12", parse_mode="HTML")
        card = await asyncio.wait_for(waiting, timeout=5)
        assert card["text"] == "已登记 工单12" and card["raw_text"] == "<b>已登记</b> 工单12"

        sent = await control.call("sent_messages", chat_id=chat["id"])
        assert [message["text"] for message in sent] == ["已登记 工单12"]
        calls = await control.call("calls", method="sendMessage")
        assert calls[0]["params"]["parse_mode"] == "HTML" and "token" not in calls[0]
        assert (await control.call("stats"))["by_status"]["200"] >= 2
        assert await control.call("confirmed_offset") == 0

        await control.call("fail_next", method="sendMessage", error_code=429, retry_after=2)
        with pytest.raises(Exception, match="retry after 2"):
            await bot.send_message(chat["id"], "x")


async def test_control_errors_are_reported(emulator: Emulator) -> None:
    async with EmulatorClient(emulator.base_url) as control:
        with pytest.raises(EmulatorControlError) as unknown:
            await control.call("summon_dragon")
        assert unknown.value.status == 404
        with pytest.raises(EmulatorControlError) as mistake:
            await control.call("post_message", chat_id=-1, user_id=1, text="x")
        assert mistake.value.status == 400 and "no chat -1" in mistake.value.description
        with pytest.raises(EmulatorControlError) as late:
            await control.call("wait_for_message", text_contains="never", timeout=0.1)
        assert late.value.status == 408


async def test_reading_actions_work_with_get(emulator: Emulator) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{emulator.base_url}/_control/sent_messages?since=0") as response,
    ):
        assert await response.json() == {"ok": True, "result": []}


async def test_the_standalone_server() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "emulator",
        "--port",
        "0",
        "--bot",
        f"{TOKEN}=standalone_bot",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        # A fresh interpreter imports aiogram's models first (6 s alone on the CI machine, more
        # beside three other test workers): the first line may take that long, no longer.
        line = (await asyncio.wait_for(process.stdout.readline(), timeout=60)).decode()
        base_url = line.strip().rsplit(" ", 1)[-1]
        assert base_url.startswith("http://127.0.0.1:")
        async with aiohttp.ClientSession() as http:
            async with http.get(f"{base_url}/bot{TOKEN}/getMe") as response:
                me = await response.json()
            async with http.post(f"{base_url}/_control/create_group", json={"title": "群"}):
                pass
        assert me["result"]["username"] == "standalone_bot"
    finally:
        process.terminate()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), timeout=5)
    assert process.returncode == 0
