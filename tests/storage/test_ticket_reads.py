"""Tickets read for lists, the clocks and the figures are the tickets `get` gives. (What these
reads cost over a large ledger is measured by bench/bench_clocks.py, not asserted here.)
"""

from __future__ import annotations

from datetime import timedelta

from bot.database import Database
from tests.clerk import Clerk
from tests.conftest import local
from tickets.clock import FakeClock
from tickets.lifecycle import State
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor

SHOPKEEPER = Actor(42, "王老板")
LIGHTING = Actor(5001, "小李", departments=frozenset({"lighting"}))
CHAT = -1001000000001


async def report(service: Clerk, category: str, place: str, photo: bool = False) -> int:
    outcome = await service.report(
        road="胜利路",
        category=category,
        text="路灯不亮" if category == "streetlight" else "垃圾没清",
        location=place,
        reporter=SHOPKEEPER,
        chat_id=CHAT,
        photos=(Photo(f"file-{place}", PhotoKind.BEFORE, f"u-{place}"),) if photo else (),
    )
    return outcome.ticket.number


async def a_reworked_lamp(service: Clerk, clock: FakeClock, after: tuple[Photo, ...] = ()) -> int:
    """A lamp reported with a photo on Monday 10:00, acknowledged, resolved an hour later (with
    `after` photos) and reopened: a ticket with every kind of history."""
    clock.set(local("2026-11-16 10:00"))
    number = await report(service, "streetlight", "胜利路8号", photo=True)
    await service.acknowledge(number, LIGHTING)
    clock.advance(timedelta(hours=1))
    await service.resolve(number, LIGHTING, photos=after)
    await service.reopen(number, SHOPKEEPER)
    return number


async def test_a_listed_ticket_carries_every_field_of_the_ticket_but_its_history(
    database: Database, service: Clerk, clock: FakeClock
) -> None:
    number = await a_reworked_lamp(service, clock)
    full = await service.get(number)
    async with database.unit_of_work() as uow:
        [listed] = await uow.tickets.list(state=State.REOPENED, road="胜利路")
    assert listed.events == [] and listed.stored_events == -1  # shown, never saved
    listed.events, listed.photos, listed.stored_events = (
        full.events,
        full.photos,
        full.stored_events,
    )
    assert listed == full


async def test_tickets_read_in_bulk_are_the_tickets_get_gives_with_history_and_photos(
    database: Database, service: Clerk, clock: FakeClock
) -> None:
    after = (Photo("after-1", PhotoKind.AFTER, "a-1"), Photo("after-2", PhotoKind.AFTER, "a-2"))
    moved = await a_reworked_lamp(service, clock, after)
    waiting = await report(service, "garbage", "超市后门")
    start, end = local("2026-11-16 00:00"), local("2026-11-17 00:00")
    async with database.unit_of_work() as uow:
        for_figures = await uow.tickets.for_figures(["胜利路"], start, end)
        touched = await uow.tickets.touched_between("胜利路", start, end)
    expected = [await service.get(moved), await service.get(waiting)]
    assert for_figures == expected and list(touched) == expected
    assert [p.file_id for p in for_figures[0].photos] == ["file-胜利路8号", "after-1", "after-2"]
    # Read in bulk, a ticket can still be moved and saved: its history is complete.
    async with database.unit_of_work() as uow:
        [ticket, _] = await uow.tickets.for_figures(["胜利路"], start, end)
        ticket.acknowledge(by=LIGHTING.user_id, at=clock.now())
        await uow.tickets.save(ticket)
        await uow.commit()
    assert (await service.get(moved)).events == ticket.events
