"""The real bot: who may bind a road to a group. A stranger who made a group of his own and is
its admin gets one line saying who may bind, and nothing else, whatever he posts; the real
group hears nothing of it; the street office's admin binds and unbinds."""

from __future__ import annotations

from pathlib import Path

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from tests.e2e.conftest import CHAT, CHIEF, SHOPKEEPER, Stage, everything_said, write_config
from tests.e2e.test_group_loop import WAIT, ledger

OFFICE_ADMIN = 9100  # admin_ids in config.example.toml
STRANGER = 31337
BUILD_CHIEF = 9002
WHO_MAY = "只有街道办管理员"


async def test_a_stranger_group_gets_one_line_and_nothing_else(stage: Stage) -> None:
    emu = stage.emulator
    await emu.add_user("陌生人", user_id=STRANGER)
    await emu.add_user("周", "主任", user_id=OFFICE_ADMIN)
    theirs = (await emu.create_group("假胜利路群")).id
    await emu.add_member(theirs, STRANGER, status="creator")
    await emu.post_command(theirs, STRANGER, "bind", "胜利路")
    own = await emu.post_command(theirs, STRANGER, "bind", "幸福路")
    await emu.post_message(theirs, STRANGER, "胜利路8号门口路灯不亮")
    await emu.post_command(theirs, STRANGER, "status")
    await emu.post_command(theirs, STRANGER, "join", "环卫所")
    await emu.post_command(theirs, STRANGER, "unbind")
    await emu.edit_message(theirs, own.message_id, text="/bind 建设路")  # an edit binds nothing
    # The office's admin binds a new road here; answered, so all before it was dealt with.
    await emu.post_command(theirs, OFFICE_ADMIN, "bind", "建设路")
    await emu.wait_for_message(lambda m: "已绑定" in m.body, chat_id=theirs, timeout=WAIT)
    heard = [m.body for m in emu.sent_messages(theirs)]
    assert len(heard) == 3
    assert WHO_MAY in heard[0] and heard[1] == heard[0]
    assert "建设路" in heard[2]
    # The real group heard nothing; nothing the stranger said became a ticket.
    status = await everything_said(emu, CHAT)
    assert [m.body for m in emu.sent_messages(CHAT)] == [status.body]
    assert ledger(stage) == []
    await emu.post_message(theirs, SHOPKEEPER, "建设路上有个坑，已经好几个人摔了")
    await emu.wait_for_message(lambda m: "#1 ·" in m.body, chat_id=theirs, timeout=WAIT)
    assert [t["road"] for t in ledger(stage)] == ["建设路"]
    await emu.post_command(theirs, OFFICE_ADMIN, "unbind")
    await emu.wait_for_message(lambda m: "不再是" in m.body, chat_id=theirs, timeout=WAIT)


async def test_a_chief_binds_their_own_road_only_as_a_group_admin(
    tmp_path: Path, emulator: Emulator
) -> None:
    extra = f'\n[[roads]]\nname = "建设路"\nchief_ids = [{BUILD_CHIEF}]\n'
    config, _ = write_config(tmp_path, emulator, extra=extra)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await emulator.add_user("刘", "街长", user_id=BUILD_CHIEF)
    group = (await emulator.create_group("建设路联络群")).id
    await emulator.add_member(group, BUILD_CHIEF)  # a member, not an admin yet
    await bot.start(emulator)
    try:
        await emulator.post_command(group, BUILD_CHIEF, "bind", "建设路")
        await emulator.wait_for_message(lambda m: WHO_MAY in m.body, chat_id=group, timeout=WAIT)
        # The chief of 胜利路 is no chief of 建设路, admin or not.
        await emulator.add_member(group, CHIEF, status="administrator")
        await emulator.post_command(group, CHIEF, "bind", "建设路")
        await emulator.add_member(group, BUILD_CHIEF, status="administrator")
        await emulator.post_command(group, BUILD_CHIEF, "bind", "建设路")
        await emulator.wait_for_message(lambda m: "已绑定" in m.body, chat_id=group, timeout=WAIT)
        heard = [m.body for m in emulator.sent_messages(group)]
        assert [WHO_MAY in body for body in heard] == [True, True, False]
    finally:
        await bot.stop()
