"""The inbox on both databases: updates kept in arrival order per chat, the processed ones
forgotten after their keeping, never one still waiting."""

from __future__ import annotations

from datetime import timedelta

from bot.app import forget_processed_updates
from bot.database import Database
from storage.inbox import Incoming
from tickets.clock import FakeClock

BOT = 7000000001


def update(update_id: int, chat_id: int | None = -1001) -> Incoming:
    return Incoming(update_id, chat_id, {"update_id": update_id, "message": {"text": "x"}})


async def test_updates_wait_in_the_order_they_came_with_their_chat(
    database: Database, clock: FakeClock
) -> None:
    async with database.unit_of_work() as uow:
        await uow.inbox.store(
            BOT, [update(3), update(1), update(2, -1002), update(9, None)], clock.now()
        )
        await uow.commit()
    async with database.unit_of_work() as uow:
        waiting = await uow.inbox.waiting(limit=10)
    assert [(u.update_id, u.chat_id) for u in waiting] == [
        (3, -1001),
        (1, -1001),
        (2, -1002),
        (9, None),
    ]


async def test_processed_updates_are_forgotten_after_their_keeping_waiting_ones_never(
    database: Database, clock: FakeClock
) -> None:
    async with database.unit_of_work() as uow:
        await uow.inbox.store(BOT, [update(1), update(2)], clock.now())
        await uow.commit()
    async with database.unit_of_work() as uow:
        [first, _] = await uow.inbox.waiting(limit=10)
        assert await uow.inbox.processed([first.id], clock.now())
        await uow.commit()
    clock.advance(timedelta(days=6))
    assert await forget_processed_updates(database, clock, timedelta(days=7)) == 0
    clock.advance(timedelta(days=2))
    assert await forget_processed_updates(database, clock, timedelta(days=7)) == 1
    async with database.unit_of_work() as uow:
        assert [u.update_id for u in await uow.inbox.waiting(limit=10)] == [2]
        assert await uow.inbox.waiting_count() == 1


async def test_an_update_processed_elsewhere_meanwhile_is_not_marked_twice(
    database: Database, clock: FakeClock
) -> None:
    async with database.unit_of_work() as uow:
        await uow.inbox.store(BOT, [update(1)], clock.now())
        await uow.commit()
    async with database.unit_of_work() as uow:
        [stored] = await uow.inbox.waiting(limit=10)
        assert await uow.inbox.processed([stored.id], clock.now())
        assert not await uow.inbox.processed([stored.id], clock.now())
