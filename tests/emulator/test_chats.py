"""getChat, members and administrators, and the command menu."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeChat,
    Chat,
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    User,
)

from emulator import Emulator


async def test_get_chat(bot: Bot, group: Chat) -> None:
    info = await bot.get_chat(group.id)
    assert (info.id, info.type, info.title) == (group.id, "supergroup", "金桥路联络群")
    assert str(group.id).startswith("-100")


async def test_members_and_administrators(
    emulator: Emulator, bot: Bot, group: Chat, resident: User
) -> None:
    chief = await emulator.add_user("张", username="zhang")
    deputy = await emulator.add_user("赵")
    stranger = await emulator.add_user("路人")
    await emulator.add_member(group.id, chief.id, status="creator")
    await emulator.add_member(group.id, deputy.id, status="administrator", custom_title="副组长")

    assert isinstance(await bot.get_chat_member(group.id, chief.id), ChatMemberOwner)
    admin = await bot.get_chat_member(group.id, deputy.id)
    assert isinstance(admin, ChatMemberAdministrator) and admin.custom_title == "副组长"
    assert isinstance(await bot.get_chat_member(group.id, resident.id), ChatMemberMember)
    assert isinstance(await bot.get_chat_member(group.id, stranger.id), ChatMemberLeft)
    assert isinstance(await bot.get_chat_member(group.id, 123456789), ChatMemberMember)  # the bot
    with pytest.raises(TelegramBadRequest, match="user not found"):
        await bot.get_chat_member(group.id, 1)

    admins = await bot.get_chat_administrators(group.id)
    assert sorted(member.user.id for member in admins) == sorted([chief.id, deputy.id])
    assert await bot.get_chat_member_count(group.id) == 4  # resident, chief, deputy, the bot


def pairs(commands: list[BotCommand]) -> list[tuple[str, str]]:
    return [(command.command, command.description) for command in commands]


async def test_commands_are_kept_per_scope_and_language(
    emulator: Emulator, bot: Bot, group: Chat
) -> None:
    everywhere = [BotCommand(command="help", description="帮助")]
    in_groups = [BotCommand(command="report", description="报告问题")]
    await bot.set_my_commands(everywhere)
    await bot.set_my_commands(in_groups, scope=BotCommandScopeAllGroupChats(), language_code="zh")
    await bot.set_my_commands(in_groups, scope=BotCommandScopeChat(chat_id=group.id))

    assert pairs(await bot.get_my_commands()) == [("help", "帮助")]
    assert await bot.get_my_commands(scope=BotCommandScopeAllGroupChats()) == []
    zh = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats(), language_code="zh")
    assert pairs(zh) == [("report", "报告问题")]
    assert emulator.commands(scope={"type": "chat", "chat_id": group.id}) == [
        {"command": "report", "description": "报告问题"}
    ]
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Bad Command", description="x")])
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == []
