"""The outbox: notices written with the move that caused them, sent later by the sender.

The sender takes the oldest due rows, marks each sent (with the message id Telegram gave back),
postpones it after a 429 or a network error, or gives up on it for good after a permanent refusal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OutboxRow
from tickets.clock import Clock
from tickets.notices import Notice


class SqlOutbox:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    async def add(self, notice: Notice) -> None:
        now = self._clock.now()
        self._session.add(
            OutboxRow(
                chat_id=notice.chat_id,
                thread_id=notice.thread_id,
                kind=notice.kind.value,
                ticket_number=notice.ticket_number,
                reply_to=notice.reply_to,
                payload=dict(notice.data),
                created_at=now,
                not_before=now,
            )
        )

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

    async def next_due_at(self) -> datetime | None:
        return await self._session.scalar(
            select(func.min(OutboxRow.not_before)).where(
                OutboxRow.sent_at.is_(None), OutboxRow.failed_at.is_(None)
            )
        )

    async def pending_count(self) -> int:
        return int(
            await self._session.scalar(
                select(func.count())
                .select_from(OutboxRow)
                .where(OutboxRow.sent_at.is_(None), OutboxRow.failed_at.is_(None))
            )
            or 0
        )

    async def mark_sent(self, row_id: int, at: datetime, message_id: int | None) -> None:
        await self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == row_id)
            .values(sent_at=at, message_id=message_id, attempts=OutboxRow.attempts + 1)
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

    async def get(self, row_id: int) -> OutboxRow | None:
        return await self._session.get(OutboxRow, row_id)

    async def superseded(self, row: OutboxRow) -> bool:
        """A newer update of the same card is waiting: this one need not be sent."""
        newer = await self._session.scalar(
            select(OutboxRow.id)
            .where(
                OutboxRow.ticket_number == row.ticket_number,
                OutboxRow.kind == row.kind,
                OutboxRow.id > row.id,
                OutboxRow.sent_at.is_(None),
                OutboxRow.failed_at.is_(None),
            )
            .limit(1)
        )
        return newer is not None
