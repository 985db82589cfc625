"""Buttons under the bot's messages: one tap for a busy liaison, the same rules as words.

A press names a ticket and what to do; the ticket must be this road's, the presser must be
allowed (permissions), and the ticket in a state for it. Every press is answered (the spinner
stops, and a refusal is said in a short alert), through the outbox like everything the bot says.
"""

from __future__ import annotations

from datetime import datetime

from tickets.actors import actor_in
from tickets.answers import LARGEST_NUMBER
from tickets.lifecycle import Action, IllegalTransition, Note
from tickets.model import Ticket
from tickets.moves import Move, Moves, TicketNotFound
from tickets.notices import Notice, NoticeKind
from tickets.office import Office
from tickets.permissions import Actor, NotAllowed, Refusal, may
from tickets.ports import UnitOfWork
from tickets.requests import ButtonPress, Outcome, OutcomeKind
from tickets.taxonomy import Road
from tickets.triage import category_within, in_triage


class Presses:
    def __init__(self, uow: UnitOfWork, office: Office, moves: Moves) -> None:
        self._uow = uow
        self._office = office
        self._moves = moves

    async def move(self, press: ButtonPress, road: Road, number: int, move: Move) -> Outcome:
        """签收, 已处置, 确认, 还没修好, a transfer or a triage choice by button: the move the
        words make."""
        found = await self._ticket_and_actor(press, road, number)
        if found is None:
            return await self.stale(press)
        ticket, actor = found
        taxonomy = self._office.taxonomy
        if move.action is Action.TRANSFER and (
            move.department not in taxonomy.departments or move.department == ticket.department
        ):
            return await self.stale(press)  # a forged or outdated department
        if move.action is Action.CORRECT and (
            move.category not in taxonomy.categories or not in_triage(ticket, taxonomy)
        ):
            # A forged category, or a triage card's choice once the ticket was routed (two
            # taps at once): the first one counts.
            return await self.stale(press)
        if move.action is Action.TRANSFER and in_triage(ticket, taxonomy):
            # The triage sending the unknown on: a correction of the reading, not a transfer.
            department = str(move.department)
            category = category_within(ticket, taxonomy, department)
            move = Move(Action.CORRECT, category=category, department=department)
        try:
            await self._moves.make(ticket, actor, move)
        except NotAllowed as refused:
            await self.answer(
                press,
                f"refused.{refused.refusal.value}",
                alert=True,
                name=actor.name,
                number=ticket.number,
                department=ticket.department,
            )
            return Outcome(OutcomeKind.REFUSED, ticket, move.action, refusal=refused.refusal)
        except (IllegalTransition, TicketNotFound, ValueError):
            await self.answer(
                press, "callback.not_now", alert=True, number=ticket.number, state=ticket.state
            )
            return Outcome(OutcomeKind.NOT_NOW, ticket, move.action)
        await self._moves.announce(ticket, move.action, actor, reply_to=None)
        await self.answer(press, "callback.done")
        return Outcome(OutcomeKind.MOVED, ticket, move.action)

    async def transfer_menu(
        self, press: ButtonPress, road: Road, number: int, open_: bool
    ) -> Outcome:
        """Swap the card's buttons for the departments to transfer to (or back), for those who
        may transfer it."""
        found = await self._ticket_and_actor(press, road, number)
        if found is None:
            return await self.stale(press)
        ticket, actor = found
        if not may(actor, Action.TRANSFER, ticket) or ticket.is_final or not ticket.is_active:
            await self.answer(press, "refused.transfer", alert=True)
            return Outcome(
                OutcomeKind.REFUSED, ticket, Action.TRANSFER, refusal=Refusal.NOT_IN_CHARGE
            )
        await self._moves.card_update(ticket, mode="transfer" if open_ else "card")
        await self.answer(press, "callback.choose_department" if open_ else None)
        return Outcome(OutcomeKind.ANSWERED, ticket)

    async def approve_extension(
        self, press: ButtonPress, road: Road, number: int, due: datetime
    ) -> Outcome:
        """Only the chief approves; the deadline moves to what the liaison asked for."""
        found = await self._ticket_and_actor(press, road, number)
        if found is None:
            return await self.stale(press)
        ticket, actor = found
        if not actor.is_chief:
            await self.answer(press, "extension.refused", alert=True)
            return Outcome(OutcomeKind.REFUSED, ticket, Action.EXTEND, refusal=Refusal.CHIEF_ONLY)
        # The button carries the requested deadline in whole seconds; the request holds it
        # exactly, with its reason.
        requests = [
            e
            for e in ticket.events
            if e.kind is Note.EXTENSION_REQUESTED
            and int(datetime.fromisoformat(e.data["to_due"]).timestamp()) == int(due.timestamp())
        ]
        requested = datetime.fromisoformat(requests[-1].data["to_due"]) if requests else None
        if requested is None or requested <= ticket.resolve_due:
            return await self.stale(press)
        move = Move(Action.EXTEND, note=requests[-1].note, resolve_due=requested)
        try:
            await self._moves.make(ticket, actor, move)
        except IllegalTransition:
            return await self.stale(press)
        await self._moves.announce(ticket, Action.EXTEND, actor, reply_to=None)
        await self.answer(press, "callback.done")
        return Outcome(OutcomeKind.MOVED, ticket, Action.EXTEND)

    async def stale(self, press: ButtonPress) -> Outcome:
        """A button that no longer means anything here (forged, outdated, another road's)."""
        await self.answer(press, "callback.stale")
        return Outcome(OutcomeKind.IGNORED)

    async def answer(
        self, press: ButtonPress, key: str | None, *, alert: bool = False, **args: object
    ) -> None:
        """Stop the button's spinner, with a short word or alert from the catalogue."""
        await self._uow.outbox.add(
            Notice(
                NoticeKind.BUTTON_ANSWER,
                press.presser.user_id,
                data={
                    "query_id": press.query_id,
                    "key": key,
                    "args": {name: _plain(value) for name, value in args.items()},
                    "alert": alert,
                },
            )
        )

    async def _ticket_and_actor(
        self, press: ButtonPress, road: Road, number: int
    ) -> tuple[Ticket, Actor] | None:
        if not 0 < number <= LARGEST_NUMBER:  # forged: no ticket has that number
            return None
        ticket = await self._uow.tickets.get(number)
        if ticket is None or ticket.road != road.name:
            return None
        await self._uow.people.remember(
            press.presser.user_id, press.presser.name, press.presser.username
        )
        actor = await actor_in(self._uow, self._office.taxonomy, road, press.chat_id, press.presser)
        return ticket, actor


def _plain(value: object) -> object:
    """A value a notice can carry as JSON: enums by their value."""
    return getattr(value, "value", value)
