"""Photos that came without words, held a short while for the text or album they belong to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import PendingPhotoRow
from tickets.model import Photo, PhotoKind

_HELD_TABLE = PendingPhotoRow.__table__
# Asked for every report (and almost always empty): built once.
_HELD = (
    select(
        _HELD_TABLE.c.id,
        _HELD_TABLE.c.message_id,
        _HELD_TABLE.c.file_id,
        _HELD_TABLE.c.file_unique_id,
    )
    .where(
        _HELD_TABLE.c.chat_id == bindparam("chat_id"),
        _HELD_TABLE.c.user_id == bindparam("user_id"),
        _HELD_TABLE.c.at >= bindparam("since", type_=_HELD_TABLE.c.at.type),
    )
    .order_by(_HELD_TABLE.c.id)
)


_HOLDERS = select(_HELD_TABLE.c.chat_id, _HELD_TABLE.c.user_id).distinct()


class SqlPendingPhotos:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # (chat, user) holding photos, read once per transaction: every report asks, and almost
        # nobody holds any (they wait two minutes at most for their words).
        self._holders: set[tuple[int, int]] | None = None

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
        if self._holders is not None:
            self._holders.add((chat_id, user_id))

    async def take(self, chat_id: int, user_id: int, since: datetime) -> list[tuple[int, Photo]]:
        """The sender's photos held since `since`, as (message id, photo); they are let go."""
        if self._holders is None:
            self._holders = {(chat, user) for chat, user in await self._session.execute(_HOLDERS)}
        if (chat_id, user_id) not in self._holders:
            return []
        rows = (
            await self._session.execute(
                _HELD, {"chat_id": chat_id, "user_id": user_id, "since": since}
            )
        ).all()
        if rows:
            await self._session.execute(
                delete(_HELD_TABLE).where(_HELD_TABLE.c.id.in_([r.id for r in rows]))
            )
        return [(r.message_id, Photo(r.file_id, PhotoKind.BEFORE, r.file_unique_id)) for r in rows]

    async def forget_before(self, moment: datetime) -> int:
        """Photos nobody wrote about in time are dropped; they never became a report."""
        result = await self._session.execute(delete(_HELD_TABLE).where(_HELD_TABLE.c.at < moment))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
