"""How long one clock sweep takes over many open tickets, on an SQLite file (or PostgreSQL).

Two cases over OPEN open tickets across 100 groups:
- a normal tick: DUE of them have a step due now (the rest wait for later deadlines);
- a catch-up: every one of them is overdue at once (the bot was down for days).
The baseline in the same run is the bare indexed query that finds the due tickets, which no sweep
can beat. Peak memory is the process's maximum resident set.

    python bench/bench_sweep.py [--open 100000] [--due 200] [--url sqlite+aiosqlite:///...]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from bot.database import open_database
from bot.settings import load_settings
from emulator.bot_process import EXAMPLE_CONFIG
from tickets.chasing import ChasePolicy, Chaser
from tickets.clock import FakeClock
from tickets.sweep import Sweep

NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai, a Wednesday


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def fill(path: Path, open_tickets: int, due: int) -> None:
    """Insert tickets and their report events straight through sqlite3: seconds, not minutes."""
    db = sqlite3.connect(path)
    created = NOW - timedelta(hours=3)
    rows, events = [], []
    for n in range(1, open_tickets + 1):
        overdue = n <= due
        ack_due = NOW - timedelta(minutes=1) if overdue else NOW + timedelta(days=3)
        rows.append(
            (
                n,
                n,
                f"路{n % 100}",
                -1002000000000 - n % 100,
                "garbage",
                "sanitation",
                "dispatched",
                "垃圾没清",
                f"{n}号",
                42,
                "王老板",
                stamp(created),
                stamp(created),
                stamp(ack_due),
                stamp(ack_due + timedelta(hours=8)),
                0,
                0,
                0,
                stamp(ack_due),
                0,
            )
        )
        events.append((n, n, 0, "report", stamp(created), 42, None, "dispatched", "垃圾没清", "{}"))
    db.executemany(
        "INSERT INTO tickets (id, number, road, chat_id, category, department, state, text, "
        "location, reporter_id, reporter_name, created_at, dispatched_at, ack_due, resolve_due, "
        "rework_count, transfer_count, extension_count, next_chase_at, chase_level) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    db.executemany(
        "INSERT INTO ticket_events (id, ticket_id, seq, kind, at, by, from_state, to_state, "
        "note, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
        events,
    )
    db.execute("UPDATE counters SET value = ?", (open_tickets,))
    db.commit()
    db.close()


async def one_case(open_tickets: int, due: int, label: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="streetdesk-sweep-"))
    url = f"sqlite+aiosqlite:///{folder / 'sweep.sqlite3'}"
    settings = load_settings(EXAMPLE_CONFIG)
    clock = FakeClock(NOW)
    database = await open_database(url, clock)
    fill(folder / "sweep.sqlite3", open_tickets, due)
    try:
        started = time.perf_counter()
        async with database.engine.connect() as connection:
            found = (
                await connection.execute(
                    text("SELECT count(*) FROM tickets WHERE next_chase_at <= :now"),
                    {"now": stamp(NOW)},
                )
            ).scalar_one()
        baseline = time.perf_counter() - started
        sweep = Sweep(
            unit_of_work=database.unit_of_work,
            taxonomy=settings.taxonomy(),
            chaser=Chaser(ChasePolicy(), settings.calendar()),
            clock=clock,
        )
        started = time.perf_counter()
        report = await sweep.run_once()
        took = time.perf_counter() - started
        started = time.perf_counter()
        await sweep.run_once()
        idle = time.perf_counter() - started
    finally:
        await database.close()
    print(
        f"{label:<10} open {open_tickets:>7,}  due {found:>7,}: one sweep {took * 1000:9.1f} ms "
        f"({report.looked_at:,} looked at, {report.reminded:,} reminders, {report.summaries} "
        f"summaries; {took / max(report.looked_at, 1) * 1e6:.0f} µs per due ticket); the next "
        f"tick {idle * 1000:.1f} ms; baseline query {baseline * 1000:.1f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=200)
    args = parser.parse_args()
    await one_case(args.open, args.due, "a tick")
    await one_case(args.open, args.open, "catch-up")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MiB (the whole process, both cases)")


if __name__ == "__main__":
    asyncio.run(main())
