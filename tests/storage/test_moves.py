"""The moves end to end over a real database, with a FakeClock: each through permissions."""

from datetime import timedelta

import pytest

from tests.clerk import Clerk
from tests.conftest import local
from tickets.clock import FakeClock
from tickets.lifecycle import IllegalTransition, Note, State
from tickets.model import CloseReason, Photo, PhotoKind
from tickets.moves import TicketNotFound
from tickets.permissions import Actor, NotAllowed
from tickets.roles import Role

SHOPKEEPER = Actor(42, "王老板")
NEIGHBOUR = Actor(43, "李老板")
LIGHTING = Actor(5001, "路灯所小李", Role.LIAISON, frozenset({"lighting"}))
SANITATION = Actor(5003, "环卫小张", Role.LIAISON, frozenset({"sanitation"}))
CHIEF = Actor(9001, "张街长", Role.CHIEF)


async def report_light(service: Clerk, location: str | None = "胜利路8号"):
    return await service.report(
        road="胜利路",
        category="streetlight",
        text="胜利路8号门口路灯不亮",
        location=location,
        reporter=SHOPKEEPER,
        photos=(Photo("p1", PhotoKind.BEFORE),),
        chat_id=-1001000000001,
    )


async def test_ack_deadline_counts_only_working_hours(service: Clerk, clock: FakeClock) -> None:
    clock.set(local("2026-11-20 17:30"))  # Friday
    outcome = await report_light(service)
    assert outcome.created
    assert outcome.ticket.ack_due == local("2026-11-23 10:30")  # 2 working hours, 09:00-18:00
    assert outcome.ticket.department == "lighting"


async def test_the_closed_loop(service: Clerk, clock: FakeClock) -> None:
    ticket = (await report_light(service)).ticket
    clock.advance(timedelta(minutes=4))
    await service.acknowledge(ticket.number, LIGHTING)
    clock.advance(timedelta(hours=3))
    await service.resolve(ticket.number, LIGHTING, "已修好", (Photo("after", PhotoKind.BEFORE),))
    clock.advance(timedelta(minutes=30))
    closed = await service.confirm(ticket.number, SHOPKEEPER, "好了谢谢")
    assert (closed.state, closed.close_reason) == (State.CLOSED, CloseReason.CONFIRMED)
    stored = await service.get(ticket.number)
    assert stored.acknowledged_at == local("2026-11-18 10:04")
    assert stored.resolved_at == local("2026-11-18 13:04")
    assert stored.closed_at == local("2026-11-18 13:34")
    assert stored.verify_due == local("2026-11-19 13:04")  # 24 h after resolution
    assert [p.kind for p in stored.photos] == [PhotoKind.BEFORE, PhotoKind.AFTER]


async def test_a_repeated_report_joins_the_open_ticket(service: Clerk) -> None:
    first = await report_light(service)
    again = await service.report(
        road="胜利路",
        category="streetlight",
        text="8号门口的灯还是黑的",
        location="胜利路8号门口",
        reporter=NEIGHBOUR,
    )
    assert not again.created
    assert again.ticket.number == first.ticket.number
    stored = await service.get(first.ticket.number)
    assert stored.events[-1].kind is Note.ALSO_REPORTED
    assert stored.events[-1].by == NEIGHBOUR.user_id
    # the neighbour may now say it is still not fixed, like the first reporter
    await service.resolve(stored.number, LIGHTING)
    reopened = await service.reopen(stored.number, NEIGHBOUR, "还是不亮")
    assert (reopened.state, reopened.rework_count) == (State.REOPENED, 1)


async def test_a_different_place_is_a_new_ticket(service: Clerk) -> None:
    first = await report_light(service)
    other = await report_light(service, location="胜利路18号")
    assert other.created
    assert other.ticket.number == first.ticket.number + 1


async def test_another_department_cannot_touch_the_ticket(service: Clerk) -> None:
    ticket = (await report_light(service)).ticket
    with pytest.raises(NotAllowed):
        await service.acknowledge(ticket.number, SANITATION)
    with pytest.raises(NotAllowed):
        await service.resolve(ticket.number, SHOPKEEPER)
    assert (await service.get(ticket.number)).state is State.DISPATCHED


async def test_an_illegal_move_changes_nothing(service: Clerk) -> None:
    ticket = (await report_light(service)).ticket
    with pytest.raises(IllegalTransition):
        await service.confirm(ticket.number, SHOPKEEPER)
    stored = await service.get(ticket.number)
    assert stored.state is State.DISPATCHED
    assert len(stored.events) == 1


async def test_a_transfer_goes_to_the_new_department_and_restarts_the_clock(
    service: Clerk, clock: FakeClock
) -> None:
    ticket = (await report_light(service)).ticket
    clock.advance(timedelta(hours=1))
    moved = await service.transfer(ticket.number, LIGHTING, "municipal", "不是路灯，是井盖")
    assert moved.department == "municipal"
    assert moved.ack_due == clock.now() + timedelta(hours=2)  # streetlight ack, working hours
    with pytest.raises(NotAllowed):  # it is no longer lighting's ticket
        await service.acknowledge(ticket.number, LIGHTING)


async def test_the_road_override_routes_the_report(service: Clerk) -> None:
    outcome = await service.report(
        road="胜利路", category="greenery", text="树枝断了", location=None, reporter=SHOPKEEPER
    )
    assert outcome.ticket.department == "street_office"


async def test_the_chief_can_close_reject_and_mark_duplicates(service: Clerk) -> None:
    first = (await report_light(service)).ticket
    second = (await report_light(service, location="建设路口")).ticket
    duplicate = await service.mark_duplicate(second.number, CHIEF, first.number)
    assert (duplicate.state, duplicate.duplicate_of) == (State.DUPLICATE, first.number)
    closed = await service.close(first.number, CHIEF, "现场核实已修复")
    assert closed.close_reason is CloseReason.CHIEF
    with pytest.raises(TicketNotFound):
        await service.mark_duplicate(first.number, CHIEF, 999)


async def test_an_extension_moves_the_resolve_deadline(service: Clerk, clock: FakeClock) -> None:
    ticket = (await report_light(service)).ticket
    await service.acknowledge(ticket.number, LIGHTING)
    new_due = ticket.resolve_due + timedelta(days=3)
    extended = await service.extend(ticket.number, LIGHTING, new_due, "等灯杆配件")
    assert (extended.resolve_due, extended.extension_count) == (new_due, 1)


async def test_an_unknown_ticket_is_named(service: Clerk) -> None:
    with pytest.raises(TicketNotFound, match="#404"):
        await service.acknowledge(404, LIGHTING)
