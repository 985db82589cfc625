"""What the domain needs from storage, as protocols; storage/ implements them, and the tests'
fakes (tests/fakes.py) implement them in memory."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
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

    async def report_counts(self, chat_id: int, user_id: int, since: datetime) -> tuple[int, int]:
        """Reports (new tickets and repeats) filed in the group `chat_id` since `since`: by
        anyone, and by `user_id` (what the flood limits count)."""
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


class MembershipAction(StrEnum):
    APPROVED = "approved"
    LEFT = "left"  # /leave
    REMOVED = "removed"  # /remove, by an admin or the chief


@dataclass(frozen=True, slots=True)
class MembershipRecord:
    """One liaison approved, left or removed in a group, as kept."""

    chat_id: int
    user_id: int
    department: str | None
    action: MembershipAction
    by: int | None
    at: datetime


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
        """Approve a request made in `chat_id`, and record it; None if there is none such
        there."""
        ...

    async def end(self, chat_id: int, user_id: int, department: str | None, by: int) -> list[str]:
        """The user is no longer a liaison here (of `department`, or of any): their approved
        roles and open requests go, each approved one recorded as left (by themselves) or
        removed (by someone else). The departments they were approved for."""
        ...

    async def user_named(self, chat_id: int, username: str) -> int | None:
        """The member of this group with that @username (without the @), if any."""
        ...

    async def records(self, chat_id: int | None = None) -> list[MembershipRecord]: ...

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
    """A road bound to a group (or a forum topic of it) in chat with /bind, or unbound there
    (no chat): either way it wins over the config file's group for that road."""

    road: str
    chat_id: int | None
    thread_id: int | None


class BindingAction(StrEnum):
    BIND = "bind"
    UNBIND = "unbind"


@dataclass(frozen=True, slots=True)
class BindingRecord:
    """One /bind or /unbind, as kept: who, when, which group (bound to, or left)."""

    road: str
    action: BindingAction
    chat_id: int | None
    thread_id: int | None
    by: int | None
    at: datetime


class RoadBindings(Protocol):
    async def bindings(self) -> list[Binding]: ...

    async def bindings_near(self, chat_id: int, names: Sequence[str]) -> list[Binding]: ...

    async def bind(self, name: str, chat_id: int, thread_id: int | None, by: int) -> None:
        """Bind the road to the place, and record it."""
        ...

    async def unbind(self, name: str, by: int, chat_id: int | None, thread_id: int | None) -> None:
        """The road has no group now (whatever the file says), and that it left the group
        `chat_id` (topic `thread_id`) is recorded."""
        ...

    async def records(self, name: str | None = None) -> list[BindingRecord]:
        """Every bind and unbind (of one road), oldest first."""
        ...


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


class KeptState(StrEnum):
    WAITING = "waiting"  # queued, not downloaded yet (or to be tried again)
    STORED = "stored"  # on disk, named by its sha256
    MISSING = "missing"  # given up: `missing_reason` says why


class MissingReason(StrEnum):
    NOT_FOUND = "not_found"  # Telegram no longer has it (or never gave this bot the file id)
    TOO_BIG = "too_big"  # over the Bot API's 20 MB getFile limit (or the configured one)
    REFUSED = "refused"  # Telegram refused it for another reason: see `detail`


@dataclass(frozen=True, slots=True)
class KeptPhoto:
    """What became of one photo (by Telegram file id) kept as evidence. Stored photos are
    found on disk by their sha256 (storage/photo_files.py says where)."""

    file_id: str
    state: KeptState
    sha256: str | None = None
    size_bytes: int | None = None
    missing_reason: MissingReason | None = None
    detail: str | None = None  # the last error, or why it is missing; never the token
    attempts: int = 0


class KeptPhotos(Protocol):
    async def find(self, file_ids: Iterable[str]) -> dict[str, KeptPhoto]:
        """What became of each photo; a file id never queued is absent from the answer."""
        ...

    async def by_sha256(self, sha256: str) -> KeptPhoto | None:
        """A stored photo by its content's digest (the web desk's /photos/<sha256>.jpg)."""
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
