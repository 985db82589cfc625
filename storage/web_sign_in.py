"""One-time sign-in links, spent: a link is a signed token (reports/web/links.py) and needs no
row to be valid; using it writes its nonce here, so a second use is refused by whichever process
serves it. Rows are worth keeping only until the link would have expired anyway."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.dialect import upsert_into
from storage.models import WebSignInRow

_SPENT = WebSignInRow.__table__


class SqlWebSignIns:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def spend(self, nonce: str, user_id: int, now: datetime, expires_at: datetime) -> bool:
        """Mark a link's nonce used: True the first time, False for every later try (in this
        process or another: the primary key decides, ON CONFLICT keeps the transaction alive)."""
        insert = upsert_into(self._session, WebSignInRow)
        result = await self._session.execute(
            insert.values(nonce=nonce, user_id=user_id, used_at=now, expires_at=expires_at)
            .on_conflict_do_nothing(index_elements=["nonce"])
            .returning(_SPENT.c.nonce)
        )
        return result.first() is not None

    async def forget_expired(self, now: datetime) -> int:
        """Spent links past their expiry: refused by their date alone, their rows not needed."""
        result = await self._session.execute(delete(_SPENT).where(_SPENT.c.expires_at < now))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
