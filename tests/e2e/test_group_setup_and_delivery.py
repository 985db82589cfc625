"""Setting groups up and getting updates in: topics, /join, privacy mode, webhooks, 5xx, edits."""

from __future__ import annotations

import socket
from pathlib import Path

from emulator import Emulator
from emulator.bot_process import DEMO_BOT_USERNAME, DEMO_TOKEN, BotProcess
from tests.e2e.conftest import CHAT, CHIEF, LIGHTING, NEIGHBOUR, SHOPKEEPER, Stage, write_config
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
        await emulator.wait_until(lambda: not emulator.pending_updates(), timeout=WAIT)
        assert [m for m in emulator.sent_messages(forum) if "#2" in m.body] == []
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


async def test_webhook_mode_answers_only_after_handling_and_checks_the_secret(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = free_port()
    config, _ = write_config(
        tmp_path,
        emulator,
        replacements={
            'mode = "polling"': 'mode = "webhook"',
            'webhook_url = ""': f'webhook_url = "http://127.0.0.1:{port}"',
            "webhook_port = 8080": f"webhook_port = {port}",
            'webhook_secret = ""': 'webhook_secret = "s3cret-hook"',
        },
    )
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator, ready_call="setWebhook")
    try:
        [call] = emulator.calls("setWebhook")
        assert call.params["secret_token"] == "s3cret-hook"
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        await card_for(emulator, 1)
        await emulator.wait_until(lambda: emulator.confirmed_offset() > 0, timeout=WAIT)
        assert "s3cret-hook" not in bot.log_tail(200)
    finally:
        await bot.stop()


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
