"""What the domain needs from storage, as protocols; storage/ implements them."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, Self

from tickets.lifecycle import State
from tickets.model import Ticket


class TicketRepository(Protocol):
    async def next_number(self) -> int:
        """The next ticket number of this deployment: short, gapless, never reused."""
        ...

    async def add(self, ticket: Ticket) -> None: ...

    async def get(self, number: int) -> Ticket | None: ...

    async def save(self, ticket: Ticket) -> None:
        """Write the ticket's fields and the events it gained since it was read."""
        ...

    async def open_on_road(self, road: str, category: str | None = None) -> Sequence[Ticket]:
        """Open tickets (active or awaiting confirmation) of a road, oldest first."""
        ...

    async def list(
        self, *, state: State | None = None, road: str | None = None
    ) -> Sequence[Ticket]:
        """Tickets by number, optionally of one state or road."""
        ...


class UnitOfWork(Protocol):
    """One transaction: everything a message causes is committed together or not at all."""

    tickets: TicketRepository

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
