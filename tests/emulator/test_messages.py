"""Sending, editing and deleting messages: what Telegram accepts, refuses and records."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramForbiddenError
from aiogram.types import (
    Chat,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyParameters,
    User,
)

from emulator import Emulator
from tests.emulator.conftest import TOKEN


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text=item, callback_data=item) for item in data]]
    )


async def test_html_with_a_user_mention_becomes_a_text_mention(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    html = f'工单 #12 请 <a href="tg://user?id={resident.id}">王小明</a> <b>尽快</b>处理 &lt;急&gt;'
    sent = await bot.send_message(group.id, html, parse_mode="HTML")

    assert sent.text == "工单 #12 请 王小明 尽快处理 <急>"
    assert sent.entities is not None
    mention = next(e for e in sent.entities if e.type == "text_mention")
    assert (mention.offset, mention.length) == (9, 3)
    assert mention.user is not None and mention.user.id == resident.id
    bold = next(e for e in sent.entities if e.type == "bold")
    assert sent.text[bold.offset : bold.offset + bold.length] == "尽快"

    record = emulator.sent_messages(group.id)[0]
    assert record.html == html and record.parse_mode == "HTML"
    assert record.mentioned_user_ids == [resident.id]
    assert record.message_id == sent.message_id


async def test_entity_offsets_count_utf16_units(bot: Bot, group: Chat) -> None:
    sent = await bot.send_message(group.id, "🚧 <b>封路</b>", parse_mode="HTML")
    assert sent.entities is not None
    assert (sent.entities[0].offset, sent.entities[0].length) == (3, 2)  # 🚧 is two units


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>未闭合", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>错</i>", 'Unmatched end tag at byte offset 6, expected "</b>", found "</i>"'),
        ("距离 <br> 五米", 'Unsupported start tag "br" at byte offset 7'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("文字</b>", "Unexpected end tag at byte offset 6"),
    ],
)
async def test_bad_html_is_refused_like_telegram(
    bot: Bot, group: Chat, html: str, reason: str
) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(group.id, html, parse_mode="HTML")
    assert caught.value.message == f"Bad Request: can't parse entities: {reason}"


async def test_text_limits(bot: Bot, group: Chat) -> None:
    await bot.send_message(group.id, "长" * 4096)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(group.id, "长" * 4097)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(group.id, "<b> </b>", parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_refused(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    await bot.send_message(group.id, "ok", reply_markup=keyboard("a" * 64))
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(group.id, "too long", reply_markup=keyboard("工" * 22))  # 66 bytes
    assert caught.value.message == "Bad Request: BUTTON_DATA_INVALID"
    assert len(emulator.sent_messages()) == 1


async def test_a_button_without_an_action_is_refused(emulator: Emulator, group: Chat) -> None:
    markup = {"inline_keyboard": [[{"text": "只有文字"}]]}
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{emulator.base_url}/bot{TOKEN}/sendMessage",
            json={"chat_id": group.id, "text": "x", "reply_markup": markup},
        ) as response,
    ):
        body = await response.json()
    assert response.status == 400
    assert "Text buttons are unallowed in the inline keyboard" in body["description"]


async def test_reply_parameters_and_reply_to_message_id(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    report = await emulator.post_message(group.id, resident.id, "井盖丢了")
    card = await bot.send_message(
        group.id, "已登记", reply_parameters=ReplyParameters(message_id=report.message_id)
    )
    assert card.reply_to_message is not None
    assert card.reply_to_message.text == "井盖丢了"
    legacy = await bot.send_message(group.id, "再次确认", reply_to_message_id=report.message_id)
    assert legacy.reply_to_message is not None
    assert [m.reply_to for m in emulator.sent_messages()] == [report.message_id] * 2

    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(group.id, "x", reply_parameters=ReplyParameters(message_id=999))
    lenient = ReplyParameters(message_id=999, allow_sending_without_reply=True)
    sent = await bot.send_message(group.id, "x", reply_parameters=lenient)
    assert sent.reply_to_message is None


async def test_message_ids_grow_per_chat(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    other = await emulator.create_group("另一个群")
    first = await emulator.post_message(group.id, resident.id, "一")
    second = await bot.send_message(group.id, "二")
    elsewhere = await bot.send_message(other.id, "一")
    assert (first.message_id, second.message_id, elsewhere.message_id) == (1, 2, 1)


async def test_unknown_chat_and_private_chats_the_user_never_opened(
    emulator: Emulator, bot: Bot, resident: User
) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(-100999, "x")
    with pytest.raises(TelegramForbiddenError, match="bot can't initiate conversation"):
        await bot.send_message(resident.id, "你好")
    await emulator.post_private_message(resident.id, "/start")
    sent = await bot.send_message(resident.id, "你好")
    assert sent.chat.type == "private" and sent.chat.id == resident.id


async def test_a_bot_taken_out_of_a_group_cannot_post(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    await emulator.add_member(group.id, 123456789, status="kicked")
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the supergroup chat"):
        await bot.send_message(group.id, "x")


async def test_edit_message_text_keeps_the_history(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    card = await bot.send_message(
        group.id, "<b>待受理</b>", parse_mode="HTML", reply_markup=keyboard("ack")
    )
    edited = await bot.edit_message_text(
        "<b>已受理</b>",
        chat_id=group.id,
        message_id=card.message_id,
        parse_mode="HTML",
        reply_markup=keyboard("done"),
    )
    assert edited.edit_date is not None
    assert not isinstance(edited, bool) and edited.text == "已受理"

    record = emulator.sent_messages(group.id)[0]
    assert record.text == "已受理" and record.callback_data == ["done"]
    assert [revision.text for revision in record.history] == ["待受理"]
    assert record.history[0].raw_text == "<b>待受理</b>"
    assert record.history[0].reply_markup == keyboard("ack").model_dump(exclude_none=True)


async def test_an_edit_that_changes_nothing_is_refused(bot: Bot, group: Chat) -> None:
    card = await bot.send_message(group.id, "待受理", reply_markup=keyboard("ack"))
    with pytest.raises(TelegramBadRequest, match="message is not modified: specified new"):
        await bot.edit_message_text(
            "待受理", chat_id=group.id, message_id=card.message_id, reply_markup=keyboard("ack")
        )
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(
            chat_id=group.id, message_id=card.message_id, reply_markup=keyboard("ack")
        )


async def test_editing_text_without_a_keyboard_removes_the_keyboard(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    card = await bot.send_message(group.id, "待受理", reply_markup=keyboard("ack"))
    edited = await bot.edit_message_text("待受理", chat_id=group.id, message_id=card.message_id)
    assert not isinstance(edited, bool) and edited.reply_markup is None
    assert emulator.sent_messages()[0].buttons == []
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=group.id, message_id=card.message_id)


async def test_a_bot_edits_only_its_own_messages(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    report = await emulator.post_message(group.id, resident.id, "井盖丢了")
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("改", chat_id=group.id, message_id=report.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("改", chat_id=group.id, message_id=404)


async def test_delete_message(emulator: Emulator, bot: Bot, group: Chat, resident: User) -> None:
    card = await bot.send_message(group.id, "临时")
    assert await bot.delete_message(group.id, card.message_id) is True
    assert emulator.sent_messages()[0].deleted
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(group.id, card.message_id)
    report = await emulator.post_message(group.id, resident.id, "广告")
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(group.id, report.message_id)
    await emulator.add_member(group.id, 123456789, status="administrator")
    assert await bot.delete_message(group.id, report.message_id) is True


async def test_reply_keyboards_are_accepted_but_not_echoed(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    sent = await bot.send_message(group.id, "请回复地址", reply_markup=ForceReply())
    assert sent.reply_markup is None  # a Message only carries inline keyboards
    assert emulator.sent_messages()[0].reply_markup == {"force_reply": True}


async def test_forum_topics(emulator: Emulator, bot: Bot, resident: User) -> None:
    forum = await emulator.create_group("街道工作群", is_forum=True)
    topic = await emulator.create_topic(forum.id, "路灯")
    posted = await emulator.post_message(forum.id, resident.id, "路灯坏了", thread_id=topic)
    assert posted.message_thread_id == topic and posted.is_topic_message

    card = await bot.send_message(forum.id, "已登记", message_thread_id=topic)
    assert card.message_thread_id == topic and card.is_topic_message
    # Telegram's quirk: a message in a topic "replies" to the topic's opening service message.
    assert card.reply_to_message is not None
    assert card.reply_to_message.forum_topic_created is not None
    reply = await bot.send_message(
        forum.id, "收到", reply_parameters=ReplyParameters(message_id=posted.message_id)
    )
    assert reply.message_thread_id == topic  # a reply stays in its topic
    with pytest.raises(TelegramBadRequest, match="message thread not found"):
        await bot.send_message(forum.id, "x", message_thread_id=999)
    assert [m.thread_id for m in emulator.sent_messages(forum.id)] == [topic, topic]


async def test_send_chat_action(bot: Bot, group: Chat) -> None:
    assert await bot.send_chat_action(group.id, "typing") is True
    with pytest.raises(TelegramBadRequest, match="wrong parameter action"):
        await bot.send_chat_action(group.id, "dancing")


async def test_form_encoded_and_json_bodies_are_equivalent(emulator: Emulator, group: Chat) -> None:
    markup = '{"inline_keyboard": [[{"text": "受理", "callback_data": "ack"}]]}'
    url = f"{emulator.base_url}/bot{TOKEN}/sendMessage"
    async with aiohttp.ClientSession() as http:
        async with http.post(
            url, data={"chat_id": str(group.id), "text": "表单", "reply_markup": markup}
        ) as response:
            form = await response.json()
        async with http.post(
            url, json={"chat_id": group.id, "text": "JSON", "reply_markup": markup}
        ) as response:
            as_json = await response.json()
        async with http.get(url, params={"chat_id": str(group.id), "text": "查询串"}) as response:
            query = await response.json()
    assert form["ok"] and as_json["ok"] and query["ok"]
    assert form["result"]["reply_markup"] == as_json["result"]["reply_markup"]
    assert [m.text for m in emulator.sent_messages()] == ["表单", "JSON", "查询串"]
    sent = emulator.calls("sendMessage")[0]
    assert sent.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ack"
