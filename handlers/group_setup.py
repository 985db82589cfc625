"""/bind and /unbind a road, /join, /leave and /remove liaisons, and the approval of a join."""

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
from tickets.group_setup import GroupAdmin
from tickets.requests import Person
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.handlers")

# Whether a user is an admin of a group: Telegram's to say (getChatMember), asked by the bot's
# edge and passed in by the dispatcher.
IsAdmin = Callable[[int, int], Awaitable[bool]]


def asking(is_admin: IsAdmin, chat_id: int, user_id: int) -> GroupAdmin:
    """The question, asked only if the desk needs the answer (a stranger's /bind costs no
    call to Telegram)."""

    async def ask() -> bool:
        return await is_admin(chat_id, user_id)

    return ask


async def bind(message: Message, command: CommandObject, desk: Desk, is_admin: IsAdmin) -> None:
    if message.from_user is None or message.from_user.is_bot:
        return
    outcome = await desk.setup.bind(
        place_of(message),
        person(message.from_user),
        command.args or "",
        group_admin=asking(is_admin, message.chat.id, message.from_user.id),
    )
    log.info("bind_handled", extra={"chat": message.chat.id, "outcome": outcome.kind.value})


async def unbind(message: Message, road: Road, desk: Desk, is_admin: IsAdmin) -> None:
    if message.from_user is None or message.from_user.is_bot:
        return
    outcome = await desk.setup.unbind(
        place_of(message),
        person(message.from_user),
        road,
        group_admin=asking(is_admin, message.chat.id, message.from_user.id),
    )
    log.info("unbind_handled", extra={"chat": message.chat.id, "outcome": outcome.kind.value})


async def join(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    if message.from_user is not None and not message.from_user.is_bot:
        await desk.setup.request_join(
            place_of(message), person(message.from_user), command.args or ""
        )


async def leave(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    if message.from_user is not None and not message.from_user.is_bot:
        await desk.setup.leave(
            place_of(message), person(message.from_user), road, command.args or ""
        )


async def remove(
    message: Message, command: CommandObject, road: Road, desk: Desk, is_admin: IsAdmin
) -> None:
    if message.from_user is None or message.from_user.is_bot:
        return
    await desk.setup.remove(
        place_of(message),
        person(message.from_user),
        road,
        command.args or "",
        replied_to=replied_person(message),
        group_admin=asking(is_admin, message.chat.id, message.from_user.id),
    )


def replied_person(message: Message) -> Person | None:
    """Who the message replies to; None for no one, a bot, or a forum's topic (a message in a
    topic "replies" to the topic's first message: that marks the topic, not a person)."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.is_bot:
        return None
    if message.is_topic_message and replied.message_id == message.message_thread_id:
        return None
    return person(replied.from_user)


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
        group_admin=asking(is_admin, press.chat_id, press.presser.user_id),
    )


def router() -> Router:
    """A new group setup router: a process has one dispatcher, tests build several."""
    built = Router(name="group_setup")
    built.message.filter(is_command)  # only commands here: one test, not one per handler
    built.message.register(bind, Command("bind"))
    built.message.register(unbind, Command("unbind"))
    built.message.register(join, Command("join"))
    built.message.register(leave, Command("leave"))
    built.message.register(remove, Command("remove"))
    built.callback_query.register(approve_join, JoinButton.filter())
    return built
