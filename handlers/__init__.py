"""The router tree: group chats only, the road looked up once; ordinary messages (words or a
photo, not a command) first, as nearly every update is one, then commands and buttons. A text
starting with "/" that no command takes is left alone, not read as a report."""

from __future__ import annotations

from aiogram import Router

from handlers import buttons, commands, group_messages, group_setup, private_chat
from handlers.filters import in_group, in_private_chat, pressed_in_group
from handlers.middlewares import RoadMiddleware


def build_router() -> Router:
    root = Router(name="streetdesk")
    root.include_routers(_groups(), _private())
    return root


def _private() -> Router:
    private = Router(name="private")
    private.message.filter(in_private_chat)
    private.include_router(private_chat.router())
    return private


def _groups() -> Router:
    groups = Router(name="groups")
    groups.message.filter(in_group)
    groups.edited_message.filter(in_group)
    groups.callback_query.filter(pressed_in_group)
    # A group bound to no road hears nothing but a /bind (not an edit of one, nor a button).
    groups.message.outer_middleware(RoadMiddleware(lets_bind_through=True))
    middleware = RoadMiddleware()
    groups.edited_message.outer_middleware(middleware)
    groups.callback_query.outer_middleware(middleware)
    # Ordinary messages first: they are nearly every update, and each router passed on the
    # way costs a propagation. Their filter leaves commands to the command routers.
    groups.include_routers(
        group_messages.router(), group_setup.router(), commands.router(), buttons.router()
    )
    return groups
