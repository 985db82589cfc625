"""Commands in a road's group: /report, /help, /status, /ticket, /mine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, Update

from bot.rendering import Person, Renderer
from bot.sender import Sender
from handlers.filters import is_command
from handlers.messages_in import group_message, sender_of
from tickets.assessment import Assessment, Period, window_of
from tickets.desk import Desk, OutcomeKind
from tickets.durations import Duration
from tickets.model import Ticket
from tickets.taxonomy import Road

Now = Callable[[], datetime]
router = Router(name="commands")
router.message.filter(is_command)  # only commands here: one test, not one per handler
STATUS_LIMIT = 15


async def _answer(
    message: Message, update: Update | None, desk: Desk, sender: Sender, html: str
) -> None:
    """Answer through the outbox; `update` None: a move already recorded this update."""
    await desk.say(
        update_id=update.update_id if update else None,
        chat_id=message.chat.id,
        thread_id=message.message_thread_id if message.is_topic_message else None,
        html=html,
        reply_to=message.message_id,
    )
    sender.wake()


@router.message(Command("extend"))
async def extend(
    message: Message,
    command: CommandObject,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
) -> None:
    parts = (command.args or "").split(maxsplit=2)
    try:
        number, more, reason = int(parts[0].lstrip("#")), Duration.parse(parts[1]), parts[2]
    except (IndexError, ValueError):
        await _answer(message, event_update, desk, sender, renderer.t("extension.usage"))
        return
    if message.from_user is None:
        return
    outcome = await desk.request_extension(
        update_id=event_update.update_id,
        chat_id=message.chat.id,
        sender=sender_of(message.from_user),
        road=road,
        number=number,
        more=more,
        reason=reason.strip(),
    )
    if outcome.kind is OutcomeKind.REFUSED:
        await _answer(message, None, desk, sender, renderer.t("extension.refused"))
    elif outcome.kind is OutcomeKind.NOT_NOW:
        await _answer(message, None, desk, sender, renderer.t("extension.not_now", number=number))
    elif outcome.kind is OutcomeKind.IGNORED:
        await _answer(message, None, desk, sender, renderer.t("ticket.unknown", number=number))
    sender.wake()


def _listing(renderer: Renderer, header: str, tickets: list[Ticket], moment: datetime) -> str:
    lines = [renderer.t(header, count=len(tickets))]
    lines += [renderer.status_line(t, moment) for t in tickets[:STATUS_LIMIT]]
    if len(tickets) > STATUS_LIMIT:
        lines.append(renderer.t("status.more", count=len(tickets) - STATUS_LIMIT))
    return "\n".join(lines)


@router.message(Command("report"))
async def report(
    message: Message,
    command: CommandObject,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
) -> None:
    if not (command.args or "").strip():
        await _answer(message, event_update, desk, sender, renderer.t("report.usage"))
        return
    incoming = group_message(
        message, update_id=event_update.update_id, text=command.args or "", explicit_report=True
    )
    await desk.handle(incoming, road)
    sender.wake()


@router.message(Command("help", "start"))
async def help_command(
    message: Message, event_update: Update, desk: Desk, sender: Sender, renderer: Renderer
) -> None:
    await _answer(message, event_update, desk, sender, renderer.t("help"))


@router.message(Command("status"))
async def status(
    message: Message,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
    now: Now,
) -> None:
    tickets = await desk.open_tickets(road)
    if not tickets:
        await _answer(message, event_update, desk, sender, renderer.t("status.none"))
        return
    html = _listing(renderer, "status.header", tickets, now())
    await _answer(message, event_update, desk, sender, html)


@router.message(Command("ticket"))
async def ticket(
    message: Message,
    command: CommandObject,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
    now: Now,
) -> None:
    arg = (command.args or "").strip().lstrip("#")
    if not arg.isdigit():
        await _answer(message, event_update, desk, sender, renderer.t("ticket.usage"))
        return
    found = await desk.ticket(int(arg))
    if found is None or found.road != road.name:
        await _answer(
            message, event_update, desk, sender, renderer.t("ticket.unknown", number=int(arg))
        )
        return
    ids = [e.by for e in found.events if e.by is not None]
    people = {i: Person(i, *n) for i, n in (await desk.names(ids)).items()}
    lines = [
        renderer.card(found, [], people, now()),
        "",
        renderer.t("ticket.history"),
        *renderer.history(found, people),
    ]
    await _answer(message, event_update, desk, sender, "\n".join(lines))


@router.message(Command("mine"))
async def mine(
    message: Message,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
    now: Now,
) -> None:
    if message.from_user is None:
        return
    me = sender_of(message.from_user)
    tickets = await desk.tickets_for(road, message.chat.id, me)
    if not tickets:
        await _answer(message, event_update, desk, sender, renderer.t("mine.none"))
        return
    html = _listing(renderer, "mine.header", tickets, now())
    await _answer(message, event_update, desk, sender, html)


def _period(command: CommandObject) -> Period | None:
    word = (command.args or "week").strip().lower()
    return Period(word) if word in Period._value2member_map_ else None


@router.message(Command("stats", "rank"))
async def stats_or_rank(
    message: Message,
    command: CommandObject,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
    assessment: Assessment,
    now: Now,
) -> None:
    """This road's figures (/stats) or its departments ranked (/rank) for a period."""
    period = _period(command)
    if period is None:
        await _answer(message, event_update, desk, sender, renderer.t("stats.usage"))
        return
    assessed = await assessment.assess(window_of(period, now(), assessment.calendar), [road.name])
    show = renderer.stats if command.command == "stats" else renderer.rank
    await _answer(message, event_update, desk, sender, show(assessed, period, road.name))
