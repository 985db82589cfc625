"""The Bot API basics through aiogram and through raw HTTP: auth, getMe, long polling, offsets."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.exceptions import TelegramConflictError, TelegramUnauthorizedError
from aiogram.types import Chat, Message, User

from emulator import Emulator
from tests.emulator.conftest import BOT_USERNAME, TOKEN, make_bot


async def test_get_me_describes_the_registered_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456789
    assert me.is_bot and me.username == BOT_USERNAME
    assert me.can_read_all_group_messages is True
    assert me.can_join_groups is True and me.supports_inline_queries is False


async def test_get_me_over_raw_http_with_get_and_post(emulator: Emulator) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{emulator.base_url}/bot{TOKEN}/getMe") as response:
            by_get = await response.json()
        async with http.post(f"{emulator.base_url}/bot{TOKEN}/GETME", json={}) as response:
            by_post = await response.json()
    assert by_get["ok"] is True and by_get["result"]["username"] == BOT_USERNAME
    assert by_post == by_get  # method names are case-insensitive, as on Telegram


async def test_an_unknown_token_is_unauthorized(emulator: Emulator) -> None:
    stranger = make_bot(emulator, "42:notregistered")
    with pytest.raises(TelegramUnauthorizedError):
        await stranger.get_me()
    await stranger.session.close()
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{emulator.base_url}/bot42:notregistered/getMe") as response,
    ):
        assert response.status == 401
        assert await response.json() == {
            "ok": False,
            "error_code": 401,
            "description": "Unauthorized",
        }


async def test_any_token_is_accepted_when_asked(emulator: Emulator) -> None:
    async with Emulator(accept_any_token=True) as lenient:
        tg = make_bot(lenient, "555:whatever")
        me = await tg.get_me()
        await tg.session.close()
    assert me.id == 555 and me.is_bot


async def test_an_unknown_method_is_not_found(emulator: Emulator) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{emulator.base_url}/bot{TOKEN}/sendTelepathy", data={"a": "1"}) as response,
    ):
        assert response.status == 404
        assert await response.json() == {
            "ok": False,
            "error_code": 404,
            "description": "Not Found",
        }


async def test_a_long_poll_returns_as_soon_as_a_message_is_posted(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await emulator.wait_until(lambda: any(c.status is None for c in emulator.calls("getUpdates")))
    posted_at = time.monotonic()
    await emulator.post_message(group.id, resident.id, "金桥路12号路灯不亮")
    updates = await asyncio.wait_for(poll, timeout=3)
    assert time.monotonic() - posted_at < 1.0  # not the 10 s poll timeout
    assert [update.message.text for update in updates if update.message] == ["金桥路12号路灯不亮"]
    assert updates[0].message is not None and updates[0].message.from_user is not None
    assert updates[0].message.from_user.last_name == "<b>&小明"


async def test_an_empty_long_poll_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 3


async def test_updates_stay_until_an_offset_confirms_them(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    for text in ("一", "二", "三"):
        await emulator.post_message(group.id, resident.id, text)
    first = await bot.get_updates()
    again = await bot.get_updates()
    assert [u.update_id for u in again] == [u.update_id for u in first]
    assert [u.update_id for u in first] == list(range(first[0].update_id, first[0].update_id + 3))
    rest = await bot.get_updates(offset=first[1].update_id + 1)
    assert [u.message.text for u in rest if u.message] == ["三"]
    assert emulator.confirmed_offset(TOKEN) == first[1].update_id + 1
    assert await bot.get_updates(offset=first[2].update_id + 1, timeout=0) == []


async def test_limit_and_negative_offset(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    for text in ("一", "二", "三"):
        await emulator.post_message(group.id, resident.id, text)
    assert len(await bot.get_updates(limit=2)) == 2
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["三"]
    assert len(emulator.pending_updates()) == 1  # the earlier two were forgotten


async def test_allowed_updates_filters_what_is_queued_from_then_on(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    await bot.get_updates(allowed_updates=["callback_query"], timeout=0)
    await emulator.post_message(group.id, resident.id, "不会送达")
    assert emulator.pending_updates() == []
    await bot.get_updates(allowed_updates=[], timeout=0)  # back to Telegram's default set
    await emulator.post_message(group.id, resident.id, "送达")
    assert len(emulator.pending_updates()) == 1


async def test_a_second_poller_ends_the_first_with_a_conflict(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await emulator.wait_until(lambda: any(c.status is None for c in emulator.calls("getUpdates")))
    second = make_bot(emulator)
    second_poll = asyncio.create_task(second.get_updates(timeout=10))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, timeout=3)
    await emulator.post_message(group.id, resident.id, "给新的轮询")
    assert len(await asyncio.wait_for(second_poll, timeout=3)) == 1  # the newer poll lives on
    await second.session.close()


async def test_aiogram_confirms_an_update_only_after_its_handler_finished(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    dispatcher = Dispatcher()
    entered, release = asyncio.Event(), asyncio.Event()

    @dispatcher.message()
    async def slow_handler(message: Message) -> None:
        entered.set()
        await release.wait()
        await message.answer("已记录")

    polling = asyncio.create_task(
        dispatcher.start_polling(
            bot,
            handle_as_tasks=False,
            handle_signals=False,
            close_bot_session=False,
            polling_timeout=5,
        )
    )
    await emulator.post_message(group.id, resident.id, "金桥路12号路灯不亮")
    await asyncio.wait_for(entered.wait(), timeout=5)
    update_id = emulator.pending_updates()[0]["update_id"]
    assert emulator.confirmed_offset() <= update_id  # handling, so not confirmed yet

    release.set()
    await emulator.wait_until(lambda: emulator.confirmed_offset() == update_id + 1)
    assert emulator.pending_updates() == []
    assert [m.text for m in emulator.sent_messages(group.id)] == ["已记录"]
    await dispatcher.stop_polling()
    await asyncio.wait_for(polling, timeout=5)
