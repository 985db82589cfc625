"""getChat, getChatMember, getChatAdministrators, getChatMemberCount."""

from __future__ import annotations

from typing import Any

from emulator.chats import ChatRecord
from emulator.errors import bad_request
from emulator.membership import Membership
from emulator.methods.registry import MethodContext, api_method
from emulator.params import Params


def _chat(ctx: MethodContext, params: Params) -> ChatRecord:
    chat = ctx.world.find_chat(params.chat_id())
    if chat is None:
        raise bad_request("chat not found")
    return chat


@api_method("getChat")
async def get_chat(ctx: MethodContext, params: Params) -> dict[str, Any]:
    return _chat(ctx, params).full_info_json()


@api_method("getChatMember")
async def get_chat_member(ctx: MethodContext, params: Params) -> dict[str, Any]:
    chat = _chat(ctx, params)
    user_id = params.integer("user_id", required=True)
    assert user_id is not None
    user = ctx.world.user_json(user_id)
    if user is None:
        raise bad_request("user not found")
    if chat.type == "private":
        status = "member" if user_id in (chat.id, ctx.bot.id) else "left"
        return Membership(user_id, status).to_json(user)
    membership = ctx.world.membership(chat, user_id) or Membership(user_id, "left")
    return membership.to_json(user)


@api_method("getChatAdministrators")
async def get_chat_administrators(ctx: MethodContext, params: Params) -> list[dict[str, Any]]:
    chat = _chat(ctx, params)
    if chat.type == "private":
        raise bad_request("there are no administrators in the private chat")
    # The Bot API lists the administrators that aren't bots.
    return [
        membership.to_json(ctx.world.users[user_id].to_json())
        for user_id, membership in chat.members.items()
        if membership.is_admin and not ctx.world.users[user_id].is_bot
    ]


@api_method("getChatMemberCount")
async def get_chat_member_count(ctx: MethodContext, params: Params) -> int:
    chat = _chat(ctx, params)
    if chat.type == "private":
        return 2
    present = {user_id for user_id, member in chat.members.items() if member.present}
    bots_inside = {
        bot.id
        for bot in ctx.world.bots.values()
        if (membership := ctx.world.membership(chat, bot.id)) and membership.present
    }
    return len(present | bots_inside)
