"""What the domain needs from storage, as protocols; storage/ implements them, and the tests'
fakes (tests/fakes.py) implement them in memory."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, Self

from tickets.lifecycle import State
from tickets.model import Photo, Ticket
from tickets.notices import Notice
from tickets.roles import Role


class TicketRepository(Protocol):
    async def next_number(self) -> int:
        """The next ticket number of this deployment: short, gapless, never reused."""
        ...

    async def add(self, ticket: Ticket) -> None: ...

    async def get(self, number: int) -> Ticket | None:
        """The ticket with its whole history: it can be moved and saved."""
        ...

    async def save(self, ticket: Ticket) -> None:
        """Write the ticket's fields and the events it gained since it was read; refused when
        someone else saved it meanwhile (the transaction is then done again)."""
        ...

    async def open_on_road(self, road: str, category: str | None = None) -> Sequence[Ticket]:
        """Open tickets (active or awaiting confirmation) of a road, oldest first, without their
        history: they can be compared and shown; get() one to move it."""
        ...

    async def latest_report_by(self, road: str, user_id: int, since: datetime) -> int | None:
        """The open ticket `user_id` reported (again) or added a photo to most recently."""
        ...

    async def due_for_chase(
        self, now: datetime, limit: int, place: tuple[int, int | None] | None = None
    ) -> Sequence[Ticket]:
        """Tickets whose next look by the clock sweep is due, the most overdue first."""
        ...

    async def crowded_places(
        self, now: datetime, at_least: int
    ) -> list[tuple[int, int | None]]: ...

    async def touched_between(
        self, road: str, start: datetime, end: datetime
    ) -> Sequence[Ticket]: ...

    async def for_figures(
        self, roads: Sequence[str] | None, start: datetime, end: datetime
    ) -> list[Ticket]: ...

    async def list(
        self,
        *,
        state: State | None = None,
        road: str | None = None,
        numbers: Sequence[int] | None = None,
    ) -> Sequence[Ticket]:
        """Tickets by number, to show (without their history)."""
        ...


class MessageLinks(Protocol):
    """Which ticket a Telegram message belongs to: a report, its card, a reply about it."""

    async def ticket_number_for(self, chat_id: int, message_id: int) -> int | None: ...

    async def link(self, chat_id: int, message_id: int, ticket_number: int, kind: str) -> None: ...

    async def messages_of(self, ticket_number: int, kind: str) -> list[tuple[int, int]]: ...


class Outbox(Protocol):
    async def add(self, notice: Notice) -> None: ...


class MemberRecord(Protocol):
    id: int
    chat_id: int
    user_id: int
    full_name: str
    department: str | None
    confirmed_by: int | None


@dataclass(frozen=True)
class ApprovedRoles:
    departments: frozenset[str] = frozenset()
    chief: bool = False


class Members(Protocol):
    async def approved_roles(self, chat_id: int, user_id: int) -> ApprovedRoles:
        """What /join (approved) made the user in this group: liaison of which departments,
        and whether chief."""
        ...

    async def request(
        self,
        chat_id: int,
        user_id: int,
        role: Role,
        department: str | None,
        full_name: str,
        username: str | None,
    ) -> MemberRecord: ...

    async def confirm(self, member_id: int, by: int, chat_id: int) -> MemberRecord | None:
        """Approve a request made in `chat_id`; None if there is none such there."""
        ...

    async def liaisons_in(self, chat_id: int, department: str) -> list[int]: ...


class PendingPhotos(Protocol):
    async def hold(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        photo: Photo,
        media_group_id: str | None,
        at: datetime,
    ) -> None: ...

    async def take(self, chat_id: int, user_id: int, since: datetime) -> list[tuple[int, Photo]]:
        """The sender's held photos since `since`, as (message id, photo); they are let go."""
        ...


class People(Protocol):
    async def remember(self, user_id: int, full_name: str, username: str | None) -> None: ...

    async def names(self, user_ids: Iterable[int]) -> dict[int, tuple[str, str | None]]: ...


@dataclass(frozen=True, slots=True)
class Binding:
    """A road bound to a group (or a forum topic of it) in chat, with /bind."""

    road: str
    chat_id: int
    thread_id: int | None


class RoadBindings(Protocol):
    async def bindings(self) -> list[Binding]: ...

    async def bindings_near(self, chat_id: int, names: Sequence[str]) -> list[Binding]: ...

    async def bind(self, name: str, chat_id: int, thread_id: int | None, by: int) -> None: ...


class Leases(Protocol):
    async def hold(self, name: str, holder: str, now: datetime, until: datetime) -> bool: ...

    async def holder(self, name: str) -> str | None: ...

    async def take_over(
        self, name: str, from_holder: str, holder: str, until: datetime
    ) -> bool: ...

    async def release(self, name: str, holder: str) -> None: ...

    async def release_all(self, names: list[str], holder: str) -> None: ...


class DigestPublications(Protocol):
    async def published(self, kind: str, day: date) -> set[str]: ...

    async def claim(self, kind: str, road: str, day: date, messages: int) -> bool:
        """Record the road's digest as published; False if it already was."""
        ...


class UnitOfWork(Protocol):
    """One transaction: everything an update causes is committed together or not at all, by
    whoever opened it."""

    tickets: TicketRepository
    links: MessageLinks
    outbox: Outbox
    members: Members
    pending_photos: PendingPhotos
    people: People
    roads: RoadBindings
    leases: Leases
    digest_publications: DigestPublications

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
