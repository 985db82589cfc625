"""Names of people, remembered by two transactions at once: on PostgreSQL the second waits for
the first and both commit (two sender workers asking Telegram for the same liaison at once used
to fail one of them on the primary key)."""

from __future__ import annotations

import asyncio

from bot.database import Database


async def test_two_transactions_naming_the_same_new_person_both_commit(
    database: Database,
) -> None:
    async with database.unit_of_work() as first, database.unit_of_work() as second:
        await first.people.remember(5001, "小李", "lamp_li")
        # The second's insert meets the first's uncommitted row: on PostgreSQL it waits for it
        # (on SQLite, for the one connection), then updates it instead of failing.
        racing = asyncio.create_task(second.people.remember(5001, "小李（路灯所）", "lamp_li"))
        await asyncio.sleep(0)  # let it start
        await first.commit()
        await racing
        await second.commit()
    async with database.unit_of_work() as uow:
        assert await uow.people.names([5001]) == {5001: ("小李（路灯所）", "lamp_li")}


async def test_a_name_already_known_is_not_written_again(database: Database) -> None:
    async with database.unit_of_work() as uow:
        await uow.people.remember(42, "王老板", None)
        await uow.commit()
    async with database.unit_of_work() as uow:
        await uow.people.remember(42, "王老板", None)
        await uow.people.remember(43, "李阿姨", "li")
        await uow.commit()
    async with database.unit_of_work() as uow:
        assert await uow.people.names([42, 43, 44]) == {42: ("王老板", None), 43: ("李阿姨", "li")}
