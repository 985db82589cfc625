"""One leader at a time: the lease is held by renewing it and taken over when its holder stops."""

from __future__ import annotations

import socket
from datetime import timedelta

from bot.database import Database
from scheduler.leadership import Leadership
from tickets.clock import FakeClock

LEASE = timedelta(seconds=30)


def process(database: Database, clock: FakeClock, holder: str) -> Leadership:
    return Leadership(
        unit_of_work=database.unit_of_work, clock=clock, lease_for=LEASE, holder=holder
    )


async def test_only_one_process_leads(database: Database, clock: FakeClock) -> None:
    first = process(database, clock, "host-a:1:x")
    second = process(database, clock, "host-b:2:y")
    assert await first.renew()
    assert not await second.renew()
    clock.advance(timedelta(seconds=10))
    assert await first.renew()  # renewing keeps it
    assert not await second.renew()


async def test_a_leader_that_stops_renewing_is_replaced(
    database: Database, clock: FakeClock
) -> None:
    first = process(database, clock, "host-a:1:x")
    second = process(database, clock, "host-b:2:y")
    await first.renew()
    clock.advance(LEASE + timedelta(seconds=1))  # first died without a word
    assert await second.renew()
    assert not await first.renew()  # back from the dead, it must not lead alongside
    assert not first.leading


async def test_resigning_hands_over_at_once(database: Database, clock: FakeClock) -> None:
    first = process(database, clock, "host-a:1:x")
    second = process(database, clock, "host-b:2:y")
    await first.renew()
    await first.resign()
    assert await second.renew()


async def test_a_crashed_holder_on_this_host_is_replaced_without_waiting(
    database: Database, clock: FakeClock
) -> None:
    dead_pid = 2**22 + 12345  # above Linux's default pid_max: no such process
    crashed = process(database, clock, f"{socket.gethostname()}:{dead_pid}:x")
    await crashed.renew()
    successor = process(database, clock, f"{socket.gethostname()}:1:y")  # pid 1 is alive
    assert await successor.renew()  # no waiting for the lease to run out
    alive_elsewhere = process(database, clock, "another-host:99:z")
    assert not await alive_elsewhere.renew()
