"""The ticket repository: tickets, their events and photos, in and out of the database.

A ticket read with its history can be moved and saved; one read without it (a listing, a
comparison) can only be shown, and saving it is refused. A save writes the ticket's columns and
the events it gained since it was read, and is refused with `ConcurrentChange` when someone else
saved the ticket meanwhile: the caller's transaction then fails whole and is tried again on the
fresh ticket. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, case, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CounterRow
from storage.rows import (
    EVENTS,
    HISTORY_COLUMNS,
    HISTORY_ORDER,
    PHOTOS,
    TICKETS,
    event_values,
    give_history,
    ticket_from_row,
    ticket_values,
)
from tickets.lifecycle import ACTIVE_STATES, OPEN_STATES, Action, Note, State
from tickets.model import Ticket

TICKET_NUMBER_COUNTER = "ticket_number"
# Ticket ids per IN (...) when reading histories in bulk: well inside every database's limit on
# bound parameters.
_IDS_PER_QUERY = 500
_OPEN_STATES = [state.value for state in OPEN_STATES]
_ACK_RUNNING = [State.DISPATCHED.value, State.REOPENED.value]  # waiting to be acknowledged
_ACTIVE_STATES = [state.value for state in ACTIVE_STATES]


def overdue_at(now: datetime) -> Any:
    """A ticket past a deadline at `now`, as Ticket.overdue says it: the acknowledgement's while
    it waits for one, the resolution's while it is active. The active states stand alone, so
    that an index on (road, state) narrows the read to open tickets before dates are compared."""
    c = TICKETS.c
    return and_(
        c.state.in_(_ACTIVE_STATES),
        or_(and_(c.state.in_(_ACK_RUNNING), c.ack_due < now), c.resolve_due < now),
    )


# The statements every message may run, built once: building one cost more than running it.
# Core tables, not the mapped classes: an ORM-enabled UPDATE works out which loaded objects it
# touches, several times the statement's own cost.
_COUNTERS = CounterRow.__table__
_NEXT_NUMBER = (
    update(_COUNTERS)
    .where(_COUNTERS.c.name == TICKET_NUMBER_COUNTER)
    .values(value=_COUNTERS.c.value + 1)
    .returning(_COUNTERS.c.value)
)
_INSERT_TICKET = insert(TICKETS).returning(TICKETS.c.id)  # its values are the parameters
_INSERT_EVENTS_ONLY = insert(EVENTS)
_INSERT_EVENTS = _INSERT_EVENTS_ONLY.returning(EVENTS.c.seq, EVENTS.c.id)
_INSERT_PHOTOS = insert(PHOTOS)
_SAVE = update(TICKETS).where(
    TICKETS.c.id == bindparam("saved_id"), TICKETS.c.version == bindparam("read_version")
)  # and its SET clause is the parameters' other keys
_WITH_HISTORY = (
    select(*TICKETS.c, *HISTORY_COLUMNS)
    .select_from(
        TICKETS.outerjoin(EVENTS, EVENTS.c.ticket_id == TICKETS.c.id).outerjoin(
            PHOTOS, PHOTOS.c.event_id == EVENTS.c.id
        )
    )
    .where(TICKETS.c.number == bindparam("number"))
    .order_by(*HISTORY_ORDER)
)
_OPEN = (
    select(TICKETS)
    .where(TICKETS.c.road == bindparam("road"), TICKETS.c.state.in_(_OPEN_STATES))
    .order_by(TICKETS.c.number)
)
_OPEN_OF_CATEGORY = _OPEN.where(TICKETS.c.category == bindparam("category"))
_LATEST_REPORT = (
    select(TICKETS.c.number)
    .select_from(TICKETS.join(EVENTS, EVENTS.c.ticket_id == TICKETS.c.id))
    .where(
        TICKETS.c.road == bindparam("road"),
        TICKETS.c.state.in_(_OPEN_STATES),
        EVENTS.c.by == bindparam("user_id"),
        EVENTS.c.at >= bindparam("since", type_=EVENTS.c.at.type),
        EVENTS.c.kind.in_([Action.REPORT.value, Note.ALSO_REPORTED.value, Note.PHOTO_ADDED.value]),
    )
    .order_by(EVENTS.c.at.desc(), EVENTS.c.id.desc())
    .limit(1)
)

# Reports filed in a group since a moment (new tickets and repeats), all and one member's: what
# the flood limits count. One statement: it runs for every report.
_REPORT_COUNTS = (
    select(
        func.count(),
        func.coalesce(func.sum(case((EVENTS.c.by == bindparam("user_id"), 1), else_=0)), 0),
    )
    .select_from(EVENTS.join(TICKETS, TICKETS.c.id == EVENTS.c.ticket_id))
    .where(
        TICKETS.c.chat_id == bindparam("chat_id"),
        EVENTS.c.at >= bindparam("since", type_=EVENTS.c.at.type),
        EVENTS.c.kind.in_([Action.REPORT.value, Note.ALSO_REPORTED.value]),
    )
)


class ConcurrentChange(Exception):
    """The ticket was saved by someone else since it was read: nothing was written."""

    def __init__(self, number: int) -> None:
        super().__init__(f"ticket #{number} changed since it was read; read it again")
        self.number = number


class SqlTickets:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_number(self) -> int:
        """The next ticket number: one UPDATE ... RETURNING, atomic on both dialects, so no two
        tickets share a number and a rolled-back report gives its number back."""
        return int((await self._session.execute(_NEXT_NUMBER)).scalar_one())

    async def add(self, ticket: Ticket) -> None:
        result = await self._session.execute(
            _INSERT_TICKET, {**ticket_values(ticket), "version": 1}
        )
        ticket.id = result.scalar_one()
        ticket.version = 1
        ticket.stored_events = 0
        await self._write_new_events(ticket)

    async def get(self, number: int) -> Ticket | None:
        """The ticket with its whole history, in one statement."""
        rows = (await self._session.execute(_WITH_HISTORY, {"number": number})).all()
        if not rows:
            return None
        return give_history(ticket_from_row(rows[0]), rows)

    async def save(self, ticket: Ticket) -> None:
        """Write the ticket's columns and its new events; `ConcurrentChange` if the stored ticket
        is no longer the one that was read."""
        if ticket.stored_events < 0 or ticket.id is None:
            raise ValueError(f"ticket #{ticket.number} was read without its history; get() it")
        result = await self._session.execute(
            _SAVE,
            {
                **ticket_values(ticket),
                "version": ticket.version + 1,
                "saved_id": ticket.id,
                "read_version": ticket.version,
            },
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise ConcurrentChange(ticket.number)
        ticket.version += 1
        await self._write_new_events(ticket)

    async def open_on_road(self, road: str, category: str | None = None) -> list[Ticket]:
        """A road's open tickets (of one category), oldest first, without their history."""
        if category is None:
            rows = await self._session.execute(_OPEN, {"road": road})
        else:
            rows = await self._session.execute(
                _OPEN_OF_CATEGORY, {"road": road, "category": category}
            )
        return [ticket_from_row(row) for row in rows]

    async def latest_report_by(self, road: str, user_id: int, since: datetime) -> int | None:
        """The open ticket of `road` that `user_id` reported (or reported again, or added a
        photo to) most recently since `since`: a photo sent just after belongs to it."""
        return await self._session.scalar(
            _LATEST_REPORT, {"road": road, "user_id": user_id, "since": since}
        )

    async def report_counts(self, chat_id: int, user_id: int, since: datetime) -> tuple[int, int]:
        """Reports (new tickets and repeats) filed in the group `chat_id` since `since`: by
        anyone, and by `user_id`."""
        params = {"chat_id": chat_id, "user_id": user_id, "since": since}
        in_group, by_member = (await self._session.execute(_REPORT_COUNTS, params)).one()
        return int(in_group), int(by_member)

    async def due_for_chase(
        self, now: datetime, limit: int, place: tuple[int, int | None] | None = None
    ) -> list[Ticket]:
        """Tickets whose next look by the clock sweep is due, the most overdue first, with their
        history (the sweep moves them); of one group (chat, topic) when `place` is given."""
        query = (
            select(TICKETS)
            .where(TICKETS.c.next_chase_at <= now)
            .order_by(TICKETS.c.next_chase_at, TICKETS.c.id)
            .limit(limit)
        )
        if place is not None:
            chat_id, thread_id = place
            query = query.where(
                TICKETS.c.chat_id == chat_id,
                TICKETS.c.thread_id.is_(None)
                if thread_id is None
                else TICKETS.c.thread_id == thread_id,
            )
        return await self._with_histories(query)

    async def crowded_places(self, now: datetime, at_least: int) -> list[tuple[int, int | None]]:
        """Groups (chat, topic) with at least `at_least` tickets due a look: after downtime."""
        rows = await self._session.execute(
            select(TICKETS.c.chat_id, TICKETS.c.thread_id)
            .where(TICKETS.c.next_chase_at <= now, TICKETS.c.chat_id.is_not(None))
            .group_by(TICKETS.c.chat_id, TICKETS.c.thread_id)
            .having(func.count() >= at_least)
        )
        return [(chat_id, thread_id) for chat_id, thread_id in rows]

    async def touched_between(self, road: str, start: datetime, end: datetime) -> list[Ticket]:
        """A road's tickets with anything recorded in [start, end), with their history: the
        digest's day."""
        touched = select(EVENTS.c.ticket_id).where(EVENTS.c.at >= start, EVENTS.c.at < end)
        return await self._with_histories(
            select(TICKETS)
            .where(TICKETS.c.road == road, TICKETS.c.id.in_(touched))
            .order_by(TICKETS.c.number)
        )

    async def for_figures(
        self, roads: Sequence[str] | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        """Every ticket that can count in a figure of [start, end), with its history: reported
        before its end and not closed before its start (or due inside it)."""
        query = (
            select(TICKETS)
            .where(
                TICKETS.c.created_at < end,
                or_(
                    TICKETS.c.closed_at.is_(None),
                    TICKETS.c.closed_at >= start,
                    TICKETS.c.resolve_due >= start,
                ),
            )
            .order_by(TICKETS.c.number)
        )
        if roads is not None:
            query = query.where(TICKETS.c.road.in_(list(roads)))
        return await self._with_histories(query)

    async def overdue_by_department(self, now: datetime) -> dict[str, int]:
        """How many tickets each department has past a deadline at `now`."""
        c = TICKETS.c
        rows = await self._session.execute(
            select(c.department, func.count()).where(overdue_at(now)).group_by(c.department)
        )
        return {department: int(count) for department, count in rows}

    async def list(
        self,
        *,
        state: State | None = None,
        road: str | None = None,
        numbers: Sequence[int] | None = None,
    ) -> list[Ticket]:
        """Tickets by number, to show: of one state, one road, or these numbers; without their
        history."""
        query = select(TICKETS).order_by(TICKETS.c.number)
        if state is not None:
            query = query.where(TICKETS.c.state == state.value)
        if road is not None:
            query = query.where(TICKETS.c.road == road)
        if numbers is not None:
            query = query.where(TICKETS.c.number.in_(list(numbers)))
        return [ticket_from_row(row) for row in await self._session.execute(query)]

    async def _with_histories(self, query: Select[Any]) -> list[Ticket]:
        """The tickets `query` selects, each given its history: the tickets in one statement,
        then their events with photos by a few hundred tickets at a time."""
        tickets = [ticket_from_row(row) for row in await self._session.execute(query)]
        by_id = {ticket.id: ticket for ticket in tickets}
        ids = list(by_id)
        rows: dict[int, list[Any]] = {ticket_id: [] for ticket_id in ids}  # type: ignore[misc]
        for first in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[first : first + _IDS_PER_QUERY]
            for row in await self._session.execute(
                select(EVENTS.c.ticket_id, *HISTORY_COLUMNS)
                .select_from(EVENTS.outerjoin(PHOTOS, PHOTOS.c.event_id == EVENTS.c.id))
                .where(EVENTS.c.ticket_id.in_(chunk))
                .order_by(EVENTS.c.ticket_id, *HISTORY_ORDER)
            ):
                rows[row.ticket_id].append(row)
        for ticket in tickets:
            give_history(ticket, rows[ticket.id])  # type: ignore[index]
        return tickets

    async def _write_new_events(self, ticket: Ticket) -> None:
        """Insert the events the ticket gained since it was read, and their photos."""
        new = ticket.new_events()
        if not new:
            return
        first_seq = ticket.stored_events
        events = [
            {"ticket_id": ticket.id, "seq": seq, **event_values(event)}
            for seq, event in enumerate(new, start=first_seq)
        ]
        if not any(event.photos for event in new):  # nothing needs their ids back
            await self._session.execute(_INSERT_EVENTS_ONLY, events)
            ticket.stored_events = len(ticket.events)
            return
        result = await self._session.execute(_INSERT_EVENTS, events)
        ids = dict(result.all())  # seq -> id, in whatever order they came back
        photos = [
            {
                "ticket_id": ticket.id,
                "event_id": ids[seq],
                "file_id": photo.file_id,
                "file_unique_id": photo.file_unique_id,
                "kind": photo.kind.value,
            }
            for seq, event in enumerate(new, start=first_seq)
            for photo in event.photos
        ]
        if photos:
            await self._session.execute(_INSERT_PHOTOS, photos)
        ticket.stored_events = len(ticket.events)
