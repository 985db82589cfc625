"""The ticket repository: Tickets in and out of rows. It adds and queries; the service commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Select, bindparam, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from storage.models import CounterRow, EventRow, PhotoRow, TicketRow
from tickets.lifecycle import OPEN_STATES, Action, Note, State
from tickets.model import CloseReason, Event, Photo, PhotoKind, Ticket

TICKET_NUMBER_COUNTER = "ticket_number"

# Plain columns copied between Ticket and TicketRow under the same name.
_COPIED = (
    "number",
    "road",
    "chat_id",
    "thread_id",
    "category",
    "department",
    "text",
    "location",
    "reporter_id",
    "reporter_name",
    "created_at",
    "dispatched_at",
    "ack_due",
    "resolve_due",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "verify_due",
    "rework_count",
    "transfer_count",
    "extension_count",
    "duplicate_of",
    "next_chase_at",
    "chased_deadline",
    "chase_level",
    "last_reminded_at",
)


# Every column by its attribute, for queries that read rows without building ORM objects; still
# ORM-enabled, so the session flushes pending changes first, as a query for TicketRow would.
_COLUMNS = tuple(getattr(TicketRow, column.key) for column in TicketRow.__table__.columns)
_EVENT_COLUMNS = tuple(getattr(EventRow, column.key) for column in EventRow.__table__.columns)
# Ticket ids per IN (...) when reading histories in bulk: as selectinload does, well inside every
# database's limit on bound parameters.
_IDS_PER_QUERY = 500


# Statements run for most messages, built once: building one costs more than running it here
# (a fifth of a report's time went to constructing the open-tickets query).
_NEXT_NUMBER = (
    update(CounterRow)
    .where(CounterRow.name == TICKET_NUMBER_COUNTER)
    .values(value=CounterRow.value + 1)
    .returning(CounterRow.value)
)
_COUNTER = select(CounterRow.value).where(CounterRow.name == TICKET_NUMBER_COUNTER)

_TICKETS = TicketRow.__table__
_EVENTS = EventRow.__table__
_PHOTOS = PhotoRow.__table__

# A run's read of a road's open tickets of one category (or all of them): plain Core, as the run
# reads it without flushing anyway, and one category's rows, not the road's (each row's dozen
# datetimes cost more than the rest of it).
_OPEN = (
    select(*_TICKETS.c)
    .where(
        _TICKETS.c.road == bindparam("road"),
        _TICKETS.c.state.in_([state.value for state in OPEN_STATES]),
    )
    .order_by(_TICKETS.c.number)
)
_OPEN_IN_CATEGORY = _OPEN.where(_TICKETS.c.category == bindparam("category"))

# A ticket with its events and their photos joined, one statement: a reply to a card reads its
# ticket this way, and three statements (selectinload's) cost three times one here.
_BY_NUMBER = (
    select(TicketRow)
    .options(joinedload(TicketRow.events).joinedload(EventRow.photos))
    .where(TicketRow.number == bindparam("number"))
)

# A ticket's events with their photos, one result row per photo (or one for an event without),
# in the repository's order: the columns `event_from_row` reads, the event's id apart (the
# sender's reads and a run's replied-to tickets: give_history turns them into a history).
HISTORY_COLUMNS = (
    _EVENTS.c.id.label("event_id"),
    _EVENTS.c.kind,
    _EVENTS.c.at,
    _EVENTS.c.by,
    _EVENTS.c.from_state,
    _EVENTS.c.to_state,
    _EVENTS.c.note,
    _EVENTS.c.data,
    _PHOTOS.c.file_id.label("photo_file_id"),
    _PHOTOS.c.kind.label("photo_kind"),
    _PHOTOS.c.file_unique_id.label("photo_file_unique_id"),
)
HISTORY_ORDER = (_EVENTS.c.seq, _PHOTOS.c.id)

# A run's new tickets, events and photos, written at its commit with one executemany each (Core:
# the ORM writes rows whose ids the database generates one INSERT each on SQLite, as it cannot
# match a batch's RETURNING to its rows). The ids come back with the unique keys they belong to,
# so the order of the returned rows does not matter.
_INSERT_TICKETS = insert(_TICKETS).returning(_TICKETS.c.number, _TICKETS.c.id)
_INSERT_EVENTS = insert(_EVENTS)
_INSERT_EVENTS_WITH_IDS = _INSERT_EVENTS.returning(_EVENTS.c.ticket_id, _EVENTS.c.seq, _EVENTS.c.id)
_INSERT_PHOTOS = insert(_PHOTOS)


class RunTickets:
    """What a shared run knows of roads' open tickets: each read once, merged with the
    tickets the run itself added or saved since (those are newer than any row read). The
    tickets it created wait here, with their history, until its commit writes them all."""

    def __init__(self) -> None:
        self._read: dict[tuple[str, str | None], list[Ticket]] = {}  # by (road, category)
        self._changed: dict[str, dict[int, Ticket]] = {}
        # The tickets the run created, by number, as last added or saved (with their history),
        # not yet written; and the ids of those written before the commit (write_queued).
        self._queued: dict[int, Ticket] = {}
        self._written: dict[int, int] = {}
        # Stored tickets the run's replies answer, read with their history at its start, until
        # the run saves them (then they are read again: the session has the change). Never
        # changed (known() hands out copies): a save compares with them, to write only what the
        # run's move changed.
        self._replied: dict[int, Ticket] = {}
        # Ticket numbers: the counter as the run read it, and the last number it handed out.
        self._counter: tuple[int, int] | None = None

    def counter_read(self, value: int) -> None:
        """The counter as the run read it at its start (storage/shared_transaction.py)."""
        self._counter = (value, value)

    async def next_number(self, session: AsyncSession) -> int:
        """The counter is read once per run and written once, at its commit (write_numbers):
        one UPDATE per report was a tenth of a report's time."""
        counter = self._counter
        if counter is None:  # not read at the run's start
            with session.sync_session.no_autoflush:
                value = int(await session.scalar(_COUNTER) or 0)
            counter = (value, value)
        read, last = counter
        self._counter = (read, last + 1)
        return last + 1

    async def write_numbers(self, session: AsyncSession) -> None:
        """Move the counter past the run's numbers, if nobody else moved it meanwhile (another
        process on the same database): then the run fails and is redone one by one, and no two
        tickets share a number."""
        if self._counter is None or self._counter[0] == self._counter[1]:
            return
        read, last = self._counter
        result = await session.execute(
            update(CounterRow)
            .where(CounterRow.name == TICKET_NUMBER_COUNTER, CounterRow.value == read)
            .values(value=last)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise RuntimeError("ticket numbers were handed out elsewhere during this run")

    def queue(self, ticket: Ticket) -> None:
        """Keep a ticket the run created for its commit: a copy, so that a caller changing
        the ticket afterwards without saving it changes nothing, as with a written row."""
        self._queued[ticket.number] = _copy(ticket, with_history=True)
        ticket.stored_events = len(ticket.events)

    def replied_read(self, tickets: Iterable[Ticket]) -> None:
        self._replied.update((ticket.number, ticket) for ticket in tickets)

    def known(self, number: int) -> Ticket | None:
        """A ticket the run created, or one it read for a reply and has not saved since, as
        get() would read it: a copy to move and save."""
        ticket = self._queued.get(number) or self._replied.get(number)
        return None if ticket is None else _copy(ticket, with_history=True)

    def saved_stored(self, number: int) -> dict[str, Any] | None:
        """The run saves a stored ticket: from now on it is read from the session. Returns its
        columns as the run read them at its start, if it did."""
        as_read = self._replied.pop(number, None)
        return None if as_read is None else _row_values(as_read)

    def is_queued(self, number: int) -> bool:
        return number in self._queued

    def queued_on_road(self, road: str, category: str | None) -> list[Ticket]:
        return [
            _copy(ticket, with_history=True)
            for ticket in self._queued.values()
            if ticket.road == road
            and ticket.state in OPEN_STATES
            and category in (None, ticket.category)
        ]

    def written_id(self, number: int) -> int | None:
        return self._written.get(number)

    async def write_queued(self, session: AsyncSession) -> None:
        """Write the run's new tickets, then their events, then the events' photos, one
        executemany each; the run's commit does, and any query that reads tickets in ways the
        run cannot merge with what it holds. Their ids are known from then on."""
        if not self._queued:
            return
        tickets = list(self._queued.values())
        self._queued.clear()
        written = await session.execute(_INSERT_TICKETS, [_row_values(t) for t in tickets])
        ids: dict[int, int] = dict(written.all())  # number -> id, in whatever order they came
        events: list[dict[str, Any]] = []
        photos: list[tuple[int, int, Photo]] = []  # (ticket id, seq, photo)
        for ticket in tickets:
            ticket.id = self._written[ticket.number] = ticket_id = ids[ticket.number]
            for seq, event in enumerate(ticket.events):
                events.append({"ticket_id": ticket_id, "seq": seq, **_event_values(event)})
                photos.extend((ticket_id, seq, photo) for photo in event.photos)
        if not photos:
            await session.execute(_INSERT_EVENTS, events)
            return
        result = await session.execute(_INSERT_EVENTS_WITH_IDS, events)
        event_ids = {(ticket_id, seq): id_ for ticket_id, seq, id_ in result}
        await session.execute(
            _INSERT_PHOTOS,
            [
                {
                    "ticket_id": ticket_id,
                    "event_id": event_ids[(ticket_id, seq)],
                    "file_id": photo.file_id,
                    "file_unique_id": photo.file_unique_id,
                    "kind": photo.kind.value,
                }
                for ticket_id, seq, photo in photos
            ],
        )

    def has_read(self, road: str, category: str | None) -> bool:
        return (road, category) in self._read or (road, None) in self._read

    def changed(self, ticket: Ticket) -> None:
        self._changed.setdefault(ticket.road, {})[ticket.number] = _copy(ticket, with_history=False)

    def open_on_road(
        self, road: str, category: str | None, read_now: list[Ticket] | None
    ) -> list[Ticket]:
        if read_now is not None:
            self._read[(road, category)] = read_now
        # What was read for the whole road covers every category of it.
        read = self._read.get((road, None), self._read.get((road, category), []))
        merged = {ticket.number: ticket for ticket in read}
        merged.update(self._changed.get(road, {}))
        return [
            merged[number]
            for number in sorted(merged)
            if merged[number].state in OPEN_STATES and category in (None, merged[number].category)
        ]


class SqlTicketRepository:
    def __init__(self, session: AsyncSession, run: RunTickets | None = None) -> None:
        """`run`: the open tickets a shared run (storage/shared_transaction.py) read and
        changed, for the repeat-report check."""
        self._session = session
        self._run = run
        # The session's identity map holds rows weakly: once converted to Tickets they would be
        # collected, and save() would SELECT (and autoflush) each one again. Keep them here, by
        # ticket number, for the unit of work's life.
        self._rows: dict[int, TicketRow] = {}
        # In a run: this unit of work queued tickets for the run's commit (see SqlUnitOfWork).
        self.queued = False

    def _ticket(self, row: TicketRow, *, with_history: bool) -> Ticket:
        self._rows[row.number] = row
        return _to_ticket(row, with_history=with_history)

    async def next_number(self) -> int:
        if self._run is not None:
            return await self._run.next_number(self._session)
        # One UPDATE ... RETURNING is atomic on both dialects: no two tickets share a number,
        # and a rolled-back report gives its number back.
        # Without flushing first: what is pending (the run's tickets, events, notices) goes
        # out together at the next query or the commit, in one INSERT per table.
        with self._session.sync_session.no_autoflush:
            result = await self._session.execute(_NEXT_NUMBER)
        return int(result.scalar_one())

    async def add(self, ticket: Ticket) -> None:
        """Not flushed here: the row, its events and photos are written with the transaction's
        next query or its commit. In a shared run they wait for the run's commit and are
        written with the run's other new tickets, one INSERT per table (RunTickets); get(),
        save() and open_on_road() find them meanwhile. `ticket.id` is known once it is
        written; saving the ticket meanwhile finds it by number."""
        if self._run is not None:
            self._run.queue(ticket)
            self._remember_open(ticket)
            self.queued = True
            return
        row = TicketRow()
        _copy_to_row(ticket, row)
        self._session.add(row)
        self._rows[ticket.number] = row
        self._write_new_events(ticket, row)
        self._remember_open(ticket)

    async def get(self, number: int) -> Ticket | None:
        if self._run is not None:
            known = self._run.known(number)
            if known is not None:
                return known
        result = await self._session.execute(_BY_NUMBER, {"number": number})
        row = result.unique().scalar_one_or_none()
        return None if row is None else self._ticket(row, with_history=True)

    async def save(self, ticket: Ticket) -> None:
        if ticket.stored_events < 0:
            raise ValueError(f"ticket #{ticket.number} was read without its history; get() it")
        if self._run is not None and self._run.is_queued(ticket.number):
            self._run.queue(ticket)
            self._remember_open(ticket)
            self.queued = True
            return
        as_read = self._run.saved_stored(ticket.number) if self._run is not None else None
        row = self._rows.get(ticket.number)
        if row is None:
            ticket_id = ticket.id
            if ticket_id is None and self._run is not None:
                ticket_id = self._run.written_id(ticket.number)  # queued, written since
            if ticket_id is None:
                raise ValueError(f"ticket #{ticket.number} was never added")
            row = await self._session.get(TicketRow, ticket_id)
        if row is None:
            raise LookupError(f"ticket #{ticket.number} is not in the database")
        if as_read is None:
            _copy_to_row(ticket, row)
        else:
            # Read at the run's start, up to a run's length ago: on PostgreSQL the clock (another
            # connection or process) may have changed the row since, e.g. recorded a reminder.
            # Writing every column back would undo that; only what this move changed is written.
            for name, value in _row_values(ticket).items():
                if as_read.get(name) != value:
                    setattr(row, name, value)
        self._write_new_events(ticket, row)
        self._remember_open(ticket)

    def _remember_open(self, ticket: Ticket) -> None:
        if self._run is not None:
            self._run.changed(ticket)

    async def _write_queued(self) -> None:
        """Before a query that cannot merge the run's queued tickets with what it reads (none
        runs in a run today: the clock, digests and commands have transactions of their own),
        write them: correct, if a little dearer."""
        if self._run is not None:
            await self._run.write_queued(self._session)

    async def _read_open(self, road: str, category: str | None) -> list[Ticket] | None:
        """A road's open tickets (of a category) as plain rows, once per run, without flushing
        what is pending: the run's own changes come from RunTickets, and a flush here, once per
        report, would write the run's rows one report at a time."""
        if self._run is None or self._run.has_read(road, category):
            return None
        with self._session.sync_session.no_autoflush:  # Core statements flush too
            if category is None:
                rows = await self._session.execute(_OPEN, {"road": road})
            else:
                rows = await self._session.execute(
                    _OPEN_IN_CATEGORY, {"road": road, "category": category}
                )
        return [ticket_from_row(row) for row in rows]

    async def open_on_road(
        self, road: str, category: str | None = None, *, with_history: bool = True
    ) -> Sequence[Ticket]:
        if not with_history and self._run is not None:
            return self._run.open_on_road(road, category, await self._read_open(road, category))
        where = [TicketRow.road == road, TicketRow.state.in_([s.value for s in OPEN_STATES])]
        if category is not None:
            where.append(TicketRow.category == category)
        if not with_history:
            # Plain rows: every report compares itself with the road's open tickets, and
            # loading their histories for that was a tenth of the bot's time under load.
            listed = await self._session.execute(
                select(*_COLUMNS).where(*where).order_by(TicketRow.number)
            )
            return [ticket_from_row(row) for row in listed]
        rows = await self._session.scalars(
            select(TicketRow)
            .where(*where)
            .options(selectinload(TicketRow.events).selectinload(EventRow.photos))
            .order_by(TicketRow.number)
        )
        tickets = [self._ticket(row, with_history=True) for row in rows]
        if self._run is None:
            return tickets
        queued = self._run.queued_on_road(road, category)
        if not queued:
            return tickets
        # The run's new tickets are newer than any row, and not written yet.
        return sorted(tickets + queued, key=lambda ticket: ticket.number)

    async def due_for_chase(
        self, now: datetime, limit: int, place: tuple[int, int | None] | None = None
    ) -> Sequence[Ticket]:
        """Tickets whose next look by the clock sweep is due, the most overdue first; of one
        group (chat, topic) when `place` is given."""
        await self._write_queued()
        query = (
            select(TicketRow)
            .where(TicketRow.next_chase_at <= now)
            .options(selectinload(TicketRow.events).selectinload(EventRow.photos))
            .order_by(TicketRow.next_chase_at, TicketRow.id)
            .limit(limit)
        )
        if place is not None:
            chat_id, thread_id = place
            query = query.where(
                TicketRow.chat_id == chat_id,
                TicketRow.thread_id.is_(None)
                if thread_id is None
                else TicketRow.thread_id == thread_id,
            )
        rows = await self._session.scalars(query)
        return [self._ticket(row, with_history=True) for row in rows]

    async def crowded_places(self, now: datetime, at_least: int) -> list[tuple[int, int | None]]:
        """Groups (chat, topic) with at least `at_least` tickets due a look: after downtime."""
        await self._write_queued()
        rows = await self._session.execute(
            select(TicketRow.chat_id, TicketRow.thread_id)
            .where(TicketRow.next_chase_at <= now, TicketRow.chat_id.is_not(None))
            .group_by(TicketRow.chat_id, TicketRow.thread_id)
            .having(func.count() >= at_least)
        )
        return [(chat_id, thread_id) for chat_id, thread_id in rows]

    async def touched_between(self, road: str, start: datetime, end: datetime) -> Sequence[Ticket]:
        """A road's tickets with anything recorded in [start, end): the digest's day."""
        await self._write_queued()
        touched = select(EventRow.ticket_id).where(EventRow.at >= start, EventRow.at < end)
        return await self._read_with_history(
            select(*_COLUMNS)
            .where(TicketRow.road == road, TicketRow.id.in_(touched))
            .order_by(TicketRow.number)
        )

    async def for_figures(
        self, roads: Sequence[str] | None, start: datetime, end: datetime
    ) -> list[Ticket]:
        """Every ticket that can count in a figure of [start, end): reported before its end and
        not closed before its start (or due inside it)."""
        await self._write_queued()
        query = (
            select(*_COLUMNS)
            .where(
                TicketRow.created_at < end,
                or_(
                    TicketRow.closed_at.is_(None),
                    TicketRow.closed_at >= start,
                    TicketRow.resolve_due >= start,
                ),
            )
            .order_by(TicketRow.number)
        )
        if roads is not None:
            query = query.where(TicketRow.road.in_(list(roads)))
        return await self._read_with_history(query)

    async def list(
        self, *, state: State | None = None, road: str | None = None
    ) -> Sequence[Ticket]:
        """Tickets to show, never to move: without history, so save() refuses them. Read as
        plain rows: the ORM objects nobody saves cost a fifth more, and the morning digest
        lists every open ticket of every road (bench/bench_clocks.py)."""
        await self._write_queued()
        query = select(*_COLUMNS).order_by(TicketRow.number)
        if state is not None:
            query = query.where(TicketRow.state == state.value)
        if road is not None:
            query = query.where(TicketRow.road == road)
        rows = await self._session.execute(query)
        return [ticket_from_row(row) for row in rows]

    async def _read_with_history(self, query: Select[Any]) -> list[Ticket]:
        """Many tickets with their whole history, for reading (the digest, the figures): three
        plain queries (tickets, their events, their photos) and no ORM objects, which cost
        several times the queries themselves when a weekly summary reads thousands of tickets
        (bench/bench_clocks.py). They can still be saved; save() reads the row first."""
        tickets = [ticket_from_row(row) for row in await self._session.execute(query)]
        by_id = {ticket.id: ticket for ticket in tickets}
        ids = list(by_id)
        for first in range(0, len(ids), _IDS_PER_QUERY):
            chunk = ids[first : first + _IDS_PER_QUERY]
            photos: dict[int, list[Photo]] = {}
            for photo in await self._session.execute(
                select(PhotoRow.event_id, PhotoRow.file_id, PhotoRow.kind, PhotoRow.file_unique_id)
                .where(PhotoRow.ticket_id.in_(chunk))
                .order_by(PhotoRow.id)
            ):
                photos.setdefault(photo.event_id, []).append(
                    Photo(photo.file_id, PhotoKind(photo.kind), photo.file_unique_id)
                )
            for row in await self._session.execute(
                select(*_EVENT_COLUMNS)
                .where(EventRow.ticket_id.in_(chunk))
                .order_by(EventRow.ticket_id, EventRow.seq)
            ):
                by_id[row.ticket_id].events.append(event_from_row(row, photos.get(row.id, ())))
        for ticket in tickets:
            ticket.photos = [photo for event in ticket.events for photo in event.photos]
            ticket.stored_events = len(ticket.events)
        return tickets

    def _write_new_events(self, ticket: Ticket, row: TicketRow) -> None:
        """Add the events the ticket gained since it was read. A row not yet written has no id:
        its events and photos hang on it and get their ticket id when it is written. A row read
        with its history gets them in its loaded collection, or a later get() in the same
        session (a shared run's next message) would read the history without them, and give
        the next event a seq already taken. A row read without its history keeps its event
        collection unloaded (loading it would be a query)."""
        in_collection = row.id is None or "events" in row.__dict__  # loaded: without loading it
        for seq, event in enumerate(ticket.new_events(), start=ticket.stored_events):
            photos = [
                PhotoRow(
                    ticket=row,
                    file_id=p.file_id,
                    file_unique_id=p.file_unique_id,
                    kind=p.kind.value,
                )
                for p in event.photos
            ]
            event_row = EventRow(seq=seq, photos=photos, **_event_values(event))
            if in_collection:
                row.events.append(event_row)
            else:
                event_row.ticket_id = row.id
                self._session.add(event_row)
        ticket.stored_events = len(ticket.events)


def _copy_to_row(ticket: Ticket, row: TicketRow) -> None:
    for name, value in _row_values(ticket).items():
        setattr(row, name, value)


def _row_values(ticket: Ticket) -> dict[str, Any]:
    """A ticket's columns as its row holds them: for a row, an executemany, or to compare."""
    values = {name: getattr(ticket, name) for name in _COPIED}
    values["state"] = ticket.state.value
    values["close_reason"] = ticket.close_reason.value if ticket.close_reason else None
    return values


def _event_values(event: Event) -> dict[str, Any]:
    """An event's columns but its ticket id and seq, for an EventRow or an executemany."""
    return {
        "kind": event.kind.value,
        "at": event.at,
        "by": event.by,
        "from_state": event.from_state.value if event.from_state else None,
        "to_state": event.to_state.value if event.to_state else None,
        "note": event.note,
        "data": dict(event.data),
    }


def _to_ticket(row: TicketRow, *, with_history: bool) -> Ticket:
    ticket = Ticket(
        **{name: getattr(row, name) for name in _COPIED},
        state=State(row.state),
        close_reason=CloseReason(row.close_reason) if row.close_reason else None,
        id=row.id,
    )
    if with_history:
        ticket.events = [_to_event(e) for e in row.events]
        ticket.photos = [p for e in ticket.events for p in e.photos]
        ticket.stored_events = len(ticket.events)
    else:
        # Without its history a ticket can be shown but not moved: saving it would be refused.
        ticket.stored_events = -1
    return ticket


def _copy(ticket: Ticket, *, with_history: bool) -> Ticket:
    """The ticket as a read would give it back: with its whole history, all stored, as get()
    reads it; or its fields only, as a plain row shows it (then it cannot be saved)."""
    if not with_history:
        return replace(ticket, photos=[], events=[], stored_events=-1)
    # Events are frozen: the lists are new, the events shared.
    events = list(ticket.events)
    return replace(ticket, photos=list(ticket.photos), events=events, stored_events=len(events))


def ticket_from_row(row: Row[Any]) -> Ticket:
    """A ticket from a plain row, without its history: it can be shown, not saved."""
    values = row._asdict()  # one dict: reading a Row's fields by name one by one costs more
    ticket = Ticket(
        **{name: values[name] for name in _COPIED},
        state=State(values["state"]),
        close_reason=CloseReason(values["close_reason"]) if values["close_reason"] else None,
        id=values["id"],
    )
    ticket.stored_events = -1
    return ticket


def event_from_row(row: Row[Any] | EventRow, photos: Sequence[Photo]) -> Event:
    """An event from a plain row of _EVENT_COLUMNS or from an EventRow, with its photos."""
    kind: Action | Note = (
        Action(row.kind) if row.kind in Action._value2member_map_ else Note(row.kind)
    )
    return Event(
        kind=kind,
        at=row.at,
        by=row.by,
        from_state=State(row.from_state) if row.from_state else None,
        to_state=State(row.to_state) if row.to_state else None,
        note=row.note,
        photos=tuple(photos),
        data=dict(row.data or {}),
    )


def _to_event(row: EventRow) -> Event:
    return event_from_row(
        row, [Photo(p.file_id, PhotoKind(p.kind), p.file_unique_id) for p in row.photos]
    )


def give_history(ticket: Ticket, rows: Iterable[Row[Any]]) -> None:
    """The ticket's events and photos from rows of HISTORY_COLUMNS in HISTORY_ORDER (a row
    without an event: the ticket has none, or it was not asked for)."""
    events = []
    photos: list[Photo] = []
    current: Row[Any] | None = None
    for row in rows:
        if row.event_id is None:
            continue
        if current is not None and row.event_id != current.event_id:
            events.append(event_from_row(current, photos))
            photos = []
        current = row
        if row.photo_file_id is not None:
            photos.append(
                Photo(row.photo_file_id, PhotoKind(row.photo_kind), row.photo_file_unique_id)
            )
    if current is not None:
        events.append(event_from_row(current, photos))
    ticket.events = events
    ticket.photos = [photo for event in events for photo in event.photos]
    ticket.stored_events = len(events)
