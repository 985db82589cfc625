"""A clerk at the desk, for tests: the moves as one-line calls, each committed in a transaction
of its own, as the processor would commit an update's. Not production code: production goes
through the processor, the handlers and the desk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.database import Database
from tickets.lifecycle import Action
from tickets.model import Photo, Ticket
from tickets.moves import Move, Moves, TicketNotFound
from tickets.office import Office
from tickets.permissions import Actor
from tickets.requests import Place

GROUP = -1001000000001  # 胜利路 in config.example.toml


@dataclass(frozen=True)
class Reported:
    ticket: Ticket
    created: bool


class Clerk:
    def __init__(self, database: Database, office: Office) -> None:
        self._database = database
        self._office = office

    async def report(
        self,
        *,
        road: str = "胜利路",
        category: str,
        text: str,
        location: str | None,
        reporter: Actor,
        photos: tuple[Photo, ...] = (),
        chat_id: int | None = GROUP,
        thread_id: int | None = None,
    ) -> Reported:
        async with self._database.unit_of_work() as uow:
            ticket, created = await Moves(uow, self._office).report(
                road=road,
                category=category,
                text=text,
                location=location,
                reporter=reporter,
                photos=photos,
                place=Place(chat_id or 0, thread_id),
                message_ids=[],
            )
            if chat_id is None:  # a ticket that came from no group (tests of the clocks)
                ticket.chat_id = None
                await uow.tickets.save(ticket)
            await uow.commit()
        return Reported(ticket, created)

    async def move(self, number: int, actor: Actor, move: Move) -> Ticket:
        async with self._database.unit_of_work() as uow:
            ticket = await uow.tickets.get(number)
            if ticket is None:
                raise TicketNotFound(number)
            await Moves(uow, self._office).make(ticket, actor, move)
            await uow.commit()
        return ticket

    async def get(self, number: int) -> Ticket:
        async with self._database.unit_of_work() as uow:
            ticket = await uow.tickets.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return ticket

    async def acknowledge(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self.move(number, actor, Move(Action.ACKNOWLEDGE, note))

    async def resolve(
        self, number: int, actor: Actor, note: str = "", photos: tuple[Photo, ...] = ()
    ) -> Ticket:
        return await self.move(number, actor, Move(Action.RESOLVE, note, photos))

    async def confirm(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self.move(number, actor, Move(Action.CONFIRM, note))

    async def reopen(
        self, number: int, actor: Actor, note: str = "", photos: tuple[Photo, ...] = ()
    ) -> Ticket:
        return await self.move(number, actor, Move(Action.REOPEN, note, photos))

    async def transfer(self, number: int, actor: Actor, department: str, note: str = "") -> Ticket:
        return await self.move(number, actor, Move(Action.TRANSFER, note, department=department))

    async def extend(self, number: int, actor: Actor, due: datetime, note: str) -> Ticket:
        return await self.move(number, actor, Move(Action.EXTEND, note, resolve_due=due))

    async def mark_duplicate(self, number: int, actor: Actor, of_number: int) -> Ticket:
        return await self.move(number, actor, Move(Action.MARK_DUPLICATE, of_number=of_number))

    async def close(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self.move(number, actor, Move(Action.CLOSE, note))
