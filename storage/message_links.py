"""Links from Telegram messages to tickets: a reply to a card or a report finds its ticket."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, String, bindparam, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MessageLinkRow, TicketRow

_LINKS = MessageLinkRow.__table__


def _insert(dialect: str) -> Any:
    return (postgresql_insert if dialect == "postgresql" else sqlite_insert)(_LINKS)


# Linking a message to a ticket whose id is known: a prebuilt plain INSERT per dialect (the
# sender's, once per message it sends), with no ticket to look up and nothing to read back.
_ADD = {
    dialect: _insert(dialect)
    .values(
        chat_id=bindparam("chat_id"),
        message_id=bindparam("message_id"),
        ticket_id=bindparam("ticket_id"),
        kind=bindparam("kind"),
    )
    .on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
    for dialect in ("postgresql", "sqlite")
}


class SqlMessageLinks:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ticket_number_for(self, chat_id: int, message_id: int) -> int | None:
        return await self._session.scalar(
            select(TicketRow.number)
            .join(MessageLinkRow, MessageLinkRow.ticket_id == TicketRow.id)
            .where(MessageLinkRow.chat_id == chat_id, MessageLinkRow.message_id == message_id)
        )

    async def link(self, chat_id: int, message_id: int, ticket_number: int, kind: str) -> None:
        """Link a message to a ticket; a message already linked keeps its first ticket.

        One INSERT ... SELECT ... ON CONFLICT DO NOTHING: it was three statements (the ticket's
        id, the existing link, the insert), a good part of what a report cost."""
        insert = (
            postgresql_insert if self._session.bind.dialect.name == "postgresql" else sqlite_insert
        )(MessageLinkRow)
        source = select(
            literal(chat_id, BigInteger),
            literal(message_id, BigInteger),
            TicketRow.id,
            literal(kind, String(16)),
        ).where(TicketRow.number == ticket_number)
        result = await self._session.execute(
            insert.from_select(["chat_id", "message_id", "ticket_id", "kind"], source)
            .on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
            .returning(MessageLinkRow.ticket_id)
        )
        if result.first() is None and not await self._session.scalar(
            select(TicketRow.id).where(TicketRow.number == ticket_number)
        ):
            raise LookupError(f"no ticket #{ticket_number} to link message {message_id} to")

    async def add(self, chat_id: int, message_id: int, ticket_id: int, kind: str) -> None:
        """`link` for a ticket the caller has read: its id is known, so one plain INSERT ... ON
        CONFLICT DO NOTHING (a message already linked keeps its first ticket)."""
        dialect = "postgresql" if self._session.bind.dialect.name == "postgresql" else "sqlite"
        await self._session.execute(
            _ADD[dialect],
            {"chat_id": chat_id, "message_id": message_id, "ticket_id": ticket_id, "kind": kind},
        )

    async def messages_of(self, ticket_number: int, kind: str) -> list[tuple[int, int]]:
        """(chat_id, message_id) of a ticket's messages of one kind, oldest first."""
        rows = await self._session.execute(
            select(MessageLinkRow.chat_id, MessageLinkRow.message_id)
            .join(TicketRow, MessageLinkRow.ticket_id == TicketRow.id)
            .where(TicketRow.number == ticket_number, MessageLinkRow.kind == kind)
            .order_by(MessageLinkRow.message_id)
        )
        return [(chat_id, message_id) for chat_id, message_id in rows]
