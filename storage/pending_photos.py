"""Photos that came without words, held a short while for the text or album they belong to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PendingPhotoRow
from tickets.model import Photo, PhotoKind


class SqlPendingPhotos:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def hold(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        photo: Photo,
        media_group_id: str | None,
        at: datetime,
    ) -> None:
        self._session.add(
            PendingPhotoRow(
                chat_id=chat_id,
                user_id=user_id,
                message_id=message_id,
                media_group_id=media_group_id,
                file_id=photo.file_id,
                file_unique_id=photo.file_unique_id,
                at=at,
            )
        )
        await self._session.flush()

    async def take(self, chat_id: int, user_id: int, since: datetime) -> list[tuple[int, Photo]]:
        """The sender's photos held since `since`, as (message id, photo); they are let go."""
        rows = list(
            await self._session.scalars(
                select(PendingPhotoRow)
                .where(
                    PendingPhotoRow.chat_id == chat_id,
                    PendingPhotoRow.user_id == user_id,
                    PendingPhotoRow.at >= since,
                )
                .order_by(PendingPhotoRow.id)
            )
        )
        if rows:
            await self._session.execute(
                delete(PendingPhotoRow).where(PendingPhotoRow.id.in_([r.id for r in rows]))
            )
        return [(r.message_id, Photo(r.file_id, PhotoKind.BEFORE, r.file_unique_id)) for r in rows]

    async def forget_before(self, moment: datetime) -> int:
        """Photos nobody wrote about in time are dropped; they never became a report."""
        result = await self._session.execute(
            delete(PendingPhotoRow).where(PendingPhotoRow.at < moment)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
