"""Links from Telegram messages to tickets: a reply to a card or a report finds its ticket."""

from __future__ import annotations

from sqlalchemy import BigInteger, String, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import upsert_into
from storage.models import MessageLinkRow, TicketRow


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
        LookupError if there is no such ticket."""
        source = select(
            literal(chat_id, BigInteger),
            literal(message_id, BigInteger),
            TicketRow.id,
            literal(kind, String(16)),
        ).where(TicketRow.number == ticket_number)
        linked = await self._session.execute(
            upsert_into(self._session, MessageLinkRow)
            .from_select(["chat_id", "message_id", "ticket_id", "kind"], source)
            .on_conflict_do_nothing(index_elements=["chat_id", "message_id"])
            .returning(MessageLinkRow.ticket_id)
        )
        if linked.first() is None and not await self._session.scalar(
            select(TicketRow.id).where(TicketRow.number == ticket_number)
        ):
            raise LookupError(f"no ticket #{ticket_number} to link message {message_id} to")

    async def messages_of(self, ticket_number: int, kind: str) -> list[tuple[int, int]]:
        """(chat_id, message_id) of a ticket's messages of one kind, oldest first."""
        rows = await self._session.execute(
            select(MessageLinkRow.chat_id, MessageLinkRow.message_id)
            .join(TicketRow, MessageLinkRow.ticket_id == TicketRow.id)
            .where(TicketRow.number == ticket_number, MessageLinkRow.kind == kind)
            .order_by(MessageLinkRow.message_id)
        )
        return [(chat_id, message_id) for chat_id, message_id in rows]
