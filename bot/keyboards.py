"""The buttons under the bot's messages, labelled in the configured language."""

from __future__ import annotations

from datetime import datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.rendering import Renderer
from handlers.callback_data import (
    ButtonAction,
    ExtendButton,
    JoinButton,
    RouteButton,
    TicketButton,
)
from tickets.lifecycle import State
from tickets.model import Ticket
from tickets.triage import choices, in_triage


class Keyboards:
    def __init__(self, renderer: Renderer) -> None:
        self._names = renderer
        self.t = renderer.t

    def card(self, ticket: Ticket) -> InlineKeyboardMarkup | None:
        t = self.t
        number = ticket.number

        def button(label: str, action: ButtonAction) -> InlineKeyboardButton:
            data = TicketButton(action=action, number=number).pack()
            return InlineKeyboardButton(text=t(label), callback_data=data)

        taxonomy = self._names.taxonomy
        if in_triage(ticket, taxonomy):
            # The likely categories first, each a tap away; any other department, or the street
            # office handling it itself, after them.
            rows = [[self._route(ticket, key)] for key in choices(ticket, taxonomy)]
            rows.append([button("button.other_department", ButtonAction.TRANSFER)])
            handle = [button("button.resolve", ButtonAction.RESOLVE)]
            if ticket.state is not State.ACKNOWLEDGED:
                handle.insert(0, button("button.acknowledge", ButtonAction.ACKNOWLEDGE))
            rows.append(handle)
        elif ticket.state in (State.DISPATCHED, State.REOPENED):
            rows = [
                [
                    button("button.acknowledge", ButtonAction.ACKNOWLEDGE),
                    button("button.resolve", ButtonAction.RESOLVE),
                ],
                [button("button.transfer", ButtonAction.TRANSFER)],
            ]
        elif ticket.state is State.ACKNOWLEDGED:
            rows = [
                [
                    button("button.resolve", ButtonAction.RESOLVE),
                    button("button.transfer", ButtonAction.TRANSFER),
                ]
            ]
        elif ticket.state is State.RESOLVED:
            rows = [
                [
                    button("button.confirm", ButtonAction.CONFIRM),
                    button("button.reopen", ButtonAction.REOPEN),
                ]
            ]
        else:
            return None
        return InlineKeyboardMarkup(inline_keyboard=rows)

    def _route(self, ticket: Ticket, category: str) -> InlineKeyboardButton:
        names = self._names
        department = names.department_for(ticket, category)
        label = self.t(
            "button.route",
            department=names.department_name(department),
            category=names.category_short_name(category),
        )
        data = RouteButton(number=ticket.number, category=category).pack()
        return InlineKeyboardButton(text=label, callback_data=data)

    def transfer(self, ticket: Ticket) -> InlineKeyboardMarkup:
        rows = []
        for key in self._names.taxonomy.departments:
            if key == ticket.department:
                continue
            data = TicketButton(
                action=ButtonAction.TRANSFER_TO, number=ticket.number, department=key
            ).pack()
            rows.append(
                [InlineKeyboardButton(text=self._names.department_name(key), callback_data=data)]
            )
        back = TicketButton(action=ButtonAction.BACK, number=ticket.number).pack()
        rows.append([InlineKeyboardButton(text=self.t("button.back"), callback_data=back)])
        return InlineKeyboardMarkup(inline_keyboard=rows)

    def extension(self, ticket: Ticket, due: datetime) -> InlineKeyboardMarkup:
        data = ExtendButton(number=ticket.number, due=int(due.timestamp())).pack()
        return InlineKeyboardMarkup(
            inline_keyboard=[
                [InlineKeyboardButton(text=self.t("extension.approve"), callback_data=data)]
            ]
        )

    def join(self, member_id: int) -> InlineKeyboardMarkup:
        data = JoinButton(member_id=member_id).pack()
        button = InlineKeyboardButton(text=self.t("join.approve"), callback_data=data)
        return InlineKeyboardMarkup(inline_keyboard=[[button]])
