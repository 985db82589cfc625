"""The buttons under a ticket card: one tap for a busy liaison, the same rules as words."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from aiogram import Router
from aiogram.types import CallbackQuery

from handlers.callback_data import ButtonAction, ExtendButton, RouteButton, TicketButton
from handlers.messages_in import button_press
from tickets.desk import Desk
from tickets.lifecycle import Action
from tickets.moves import Move
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.handlers")

_MOVES = {
    ButtonAction.ACKNOWLEDGE: Action.ACKNOWLEDGE,
    ButtonAction.RESOLVE: Action.RESOLVE,
    ButtonAction.CONFIRM: Action.CONFIRM,
    ButtonAction.REOPEN: Action.REOPEN,
    ButtonAction.TRANSFER_TO: Action.TRANSFER,
}
# A due time a button can carry: Unix seconds from 2000 to 2100.
_EARLIEST_DUE, _LATEST_DUE = 946_684_800, 4_102_444_800


async def on_ticket_button(
    query: CallbackQuery, callback_data: TicketButton, road: Road, desk: Desk
) -> None:
    press = button_press(query)
    if press is None:
        return
    number = callback_data.number
    if callback_data.action in (ButtonAction.TRANSFER, ButtonAction.BACK):
        opening = callback_data.action is ButtonAction.TRANSFER
        outcome = await desk.presses.transfer_menu(press, road, number, opening)
    else:
        move = Move(_MOVES[callback_data.action], department=callback_data.department or None)
        outcome = await desk.presses.move(press, road, number, move)
    log.info(
        "button_handled",
        extra={"chat": press.chat_id, "outcome": outcome.kind.value, "ticket": number},
    )


async def on_route_button(
    query: CallbackQuery, callback_data: RouteButton, road: Road, desk: Desk
) -> None:
    """A triage choice: one tap routes the ticket, as a correction of the reading."""
    press = button_press(query)
    if press is None:
        return
    number, cat = callback_data.number, callback_data.category
    outcome = await desk.presses.move(press, road, number, Move(Action.CORRECT, category=cat))
    log.info(
        "button_handled",
        extra={"chat": press.chat_id, "outcome": outcome.kind.value, "ticket": number},
    )


async def on_extend_button(
    query: CallbackQuery, callback_data: ExtendButton, road: Road, desk: Desk
) -> None:
    press = button_press(query)
    if press is None:
        return
    if not _EARLIEST_DUE <= callback_data.due <= _LATEST_DUE:
        await desk.presses.stale(press)
        return
    due = datetime.fromtimestamp(callback_data.due, UTC)
    await desk.presses.approve_extension(press, road, callback_data.number, due)


async def on_unknown_button(query: CallbackQuery, desk: Desk) -> None:
    """Forged data or a button from an older version: say it is stale, change nothing."""
    press = button_press(query)
    if press is not None:
        await desk.presses.stale(press)


def router() -> Router:
    """A new buttons router: a process has one dispatcher, tests build several."""
    built = Router(name="buttons")
    built.callback_query.register(on_ticket_button, TicketButton.filter())
    built.callback_query.register(on_route_button, RouteButton.filter())
    built.callback_query.register(on_extend_button, ExtendButton.filter())
    built.callback_query.register(on_unknown_button)
    return built
