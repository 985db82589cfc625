"""getMe and the command menu (setMyCommands, getMyCommands, deleteMyCommands)."""

from __future__ import annotations

import json
import re
from typing import Any

from emulator.errors import bad_request
from emulator.methods.registry import MethodContext, api_method
from emulator.params import Params

SCOPES = {
    "default": (),
    "all_private_chats": (),
    "all_group_chats": (),
    "all_chat_administrators": (),
    "chat": ("chat_id",),
    "chat_administrators": ("chat_id",),
    "chat_member": ("chat_id", "user_id"),
}
COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


@api_method("getMe")
async def get_me(ctx: MethodContext, params: Params) -> dict[str, Any]:
    return ctx.bot.me_json()


def _scope_and_language(ctx: MethodContext, params: Params) -> tuple[str, str]:
    """Commands are kept per (scope, language) exactly; the key is the scope's canonical JSON."""
    scope = params.obj("scope", "BotCommandScope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    canonical: dict[str, Any] = {"type": scope["type"]}
    for field in SCOPES[scope["type"]]:
        if field not in scope:
            raise bad_request(f"{field} is empty")
        canonical[field] = scope[field]
    if "chat_id" in canonical:
        chat = ctx.world.find_chat(canonical["chat_id"])
        if chat is None:
            raise bad_request("chat not found")
        canonical["chat_id"] = chat.id
    language = params.text("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return json.dumps(canonical, sort_keys=True), language


@api_method("setMyCommands")
async def set_my_commands(ctx: MethodContext, params: Params) -> bool:
    commands = params.obj("commands", "commands")
    if commands is None:
        raise bad_request("commands is empty")
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("can't parse commands JSON object")
    checked: list[dict[str, str]] = []
    for command in commands:
        if not isinstance(command, dict):
            raise bad_request("can't parse BotCommand JSON object")
        name, description = command.get("command"), command.get("description")
        if not isinstance(name, str) or not COMMAND.match(name.removeprefix("/")):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        checked.append({"command": name.removeprefix("/"), "description": description})
    key = _scope_and_language(ctx, params)
    if checked:
        ctx.bot.commands[key] = checked
    else:
        ctx.bot.commands.pop(key, None)
    ctx.world.changed.notify()
    return True


@api_method("getMyCommands")
async def get_my_commands(ctx: MethodContext, params: Params) -> list[dict[str, str]]:
    return ctx.bot.commands.get(_scope_and_language(ctx, params), [])


@api_method("deleteMyCommands")
async def delete_my_commands(ctx: MethodContext, params: Params) -> bool:
    ctx.bot.commands.pop(_scope_and_language(ctx, params), None)
    ctx.world.changed.notify()
    return True
