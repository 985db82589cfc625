"""One transaction that a run of updates joins: how intake keeps up with a busy morning.

Handling a group message alone costs a transaction and several statements (its update id, the
sender's roles, held photos), and under load those statements, not the reading, were the bot's
time. A run of plain group messages from one getUpdates batch therefore shares one transaction: the
run's update ids already handled, the ticket counter, the approved roles in its groups and who
holds photos are read in one statement at its start, and the tickets its replies answer in a
second; the update ids are written once at the end, with everything else the run caused (new
tickets, links, notices, the counter), in one commit. Either the whole run is committed or none of
it is, so "an update's effects and its id commit together" still holds; the caller redoes a failed
run one update at a time (see bot/batch_polling.py).

Units of work opened by the task that owns the run join it instead of opening their own; any other
task (the sender, the clock) still gets its own transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import (
    BigInteger,
    Row,
    Select,
    String,
    bindparam,
    cast,
    literal,
    null,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.engine import close_whatever_happens
from storage.message_links import SqlMessageLinks
from storage.models import (
    CounterRow,
    EventRow,
    MemberRow,
    MessageLinkRow,
    OutboxRow,
    PendingPhotoRow,
    PhotoRow,
    ProcessedUpdateRow,
    TicketRow,
)
from storage.outbox import SqlOutbox, row_values
from storage.tickets import (
    HISTORY_COLUMNS,
    HISTORY_ORDER,
    TICKET_NUMBER_COUNTER,
    RunTickets,
    give_history,
    ticket_from_row,
)
from tickets.clock import Clock
from tickets.notices import Notice
from tickets.ports import ApprovedRoles
from tickets.roles import Role


def _preloaded(source: str, *columns: Any) -> Select[Any]:
    """One part of _PRELOAD: its source's name and up to four columns, the rest NULL."""
    padding = (BigInteger, BigInteger, String, String)[len(columns) :]
    return select(
        literal(source, String).label("source"),
        *columns,
        *(cast(null(), type_) for type_ in padding),
    )


# What every message of a run would have read, read at its start in one statement (each
# statement is a round trip to the database's thread, dearer than the rows): the run's update ids
# already handled, the ticket counter, the approved roles in its groups and who holds photos.
_MEMBERS = MemberRow.__table__
_HOLDERS = PendingPhotoRow.__table__
_PRELOAD = union_all(
    _preloaded("handled", ProcessedUpdateRow.__table__.c.update_id).where(
        ProcessedUpdateRow.__table__.c.update_id.in_(bindparam("update_ids", expanding=True))
    ),
    _preloaded("counter", CounterRow.__table__.c.value).where(
        CounterRow.__table__.c.name == TICKET_NUMBER_COUNTER
    ),
    _preloaded(
        "member", _MEMBERS.c.chat_id, _MEMBERS.c.user_id, _MEMBERS.c.role, _MEMBERS.c.department
    ).where(
        _MEMBERS.c.chat_id.in_(bindparam("chat_ids", expanding=True)),
        _MEMBERS.c.confirmed_by.is_not(None),
    ),
    _preloaded("holder", _HOLDERS.c.chat_id, _HOLDERS.c.user_id).where(
        _HOLDERS.c.chat_id.in_(bindparam("chat_ids", expanding=True))
    ),
)

# The tickets the run's replies answer, with their histories, in one statement at the run's
# start: a reply cost a statement for its link and another for its ticket.
_LINKS = MessageLinkRow.__table__
_TICKETS = TicketRow.__table__
_REPLIED = (
    select(
        _LINKS.c.chat_id.label("link_chat_id"),
        _LINKS.c.message_id.label("link_message_id"),
        *_TICKETS.c,
        *HISTORY_COLUMNS,
    )
    .select_from(
        _LINKS.join(_TICKETS, _TICKETS.c.id == _LINKS.c.ticket_id)
        .outerjoin(EventRow.__table__, EventRow.__table__.c.ticket_id == _TICKETS.c.id)
        .outerjoin(PhotoRow.__table__, PhotoRow.__table__.c.event_id == EventRow.__table__.c.id)
    )
    .where(tuple_(_LINKS.c.chat_id, _LINKS.c.message_id).in_(bindparam("replies", expanding=True)))
    .order_by(_TICKETS.c.number, _LINKS.c.chat_id, _LINKS.c.message_id, *HISTORY_ORDER)
)

_current: ContextVar[SharedTransaction | None] = ContextVar(
    "streetdesk_shared_transaction", default=None
)


class SharedTransaction:
    """The session a run of updates shares, and what was read once for all of them."""

    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self.session = session
        self._clock = clock
        self._owner = asyncio.current_task()
        self._handled: set[int] = set()  # update ids committed before this run
        self._claimed: list[int] = []  # update ids this run handles, in order
        self.spoiled = False  # a unit of work left changes uncommitted: redo the run singly
        # (chat id, user id) -> approved roles, for every confirmed member of the run's chats
        self.roles: dict[tuple[int, int], ApprovedRoles] = {}
        self.role_chats: frozenset[int] = frozenset()
        # roads' open tickets, for the repeat-report check (storage/tickets.py)
        self.open_tickets = RunTickets()
        # (chat id, message id) -> (ticket number, kind): links written with the commit
        self.pending_links: dict[tuple[int, int], tuple[int, str]] = {}
        # (chat id, message id) -> ticket number or None, of the messages the run's replies
        # answer, as stored when the run began
        self.replied_links: dict[tuple[int, int], int | None] = {}
        # notices to send, as outbox rows, written with the commit in the order they were added
        self.pending_notices: list[dict[str, Any]] = []
        # (chat id, user id) that hold photos waiting for their words
        self.photo_holders: set[tuple[int, int]] = set()

    async def load(
        self,
        update_ids: Iterable[int],
        chat_ids: Iterable[int],
        replies: Iterable[tuple[int, int]] = (),
    ) -> None:
        """What the run's messages would each have read, read once, in one statement; and in
        another, if some reply to a message, the tickets those messages belong to."""
        chats = sorted(set(chat_ids))
        self.role_chats = frozenset(chats)
        grouped: dict[tuple[int, int], tuple[set[str], bool]] = {}
        counter = 0
        rows = await self.session.execute(
            _PRELOAD, {"update_ids": sorted(set(update_ids)), "chat_ids": chats}
        )
        for source, first, second, role, department in rows:
            if source == "handled":
                self._handled.add(first)
            elif source == "counter":
                counter = first
            elif source == "holder":
                self.photo_holders.add((first, second))
            else:  # a confirmed member
                departments, chief = grouped.get((first, second), (set(), False))
                if role == Role.LIAISON.value and department:
                    departments.add(department)
                grouped[(first, second)] = (departments, chief or role == Role.CHIEF.value)
        self.roles = {
            key: ApprovedRoles(frozenset(departments), chief)
            for key, (departments, chief) in grouped.items()
        }
        self.open_tickets.counter_read(int(counter or 0))
        replied = sorted(set(replies))
        if replied:
            await self._load_replied(replied)

    async def _load_replied(self, replies: list[tuple[int, int]]) -> None:
        self.replied_links = dict.fromkeys(replies)
        # Rows come by ticket, then by message: a ticket two replies answer (its report and
        # its card, say) has its history once per message; it is read from the first.
        histories: dict[int, tuple[tuple[int, int], list[Row[Any]]]] = {}
        for row in await self.session.execute(_REPLIED, {"replies": replies}):
            message = (row.link_chat_id, row.link_message_id)
            self.replied_links[message] = row.number
            first, rows = histories.setdefault(row.number, (message, []))
            if first == message:
                rows.append(row)
        tickets = []
        for _, rows in histories.values():
            ticket = ticket_from_row(rows[0])
            give_history(ticket, rows)
            tickets.append(ticket)
        self.open_tickets.replied_read(tickets)

    def first_time(self, update_id: int) -> bool:
        """As ProcessedUpdates.first_time, from what the run read at its start."""
        if update_id in self._handled:
            return False
        self._handled.add(update_id)
        self._claimed.append(update_id)
        return True

    def joinable(self) -> bool:
        return asyncio.current_task() is self._owner

    async def commit(self) -> None:
        """Write what the run left pending (tickets, events, notices: one INSERT per table), its
        message links and its update ids, and commit."""
        insert = (
            postgresql_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        )
        await self.open_tickets.write_numbers(self.session)
        await self.open_tickets.write_queued(self.session)  # the run's new tickets
        await self.session.flush()  # the tickets first: links find them by number
        if self.pending_links:
            source = select(
                bindparam("chat_id", type_=BigInteger),
                bindparam("message_id", type_=BigInteger),
                TicketRow.id,
                bindparam("kind", type_=String(16)),
            ).where(TicketRow.number == bindparam("number"))
            await self.session.execute(
                insert(MessageLinkRow.__table__)
                .from_select(["chat_id", "message_id", "ticket_id", "kind"], source)
                .on_conflict_do_nothing(index_elements=["chat_id", "message_id"]),
                [
                    {"chat_id": chat, "message_id": message, "number": number, "kind": kind}
                    for (chat, message), (number, kind) in self.pending_links.items()
                ],
            )
        if self.pending_notices:
            # One executemany: the ORM would write them one INSERT each on SQLite, which
            # cannot return generated ids for a batch in order.
            await self.session.execute(insert(OutboxRow.__table__), self.pending_notices)
        if self._claimed:
            now = self._clock.now()
            await self.session.execute(
                insert(ProcessedUpdateRow.__table__).on_conflict_do_nothing(
                    index_elements=["update_id"]
                ),
                [{"update_id": update_id, "processed_at": now} for update_id in self._claimed],
            )
        await self.session.commit()


class SharedProcessedUpdates:
    """ProcessedUpdates for a unit of work that joined a run."""

    def __init__(self, transaction: SharedTransaction) -> None:
        self._transaction = transaction

    async def first_time(self, update_id: int) -> bool:
        return self._transaction.first_time(update_id)


class SharedMessageLinks:
    """MessageLinks for a unit of work that joined a run: links wait for the run's commit, so
    linking does not flush the run's pending rows report by report (it was an INSERT ... SELECT
    that needed the ticket written). A message already linked keeps its first ticket: the
    first link in the run, or the one in the database (the commit's ON CONFLICT DO NOTHING)."""

    def __init__(
        self,
        links: SqlMessageLinks,
        pending: dict[tuple[int, int], tuple[int, str]],
        replied: dict[tuple[int, int], int | None],
    ):
        self._links = links
        self._pending = pending
        self._replied = replied  # read when the run began

    async def link(self, chat_id: int, message_id: int, ticket_number: int, kind: str) -> None:
        self._pending.setdefault((chat_id, message_id), (ticket_number, kind))

    async def ticket_number_for(self, chat_id: int, message_id: int) -> int | None:
        if (chat_id, message_id) in self._replied:
            stored = self._replied[(chat_id, message_id)]
        else:
            stored = await self._links.ticket_number_for(chat_id, message_id)
        if stored is not None:
            return stored
        pending = self._pending.get((chat_id, message_id))
        return None if pending is None else pending[0]

    def __getattr__(self, name: str) -> object:
        return getattr(self._links, name)  # the rest reads what is stored


class SharedOutbox:
    """Outbox for a unit of work that joined a run: notices wait for the run's commit (they are
    only ever read by the sender, after it)."""

    def __init__(self, outbox: SqlOutbox, pending: list[dict[str, Any]], clock: Clock):
        self._outbox = outbox
        self._pending = pending
        self._clock = clock

    async def add(self, notice: Notice) -> None:
        self._pending.append(row_values(notice, self._clock.now()))

    def __getattr__(self, name: str) -> object:
        return getattr(self._outbox, name)


def joinable_transaction() -> SharedTransaction | None:
    """The run this task is handling, if any."""
    transaction = _current.get()
    return transaction if transaction is not None and transaction.joinable() else None


@asynccontextmanager
async def shared_transaction(
    sessions: async_sessionmaker[AsyncSession],
    clock: Clock,
    *,
    update_ids: Iterable[int],
    chat_ids: Iterable[int],
    replies: Iterable[tuple[int, int]] = (),
) -> AsyncIterator[SharedTransaction]:
    """Units of work this task opens inside join one transaction; commit() commits them all,
    leaving without it rolls all of them back."""
    session = sessions()
    token = None
    try:
        transaction = SharedTransaction(session, clock)
        await transaction.load(update_ids, chat_ids, replies)
        token = _current.set(transaction)
        yield transaction
    finally:
        if token is not None:
            _current.reset(token)
        await close_whatever_happens(session)
