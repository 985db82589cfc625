"""The inbox: every update stored before Telegram is told it arrived, then processed from here.

Storing is insert-unless-present on (bot id, update id, digest of the content): a repeat of an
update (Telegram delivering it again after a crash or a refused webhook) is the same row and
changes nothing; a new update that reuses an old id (Telegram restarts ids after a week without
updates, and for a new bot) has another digest and is new. The processor takes a chat's waiting
rows in arrival order and marks each processed in the transaction of its effects.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import InsertOf, of_dialect, per_dialect
from storage.models import InboxRow

_INBOX = InboxRow.__table__
_WAITING = (_INBOX.c.processed_at.is_(None), _INBOX.c.failed_at.is_(None))
# Update ids recorded before the inbox (no bot, no content known) still mark a redelivery as a
# repeat while Telegram could redeliver it: it keeps an update for 24 hours.
LEGACY_WINDOW = timedelta(hours=48)


@dataclass(frozen=True, slots=True)
class Incoming:
    """An update as it arrived, ready to be stored."""

    update_id: int
    chat_id: int | None
    payload: dict[str, Any]

    @property
    def digest(self) -> str:
        canonical = json.dumps(self.payload, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored update waiting to be processed."""

    id: int
    update_id: int
    chat_id: int | None
    payload: dict[str, Any]


def _store(insert: InsertOf) -> Any:
    """Insert unless the same update is stored already (or was handled before the inbox)."""
    legacy = (
        select(literal(1))
        .select_from(_INBOX)
        .where(
            _INBOX.c.bot_id.is_(None),
            _INBOX.c.update_id == bindparam("update_id"),
            _INBOX.c.received_at > bindparam("legacy_since", type_=_INBOX.c.received_at.type),
        )
    )
    source = select(
        bindparam("bot_id", type_=_INBOX.c.bot_id.type),
        bindparam("update_id", type_=_INBOX.c.update_id.type),
        bindparam("digest", type_=_INBOX.c.digest.type),
        bindparam("chat_id", type_=_INBOX.c.chat_id.type),
        bindparam("payload", type_=_INBOX.c.payload.type),
        bindparam("received_at", type_=_INBOX.c.received_at.type),
    ).where(~exists(legacy))
    return (
        insert(_INBOX)
        .from_select(["bot_id", "update_id", "digest", "chat_id", "payload", "received_at"], source)
        .on_conflict_do_nothing(index_elements=["bot_id", "update_id", "digest"])
    )


_STORE = per_dialect(_store)
# The oldest waiting updates, whatever their chat: a partial index holds exactly those.
_WAITING_ROWS = (
    select(_INBOX.c.id, _INBOX.c.update_id, _INBOX.c.chat_id, _INBOX.c.payload)
    .where(*_WAITING)
    .order_by(_INBOX.c.id)
    .limit(bindparam("limit"))
)
_PROCESSED = (
    update(_INBOX)
    .where(_INBOX.c.id.in_(bindparam("row_ids", expanding=True)), *_WAITING)
    .values(processed_at=bindparam("at", type_=_INBOX.c.processed_at.type))
)


class SqlInbox:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def store(self, bot_id: int, updates: Sequence[Incoming], now: datetime) -> None:
        """Store a batch of updates; repeats are left as they are."""
        if not updates:
            return
        await self._session.execute(
            of_dialect(self._session, _STORE),
            [
                {
                    "bot_id": bot_id,
                    "update_id": update.update_id,
                    "digest": update.digest,
                    "chat_id": update.chat_id,
                    "payload": update.payload,
                    "received_at": now,
                    "legacy_since": now - LEGACY_WINDOW,
                }
                for update in updates
            ],
        )

    async def waiting(self, limit: int) -> list[Stored]:
        """The updates waiting longest, in the order they arrived, whatever their chat."""
        rows = await self._session.execute(_WAITING_ROWS, {"limit": limit})
        return [
            Stored(row_id, update_id, chat_id, dict(payload))
            for row_id, update_id, chat_id, payload in rows
        ]

    async def processed(self, row_ids: Sequence[int], at: datetime) -> bool:
        """Mark updates processed; False if one of them was processed (or set aside) meanwhile,
        by another process: the caller then rolls back what it did for them."""
        result = await self._session.execute(_PROCESSED, {"row_ids": list(row_ids), "at": at})
        return result.rowcount == len(row_ids)  # type: ignore[attr-defined]

    async def set_aside(self, row_id: int, at: datetime, error: str) -> None:
        """An update that cannot be processed (its handler fails for a reason of its own) is
        kept, with why, and no longer holds up its chat."""
        await self._session.execute(
            update(_INBOX)
            .where(_INBOX.c.id == row_id, *_WAITING)
            .values(failed_at=at, last_error=error[:2000])
        )

    async def waiting_count(self) -> int:
        return int(
            await self._session.scalar(select(func.count()).select_from(_INBOX).where(*_WAITING))
            or 0
        )

    async def prune(self, before: datetime) -> int:
        """Forget processed and set-aside updates received before `before`: the ledger keeps
        what they did; the inbox only needs them while Telegram could deliver them again."""
        result = await self._session.execute(
            delete(_INBOX).where(_INBOX.c.received_at < before, ~and_(*_WAITING))
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
