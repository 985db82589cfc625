"""Setting groups up and getting updates in: topics, /join, /bind across a restart, privacy mode,
webhooks (and posts to one without its secret), 5xx, edits."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp

from emulator import Emulator
from emulator.bot_process import DEMO_BOT_USERNAME, DEMO_TOKEN, BotProcess
from tests.e2e.conftest import (
    CHAT,
    CHIEF,
    LIGHTING,
    NEIGHBOUR,
    SHOPKEEPER,
    Stage,
    everything_said,
    write_config,
)
from tests.e2e.test_group_loop import WAIT, card_for, ledger


async def test_mentioning_the_bot_is_an_explicit_report(stage: Stage) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, f"@{DEMO_BOT_USERNAME} 这里有点情况，麻烦看一下")
    card = await card_for(emu, 1)
    assert "其他" in card.body  # nothing matched a category: the street office triages it
    assert ledger(stage)[0]["department"] == "street_office"


async def test_an_edit_rereads_a_report_that_nobody_took_yet(stage: Stage) -> None:
    emu = stage.emulator
    report = await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.edit_message(CHAT, report.message_id, text="胜利路8号门口井盖丢了")
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "井盖" in m.body, chat_id=CHAT, timeout=WAIT
    )
    assert ledger(stage)[0]["category"] == "manhole"


async def test_a_liaison_who_joins_in_chat_can_act_once_approved(stage: Stage) -> None:
    emu = stage.emulator
    newcomer = (await emu.add_user("小陈", username="chen_lamp", user_id=5099)).id
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.post_command(CHAT, newcomer, "join", "lighting")
    request = await emu.wait_for_message(lambda m: "申请成为" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.press_button(CHAT, NEIGHBOUR, request.message_id, request.callback_data[0])
    await emu.wait_until(
        lambda: [a for a in emu.answered_callbacks if a.show_alert], timeout=WAIT
    )  # a shopkeeper may not approve
    await emu.press_button(CHAT, CHIEF, request.message_id, request.callback_data[0])
    await emu.wait_for_message(lambda m: "已成为" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_message(CHAT, newcomer, "收到", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已签收" in m.body, chat_id=CHAT, timeout=WAIT
    )


async def test_a_group_bound_in_chat_is_still_bound_after_a_restart(stage: Stage) -> None:
    emu = stage.emulator
    other = (await emu.create_group("建设路联络群")).id
    # A road the config does not know: only the street office's admins (admin_ids) add one.
    office_admin = (await emu.add_user("周", "主任", user_id=9100)).id
    await emu.post_command(other, office_admin, "bind", "建设路")
    await emu.wait_for_message(lambda m: "已绑定" in m.body, chat_id=other, timeout=WAIT)
    assert await stage.bot.stop() == 0  # a deployment's restart
    await stage.bot.start(emu)
    await emu.post_message(other, SHOPKEEPER, "建设路上有个坑，已经好几个人摔了")
    card = await emu.wait_for_message(lambda m: "#1 ·" in m.body, chat_id=other, timeout=WAIT)
    assert "市政设施养护中心" in card.body
    assert [t["road"] for t in ledger(stage)] == ["建设路"]


async def test_a_road_can_be_one_topic_of_a_forum_group(tmp_path: Path, emulator: Emulator) -> None:
    forum = (await emulator.create_group("区联络总群", chat_id=-1003000000000, is_forum=True)).id
    topic = await emulator.create_topic(forum, "建设路")
    other_topic = await emulator.create_topic(forum, "闲聊")
    extra = f'\n[[roads]]\nname = "建设路"\nchat_id = {forum}\nthread_id = {topic}\n'
    config, _ = write_config(tmp_path, emulator, extra=extra)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        await emulator.post_message(forum, SHOPKEEPER, "建设路上有个坑", thread_id=topic)
        card = await emulator.wait_for_message(
            lambda m: "#1 ·" in m.body, chat_id=forum, timeout=WAIT
        )
        assert card.thread_id == topic  # what the bot says about the road stays in its topic
        await emulator.post_message(
            forum, SHOPKEEPER, "建设路上还有个坑，好深", thread_id=other_topic
        )
        # Another topic of the same group is not the road's: once the road's /status is
        # answered, the bot has said all it was going to about that message, which is nothing.
        status = await everything_said(emulator, forum, thread_id=topic)
        assert "未结工单 1 张" in status.body and status.thread_id == topic
        assert [m.body for m in emulator.sent_messages(forum)] == [card.body, status.body]
    finally:
        await bot.stop()


async def test_a_bot_that_cannot_read_the_group_says_so(tmp_path: Path) -> None:
    async with Emulator(host="127.0.0.1", port=0) as emu:
        emu.add_bot(DEMO_TOKEN, username=DEMO_BOT_USERNAME, can_read_all_group_messages=False)
        await emu.create_group("胜利路联络群", chat_id=CHAT)
        config, _ = write_config(tmp_path, emu)
        bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
        await bot.start(emu)
        try:
            warning = await emu.wait_for_message(
                lambda m: "看不到群里的普通消息" in m.body, chat_id=CHAT, timeout=WAIT
            )
            assert "隐私模式" in warning.body
        finally:
            await bot.stop()
        assert "cannot_read_group" in bot.log_tail(200)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SECRET = "s3cret-hook"


def webhook_mode(port: int) -> dict[str, str]:
    """Config replacements: updates by webhook on `port`, with SECRET."""
    return {
        'mode = "polling"': 'mode = "webhook"',
        'webhook_url = ""': f'webhook_url = "http://127.0.0.1:{port}"',
        "webhook_port = 8080": f"webhook_port = {port}",
        'webhook_secret = ""': f'webhook_secret = "{SECRET}"',
    }


async def test_webhook_mode_gives_telegram_the_secret_and_takes_its_updates(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = free_port()
    config, _ = write_config(tmp_path, emulator, replacements=webhook_mode(port))
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator, ready_call="setWebhook")
    try:
        [call] = emulator.calls("setWebhook")
        assert call.params["secret_token"] == SECRET
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        await card_for(emulator, 1)
        await emulator.wait_until(lambda: emulator.confirmed_offset() > 0, timeout=WAIT)
        assert SECRET not in bot.log_tail(200)
    finally:
        await bot.stop()


async def test_a_post_to_the_webhook_without_the_secret_is_refused_and_changes_nothing(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = free_port()
    config, _ = write_config(tmp_path, emulator, replacements=webhook_mode(port))
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator, ready_call="setWebhook")
    report = {
        "update_id": 990001,
        "message": {
            "message_id": 990001,
            "date": 1763431200,
            "chat": {"id": CHAT, "type": "supergroup", "title": "胜利路联络群"},
            "from": {"id": SHOPKEEPER, "is_bot": False, "first_name": "王"},
            "text": "胜利路8号门口路灯不亮",
        },
    }

    async def post(headers: dict[str, str]) -> int:
        # Anyone who finds the address can post to it: only Telegram knows the secret.
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"http://127.0.0.1:{port}/webhook", json=report, headers=headers) as answer,
        ):
            return answer.status

    try:
        assert await post({}) == 401
        assert await post({"X-Telegram-Bot-Api-Secret-Token": ""}) == 401
        assert await post({"X-Telegram-Bot-Api-Secret-Token": "a-guess"}) == 401
        # The bot goes on taking Telegram's own updates, and none of those made a ticket.
        status = await everything_said(emulator, CHAT)
        assert "没有未结工单" in status.body
        assert [m.body for m in emulator.sent_messages(CHAT)] == [status.body]
        # The same update with the secret is a report like any other: it was the secret.
        assert await post({"X-Telegram-Bot-Api-Secret-Token": SECRET}) == 200
        await card_for(emulator, 1)
    finally:
        await bot.stop()
    assert bot.log_tail(100_000).count("webhook_secret_wrong") == 3


async def test_server_errors_are_retried_until_the_card_goes_out(stage: Stage) -> None:
    emu = stage.emulator
    await emu.fail_next("sendMessage", times=2, error_code=500)
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    await card_for(emu, 1)
    failed = [c for c in emu.calls("sendMessage") if c.status == 500]
    assert len(failed) == 2
    assert "telegram_unavailable" in stage.bot.log_tail(200)


async def test_an_extension_is_asked_in_chat_and_granted_by_the_chiefs_button(
    stage: Stage,
) -> None:
    emu = stage.emulator
    await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.post_message(CHAT, LIGHTING, "收到", reply_to=card.message_id)
    await emu.wait_for_message(lambda m: "已签收" in m.body, chat_id=CHAT, timeout=WAIT)
    await emu.post_command(CHAT, LIGHTING, "extend", "1 2d 等灯杆配件")
    request = await emu.wait_for_message(lambda m: "申请 #1" in m.body, chat_id=CHAT, timeout=WAIT)
    assert "@chief_zhang" in request.body and "等灯杆配件" in request.body
    await emu.press_button(CHAT, LIGHTING, request.message_id, request.callback_data[0])
    await emu.wait_until(lambda: [a for a in emu.answered_callbacks if a.show_alert], timeout=WAIT)
    await emu.press_button(CHAT, CHIEF, request.message_id, request.callback_data[0])
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已延期 1 次" in m.body,
        chat_id=CHAT,
        timeout=WAIT,
    )
