"""/extend N 2d reason: a liaison asks the street chief for more time (延期). The chief decides
with the button under the request (tickets/presses.py)."""

from __future__ import annotations

from tickets.actors import actor_in
from tickets.answers import Answers, extension_length, ticket_number
from tickets.lifecycle import Action, IllegalTransition
from tickets.moves import Moves
from tickets.office import Office
from tickets.permissions import NotAllowed
from tickets.ports import UnitOfWork
from tickets.requests import Outcome, OutcomeKind, Person, Place
from tickets.taxonomy import ClockKind, Road


class Extensions:
    def __init__(self, uow: UnitOfWork, office: Office, moves: Moves, answers: Answers) -> None:
        self._uow = uow
        self._office = office
        self._moves = moves
        self._answers = answers

    async def ask(self, place: Place, road: Road, person: Person, arguments: str) -> Outcome:
        parts = arguments.split(maxsplit=2)
        number = ticket_number(parts[0]) if parts else None
        more = extension_length(parts[1]) if len(parts) > 1 else None
        reason = parts[2].strip() if len(parts) > 2 else ""
        if number is None or more is None or not reason:
            await self._answers.say(place, "extension.usage")
            return Outcome(OutcomeKind.ANSWERED)
        ticket = await self._uow.tickets.get(number)
        if ticket is None or ticket.road != road.name:
            await self._answers.say(place, "ticket.unknown", number=number)
            return Outcome(OutcomeKind.IGNORED)
        actor = await actor_in(self._uow, self._office.taxonomy, road, place.chat_id, person)
        category = self._office.taxonomy.categories.get(ticket.category)
        clock = category.clock if category is not None else ClockKind.WORKING
        due = self._office.calendar.deadline(ticket.resolve_due, more, clock)
        try:
            await self._moves.request_extension(ticket, actor, due, reason)
        except NotAllowed as refused:
            await self._answers.say(place, "extension.refused")
            return Outcome(OutcomeKind.REFUSED, ticket, Action.EXTEND, refusal=refused.refusal)
        except IllegalTransition:
            await self._answers.say(place, "extension.not_now", number=number)
            return Outcome(OutcomeKind.NOT_NOW, ticket, Action.EXTEND)
        return Outcome(OutcomeKind.MOVED, ticket, Action.EXTEND)
