"""The repository keeps tickets, their events and photos exactly, on SQLite and PostgreSQL."""

import asyncio
from datetime import UTC, timedelta

import pytest

from bot.database import Database
from tests.conftest import local
from tests.unit.test_lifecycle import deadlines
from tickets.lifecycle import Action, Note, State
from tickets.model import CloseReason, Photo, PhotoKind, Ticket

T0 = local("2026-11-18 10:00")


def a_report(number: int, *, road: str = "胜利路", category: str = "streetlight") -> Ticket:
    return Ticket.report(
        number=number,
        road=road,
        category=category,
        department="lighting",
        text="胜利路8号门口路灯不亮<b>&",
        location="胜利路8号",
        reporter_id=42,
        reporter_name="王老板",
        at=T0,
        deadlines=deadlines(),
        chat_id=-1001000000001,
        photos=(Photo("before-file", PhotoKind.BEFORE, "uniq-1"),),
    )


async def test_a_ticket_comes_back_as_it_went_in(database: Database) -> None:
    async with database.unit_of_work() as uow:
        ticket = a_report(await uow.tickets.next_number())
        await uow.tickets.add(ticket)
        await uow.commit()
    async with database.unit_of_work() as uow:
        loaded = await uow.tickets.get(ticket.number)
    assert loaded is not None
    assert loaded.text == "胜利路8号门口路灯不亮<b>&"
    assert loaded.created_at == T0 and loaded.created_at.tzinfo is not None
    assert loaded.created_at.utcoffset() == timedelta(0)  # stored and returned in UTC
    assert loaded.ack_due == ticket.ack_due
    assert loaded.photos == [Photo("before-file", PhotoKind.BEFORE, "uniq-1")]
    assert [e.kind for e in loaded.events] == [Action.REPORT]


async def test_moves_and_notes_are_appended_to_the_stored_history(database: Database) -> None:
    async with database.unit_of_work() as uow:
        ticket = a_report(await uow.tickets.next_number())
        await uow.tickets.add(ticket)
        await uow.commit()
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(ticket.number)
        assert ticket is not None
        ticket.record(
            Note.ALSO_REPORTED,
            by=43,
            at=T0 + timedelta(minutes=1),
            note="也不亮",
            data={"name": "隔壁"},
        )
        ticket.resolve(
            by=5001,
            at=T0 + timedelta(hours=1),
            verify_due=T0 + timedelta(hours=25),
            photos=(Photo("after-file", PhotoKind.AFTER),),
        )
        await uow.tickets.save(ticket)
        await uow.commit()
    async with database.unit_of_work() as uow:
        ticket = await uow.tickets.get(ticket.number)
        assert ticket is not None
        ticket.confirm(by=42, at=T0 + timedelta(hours=2))
        await uow.tickets.save(ticket)
        await uow.commit()
    async with database.unit_of_work() as uow:
        loaded = await uow.tickets.get(ticket.number)
    assert loaded is not None
    assert [e.kind for e in loaded.events] == [
        Action.REPORT,
        Note.ALSO_REPORTED,
        Action.RESOLVE,
        Action.CONFIRM,
    ]
    assert loaded.events[1].data == {"name": "隔壁"}
    assert (loaded.state, loaded.close_reason) == (State.CLOSED, CloseReason.CONFIRMED)
    assert [p.file_id for p in loaded.photos] == ["before-file", "after-file"]
    assert loaded.resolved_at == T0 + timedelta(hours=1)


async def test_uncommitted_work_leaves_no_trace(database: Database) -> None:
    async with database.unit_of_work() as uow:
        await uow.tickets.add(a_report(await uow.tickets.next_number()))
        # no commit: a handler that failed half-way
    async with database.unit_of_work() as uow:
        assert await uow.tickets.list() == []
        assert await uow.tickets.next_number() == 1  # the number was given back too


async def test_ticket_numbers_are_short_gapless_and_never_shared(database: Database) -> None:
    async def one_report() -> int:
        async with database.unit_of_work() as uow:
            ticket = a_report(await uow.tickets.next_number())
            await uow.tickets.add(ticket)
            await uow.commit()
            return ticket.number

    numbers = await asyncio.gather(*(one_report() for _ in range(20)))
    assert sorted(numbers) == list(range(1, 21))


async def test_open_tickets_of_a_road_leave_out_closed_ones_and_other_roads(
    database: Database,
) -> None:
    async with database.unit_of_work() as uow:
        for road, category in [
            ("胜利路", "streetlight"),
            ("胜利路", "garbage"),
            ("建设路", "streetlight"),
            ("胜利路", "streetlight"),
        ]:
            await uow.tickets.add(
                a_report(await uow.tickets.next_number(), road=road, category=category)
            )
        closed = await uow.tickets.get(4)
        assert closed is not None
        closed.cancel(by=42, at=T0)
        await uow.tickets.save(closed)
        await uow.commit()
    async with database.unit_of_work() as uow:
        open_lights = await uow.tickets.open_on_road("胜利路", "streetlight")
        all_open = await uow.tickets.open_on_road("胜利路")
        cancelled = await uow.tickets.list(state=State.CANCELLED)
    assert [t.number for t in open_lights] == [1]
    assert [t.number for t in all_open] == [1, 2]
    assert [t.number for t in cancelled] == [4]


async def test_a_listed_ticket_without_history_cannot_be_saved_by_mistake(
    database: Database,
) -> None:
    async with database.unit_of_work() as uow:
        await uow.tickets.add(a_report(await uow.tickets.next_number()))
        await uow.commit()
    async with database.unit_of_work() as uow:
        [listed] = await uow.tickets.list()
        listed.acknowledge(by=5001, at=T0)
        with pytest.raises(ValueError, match="without its history"):
            await uow.tickets.save(listed)


async def test_a_naive_datetime_is_refused_rather_than_guessed(database: Database) -> None:
    ticket = a_report(1)
    ticket.created_at = T0.astimezone(UTC).replace(tzinfo=None)
    async with database.unit_of_work() as uow:
        with pytest.raises(Exception, match="naive datetime"):
            await uow.tickets.add(ticket)
