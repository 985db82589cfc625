"""The ticket service: the one place that turns a request into a checked, recorded move.

It owns the transaction (one unit of work per call), routes reports, computes deadlines, checks
permissions and folds repeated reports into the open ticket. Handlers and the scheduler call it;
it knows nothing of Telegram or SQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tickets import permissions
from tickets.calendar import Calendar
from tickets.clock import Clock
from tickets.duplicates import find_same_problem
from tickets.lifecycle import Action, Note
from tickets.model import Deadlines, Photo, PhotoKind, Ticket
from tickets.permissions import Actor
from tickets.ports import UnitOfWork
from tickets.routing import deadlines_for, responsible_department
from tickets.taxonomy import Taxonomy

DEFAULT_VERIFY_WITHIN = timedelta(hours=24)


class TicketNotFound(LookupError):
    def __init__(self, number: int) -> None:
        super().__init__(f"there is no ticket #{number}")
        self.number = number


@dataclass(frozen=True, slots=True)
class Move:
    """A move a person asks for, with what that move needs."""

    action: Action
    note: str = ""
    photos: tuple[Photo, ...] = ()
    department: str | None = None  # transfer
    resolve_due: datetime | None = None  # extension
    of_number: int | None = None  # duplicate


@dataclass(frozen=True, slots=True)
class ReportOutcome:
    ticket: Ticket
    created: bool  # False: the report repeated an open ticket and was added to it


class TicketService:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        taxonomy: Taxonomy,
        calendar: Calendar,
        clock: Clock,
        verify_within: timedelta = DEFAULT_VERIFY_WITHIN,
    ) -> None:
        self._uow = unit_of_work
        self._taxonomy = taxonomy
        self._calendar = calendar
        self._clock = clock
        self._verify_within = verify_within

    @property
    def calendar(self) -> Calendar:
        return self._calendar

    # --- reports --------------------------------------------------------------------------

    async def report(
        self,
        *,
        road: str,
        category: str,
        text: str,
        location: str | None,
        reporter: Actor,
        photos: tuple[Photo, ...] = (),
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> ReportOutcome:
        """Register a report, or add it to the open ticket of the same problem on this road."""
        async with self._uow() as uow:
            outcome = await self.register_report(
                uow,
                road=road,
                category=category,
                text=text,
                location=location,
                reporter=reporter,
                photos=photos,
                chat_id=chat_id,
                thread_id=thread_id,
            )
            await uow.commit()
            return outcome

    async def register_report(
        self,
        uow: UnitOfWork,
        *,
        road: str,
        category: str,
        text: str,
        location: str | None,
        reporter: Actor,
        photos: tuple[Photo, ...] = (),
        chat_id: int | None = None,
        thread_id: int | None = None,
    ) -> ReportOutcome:
        """`report` inside the caller's transaction; the caller commits."""
        self._taxonomy.category(category)
        now = self._clock.now()
        before = tuple(Photo(p.file_id, PhotoKind.BEFORE, p.file_unique_id) for p in photos)
        candidates = await uow.tickets.open_on_road(road, category)
        same = find_same_problem(list(candidates), category, location)
        if same is not None:
            same = await uow.tickets.get(same.number)  # with its history, to record the repeat
        if same is not None:
            same.record(
                Note.ALSO_REPORTED,
                by=reporter.user_id,
                at=now,
                note=text,
                photos=before,
                data={"name": reporter.name},
            )
            await uow.tickets.save(same)
            return ReportOutcome(same, created=False)
        ticket = Ticket.report(
            number=await uow.tickets.next_number(),
            road=road,
            category=category,
            department=responsible_department(self._taxonomy, category, road),
            text=text,
            location=location,
            reporter_id=reporter.user_id,
            reporter_name=reporter.name,
            at=now,
            deadlines=deadlines_for(self._taxonomy, self._calendar, category, now),
            photos=before,
            chat_id=chat_id,
            thread_id=thread_id,
        )
        await uow.tickets.add(ticket)
        return ReportOutcome(ticket, created=True)

    # --- moves by people ------------------------------------------------------------------

    async def acknowledge(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._commit(Move(Action.ACKNOWLEDGE, note=note), number, actor)

    async def resolve(
        self, number: int, actor: Actor, note: str = "", photos: tuple[Photo, ...] = ()
    ) -> Ticket:
        return await self._commit(Move(Action.RESOLVE, note=note, photos=photos), number, actor)

    async def confirm(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._commit(Move(Action.CONFIRM, note=note), number, actor)

    async def reopen(
        self, number: int, actor: Actor, note: str = "", photos: tuple[Photo, ...] = ()
    ) -> Ticket:
        return await self._commit(Move(Action.REOPEN, note=note, photos=photos), number, actor)

    async def transfer(self, number: int, actor: Actor, department: str, note: str = "") -> Ticket:
        self._taxonomy.department(department)
        move = Move(Action.TRANSFER, note=note, department=department)
        return await self._commit(move, number, actor)

    async def extend(self, number: int, actor: Actor, resolve_due: datetime, note: str) -> Ticket:
        move = Move(Action.EXTEND, note=note, resolve_due=resolve_due)
        return await self._commit(move, number, actor)

    async def mark_duplicate(self, number: int, actor: Actor, of_number: int) -> Ticket:
        return await self._commit(Move(Action.MARK_DUPLICATE, of_number=of_number), number, actor)

    async def reject(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._commit(Move(Action.REJECT, note=note), number, actor)

    async def cancel(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._commit(Move(Action.CANCEL, note=note), number, actor)

    async def close(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._commit(Move(Action.CLOSE, note=note), number, actor)

    async def apply(self, uow: UnitOfWork, ticket: Ticket, actor: Actor, move: Move) -> Ticket:
        """Check and make `move` on `ticket` inside the caller's transaction; the caller commits.

        Raises NotAllowed (wrong person) or IllegalTransition (wrong moment); either way the
        ticket is unchanged.
        """
        permissions.check(actor, move.action, ticket)
        now = self._clock.now()
        by = actor.user_id
        match move.action:
            case Action.ACKNOWLEDGE:
                ticket.acknowledge(by=by, at=now, note=move.note)
            case Action.RESOLVE:
                after = tuple(
                    Photo(p.file_id, PhotoKind.AFTER, p.file_unique_id) for p in move.photos
                )
                ticket.resolve(
                    by=by,
                    at=now,
                    note=move.note,
                    photos=after,
                    verify_due=now + self._verify_within,
                )
            case Action.CONFIRM:
                ticket.confirm(by=by, at=now, note=move.note)
            case Action.REOPEN:
                ticket.reopen(
                    by=by,
                    at=now,
                    note=move.note,
                    photos=move.photos,
                    deadlines=self._deadlines(ticket.category, now),
                )
            case Action.TRANSFER:
                if move.department is None:
                    raise ValueError("a transfer needs the department to transfer to")
                ticket.transfer(
                    by=by,
                    at=now,
                    department=move.department,
                    note=move.note,
                    deadlines=self._deadlines(ticket.category, now),
                )
            case Action.EXTEND:
                if move.resolve_due is None:
                    raise ValueError("an extension needs the new resolve deadline")
                ticket.extend(by=by, at=now, resolve_due=move.resolve_due, note=move.note)
            case Action.MARK_DUPLICATE:
                if move.of_number is None or await uow.tickets.get(move.of_number) is None:
                    raise TicketNotFound(move.of_number or 0)
                ticket.mark_duplicate(by=by, at=now, of_number=move.of_number)
            case Action.REJECT:
                ticket.reject(by=by, at=now, note=move.note)
            case Action.CANCEL:
                ticket.cancel(by=by, at=now, note=move.note)
            case Action.CLOSE:
                ticket.close(by=by, at=now, note=move.note)
            case _:
                raise ValueError(f"{move.action.value} is not a move a person makes")
        await uow.tickets.save(ticket)
        return ticket

    # --- reading --------------------------------------------------------------------------

    async def get(self, number: int) -> Ticket:
        async with self._uow() as uow:
            ticket = await uow.tickets.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return ticket

    # --- helpers -------------------------------------------------------------------------

    def _deadlines(self, category: str, at: datetime) -> Deadlines:
        return deadlines_for(self._taxonomy, self._calendar, category, at)

    async def _commit(self, move: Move, number: int, actor: Actor) -> Ticket:
        async with self._uow() as uow:
            ticket = await uow.tickets.get(number)
            if ticket is None:
                raise TicketNotFound(number)
            await self.apply(uow, ticket, actor, move)
            await uow.commit()
            return ticket
