"""The sweep over a real database: what it records, what the groups hear, and catch-up."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, text

from bot.database import Database
from storage.engine import create_engine
from storage.migrate import upgrade
from storage.models import OutboxRow
from tests.clerk import Clerk
from tests.conftest import local
from tickets.clock import FakeClock
from tickets.lifecycle import Note, State
from tickets.permissions import Actor
from tickets.sweep import Sweep

SHOPKEEPER = Actor(42, "王老板")


async def report(service: Clerk, text: str, category: str, place: str) -> int:
    outcome = await service.report(
        road="胜利路",
        category=category,
        text=text,
        location=place,
        reporter=SHOPKEEPER,
        chat_id=-1001000000001,
    )
    return outcome.ticket.number


async def notices(database: Database) -> list[OutboxRow]:
    async with database.unit_of_work() as uow:
        return list(await uow.session.scalars(select(OutboxRow).order_by(OutboxRow.id)))


async def test_a_missed_deadline_is_reminded_once_and_recorded(
    service: Clerk, sweep: Sweep, clock: FakeClock, database: Database
) -> None:
    clock.set(local("2026-11-18 10:00"))
    number = await report(service, "路灯不亮", "streetlight", "胜利路8号")
    clock.set(local("2026-11-18 12:00"))
    first = await sweep.run_once()
    again = await sweep.run_once()
    assert (first.looked_at, first.reminded) == (1, 1)
    assert again.looked_at == 0  # the next look is not due yet
    [reminder] = [n for n in await notices(database) if n.kind == "reminder"]
    assert (reminder.ticket_number, reminder.payload) == (
        number,
        {"deadline": "ack", "to": "remind"},
    )
    ticket = await service.get(number)
    assert [e.kind for e in ticket.events][-1] is Note.REMINDED
    assert ticket.next_chase_at == local("2026-11-18 13:00")


async def test_after_downtime_a_group_gets_one_summary_not_a_flood(
    service: Clerk, sweep: Sweep, clock: FakeClock, database: Database
) -> None:
    clock.set(local("2026-11-18 09:00"))
    for i in range(5):
        await report(service, "垃圾没清", "garbage", f"胜利路{i + 1}号")  # ack due 10:00
    clock.set(local("2026-11-18 12:30"))  # the bot was down two and a half hours
    result = await sweep.run_once()
    assert (result.looked_at, result.summaries) == (5, 1)
    kinds = [n.kind for n in await notices(database)]
    assert kinds.count("chase_summary") == 1
    assert "reminder" not in kinds and "escalation" not in kinds
    assert "card_update" not in kinds  # no edit per card either: each catches up later
    [summary] = [n for n in await notices(database) if n.kind == "chase_summary"]
    assert [item["steps"] for item in summary.payload["items"]] == [["remind", "head"]] * 5


async def test_silence_closes_a_resolved_ticket_and_says_so(
    service: Clerk, sweep: Sweep, clock: FakeClock, database: Database
) -> None:
    clock.set(local("2026-11-18 10:00"))
    number = await report(service, "路灯不亮", "streetlight", "胜利路8号")
    await service.resolve(number, Actor(5001, "小李", departments=frozenset({"lighting"})))
    clock.advance(timedelta(hours=24))
    result = await sweep.run_once()
    assert result.closed == 1
    assert (await service.get(number)).state is State.CLOSED
    moved = [n for n in await notices(database) if n.kind == "moved"]
    assert moved[-1].payload["action"] == "close_uncontested"


async def test_upgrading_to_the_sweep_arms_the_tickets_already_open(
    tmp_path, clock: FakeClock
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    await upgrade(url, "0001")
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO tickets (number, road, category, department, state, text, "
                "reporter_name, created_at, ack_due, resolve_due, rework_count, transfer_count, "
                "extension_count) VALUES (1, 'r', 'streetlight', 'lighting', 'dispatched', 't', "
                "'', '2026-11-18 02:00:00', '2026-11-18 04:00:00', '2026-11-20 02:00:00', 0, 0, 0)"
            )
        )
    await engine.dispose()
    await upgrade(url)
    engine = create_engine(url)
    async with engine.connect() as connection:
        armed = (await connection.execute(text("SELECT next_chase_at FROM tickets"))).scalar()
        lease = (await connection.execute(text("SELECT name FROM leases"))).scalar()
    await engine.dispose()
    assert str(armed).startswith("2026-11-18 04:00:00")
    assert lease == "leader"
