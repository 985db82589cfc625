"""The kept photos: which ticket photos are to be downloaded, and what became of each.

One row per Telegram file id. The photo keeper (bot/photo_keeper.py) finds the photos the
tickets gained (`discover`), takes the due rows, claims each right before downloading it (only
while it holds the leader's lease), and records it stored (by sha256), to be tried again later,
or missing with why. The web desk, Open311 and the ledger ask `find` / `by_sha256`.
Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, case, exists, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CounterRow, KeptPhotoRow, LeaseRow, PhotoRow
from tickets.clock import Clock
from tickets.ports import KeptPhoto, KeptState, MissingReason

_KEPT = KeptPhotoRow.__table__
_PHOTOS = PhotoRow.__table__
_LEASES = LeaseRow.__table__
_COUNTERS = CounterRow.__table__
_WAITING = (_KEPT.c.stored_at.is_(None), _KEPT.c.missing_at.is_(None))
# The highest photos.id the keeper has looked at: each look starts a little before it.
SEEN_COUNTER = "kept_photos_seen"
_ADD = insert(_KEPT)  # its values are the parameters


@dataclass(frozen=True, slots=True)
class Due:
    """A waiting row as the keeper takes it."""

    id: int
    file_id: str
    attempts: int


class SqlKeptPhotos:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock

    # --- filling the queue ---------------------------------------------------------------

    async def queue(self, photos: Iterable[tuple[str, str]]) -> int:
        """Queue (file id, file unique id) pairs not queued yet; how many were new."""
        wanted: dict[str, str] = {}
        for file_id, unique_id in photos:
            wanted.setdefault(file_id, unique_id)
        if not wanted:
            return 0
        known = set(
            (
                await self._session.execute(
                    select(_KEPT.c.file_id).where(_KEPT.c.file_id.in_(list(wanted)))
                )
            ).scalars()
        )
        now = self._clock.now()
        rows = [
            {
                "file_id": file_id,
                "file_unique_id": unique_id,
                "queued_at": now,
                "not_before": now,
                "attempts": 0,
            }
            for file_id, unique_id in wanted.items()
            if file_id not in known
        ]
        if rows:
            await self._session.execute(_ADD, rows)
        return len(rows)

    async def discover(self, after_photo_id: int, limit: int) -> tuple[int, int]:
        """Queue the ticket photos with an id above `after_photo_id` that are not queued yet, at
        most `limit` of them; (how many were queued, the highest photo id looked at)."""
        found = (
            await self._session.execute(
                select(_PHOTOS.c.id, _PHOTOS.c.file_id, _PHOTOS.c.file_unique_id)
                .where(
                    _PHOTOS.c.id > after_photo_id,
                    ~exists().where(_KEPT.c.file_id == _PHOTOS.c.file_id),
                )
                .order_by(_PHOTOS.c.id)
                .limit(limit)
            )
        ).all()
        queued = await self.queue((row.file_id, row.file_unique_id) for row in found)
        if len(found) == limit:
            return queued, found[-1].id
        highest = (await self._session.execute(select(func.max(_PHOTOS.c.id)))).scalar()
        return queued, max(after_photo_id, highest or 0)

    async def seen_mark(self) -> int | None:
        """The highest photo id looked at by an earlier look, or None before the first."""
        return (
            await self._session.execute(
                select(_COUNTERS.c.value).where(_COUNTERS.c.name == SEEN_COUNTER)
            )
        ).scalar()

    async def set_seen_mark(self, photo_id: int) -> None:
        result: Any = await self._session.execute(
            update(_COUNTERS).where(_COUNTERS.c.name == SEEN_COUNTER).values(value=photo_id)
        )
        if result.rowcount == 0:
            await self._session.execute(insert(_COUNTERS).values(name=SEEN_COUNTER, value=photo_id))

    # --- working through it --------------------------------------------------------------

    async def due(self, now: datetime, limit: int, holder: str, stale: datetime) -> list[Due]:
        """Waiting rows whose time has come, first queued first: unclaimed, claimed by
        `holder`, or claimed before `stale` (their claimant is taken to be gone)."""
        rows = await self._session.execute(
            select(_KEPT.c.id, _KEPT.c.file_id, _KEPT.c.attempts)
            .where(
                *_WAITING,
                _KEPT.c.not_before <= now,
                _unclaimed(holder, stale),
            )
            .order_by(_KEPT.c.not_before, _KEPT.c.id)
            .limit(limit)
        )
        return [Due(row.id, row.file_id, row.attempts) for row in rows]

    async def claim(
        self, row_id: int, holder: str, lease: str, now: datetime, stale: datetime
    ) -> bool:
        """Take the row to download it, only while `holder` holds `lease` (a process that lost
        the lead downloads nothing more) and only a row still waiting and not claimed by
        another (unless that claim is stale)."""
        result: Any = await self._session.execute(
            update(_KEPT)
            .where(
                _KEPT.c.id == row_id,
                *_WAITING,
                _unclaimed(holder, stale),
                exists().where(
                    _LEASES.c.name == lease,
                    _LEASES.c.holder == holder,
                    _LEASES.c.expires_at > bindparam("now", now, type_=_LEASES.c.expires_at.type),
                ),
            )
            .values(claimed_by=holder, claimed_at=now)
        )
        return bool(result.rowcount)

    async def claimants(self) -> list[str]:
        """Who holds claims on waiting rows."""
        rows = await self._session.execute(
            select(_KEPT.c.claimed_by).where(*_WAITING, _KEPT.c.claimed_by.is_not(None)).distinct()
        )
        return [holder for holder in rows.scalars() if holder is not None]

    async def release_claims_of(self, holder: str) -> int:
        """A claimant known to be gone gives its waiting rows back at once."""
        result: Any = await self._session.execute(
            update(_KEPT)
            .where(*_WAITING, _KEPT.c.claimed_by == holder)
            .values(claimed_by=None, claimed_at=None)
        )
        return int(result.rowcount)

    async def stored(self, row_id: int, sha256: str, size_bytes: int) -> None:
        await self._settle(
            row_id,
            sha256=sha256,
            size_bytes=size_bytes,
            stored_at=self._clock.now(),
            last_error=None,
        )

    async def missing(self, row_id: int, reason: MissingReason, detail: str) -> None:
        await self._settle(
            row_id, missing_at=self._clock.now(), missing_reason=reason.value, last_error=detail
        )

    async def retry_later(self, row_id: int, not_before: datetime, error: str) -> None:
        await self._settle(row_id, not_before=not_before, last_error=error)

    async def _settle(self, row_id: int, **values: Any) -> None:
        await self._session.execute(
            update(_KEPT)
            .where(_KEPT.c.id == row_id)
            .values(attempts=_KEPT.c.attempts + 1, claimed_by=None, claimed_at=None, **values)
        )

    # --- answering -------------------------------------------------------------------------

    async def find(self, file_ids: Iterable[str]) -> dict[str, KeptPhoto]:
        """What became of each photo; a file id never queued is absent from the answer."""
        wanted = list(dict.fromkeys(file_ids))
        found: dict[str, KeptPhoto] = {}
        for first in range(0, len(wanted), 500):  # well inside every bound-parameter limit
            chunk = wanted[first : first + 500]
            for row in await self._session.execute(select(_KEPT).where(_KEPT.c.file_id.in_(chunk))):
                found[row.file_id] = _kept(row)
        return found

    async def by_sha256(self, sha256: str) -> KeptPhoto | None:
        row = (
            await self._session.execute(
                select(_KEPT)
                .where(_KEPT.c.sha256 == sha256, _KEPT.c.stored_at.is_not(None))
                .limit(1)
            )
        ).first()
        return _kept(row) if row is not None else None

    async def counts(self) -> dict[KeptState, int]:
        """How many photos are waiting, stored and missing (for status and logs)."""
        state = _state_expression()
        rows = await self._session.execute(select(state, func.count()).group_by(state))
        counts = dict.fromkeys(KeptState, 0)
        for name, count in rows:
            counts[KeptState(name)] = count
        return counts


def _unclaimed(holder: str, stale: datetime) -> Any:
    return or_(
        _KEPT.c.claimed_by.is_(None),
        _KEPT.c.claimed_by == holder,
        _KEPT.c.claimed_at < bindparam("stale", stale, type_=_KEPT.c.claimed_at.type),
    )


def _state_expression() -> Any:
    return case(
        (_KEPT.c.stored_at.is_not(None), KeptState.STORED.value),
        (_KEPT.c.missing_at.is_not(None), KeptState.MISSING.value),
        else_=KeptState.WAITING.value,
    )


def _kept(row: Any) -> KeptPhoto:
    if row.stored_at is not None:
        state = KeptState.STORED
    elif row.missing_at is not None:
        state = KeptState.MISSING
    else:
        state = KeptState.WAITING
    return KeptPhoto(
        file_id=row.file_id,
        state=state,
        sha256=row.sha256,
        size_bytes=row.size_bytes,
        missing_reason=MissingReason(row.missing_reason) if row.missing_reason else None,
        detail=row.last_error,
        attempts=row.attempts,
    )
