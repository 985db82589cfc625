"""The outbox: notices written with the move that caused them, sent later by the sender.

The sender queues the due rows, reads each again right before sending it (another sender, or
this one before a restart, may have sent it since), and records what became of it: sent with the
message id Telegram gave back, postponed after a 429 or a network error, or given up for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, exists, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LeaseRow, OutboxRow
from tickets.clock import Clock
from tickets.notices import Notice

_OUTBOX = OutboxRow.__table__
_LEASES = LeaseRow.__table__
_CLAIMED = _OUTBOX.alias("claimed")
_ADD = insert(_OUTBOX)  # its values are the parameters
_UNSENT = (_OUTBOX.c.sent_at.is_(None), _OUTBOX.c.failed_at.is_(None))
# The statements the sender runs for every row, built once (a statement built per call costs
# more Python than SQLite takes to run it).
_TO_SEND = select(_OUTBOX).where(_OUTBOX.c.id == bindparam("row_id"), *_UNSENT)
# The reporter a card or an "already reported" answers, read from the payload's key alone (a
# document's payload carries the file: not read to queue it).
_REPORTER = _OUTBOX.c.payload["reporter_id"].as_integer()
_NEWER = (
    select(_OUTBOX.c.id)
    .where(
        _OUTBOX.c.ticket_number == bindparam("number"),
        _OUTBOX.c.kind == bindparam("kind"),
        _OUTBOX.c.id > bindparam("row_id"),
        *_UNSENT,
    )
    .limit(1)
)
_CLAIM = (
    update(_OUTBOX)
    .where(
        _OUTBOX.c.id == bindparam("row_id"),
        *_UNSENT,
        or_(_OUTBOX.c.claimed_by.is_(None), _OUTBOX.c.claimed_by == bindparam("holder")),
        # only while the holder holds the lease: a process that lost it sends nothing more
        exists().where(
            _LEASES.c.name == bindparam("lease"),
            _LEASES.c.holder == bindparam("holder"),
            _LEASES.c.expires_at > bindparam("now", type_=_LEASES.c.expires_at.type),
        ),
    )
    .values(claimed_by=bindparam("holder"), claimed_at=bindparam("now"))
)
_SENT = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id == bindparam("row_id"))
    .values(
        sent_at=bindparam("at", type_=_OUTBOX.c.sent_at.type),
        message_id=bindparam("message_id", type_=_OUTBOX.c.message_id.type),
        attempts=_OUTBOX.c.attempts + 1,
    )
)


@dataclass(frozen=True, slots=True)
class Queued:
    """A due row as the sender queues it: what it needs to pick a worker and pace it."""

    id: int
    chat_id: int
    kind: str
    person: int | None = None  # whose report it answers (a card, "already reported"): its lane


@dataclass(frozen=True, slots=True)
class ToSend:
    """An unsent row as the sender reads it right before sending it."""

    id: int
    chat_id: int
    thread_id: int | None
    kind: str
    ticket_number: int | None
    reply_to: int | None
    payload: dict[str, Any]
    attempts: int


class SqlOutbox:
    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self._session = session
        self._clock = clock
        self.added = 0  # notices added in this transaction

    async def add(self, notice: Notice) -> None:
        self.added += 1
        now = self._clock.now()
        await self._session.execute(
            _ADD,
            {
                "chat_id": notice.chat_id,
                "thread_id": notice.thread_id,
                "kind": notice.kind.value,
                "ticket_number": notice.ticket_number,
                "reply_to": notice.reply_to,
                "payload": dict(notice.data),
                "created_at": now,
                "not_before": now,
                "attempts": 0,
            },
        )

    async def queued(self, now: datetime, limit: int, holder: str) -> list[Queued]:
        """Unsent rows whose time has come, oldest first (the order people said things in), with
        the reporter each answers; not those of a chat where another sender has a row on its
        way, so the chat's order holds."""
        elsewhere = (
            select(_CLAIMED.c.chat_id)
            .where(
                _CLAIMED.c.sent_at.is_(None),
                _CLAIMED.c.failed_at.is_(None),
                _CLAIMED.c.claimed_by.is_not(None),
                _CLAIMED.c.claimed_by != holder,
            )
            .distinct()
        )
        rows = await self._session.execute(
            select(_OUTBOX.c.id, _OUTBOX.c.chat_id, _OUTBOX.c.kind, _REPORTER)
            .where(*_UNSENT, _OUTBOX.c.not_before <= now, _OUTBOX.c.chat_id.not_in(elsewhere))
            .order_by(_OUTBOX.c.id)
            .limit(limit)
        )
        return [Queued(*row) for row in rows]

    async def to_send(self, row_id: int) -> ToSend | None:
        """The row as it is now, if it is still to be sent (None once sent or given up)."""
        row = (await self._session.execute(_TO_SEND, {"row_id": row_id})).first()
        if row is None:
            return None
        return ToSend(
            id=row.id,
            chat_id=row.chat_id,
            thread_id=row.thread_id,
            kind=row.kind,
            ticket_number=row.ticket_number,
            reply_to=row.reply_to,
            payload=dict(row.payload or {}),
            attempts=row.attempts,
        )

    async def newer_waiting(self, row: ToSend) -> bool:
        """Whether a newer row of the same kind for the same ticket waits to be sent: a card
        update then leaves the edit to it, as it will show this one's change too."""
        newer = await self._session.scalar(
            _NEWER, {"number": row.ticket_number, "kind": row.kind, "row_id": row.id}
        )
        return newer is not None

    async def claim(self, row_id: int, holder: str, lease: str, now: datetime) -> bool:
        """Claim a row to send it now: only while `holder` holds the lease `lease` (a process
        that lost it sends nothing more), only a row still unsent and claimed by nobody else.
        Committed before the call, so no other sender takes it while it is on its way."""
        result = await self._session.execute(
            _CLAIM, {"row_id": row_id, "holder": holder, "lease": lease, "now": now}
        )
        return result.rowcount == 1  # type: ignore[attr-defined]

    async def unclaim(self, row_id: int, holder: str) -> None:
        """Give a claimed row back unsent (it was not sent after all)."""
        await self._session.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.id == row_id, _OUTBOX.c.claimed_by == holder, *_UNSENT)
            .values(claimed_by=None, claimed_at=None)
        )

    async def claimants(self) -> list[tuple[str, datetime]]:
        """Who holds claims on unsent rows, and since when (the oldest of each's claims)."""
        rows = await self._session.execute(
            select(_OUTBOX.c.claimed_by, func.min(_OUTBOX.c.claimed_at))
            .where(*_UNSENT, _OUTBOX.c.claimed_by.is_not(None))
            .group_by(_OUTBOX.c.claimed_by)
        )
        return [(holder, since) for holder, since in rows]

    async def release_claims_of(self, holder: str) -> int:
        """A claimant that is gone (dead, or silent for too long) gives its unsent rows back.
        What it sent but did not record may go out twice: the one case that can."""
        result = await self._session.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.claimed_by == holder, *_UNSENT)
            .values(claimed_by=None, claimed_at=None)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def pending_count(self, due_by: datetime | None = None) -> int:
        """Rows not yet sent nor set aside; with `due_by`, only those whose time has come."""
        due = () if due_by is None else (_OUTBOX.c.not_before <= due_by,)
        query = select(func.count()).select_from(_OUTBOX).where(*_UNSENT, *due)
        return int(await self._session.scalar(query) or 0)

    async def sent(self, row_id: int, at: datetime, message_id: int | None) -> None:
        """Delivered: its time, the message id Telegram gave back, one attempt more."""
        await self._session.execute(_SENT, {"row_id": row_id, "at": at, "message_id": message_id})

    async def postpone(self, row_id: int, until: datetime, error: str) -> None:
        await self._session.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.id == row_id)
            .values(not_before=until, last_error=error[:2000], attempts=_OUTBOX.c.attempts + 1)
        )

    async def give_up(self, row_id: int, at: datetime, error: str) -> None:
        """Never to be sent: Telegram refused it for good, or it could not be prepared."""
        await self._session.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.id == row_id)
            .values(failed_at=at, last_error=error[:2000], attempts=_OUTBOX.c.attempts + 1)
        )

    async def forget_done(self, before: datetime) -> int:
        """Rows sent, or set aside, before `before`: what was said is in the ledger and the
        chat; the rows (a ledger file sent as a document among them) only grow."""
        result = await self._session.execute(
            delete(_OUTBOX).where(or_(_OUTBOX.c.sent_at < before, _OUTBOX.c.failed_at < before))
        )
        return int(result.rowcount or 0)
