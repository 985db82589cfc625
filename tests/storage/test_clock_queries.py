"""The clocks over a large ledger: what the sweep and the digests read is found through indexes,
and costs what is due or was touched, not what the ledger holds (bench/bench_clocks.py measures
it at a million tickets; here the statements themselves are checked, on a small real database).

Plans are SQLite's (EXPLAIN QUERY PLAN of the very statements the code sent). Without statistics
SQLite plans the same for ten rows as for ten million, which is what makes this checkable here;
PostgreSQL plans from its statistics, so only what was read is checked there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from bot.database import Database
from tests.clerk import Clerk
from tests.conftest import local
from tickets.calendar import Calendar
from tickets.clock import FakeClock
from tickets.digest import Digests
from tickets.lifecycle import State
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor
from tickets.sweep import Sweep
from tickets.taxonomy import Taxonomy

SHOPKEEPER = Actor(42, "王老板")
LIGHTING = Actor(5001, "小李", departments=frozenset({"lighting"}))
CHAT = -1001000000001
# The tables that grow with the ledger: a plan that scans one costs what the ledger holds.
LARGE = re.compile(r"^SCAN (TABLE )?(tickets|ticket_events|photos)\b")

Statement = tuple[str, Any]


@contextmanager
def recorded(database: Database) -> Iterator[list[Statement]]:
    """The SELECTs sent to the database inside the block, with their parameters."""
    statements: list[Statement] = []

    def record(_conn: Any, _cursor: Any, sql: str, parameters: Any, *_: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            statements.append((sql, parameters))

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def plans(database: Database, statements: list[Statement]) -> list[tuple[str, list[str]]]:
    """Each statement with SQLite's plan for it, one detail line per step."""
    planned = []
    async with database.engine.connect() as connection:
        for sql, parameters in statements:
            rows = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(parameters))
            planned.append((sql, [row[3] for row in rows]))
    return planned


def sqlite_only(database: Database) -> None:
    if database.engine.dialect.name != "sqlite":
        pytest.skip("query plans are SQLite's; PostgreSQL plans from its statistics")


def scans_of_large_tables(planned: list[tuple[str, list[str]]]) -> list[tuple[str, str]]:
    return [(sql, step) for sql, steps in planned for step in steps if LARGE.match(step)]


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


@pytest.fixture
def digests(database: Database, taxonomy: Taxonomy, calendar: Calendar) -> Digests:
    return Digests(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=calendar,
        stale_after=timedelta(days=7),
    )


async def test_a_catch_up_finds_its_groups_and_their_tickets_through_the_sweeps_index(
    database: Database, service: Clerk, sweep: Sweep, clock: FakeClock
) -> None:
    sqlite_only(database)
    clock.set(local("2026-11-18 09:00"))
    for i in range(4):  # ack due 10:00; with photos, so that histories bring photos too
        await report(service, "garbage", f"胜利路{i + 1}号", photo=True)
    clock.set(local("2026-11-18 12:30"))  # the bot was down: one group has four steps due
    with recorded(database) as statements:
        result = await sweep.run_once()
    assert (result.looked_at, result.summaries) == (4, 1)  # the catch-up path did run

    planned = await plans(database, statements)
    assert scans_of_large_tables(planned) == []
    # Counting the crowded groups reads the index alone, however many rows are due...
    [(_, crowded)] = [(sql, steps) for sql, steps in planned if "GROUP BY" in sql]
    assert any(re.search(r"COVERING INDEX ix_tickets_next_chase\b", step) for step in crowded)
    # ...and each group's due tickets are found by the same index, the group checked in it.
    per_group = [steps for sql, steps in planned if "tickets.chat_id = ?" in sql]
    assert per_group
    assert all(re.search(r"INDEX ix_tickets_next_chase\b", " ".join(s)) for s in per_group)


async def test_the_digest_reads_history_only_of_the_tickets_touched_that_day(
    database: Database,
    service: Clerk,
    digests: Digests,
    clock: FakeClock,
    taxonomy: Taxonomy,
) -> None:
    clock.set(local("2026-11-10 10:00"))
    untouched = await report(service, "streetlight", "胜利路1号", photo=True)  # open, a week old
    clock.set(local("2026-11-17 09:30"))  # the day reported on
    touched = await report(service, "streetlight", "胜利路8号", photo=True)
    await service.acknowledge(touched, LIGHTING)
    clock.set(local("2026-11-18 08:30"))
    async with database.unit_of_work() as uow:
        ids = {n: (await uow.tickets.get(n)).id for n in (untouched, touched)}  # type: ignore[union-attr]

    with recorded(database) as statements:
        digest = await digests.daily(taxonomy.road("胜利路"), date(2026, 11, 17), clock.now())
    assert (digest.new, digest.acknowledged, digest.open) == (1, 1, 2)  # both listed as open
    assert digest.stale == (untouched,)

    history_reads = [
        parameters for sql, parameters in statements if re.search(r"FROM ticket_events\s", sql)
    ]
    assert history_reads  # the touched ticket's events were read, to count the day's moves
    assert all(ids[untouched] not in parameters for parameters in history_reads)


async def test_the_digests_and_a_tickets_photos_are_found_without_scanning_a_large_table(
    database: Database,
    service: Clerk,
    digests: Digests,
    clock: FakeClock,
    taxonomy: Taxonomy,
) -> None:
    sqlite_only(database)
    clock.set(local("2026-11-16 10:00"))
    number = await report(service, "streetlight", "胜利路8号", photo=True)
    await service.acknowledge(number, LIGHTING)
    road = taxonomy.road("胜利路")
    with recorded(database) as statements:
        await digests.daily(road, date(2026, 11, 16), local("2026-11-17 08:30"))
        await digests.weekly(road, date(2026, 11, 16), date(2026, 11, 23))
        ticket = await service.get(number)
    assert ticket.photos  # the photos of its events were read with it
    planned = await plans(database, statements)
    assert scans_of_large_tables(planned) == []
    # "Which tickets moved that day" is answered from the events index alone.
    assert any(
        "COVERING INDEX ix_ticket_events_at_ticket" in step
        for _, steps in planned
        for step in steps
    )


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
