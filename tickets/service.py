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
from tickets.model import Photo, PhotoKind, Ticket
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
        self._taxonomy.category(category)
        now = self._clock.now()
        async with self._uow() as uow:
            same = find_same_problem(
                list(await uow.tickets.open_on_road(road, category)), category, location
            )
            if same is not None:
                same.record(
                    Note.ALSO_REPORTED,
                    by=reporter.user_id,
                    at=now,
                    note=text,
                    photos=photos,
                    data={"name": reporter.name},
                )
                await uow.tickets.save(same)
                await uow.commit()
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
                photos=tuple(Photo(p.file_id, PhotoKind.BEFORE, p.file_unique_id) for p in photos),
                chat_id=chat_id,
                thread_id=thread_id,
            )
            await uow.tickets.add(ticket)
            await uow.commit()
            return ReportOutcome(ticket, created=True)

    # --- moves by people ------------------------------------------------------------------

    async def acknowledge(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._act(
            number,
            actor,
            Action.ACKNOWLEDGE,
            lambda t, now: t.acknowledge(by=actor.user_id, at=now, note=note),
        )

    async def resolve(
        self, number: int, actor: Actor, note: str = "", photos: tuple[Photo, ...] = ()
    ) -> Ticket:
        after = tuple(Photo(p.file_id, PhotoKind.AFTER, p.file_unique_id) for p in photos)
        return await self._act(
            number,
            actor,
            Action.RESOLVE,
            lambda t, now: t.resolve(
                by=actor.user_id,
                at=now,
                note=note,
                photos=after,
                verify_due=now + self._verify_within,
            ),
        )

    async def confirm(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._act(
            number,
            actor,
            Action.CONFIRM,
            lambda t, now: t.confirm(by=actor.user_id, at=now, note=note),
        )

    async def reopen(
        self, number: int, actor: Actor, note: str = "", photos: tuple[Photo, ...] = ()
    ) -> Ticket:
        return await self._act(
            number,
            actor,
            Action.REOPEN,
            lambda t, now: t.reopen(
                by=actor.user_id,
                at=now,
                note=note,
                photos=photos,
                deadlines=deadlines_for(self._taxonomy, self._calendar, t.category, now),
            ),
        )

    async def transfer(self, number: int, actor: Actor, department: str, note: str = "") -> Ticket:
        self._taxonomy.department(department)
        return await self._act(
            number,
            actor,
            Action.TRANSFER,
            lambda t, now: t.transfer(
                by=actor.user_id,
                at=now,
                department=department,
                note=note,
                deadlines=deadlines_for(self._taxonomy, self._calendar, t.category, now),
            ),
        )

    async def extend(self, number: int, actor: Actor, resolve_due: datetime, note: str) -> Ticket:
        return await self._act(
            number,
            actor,
            Action.EXTEND,
            lambda t, now: t.extend(by=actor.user_id, at=now, resolve_due=resolve_due, note=note),
        )

    async def mark_duplicate(self, number: int, actor: Actor, of_number: int) -> Ticket:
        async with self._uow() as uow:
            if await uow.tickets.get(of_number) is None:
                raise TicketNotFound(of_number)
        return await self._act(
            number,
            actor,
            Action.MARK_DUPLICATE,
            lambda t, now: t.mark_duplicate(by=actor.user_id, at=now, of_number=of_number),
        )

    async def reject(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._act(
            number,
            actor,
            Action.REJECT,
            lambda t, now: t.reject(by=actor.user_id, at=now, note=note),
        )

    async def cancel(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._act(
            number,
            actor,
            Action.CANCEL,
            lambda t, now: t.cancel(by=actor.user_id, at=now, note=note),
        )

    async def close(self, number: int, actor: Actor, note: str = "") -> Ticket:
        return await self._act(
            number, actor, Action.CLOSE, lambda t, now: t.close(by=actor.user_id, at=now, note=note)
        )

    # --- reading --------------------------------------------------------------------------

    async def get(self, number: int) -> Ticket:
        async with self._uow() as uow:
            ticket = await uow.tickets.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return ticket

    # --- the shape every move shares ------------------------------------------------------

    async def _act(
        self,
        number: int,
        actor: Actor,
        action: Action,
        move: Callable[[Ticket, datetime], object],
    ) -> Ticket:
        async with self._uow() as uow:
            ticket = await uow.tickets.get(number)
            if ticket is None:
                raise TicketNotFound(number)
            permissions.check(actor, action, ticket)
            move(ticket, self._clock.now())
            await uow.tickets.save(ticket)
            await uow.commit()
            return ticket
