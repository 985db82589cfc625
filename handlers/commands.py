"""Commands in a road's group: /report, /help, /status, /ticket, /mine, /stats, /rank, /extend."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from handlers.filters import is_command
from handlers.messages_in import group_message, person, place_of
from tickets.desk import Desk
from tickets.taxonomy import Road


async def report(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    text = (command.args or "").strip()
    if not text:
        await desk.answers.say(place_of(message), "report.usage")
        return
    incoming = group_message(message, text=text, explicit_report=True)
    if incoming is not None:
        await desk.intake.message(incoming, road)


async def help_command(message: Message, desk: Desk) -> None:
    await desk.answers.say(place_of(message), "help")


async def status(message: Message, road: Road, desk: Desk) -> None:
    await desk.answers.status(place_of(message), road)


async def ticket(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    await desk.answers.ticket(place_of(message), road, command.args)


async def mine(message: Message, road: Road, desk: Desk) -> None:
    if message.from_user is not None:
        await desk.answers.mine(place_of(message), road, person(message.from_user))


async def stats_or_rank(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    """This road's figures (/stats) or its departments ranked (/rank) for a period."""
    await desk.answers.figures(
        place_of(message), command.command, command.args, [road.name], road.name
    )


async def extend(message: Message, command: CommandObject, road: Road, desk: Desk) -> None:
    if message.from_user is not None:
        await desk.extensions.ask(
            place_of(message), road, person(message.from_user), command.args or ""
        )


def router() -> Router:
    """A new commands router: a process has one dispatcher, tests build several."""
    built = Router(name="commands")
    built.message.filter(is_command)  # only commands here: one test, not one per handler
    built.message.register(report, Command("report"))
    built.message.register(help_command, Command("help", "start"))
    built.message.register(status, Command("status"))
    built.message.register(ticket, Command("ticket"))
    built.message.register(mine, Command("mine"))
    built.message.register(stats_or_rank, Command("stats", "rank"))
    built.message.register(extend, Command("extend"))
    return built
