"""The router tree: group chats only, the road looked up once, specific handlers before the
catch-all that reads ordinary messages."""

from __future__ import annotations

from aiogram import Router

from handlers import buttons, commands, group_messages, group_setup, private_chat
from handlers.filters import in_group, in_private_chat, pressed_in_group
from handlers.middlewares import RoadMiddleware
from tickets.roads import RoadDirectory


def build_router(roads: RoadDirectory) -> Router:
    root = Router(name="streetdesk")
    root.include_routers(_groups(roads), _private())
    return root


def _private() -> Router:
    private = Router(name="private")
    private.message.filter(in_private_chat)
    private.include_router(private_chat.router)
    return private


def _groups(roads: RoadDirectory) -> Router:
    groups = Router(name="groups")
    groups.message.filter(in_group)
    groups.edited_message.filter(in_group)
    groups.callback_query.filter(pressed_in_group)
    middleware = RoadMiddleware(roads)
    groups.message.outer_middleware(middleware)
    groups.edited_message.outer_middleware(middleware)
    groups.callback_query.outer_middleware(middleware)
    # Order matters: commands and buttons first, ordinary messages last.
    groups.include_routers(
        group_setup.router, commands.router, buttons.router, group_messages.router
    )
    return groups
