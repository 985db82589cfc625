"""The buttons under a ticket card: one tap for a busy liaison, the same rules as words."""

from __future__ import annotations

import html
import logging
from datetime import UTC, datetime

from aiogram import Router
from aiogram.types import CallbackQuery, Message, Update

from bot.callbacks import ButtonAction, ExtendButton, TicketButton
from bot.rendering import Renderer
from bot.sender import Sender
from handlers.callback_answers import answer
from handlers.messages_in import sender_of
from tickets.desk import Desk, OutcomeKind
from tickets.lifecycle import Action
from tickets.service import Move
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.handlers")
router = Router(name="buttons")

_MOVES = {
    ButtonAction.ACKNOWLEDGE: Action.ACKNOWLEDGE,
    ButtonAction.RESOLVE: Action.RESOLVE,
    ButtonAction.CONFIRM: Action.CONFIRM,
    ButtonAction.REOPEN: Action.REOPEN,
    ButtonAction.TRANSFER_TO: Action.TRANSFER,
}


@router.callback_query(TicketButton.filter())
async def on_ticket_button(
    query: CallbackQuery,
    callback_data: TicketButton,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
) -> None:
    t = renderer.t
    if not isinstance(query.message, Message):
        await answer(query, t("callback.stale"))
        return
    who = sender_of(query.from_user)
    chat_id = query.message.chat.id
    if callback_data.action in (ButtonAction.TRANSFER, ButtonAction.BACK):
        ticket = await desk.may(
            chat_id=chat_id,
            sender=who,
            road=road,
            number=callback_data.number,
            action=Action.TRANSFER,
        )
        if ticket is None:
            await answer(query, t("refused.transfer"), show_alert=True)
            return
        mode = "transfer" if callback_data.action is ButtonAction.TRANSFER else "card"
        await desk.show_card_buttons(ticket, mode)
        sender.wake()
        await answer(query, t("callback.choose_department") if mode == "transfer" else None)
        return
    move = Move(_MOVES[callback_data.action], department=callback_data.department or None)
    outcome = await desk.press(
        update_id=event_update.update_id,
        chat_id=chat_id,
        sender=who,
        road=road,
        number=callback_data.number,
        move=move,
    )
    sender.wake()
    log.info(
        "button_handled",
        extra={"chat": chat_id, "outcome": outcome.kind.value, "ticket": callback_data.number},
    )
    if outcome.kind is OutcomeKind.REFUSED and outcome.refusal is not None:
        text = renderer.refused(outcome.ticket, outcome.refusal.value, who.name)
        await answer(query, html.unescape(text), show_alert=True)  # alerts are plain text
    elif outcome.kind is OutcomeKind.NOT_NOW and outcome.ticket is not None:
        await answer(
            query,
            t(
                "callback.not_now",
                number=outcome.ticket.number,
                state=t(f"state.{outcome.ticket.state.value}"),
            ),
            show_alert=True,
        )
    elif outcome.kind is OutcomeKind.MOVED:
        await answer(query, t("callback.done"))
    else:
        await answer(query, t("callback.stale"))


@router.callback_query(ExtendButton.filter())
async def on_extend_button(
    query: CallbackQuery,
    callback_data: ExtendButton,
    event_update: Update,
    road: Road,
    desk: Desk,
    sender: Sender,
    renderer: Renderer,
) -> None:
    if not isinstance(query.message, Message):
        await answer(query, renderer.t("callback.stale"))
        return
    outcome = await desk.approve_extension(
        update_id=event_update.update_id,
        chat_id=query.message.chat.id,
        sender=sender_of(query.from_user),
        road=road,
        number=callback_data.number,
        due=datetime.fromtimestamp(callback_data.due, UTC),
    )
    sender.wake()
    if outcome.kind is OutcomeKind.MOVED:
        await answer(query, renderer.t("callback.done"))
    elif outcome.kind is OutcomeKind.REFUSED:
        await answer(query, renderer.t("extension.refused"), show_alert=True)
    else:
        await answer(query, renderer.t("callback.stale"))


@router.callback_query()
async def on_unknown_button(query: CallbackQuery, renderer: Renderer) -> None:
    """Forged data or a button from an older version: say it is stale, change nothing."""
    await answer(query, renderer.t("callback.stale"))
