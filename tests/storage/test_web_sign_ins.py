"""A one-time sign-in link is spent once, whichever process serves it: the second spend of a
nonce is refused by the database, and the transaction that tried it stays usable."""

from __future__ import annotations

from datetime import timedelta

from bot.database import Database
from tickets.clock import FakeClock


async def test_a_nonce_is_spent_once_across_transactions(
    database: Database, clock: FakeClock
) -> None:
    now, expires = clock.now(), clock.now() + timedelta(minutes=10)
    async with database.unit_of_work() as first, database.unit_of_work() as second:
        assert await first.web_sign_ins.spend("nonce-1", 9001, now, expires)
        await first.commit()
        assert not await second.web_sign_ins.spend("nonce-1", 9001, now, expires)
        assert await second.web_sign_ins.spend("nonce-2", 9001, now, expires)  # still usable
        await second.commit()


async def test_spent_links_are_forgotten_once_expired(database: Database, clock: FakeClock) -> None:
    now = clock.now()
    async with database.unit_of_work() as uow:
        await uow.web_sign_ins.spend("old", 1, now, now + timedelta(minutes=10))
        await uow.web_sign_ins.spend("new", 1, now, now + timedelta(minutes=30))
        await uow.commit()
    async with database.unit_of_work() as uow:
        assert await uow.web_sign_ins.forget_expired(now + timedelta(minutes=20)) == 1
        await uow.commit()
    async with database.unit_of_work() as uow:
        assert not await uow.web_sign_ins.spend("new", 1, now, now + timedelta(minutes=30))
