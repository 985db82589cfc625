"""How fast the web desk's ledger pages are over a large ledger, on an SQLite file.

TICKETS tickets over 20 roads (one of them 胜利路, the example config's road), one every 30
seconds, a fifth of them open and, being old, nearly all of those overdue: a stress case (at a
million, 胜利路 has some 16,500 overdue tickets, where a real road has tens). Each case is asked
ROUNDS times over HTTP on loopback, signed in as the office's admin, and reported as p50 / p99
of the time to the whole page; beside it, in the same run, the bare SQL that page needs (the
same SELECT, by hand, straight on the engine), which no page can beat. Memory is the process's
resident set before and after serving, and its peak.

    python bench/bench_web.py [--tickets 1000000] [--rounds 200]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from bot.cli_web import web_desk
from bot.services import open_services
from bot.settings import load_settings
from emulator.bot_process import EXAMPLE_CONFIG
from reports.web.health import HealthLimits
from reports.web.login_widget import widget_hash
from reports.web.server import desk_application
from tickets.clock import FakeClock

NOW = datetime(2026, 11, 18, 6, 0, tzinfo=UTC)  # 14:00 in Shanghai, a Wednesday
TOKEN = "7000000001:AABenchWebTokenNotARealOne000000000"
ADMIN = 9100  # admin_ids in config.example.toml
ROAD = "胜利路"
ROADS = [ROAD, *(f"路{n}" for n in range(1, 20))]
CATEGORIES = [("streetlight", "lighting"), ("garbage", "sanitation"), ("road_damage", "municipal")]


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")


def fill(path: Path, tickets: int) -> None:
    """Tickets straight through sqlite3 (a page reads no events): seconds, not an hour."""
    db = sqlite3.connect(path)
    batch: list[tuple[object, ...]] = []
    for n in range(1, tickets + 1):
        created = NOW - timedelta(minutes=(tickets - n) // 2)  # one every 30 s, oldest first
        category, department = CATEGORIES[n % 3]
        state = "closed" if n % 5 else ("dispatched" if n % 10 else "acknowledged")
        ack_due = created + timedelta(hours=2)
        resolve_due = created + timedelta(days=2)
        closed = stamp(created + timedelta(hours=20)) if state == "closed" else None
        batch.append(
            (n, n, ROADS[n // 3 % 20], -1002000000000 - n // 3 % 20, category, department, state,
             f"第{n}号问题 路灯不亮", f"{n % 300}号门口", 42, "王老板", stamp(created),
             stamp(created), stamp(ack_due), stamp(resolve_due), closed, 0, 0, 0, 0)
        )  # fmt: skip
        if len(batch) == 50_000 or n == tickets:
            db.executemany(
                "INSERT INTO tickets (id, number, road, chat_id, category, department, state, "
                "text, location, reporter_id, reporter_name, created_at, dispatched_at, ack_due, "
                "resolve_due, closed_at, rework_count, transfer_count, extension_count, "
                "chase_level) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                batch,
            )
            batch.clear()
    db.execute("UPDATE counters SET value = ?", (tickets,))
    db.commit()
    db.execute("ANALYZE")
    db.close()


async def timed(rounds: int, call: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    await call()  # warm: the first read pulls pages into the cache
    took = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        took.append(time.perf_counter() - started)
    took.sort()
    return statistics.median(took) * 1000, took[int(len(took) * 0.99) - 1] * 1000


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


OVERDUE_SQL = (
    "state IN ('dispatched','acknowledged','reopened') AND "
    "((state IN ('dispatched','reopened') AND ack_due < :now) OR resolve_due < :now)"
)
CASES = [
    ("first page", {}, "SELECT * FROM tickets ORDER BY number DESC LIMIT 51", {}),
    (
        "one road, overdue now",
        {"road": ROAD, "overdue": "1"},
        f"SELECT * FROM tickets WHERE road = :road AND {OVERDUE_SQL} ORDER BY number DESC LIMIT 51",
        {"road": ROAD},
    ),
    (
        "department + open",
        {"department": "lighting", "state": "open"},
        "SELECT * FROM tickets WHERE department = 'lighting' AND state IN "
        "('dispatched','acknowledged','resolved','reopened') ORDER BY number DESC LIMIT 51",
        {},
    ),
    (
        "page 10,000 (keyset)",
        {"after": "500000"},
        "SELECT * FROM tickets WHERE number < 500000 ORDER BY number DESC LIMIT 51",
        {},
    ),
    # A word in the text is found by reading the tickets newest first until a page is full:
    # quick for a common word, the whole table for one that only the oldest ticket has.
    (
        "search, common word",
        {"q": "路灯"},
        "SELECT * FROM tickets WHERE text LIKE '%路灯%' OR location LIKE '%路灯%' "
        "ORDER BY number DESC LIMIT 51",
        {},
    ),
    (
        "search, oldest only",
        {"q": "第17号问题"},
        "SELECT * FROM tickets WHERE text LIKE '%第17号问题%' OR location LIKE '%第17号问题%' "
        "ORDER BY number DESC LIMIT 51",
        {},
    ),
]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="streetdesk-web-bench-") as folder:
        await run(Path(folder) / "desk.sqlite3", args.tickets, args.rounds)


async def run(database: Path, tickets: int, rounds: int) -> None:
    settings = load_settings(
        EXAMPLE_CONFIG,
        environ={
            "STREETDESK_TELEGRAM__TOKEN": TOKEN,
            "STREETDESK_DATABASE__URL": f"sqlite+aiosqlite:///{database}",
            "STREETDESK_PHOTOS__KEEP": "false",
        },
    )
    clock = FakeClock(NOW)
    started = time.perf_counter()
    async with open_services(settings, clock) as services:
        fill(database, tickets)
        print(f"{tickets:,} tickets written in {time.perf_counter() - started:.0f} s")
        app = desk_application(web_desk(services, lambda: None), limits=HealthLimits(False))
        async with TestClient(TestServer(app)) as client:
            fields = {"id": str(ADMIN), "auth_date": str(int(NOW.timestamp()))}
            await client.get(
                "/sign-in/telegram", params={**fields, "hash": widget_hash(fields, TOKEN)}
            )
            rss_before = rss_mib()
            for label, query, sql, values in CASES:

                async def page(query: dict[str, str] = query) -> None:
                    answer = await client.get("/", params=query)
                    assert answer.status == 200, answer.status
                    await answer.read()

                async def bare(sql: str = sql, values: dict[str, str] = values) -> None:
                    async with services.database.engine.connect() as connection:
                        result = await connection.execute(text(sql), {**values, "now": stamp(NOW)})
                        result.all()

                page_p50, page_p99 = await timed(rounds, page)
                sql_p50, sql_p99 = await timed(rounds, bare)
                print(
                    f"{label:<24} page p50 {page_p50:7.1f} ms  p99 {page_p99:7.1f} ms   "
                    f"bare SQL p50 {sql_p50:7.1f} ms  p99 {sql_p99:7.1f} ms"
                )
            rss_after = rss_mib()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"memory: {rss_before:.0f} MiB resident before the pages, {rss_after:.0f} MiB after; "
        f"peak {peak:.0f} MiB (the whole process, the fill included)"
    )


if __name__ == "__main__":
    asyncio.run(main())
