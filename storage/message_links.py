"""Links from Telegram messages to tickets: a reply to a card or a report finds its ticket."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

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
        ticket_id = await self._session.scalar(
            select(TicketRow.id).where(TicketRow.number == ticket_number)
        )
        if ticket_id is None:
            raise LookupError(f"no ticket #{ticket_number} to link message {message_id} to")
        existing = await self._session.get(MessageLinkRow, (chat_id, message_id))
        if existing is None:
            self._session.add(
                MessageLinkRow(
                    chat_id=chat_id, message_id=message_id, ticket_id=ticket_id, kind=kind
                )
            )
        await self._session.flush()

    async def messages_of(self, ticket_number: int, kind: str) -> list[tuple[int, int]]:
        """(chat_id, message_id) of a ticket's messages of one kind, oldest first."""
        rows = await self._session.execute(
            select(MessageLinkRow.chat_id, MessageLinkRow.message_id)
            .join(TicketRow, MessageLinkRow.ticket_id == TicketRow.id)
            .where(TicketRow.number == ticket_number, MessageLinkRow.kind == kind)
            .order_by(MessageLinkRow.message_id)
        )
        return [(chat_id, message_id) for chat_id, message_id in rows]
