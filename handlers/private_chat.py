"""A private chat with the bot: street chiefs (for their roads) and the street office's admins
(for all roads) ask for the figures and the ledger here; everyone else is pointed to their group."""

from __future__ import annotations

from collections.abc import Callable

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from handlers.messages_in import place_of
from tickets.desk import Desk


async def private_help(message: Message, desk: Desk) -> None:
    await desk.answers.say(place_of(message), "private.help")


async def figures_for_chiefs(message: Message, command: CommandObject, desk: Desk) -> None:
    if message.from_user is None:
        return
    place = place_of(message)
    mine = desk.answers.roads_of(message.from_user.id, await desk.roads.all())
    if mine is None:
        await desk.answers.say(place, "private.not_chief")
        return
    scope = mine[0] if len(mine) == 1 else ""  # "" : the catalogue's word for all one's roads
    if command.command == "export":
        await desk.answers.export(place, command.args, mine, scope)
    else:
        await desk.answers.figures(place, command.command, command.args, mine, scope)


async def web_sign_in_link(
    message: Message,
    desk: Desk,
    web_link_for: Callable[[int], str] | None = None,
    web_link_minutes: int = 0,
) -> None:
    """/web: a one-time link to the web desk, for those the config lets see something there
    (the office's admins, the street chiefs, the department heads)."""
    if message.from_user is None:
        return
    place = place_of(message)
    if web_link_for is None:  # the desk is off in this deployment
        await desk.answers.say(place, "private.help")
        return
    user_id = message.from_user.id
    heads = desk.office.taxonomy.departments.values()
    chief_or_admin = desk.answers.roads_of(user_id, await desk.roads.all()) is not None
    if not chief_or_admin and not any(user_id in d.head_ids for d in heads):
        await desk.answers.say(place, "web.not_allowed")
        return
    await desk.answers.say(place, "web.link", link=web_link_for(user_id), minutes=web_link_minutes)


def router() -> Router:
    """A new private chat router: a process has one dispatcher, tests build several."""
    built = Router(name="private_chat")
    built.message.register(private_help, Command("start", "help"))
    built.message.register(figures_for_chiefs, Command("stats", "rank", "export"))
    built.message.register(web_sign_in_link, Command("web"))
    return built
