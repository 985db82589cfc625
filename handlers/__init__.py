"""The router tree: group chats only, the road looked up once, specific handlers before the
catch-all that reads ordinary messages."""

from __future__ import annotations

from aiogram import F, Router

from handlers import buttons, commands, group_messages, group_setup, private_chat
from handlers.middlewares import RoadMiddleware
from tickets.roads import RoadDirectory

GROUP_CHATS = {"group", "supergroup"}


def build_router(roads: RoadDirectory) -> Router:
    root = Router(name="streetdesk")
    root.include_routers(_groups(roads), _private())
    return root


def _private() -> Router:
    private = Router(name="private")
    private.message.filter(F.chat.type == "private")
    private.include_router(private_chat.router)
    return private


def _groups(roads: RoadDirectory) -> Router:
    groups = Router(name="groups")
    groups.message.filter(F.chat.type.in_(GROUP_CHATS))
    groups.edited_message.filter(F.chat.type.in_(GROUP_CHATS))
    groups.callback_query.filter(F.message.chat.type.in_(GROUP_CHATS))
    middleware = RoadMiddleware(roads)
    groups.message.outer_middleware(middleware)
    groups.edited_message.outer_middleware(middleware)
    groups.callback_query.outer_middleware(middleware)
    # Order matters: commands and buttons first, ordinary messages last.
    groups.include_routers(
        group_setup.router, commands.router, buttons.router, group_messages.router
    )
    return groups
