"""Playing the users: what each bot gets when people post, edit, tap buttons, write privately."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Update, User

from emulator import Emulator
from tests.emulator.conftest import TOKEN, make_bot

QUIET_TOKEN = "777:privacyModeOnBot"


@pytest.fixture
async def quiet(emulator: Emulator) -> AsyncIterator[Bot]:
    """A second bot with privacy mode on, Telegram's default."""
    emulator.add_bot(QUIET_TOKEN, username="quiet_bot")
    tg = make_bot(emulator, QUIET_TOKEN)
    yield tg
    await tg.session.close()


async def texts(bot: Bot) -> list[str]:
    updates = await bot.get_updates(timeout=0)
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    return [u.message.text or "" for u in updates if u.message]


async def test_privacy_mode_shows_a_bot_only_commands_and_replies_to_it(
    emulator: Emulator, quiet: Bot, group: Chat, resident: User
) -> None:
    await emulator.post_message(group.id, resident.id, "普通聊天")
    await emulator.post_command(group.id, resident.id, "status")
    await emulator.post_command(group.id, resident.id, "status", bot_username="streetdesk_bot")
    own = await quiet.send_message(group.id, "我是quiet")
    await emulator.post_message(group.id, resident.id, "回复quiet", reply_to=own.message_id)
    assert await texts(quiet) == ["/status", "回复quiet"]

    await emulator.add_member(group.id, 777, status="administrator")  # admins see everything
    await emulator.post_message(group.id, resident.id, "管理员看得到")
    assert await texts(quiet) == ["管理员看得到"]


async def test_a_command_carries_its_entity(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    posted = await emulator.post_command(group.id, resident.id, "report", args="金桥路 路灯")
    assert posted.text == "/report 金桥路 路灯"
    assert posted.entities is not None
    assert (posted.entities[0].type, posted.entities[0].length) == ("bot_command", 7)


async def test_photos_albums_forwards_and_locations(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    other = await emulator.add_user("李")
    await emulator.post_album(group.id, resident.id, photos=3, caption="三张照片")
    forwarded = await emulator.post_message(group.id, resident.id, "转发的", forward=other.id)
    place = await emulator.post_message(group.id, resident.id, location=(31.2304, 121.4737))
    updates = await bot.get_updates()
    messages = [u.message for u in updates if u.message]
    assert len(messages) == 5
    assert len({m.media_group_id for m in messages[:3]}) == 1
    assert messages[0].caption == "三张照片" and messages[1].caption is None
    assert forwarded.forward_origin is not None and forwarded.forward_origin.type == "user"
    assert place.location is not None and place.location.latitude == pytest.approx(31.2304)


async def test_an_edit_arrives_as_edited_message(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    posted = await emulator.post_message(group.id, resident.id, "金桥路12号")
    await emulator.edit_message(group.id, posted.message_id, text="金桥路21号")
    updates = await bot.get_updates()
    assert updates[1].edited_message is not None
    assert updates[1].edited_message.text == "金桥路21号"
    assert updates[1].edited_message.edit_date is not None
    assert [r.text for r in emulator.chat_log(group.id)[0].history] == ["金桥路12号"]


async def test_pressing_a_button_and_answering_the_callback(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="受理", callback_data="ack:12")]]
    )
    card = await bot.send_message(group.id, "工单12", reply_markup=markup)
    query_id = await emulator.press_button(group.id, resident.id, card.message_id, "ack:12")
    updates = await bot.get_updates()
    query = updates[-1].callback_query
    assert query is not None and query.id == query_id
    assert query.data == "ack:12" and query.from_user.id == resident.id
    assert query.message is not None and query.message.message_id == card.message_id

    assert await bot.answer_callback_query(query_id, text="已受理", show_alert=True)
    [answer] = emulator.answered_callbacks
    assert (answer.callback_query_id, answer.text, answer.show_alert) == (query_id, "已受理", True)
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(ValueError, match="no button with callback_data"):
        await emulator.press_button(group.id, resident.id, card.message_id, "nope")


async def test_private_messages_reach_only_their_bot(
    emulator: Emulator, bot: Bot, quiet: Bot, resident: User
) -> None:
    posted = await emulator.post_private_message(resident.id, "/start", bot="quiet_bot")
    assert posted.chat.type == "private" and posted.chat.id == resident.id
    assert await texts(quiet) == ["/start"]
    assert await texts(bot) == []


async def test_raw_updates_of_any_type(emulator: Emulator, bot: Bot) -> None:
    update_id = await emulator.post_raw_update({"future_update_kind": {"x": 1}})
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{emulator.base_url}/bot{TOKEN}/getUpdates") as response,
    ):
        body = await response.json()
    assert body["result"] == [{"update_id": update_id, "future_update_kind": {"x": 1}}]
    kept = await emulator.post_raw_update({"update_id": 5, "message": {}})
    assert kept == 5


async def test_every_update_validates_as_aiogram_types(
    emulator: Emulator, bot: Bot, resident: User
) -> None:
    forum = await emulator.create_group("街道工作群", is_forum=True)
    topic = await emulator.create_topic(forum.id, "井盖", user_id=resident.id)
    posted = await emulator.post_message(forum.id, resident.id, photo=True, thread_id=topic)
    await emulator.post_message(forum.id, resident.id, "回复", reply_to=posted.message_id)
    await emulator.post_message(forum.id, resident.id, document=("清单.pdf", b"%PDF-1.4"))
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{emulator.base_url}/bot{TOKEN}/getUpdates") as response,
    ):
        raw = (await response.json())["result"]
    updates = [Update.model_validate(item) for item in raw]
    created = updates[0].message
    assert created is not None and created.forum_topic_created is not None
    reply = updates[2].message
    assert reply is not None and reply.message_thread_id == topic and reply.is_topic_message
    document = updates[3].message
    assert document is not None and document.document is not None
    assert document.document.mime_type == "application/pdf"
