"""A private chat with the bot: street chiefs (for their roads) and the street office's admins
(for all roads) ask for the figures and the ledger here; everyone else is pointed to their group."""

from __future__ import annotations

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


def router() -> Router:
    """A new private chat router: a process has one dispatcher, tests build several."""
    built = Router(name="private_chat")
    built.message.register(private_help, Command("start", "help"))
    built.message.register(figures_for_chiefs, Command("stats", "rank", "export"))
    return built
