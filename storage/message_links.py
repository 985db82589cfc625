"""Links from Telegram messages to tickets: a reply to a card or a report finds its ticket."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, String, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import InsertOf, of_dialect, per_dialect
from storage.models import MessageLinkRow, TicketRow

_LINKS = MessageLinkRow.__table__
_TICKETS = TicketRow.__table__
_NUMBER_OF = (
    select(_TICKETS.c.number)
    .select_from(_LINKS.join(_TICKETS, _LINKS.c.ticket_id == _TICKETS.c.id))
    .where(_LINKS.c.chat_id == bindparam("chat_id"), _LINKS.c.message_id == bindparam("message_id"))
)
_TICKET_ID = select(_TICKETS.c.id).where(_TICKETS.c.number == bindparam("number"))
_MESSAGES_OF = (
    select(_LINKS.c.chat_id, _LINKS.c.message_id)
    .select_from(_LINKS.join(_TICKETS, _LINKS.c.ticket_id == _TICKETS.c.id))
    .where(_TICKETS.c.number == bindparam("number"), _LINKS.c.kind == bindparam("kind"))
    .order_by(_LINKS.c.message_id)
)


def _link(insert: InsertOf) -> Any:
    """Link a message to the ticket of a number: one INSERT ... SELECT, a message already linked
    keeping its first ticket."""
    source = select(
        bindparam("chat_id", type_=BigInteger),
        bindparam("message_id", type_=BigInteger),
        _TICKETS.c.id,
        bindparam("kind", type_=String(16)),
    ).where(_TICKETS.c.number == bindparam("number"))
    return (
        insert(_LINKS)
        .from_select(["chat_id", "message_id", "ticket_id", "kind"], source)
        .on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
        .returning(_LINKS.c.ticket_id)
    )


_LINK = per_dialect(_link)


class SqlMessageLinks:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ticket_number_for(self, chat_id: int, message_id: int) -> int | None:
        return await self._session.scalar(
            _NUMBER_OF, {"chat_id": chat_id, "message_id": message_id}
        )

    async def link(self, chat_id: int, message_id: int, ticket_number: int, kind: str) -> None:
        """Link a message to a ticket; a message already linked keeps its first ticket.
        LookupError if there is no such ticket."""
        linked = await self._session.execute(
            of_dialect(self._session, _LINK),
            {"chat_id": chat_id, "message_id": message_id, "number": ticket_number, "kind": kind},
        )
        if linked.first() is None and not await self._session.scalar(
            _TICKET_ID, {"number": ticket_number}
        ):
            raise LookupError(f"no ticket #{ticket_number} to link message {message_id} to")

    async def messages_of(self, ticket_number: int, kind: str) -> list[tuple[int, int]]:
        """(chat_id, message_id) of a ticket's messages of one kind, oldest first."""
        rows = await self._session.execute(_MESSAGES_OF, {"number": ticket_number, "kind": kind})
        return [(chat_id, message_id) for chat_id, message_id in rows]
