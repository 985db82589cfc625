"""The outbox: notices written with the move that caused them, sent later by the sender.

The sender takes the oldest due rows, marks each sent (with the message id Telegram gave back),
postpones it after a 429 or a network error, or gives up on it for good after a permanent refusal.

What the sender reads for each message is read here as plain rows by prebuilt Core statements,
not as ORM objects: it runs once per message Telegram gets, and under load the bot is CPU-bound.
An ORM statement costs 0.4-0.7 ms of CPU here; a prebuilt Core one about half, and a ticket read
with its history through selectinload (three statements, three kinds of objects) cost 3.5 ms,
a third of what a card cost (bench/bench_sender.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, literal, null, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    EventRow,
    MemberRow,
    MessageLinkRow,
    OutboxRow,
    PersonRow,
    PhotoRow,
    TicketRow,
)

# The ticket repository's own converters from plain rows and its history columns, so a ticket
# read here is the same Ticket the repository would give (one of each, not two that drift apart).
from storage.tickets import HISTORY_COLUMNS, HISTORY_ORDER, give_history, ticket_from_row
from tickets.clock import Clock
from tickets.model import Ticket
from tickets.notices import Notice
from tickets.roles import Role

_OUTBOX = OutboxRow.__table__
_TICKETS = TicketRow.__table__
_LINKS = MessageLinkRow.__table__
_EVENTS = EventRow.__table__
_PHOTOS = PhotoRow.__table__
_PEOPLE = PersonRow.__table__
_MEMBERS = MemberRow.__table__
_NEWER = _OUTBOX.alias("newer")

# The outbox columns the sender reads, named apart from the ticket's (both have id, chat_id...).
_ROW_COLUMNS = (
    "id",
    "chat_id",
    "thread_id",
    "kind",
    "ticket_number",
    "reply_to",
    "payload",
    "attempts",
)


def _latest_card(column: Any) -> Any:
    """A column of the ticket's latest card message: what a card update edits, what a reminder
    answers (the same choice as the last of `SqlMessageLinks.messages_of(number, "card")`)."""
    return (
        select(column)
        .where(_LINKS.c.ticket_id == _TICKETS.c.id, _LINKS.c.kind == "card")
        .order_by(_LINKS.c.message_id.desc())
        .limit(1)
        .scalar_subquery()
    )


# One statement for an unsent row, its ticket as it stands and what a card update needs to know:
# which message is the card, and whether a newer update of it is waiting (then this one is not
# sent); both ride along as correlated subqueries on indexed columns, cheaper than statements.
# For the kinds in `history_of` the ticket's history comes with it: one result row per event and
# photo, the rest repeated (a card has a handful; a statement costs more than the repeats).
_TO_SEND = (
    select(
        *(_OUTBOX.c[name].label(f"outbox_{name}") for name in _ROW_COLUMNS),
        *_TICKETS.c,
        _latest_card(_LINKS.c.chat_id).label("card_chat_id"),
        _latest_card(_LINKS.c.message_id).label("card_message_id"),
        exists()
        .where(
            _NEWER.c.ticket_number == _OUTBOX.c.ticket_number,
            _NEWER.c.kind == _OUTBOX.c.kind,
            _NEWER.c.id > _OUTBOX.c.id,
            _NEWER.c.sent_at.is_(None),
            _NEWER.c.failed_at.is_(None),
        )
        .label("superseded"),
        *HISTORY_COLUMNS,
    )
    .select_from(
        _OUTBOX.outerjoin(_TICKETS, _TICKETS.c.number == _OUTBOX.c.ticket_number)
        .outerjoin(
            _EVENTS,
            and_(
                _EVENTS.c.ticket_id == _TICKETS.c.id,
                _OUTBOX.c.kind.in_(bindparam("history_of", expanding=True)),
            ),
        )
        .outerjoin(_PHOTOS, _PHOTOS.c.event_id == _EVENTS.c.id)
    )
    .where(
        _OUTBOX.c.id == bindparam("row_id"),
        _OUTBOX.c.sent_at.is_(None),
        _OUTBOX.c.failed_at.is_(None),
    )
    .order_by(*HISTORY_ORDER)
)

_HISTORY = (
    select(*HISTORY_COLUMNS)
    .select_from(_EVENTS.outerjoin(_PHOTOS, _PHOTOS.c.event_id == _EVENTS.c.id))
    .where(_EVENTS.c.ticket_id == bindparam("ticket_id"))
    .order_by(*HISTORY_ORDER)
)

_TICKETS_BY_NUMBER = select(_TICKETS).where(
    _TICKETS.c.number.in_(bindparam("numbers", expanding=True))
)

_QUEUED = (
    select(_OUTBOX.c.id, _OUTBOX.c.chat_id, _OUTBOX.c.kind)
    .where(
        _OUTBOX.c.sent_at.is_(None),
        _OUTBOX.c.failed_at.is_(None),
        _OUTBOX.c.not_before <= bindparam("now"),
    )
    .order_by(_OUTBOX.c.id)
    .limit(bindparam("limit"))
)

_MARK_SENT = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("row_id"))
    .values(
        sent_at=bindparam("at"),
        message_id=bindparam("message_id"),
        attempts=_OUTBOX.c.attempts + 1,
    )
)

# Names of people by id; and, when a group and department are given, that department's approved
# liaisons in the group with their names, in the order SqlMembers.liaisons_in gives them (the same
# rows: tests/bot/test_sender_reads.py holds the two together). One statement instead of two.
_NAMED = select(
    literal(False).label("member"),
    _PEOPLE.c.user_id,
    _PEOPLE.c.full_name,
    _PEOPLE.c.username,
    null().label("member_id"),
).where(_PEOPLE.c.user_id.in_(bindparam("ids", expanding=True)))
_LIAISONS_NAMED = union_all(
    _NAMED,
    select(
        literal(True).label("member"),
        _MEMBERS.c.user_id,
        _PEOPLE.c.full_name,
        _PEOPLE.c.username,
        _MEMBERS.c.id.label("member_id"),
    )
    .select_from(_MEMBERS.outerjoin(_PEOPLE, _PEOPLE.c.user_id == _MEMBERS.c.user_id))
    .where(
        _MEMBERS.c.chat_id == bindparam("chat_id"),
        _MEMBERS.c.department == bindparam("department"),
        _MEMBERS.c.role == Role.LIAISON.value,
        _MEMBERS.c.confirmed_by.is_not(None),
    ),
).order_by("member", "member_id")


@dataclass(frozen=True, slots=True)
class Queued:
    """A due row as the sender queues it: what it needs to pick a worker and pace it."""

    id: int
    chat_id: int
    kind: str


@dataclass(slots=True)
class ToSend:
    """An unsent row as the sender reads it right before sending it, with its ticket (without
    its history until `SqlOutbox.read_history` adds it)."""

    id: int
    chat_id: int
    thread_id: int | None
    kind: str
    ticket_number: int | None
    reply_to: int | None
    payload: dict[str, Any]
    attempts: int
    ticket: Ticket | None
    card: tuple[int, int] | None  # (chat, message id) of the ticket's latest card, if posted
    superseded: bool  # a newer row of the same kind for the same ticket is waiting


@dataclass(frozen=True, slots=True)
class Named:
    liaisons: list[int]  # the department's approved liaisons in the group, by their approval
    names: dict[int, tuple[str, str | None]]  # user id -> (full name, username), of those seen


def row_values(notice: Notice, now: datetime) -> dict[str, Any]:
    """An outbox row's columns for a notice written now, due at once."""
    return {
        "chat_id": notice.chat_id,
        "thread_id": notice.thread_id,
        "kind": notice.kind.value,
        "ticket_number": notice.ticket_number,
        "reply_to": notice.reply_to,
        "payload": dict(notice.data),
        "created_at": now,
        "not_before": now,
        "attempts": 0,
    }


class SqlOutbox:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, notice: Notice) -> None:
        self._session.add(OutboxRow(**row_values(notice, self._clock.now())))

    async def due(self, now: datetime, limit: int = 100) -> Sequence[OutboxRow]:
        """Unsent rows whose time has come, oldest first (the order people said things in)."""
        rows = await self._session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.sent_at.is_(None),
                OutboxRow.failed_at.is_(None),
                OutboxRow.not_before <= now,
            )
            .order_by(OutboxRow.id)
            .limit(limit)
        )
        return list(rows)

    async def pending_count(self) -> int:
        return int(
            await self._session.scalar(
                select(func.count())
                .select_from(OutboxRow)
                .where(OutboxRow.sent_at.is_(None), OutboxRow.failed_at.is_(None))
            )
            or 0
        )

    async def postpone(self, row_id: int, until: datetime, error: str) -> None:
        await self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == row_id)
            .values(not_before=until, last_error=error[:2000], attempts=OutboxRow.attempts + 1)
        )

    async def give_up(self, row_id: int, at: datetime, error: str) -> None:
        await self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == row_id)
            .values(failed_at=at, last_error=error[:2000], attempts=OutboxRow.attempts + 1)
        )

    # --- what the sender reads and writes per message: plain rows, prebuilt statements --------

    async def queued(self, now: datetime, limit: int) -> list[Queued]:
        """`due` without the rows' payloads or ORM objects: with a backlog the sender loads every
        unsent row ten times a second."""
        result = await self._session.execute(_QUEUED, {"now": now, "limit": limit})
        return [Queued(row_id, chat_id, kind) for row_id, chat_id, kind in result]

    async def to_send(self, row_id: int, history_of: Collection[str] = ()) -> ToSend | None:
        """The row as it is now, if it is still to be sent (None once sent or given up: another
        sender, or this one before a restart, did it), with its ticket: with its history if the
        row's kind is one of `history_of`."""
        rows = (
            await self._session.execute(
                _TO_SEND, {"row_id": row_id, "history_of": sorted(history_of)}
            )
        ).all()
        if not rows:
            return None
        row = rows[0]
        ticket = None if row.number is None else ticket_from_row(row)
        if ticket is not None and row.outbox_kind in history_of:
            give_history(ticket, rows)
        return ToSend(
            id=row.outbox_id,
            chat_id=row.outbox_chat_id,
            thread_id=row.outbox_thread_id,
            kind=row.outbox_kind,
            ticket_number=row.outbox_ticket_number,
            reply_to=row.outbox_reply_to,
            payload=row.outbox_payload or {},
            attempts=row.outbox_attempts,
            ticket=ticket,
            card=None if row.card_message_id is None else (row.card_chat_id, row.card_message_id),
            superseded=bool(row.superseded),
        )

    async def read_history(self, ticket: Ticket) -> None:
        """Give a ticket read without it its events and photos, as SqlTicketRepository.get
        would."""
        give_history(ticket, await self._session.execute(_HISTORY, {"ticket_id": ticket.id}))

    async def tickets(self, numbers: Iterable[int]) -> dict[int, Ticket]:
        """Tickets by number, without their history, in one statement (a chase summary's)."""
        wanted = sorted(set(numbers))
        if not wanted:
            return {}
        rows = await self._session.execute(_TICKETS_BY_NUMBER, {"numbers": wanted})
        return {row.number: ticket_from_row(row) for row in rows}

    async def named(self, ids: Iterable[int], liaisons_in: tuple[int, str] | None = None) -> Named:
        """Names of `ids`; with `liaisons_in` (group, department), that department's approved
        liaisons in the group too, with their names."""
        wanted = sorted(set(ids))
        if liaisons_in is None:
            if not wanted:
                return Named([], {})
            result = await self._session.execute(_NAMED, {"ids": wanted})
        else:
            chat_id, department = liaisons_in
            result = await self._session.execute(
                _LIAISONS_NAMED, {"ids": wanted, "chat_id": chat_id, "department": department}
            )
        liaisons: list[int] = []
        names: dict[int, tuple[str, str | None]] = {}
        for member, user_id, full_name, username, _ in result:
            if member and user_id not in liaisons:
                liaisons.append(user_id)
            if full_name is not None:  # a member the bot has no name for has no people row
                names[user_id] = (full_name, username)
        return Named(liaisons, names)

    async def sent(self, row_id: int, at: datetime, message_id: int | None) -> None:
        """Delivered: its time, the message id Telegram gave back, one attempt more."""
        await self._session.execute(
            _MARK_SENT, {"row_id": row_id, "at": at, "message_id": message_id}
        )
