"""Injected faults and Telegram's flood limits, as the bot's client experiences them."""

from __future__ import annotations

import contextlib
import time

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import Chat

from emulator import Emulator
from tests.emulator.conftest import TOKEN


async def test_a_429_carries_retry_after(emulator: Emulator, bot: Bot, group: Chat) -> None:
    await emulator.fail_next("sendMessage", error_code=429, retry_after=7)
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(group.id, "第一次")
    assert caught.value.retry_after == 7
    await bot.send_message(group.id, "第二次")  # only the next call failed
    assert [m.text for m in emulator.sent_messages()] == ["第二次"]
    assert emulator.stats.too_many_requests == 1 and emulator.stats.faults_injected == 1
    assert [call.status for call in emulator.calls("sendMessage")] == [429, 200]
    # The refused call is journaled with its parameters, so a test can check what was retried.
    assert emulator.calls("sendMessage")[0].params["text"] == "第一次"


async def test_the_429_body_is_telegrams(emulator: Emulator, group: Chat) -> None:
    await emulator.fail_next("sendMessage", retry_after=3)
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{emulator.base_url}/bot{TOKEN}/sendMessage", json={"chat_id": group.id, "text": "x"}
        ) as response,
    ):
        assert response.status == 429
        assert await response.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }


async def test_server_errors(emulator: Emulator, bot: Bot, group: Chat) -> None:
    await emulator.fail_next("sendMessage", times=2, error_code=500)
    for _ in range(2):
        with pytest.raises(TelegramServerError, match="Internal Server Error"):
            await bot.send_message(group.id, "x")
    await emulator.fail_next("sendMessage", error_code=502)
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{emulator.base_url}/bot{TOKEN}/sendMessage", json={"chat_id": group.id, "text": "x"}
        ) as response,
    ):
        assert response.status == 502
        assert response.content_type == "text/html"  # nginx's page, not JSON
        assert "502 Bad Gateway" in await response.text()
    assert emulator.sent_messages() == []


async def test_a_dropped_connection(emulator: Emulator, bot: Bot, group: Chat) -> None:
    await emulator.drop_connection("sendMessage")
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(group.id, "丢失")
    assert emulator.sent_messages() == []

    await emulator.drop_connection("sendMessage", after_processing=True)
    with pytest.raises(TelegramNetworkError):
        await bot.send_message(group.id, "已发出但不知道")
    assert [m.text for m in emulator.sent_messages()] == ["已发出但不知道"]
    assert emulator.stats.dropped_connections == 2


async def test_a_delay(emulator: Emulator, bot: Bot, group: Chat) -> None:
    await emulator.delay("sendMessage", 0.3, times=1)
    started = time.monotonic()
    await bot.send_message(group.id, "慢")
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    await bot.send_message(group.id, "快")
    assert time.monotonic() - started < 0.3


async def test_random_faults_are_repeatable_with_a_seed(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    async def run() -> list[int | None]:
        await emulator.faults(rate=0.5, kinds=["429", "500"], seed=7)
        start = len(emulator.calls("sendMessage"))
        for index in range(20):
            with contextlib.suppress(TelegramRetryAfter, TelegramServerError):
                await bot.send_message(group.id, str(index))
        return [call.status for call in emulator.calls("sendMessage")[start:]]

    first, second = await run(), await run()
    assert first == second
    assert {200, 429, 500} == set(first)
    await emulator.faults(rate=0)
    await bot.send_message(group.id, "恢复")
    assert emulator.calls("sendMessage")[-1].status == 200


async def test_random_faults_spare_get_updates_unless_named(bot: Bot, emulator: Emulator) -> None:
    await emulator.faults(rate=1.0, kinds=["500"])
    assert await bot.get_updates(timeout=0) == []
    with pytest.raises(TelegramServerError):
        await bot.get_me()


async def test_per_group_per_minute_limit(emulator: Emulator, bot: Bot, group: Chat) -> None:
    await emulator.rate_limits(
        per_chat_per_minute=3, per_chat_per_second=100, global_per_second=100
    )
    for index in range(3):
        await bot.send_message(group.id, str(index))
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(group.id, "第四条")
    assert 58 <= caught.value.retry_after <= 60  # until the oldest leaves the minute window
    other = await emulator.create_group("别的群")
    await bot.send_message(other.id, "别的群不受影响")
    assert emulator.stats.rate_limited == 1 and emulator.stats.too_many_requests == 1
    assert len(emulator.sent_messages(group.id)) == 3


async def test_per_chat_per_second_and_global_limits(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    await emulator.rate_limits(per_chat_per_second=1, global_per_second=2)
    await bot.send_message(group.id, "一")
    with pytest.raises(TelegramRetryAfter) as caught:
        await bot.send_message(group.id, "二")
    assert caught.value.retry_after == 1
    other = await emulator.create_group("二群")
    third = await emulator.create_group("三群")
    await bot.send_message(other.id, "一")
    with pytest.raises(TelegramRetryAfter):
        await bot.send_message(third.id, "一")  # 2 a second overall
    assert emulator.stats.rate_limited == 2


async def test_refused_messages_do_not_use_up_the_limit(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    await emulator.rate_limits(per_chat_per_minute=1, per_chat_per_second=100)
    with pytest.raises(Exception, match="can't parse entities"):
        await bot.send_message(group.id, "<b>坏", parse_mode="HTML")
    await bot.send_message(group.id, "好")  # the failed one was never sent, so it did not count
    await emulator.rate_limits(enabled=False)
    await bot.send_message(group.id, "不限")
