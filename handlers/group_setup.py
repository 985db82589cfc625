"""/bind a road to this group, /join as a department's liaison, and the approval of a join."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, Message

from handlers.callback_data import JoinButton
from handlers.filters import is_command
from handlers.messages_in import button_press, person, place_of
from tickets.desk import Desk
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.handlers")

# Whether a user is an admin of a group: Telegram's to say (getChatMember), asked by the bot's
# edge and passed in by the dispatcher.
IsAdmin = Callable[[int, int], Awaitable[bool]]


async def bind(message: Message, command: CommandObject, desk: Desk, is_admin: IsAdmin) -> None:
    if message.from_user is None:
        return
    outcome = await desk.setup.bind(
        place_of(message),
        person(message.from_user),
        command.args or "",
        is_admin=await is_admin(message.chat.id, message.from_user.id),
    )
    log.info("bind_handled", extra={"chat": message.chat.id, "outcome": outcome.kind.value})


async def join(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    if message.from_user is not None:
        await desk.setup.request_join(
            place_of(message), person(message.from_user), command.args or ""
        )


async def approve_join(
    query: CallbackQuery, callback_data: JoinButton, road: Road, desk: Desk, is_admin: IsAdmin
) -> None:
    press = button_press(query)
    if press is None:
        return
    await desk.setup.approve_join(
        press,
        road,
        callback_data.member_id,
        is_admin=await is_admin(press.chat_id, press.presser.user_id),
    )


def router() -> Router:
    """A new group setup router: a process has one dispatcher, tests build several."""
    built = Router(name="group_setup")
    built.message.filter(is_command)  # only commands here: one test, not one per handler
    built.message.register(bind, Command("bind"))
    built.message.register(join, Command("join"))
    built.callback_query.register(approve_join, JoinButton.filter())
    return built
