"""Scale of the clocks: the sweep and the digests over a large ledger, time and peak memory.

The database (an SQLite file) holds TOTAL tickets in ROADS roads, of which OPEN are open; the rest
were reported, acknowledged, resolved and closed over the past six months (some transferred,
reminded, extended, reopened, or closed as duplicate/rejected/cancelled), each with its events and
some photos, as the service would have recorded them. It is filled straight through sqlite3.
The roads are the example config's 胜利路 and ROADS - 1 roads bound in chat, as /bind leaves them.

Then each phase runs in a child process of its own, in this order:
- daily:     every road's morning digest for yesterday, as the scheduler's digest job builds and
             writes them (Publisher.daily);
- weekly:    every road's weekly summary with its chart, as the weekly job does (Publisher.weekly
             for the seven days before today); `--no-charts` builds the figures and text only;
- tick:      one sweep with DUE tickets due now, then the idle tick a minute later;
- catch-up:  one sweep four days later, when every open ticket's next look has passed (the bot
             was down); `--skip-catch-up` leaves out this longest phase.
Each is printed beside a baseline measured in the same process just before it: the bare SQL (no
ORM, no domain) that fetches the rows the phase cannot avoid reading. Memory is the phase's own:
its resident set right before it, and its high-water mark during it (VmHWM, reset at its start,
so neither the imports nor the baseline's rows count).

    python bench/bench_clocks.py [--total 1000000] [--open 100000] [--due 200] [--roads 100]
                                 [--skip-catch-up] [--no-charts] [--keep DIR]

A default run takes about nine minutes on two cores: the fill two and a half, the weekly charts
more than one, the catch-up four.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

NOW = datetime(2026, 11, 18, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))  # Wednesday, digest time
CATCH_UP_AT = NOW + timedelta(days=4)  # every open ticket's next look has passed by then
HISTORY_DAYS = 180  # closed tickets were reported over the past six months
OPEN_DAYS = 30  # open ones over the past month
CHUNK = 20_000  # tickets generated and inserted per executemany round: bounded memory
OPEN_STATES = ("dispatched", "acknowledged", "resolved", "reopened")
CHIEF, LIAISON = 9001, 5001
FIRST_CHAT = -1002000000000


def stamp(moment: datetime) -> str:
    """How UTCDateTime stores a time in SQLite: naive UTC, always with microseconds (so that
    string comparison in SQL orders it like SQLAlchemy's own bound parameters)."""
    return iso(naive(moment))


def naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


# The fill works in naive UTC throughout: converting 6 million times cost a third of it.
FILL_NOW = naive(NOW)


def iso(moment: datetime) -> str:
    """A naive UTC time as stamp() writes it."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def aware_iso(moment: datetime) -> str:
    """A naive UTC time as an aware datetime's isoformat(), as event data holds deadlines."""
    return moment.isoformat() + "+00:00"


def road_names(roads: int) -> list[tuple[str, int]]:
    """The example config's road (its own group) and roads bound in chat, as /bind leaves them."""
    names = [("胜利路", -1001000000001)]
    names += [(f"路{i}", FIRST_CHAT - i) for i in range(1, roads)]
    return names


# --- filling the database -------------------------------------------------------------------


@dataclass
class Filler:
    """Builds a ticket's row, events and photos the way the service records them."""

    categories: list[tuple[str, str, timedelta, timedelta]]  # key, department, ack, resolve
    departments: list[str]
    roads: list[tuple[str, int]]
    rng: random.Random
    events: int = 0
    photos: int = 0
    tickets: list[tuple[Any, ...]] = field(default_factory=list)
    event_rows: list[tuple[Any, ...]] = field(default_factory=list)
    photo_rows: list[tuple[Any, ...]] = field(default_factory=list)

    def ticket(self, tid: int, created: datetime, state: str, next_chase: datetime | None) -> None:
        rng = self.rng
        road, chat_id = self.roads[tid % len(self.roads)]
        key, department, ack, resolve = rng.choice(self.categories)
        reporter = 100_000 + rng.randrange(20_000)
        limit = FILL_NOW - timedelta(minutes=1)  # nothing recorded after the benchmark's moment
        seq = 0
        row: dict[str, Any] = {
            "dispatched_at": created,
            "ack_due": created + ack,
            "resolve_due": created + resolve,
            "acknowledged_at": None,
            "resolved_at": None,
            "closed_at": None,
            "verify_due": None,
            "close_reason": None,
            "rework": 0,
            "transfer": 0,
            "extension": 0,
            "duplicate_of": None,
        }

        def event(
            kind: str,
            at: datetime,
            by: int | None,
            before: str | None,
            after: str | None,
            data: dict[str, Any] | None = None,
            photo: str | None = None,
        ) -> None:
            nonlocal seq
            self.events += 1
            self.event_rows.append(
                (
                    self.events,
                    tid,
                    seq,
                    kind,
                    iso(at),
                    by,
                    before,
                    after,
                    "",
                    json.dumps(data) if data else "{}",
                )
            )
            seq += 1
            if photo is not None:
                self.photos += 1
                self.photo_rows.append(
                    (self.photos, tid, self.events, f"AgAC{self.photos}", f"u{self.photos}", photo)
                )

        def later(at: datetime, low: float, high: float) -> datetime:
            """A moment low..high hours after `at`, squeezed before the limit when it must be."""
            step = timedelta(hours=rng.uniform(low, high))
            room = (limit - at) / 3
            return at + min(step, max(room, timedelta(seconds=1)))

        report_data = {
            "category": key,
            "department": department,
            "ack_due": aware_iso(row["ack_due"]),
            "resolve_due": aware_iso(row["resolve_due"]),
        }
        event(
            "report",
            created,
            reporter,
            None,
            "dispatched",
            report_data,
            "before" if rng.random() < 0.4 else None,
        )
        at = created
        current = "dispatched"
        final = state not in OPEN_STATES and state != "closed"
        if not final and rng.random() < 0.03:  # 转派: "not ours"
            at = later(at, 0.2, 2)
            other = rng.choice([d for d in self.departments if d != department])
            event(
                "transfer",
                at,
                LIAISON,
                current,
                current,
                {"from_department": department, "to_department": other},
            )
            department = other
            row.update(dispatched_at=at, ack_due=at + ack, resolve_due=at + resolve, transfer=1)
        if final:  # duplicate, rejected or cancelled before anyone acknowledged it
            at = later(at, 0.1, 2)
            kind = {"duplicate": "mark_duplicate", "rejected": "reject", "cancelled": "cancel"}
            event(kind[state], at, CHIEF, current, state)
            row.update(closed_at=at, duplicate_of=max(1, tid - 1) if state == "duplicate" else None)
        elif state != "dispatched":
            for round_ in range(2):
                acked = later(at, 0.1, 4)
                if acked > row["ack_due"] and row["ack_due"] < limit:
                    event("reminded", row["ack_due"], None, current, current, {"deadline": "ack"})
                event("acknowledge", acked, LIAISON, current, "acknowledged")
                at, current = acked, "acknowledged"
                row["acknowledged_at"] = acked
                if state == "acknowledged":
                    break
                if round_ == 0 and rng.random() < 0.02:  # 延期, granted by the chief
                    at = later(at, 0.5, 3)
                    new_due = row["resolve_due"] + timedelta(days=2)
                    event(
                        "extend",
                        at,
                        CHIEF,
                        current,
                        current,
                        {
                            "from_due": aware_iso(row["resolve_due"]),
                            "to_due": aware_iso(new_due),
                        },
                    )
                    row.update(resolve_due=new_due, extension=1)
                at = later(at, 0.3, 36)
                photo = "after" if rng.random() < 0.3 else None
                event("resolve", at, LIAISON, current, "resolved", photo=photo)
                current = "resolved"
                row.update(resolved_at=at, verify_due=at + timedelta(hours=24))
                reopen = state == "reopened" or (state == "closed" and rng.random() < 0.08)
                if round_ == 1 or not reopen:
                    break
                at = later(at, 1, 20)
                event("reopen", at, reporter, current, "reopened")
                current = "reopened"
                row.update(
                    dispatched_at=at,
                    ack_due=at + ack,
                    resolve_due=at + resolve,
                    acknowledged_at=None,
                    resolved_at=None,
                    verify_due=None,
                    rework=row["rework"] + 1,
                )
                if state == "reopened":
                    break
            if state == "closed":
                roll = rng.random()
                if roll < 0.6:
                    at, kind, by, reason = later(at, 0.2, 20), "confirm", reporter, "confirmed"
                elif roll < 0.95:
                    at = min(row["verify_due"], limit)
                    kind, by, reason = "close_uncontested", None, "no_objection"
                else:
                    at, kind, by, reason = later(at, 1, 10), "close", CHIEF, "chief"
                event(kind, at, by, current, "closed")
                row.update(closed_at=at, close_reason=reason)
        elif row["ack_due"] < limit and rng.random() < 0.5:  # waiting, and reminded already
            event("reminded", row["ack_due"], None, current, current, {"deadline": "ack"})
        self.tickets.append(
            (
                tid,
                tid,
                road,
                chat_id,
                key,
                department,
                state,
                f"{key}问题",
                f"{road}{tid % 300}号",
                reporter,
                "王老板",
                iso(created),
                iso(row["dispatched_at"]),
                iso(row["ack_due"]),
                iso(row["resolve_due"]),
                *(
                    iso(row[name]) if row[name] is not None else None
                    for name in ("acknowledged_at", "resolved_at", "closed_at", "verify_due")
                ),
                row["close_reason"],
                row["rework"],
                row["transfer"],
                row["extension"],
                row["duplicate_of"],
                iso(next_chase) if next_chase is not None else None,
                0,
            )
        )

    def take(self) -> Rows:
        """The rows built so far, to insert; the next ones start afresh."""
        rows = (self.tickets, self.event_rows, self.photo_rows)
        self.tickets, self.event_rows, self.photo_rows = [], [], []
        return rows


Rows = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def insert(db: sqlite3.Connection, rows: Rows) -> None:
    tickets, events, photos = rows
    db.executemany(
        "INSERT INTO tickets (id, number, road, chat_id, category, department, state, text, "
        "location, reporter_id, reporter_name, created_at, dispatched_at, ack_due, "
        "resolve_due, acknowledged_at, resolved_at, closed_at, verify_due, close_reason, "
        "rework_count, transfer_count, extension_count, duplicate_of, next_chase_at, "
        "chase_level) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        tickets,
    )
    db.executemany(
        "INSERT INTO ticket_events (id, ticket_id, seq, kind, at, by, from_state, to_state, "
        "note, data) VALUES (?,?,?,?,?,?,?,?,?,?)",
        events,
    )
    db.executemany(
        "INSERT INTO photos (id, ticket_id, event_id, file_id, file_unique_id, kind) "
        "VALUES (?,?,?,?,?,?)",
        photos,
    )


def plan(total: int, open_count: int, due: int, rng: random.Random) -> Iterator[Any]:
    """(created, state, next look) for every ticket, oldest first, so numbers follow time;
    naive UTC."""
    span = timedelta(days=HISTORY_DAYS)
    recent = timedelta(days=OPEN_DAYS)
    closed = []
    for _ in range(total - open_count):
        roll = rng.random()
        state = (
            "duplicate"
            if roll < 0.02
            else "rejected"
            if roll < 0.035
            else "cancelled"
            if roll < 0.05
            else "closed"
        )
        closed.append((FILL_NOW - span * rng.random() - timedelta(minutes=30), state, None))
    opened = []
    due_ones = set(rng.sample(range(open_count), min(due, open_count)))
    for n in range(open_count):
        state = rng.choices(OPEN_STATES, weights=(50, 30, 15, 5))[0]
        if n in due_ones:
            next_look = FILL_NOW - timedelta(minutes=rng.uniform(1, 30))
        else:  # deadlines ahead, or the next reminder: later today or in the next three days
            next_look = FILL_NOW + timedelta(minutes=5) + timedelta(days=3) * rng.random()
        opened.append((FILL_NOW - recent * rng.random() - timedelta(minutes=30), state, next_look))
    yield from sorted(closed + opened, key=lambda item: item[0])


def fill(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    from bot.settings import load_settings
    from emulator.bot_process import EXAMPLE_CONFIG

    taxonomy = load_settings(EXAMPLE_CONFIG).taxonomy()
    rng = random.Random(20261121)
    filler = Filler(
        categories=[
            (c.key, c.department, c.ack.around_the_clock(), c.resolve.around_the_clock())
            for c in taxonomy.categories.values()
        ],
        departments=list(taxonomy.departments),
        roads=road_names(args.roads),
        rng=rng,
    )
    db = sqlite3.connect(path)
    db.execute("PRAGMA synchronous=OFF")  # a benchmark's fill; a crash means fill again
    for tid, (created, state, next_look) in enumerate(
        plan(args.total, args.open, args.due, rng), start=1
    ):
        filler.ticket(tid, created, state, next_look)
        if len(filler.tickets) >= CHUNK:
            insert(db, filler.take())
    insert(db, filler.take())
    # The roads other than the config's are bound in chat (/bind), as a street office grows.
    bound_at = stamp(NOW - timedelta(days=HISTORY_DAYS + 1))
    db.executemany(
        "INSERT INTO roads (name, chat_id, bound_by, bound_at) VALUES (?, ?, 9100, ?)",
        [(name, chat_id, bound_at) for name, chat_id in road_names(args.roads)[1:]],
    )
    db.execute("UPDATE counters SET value = ?", (args.total,))
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return {"events": filler.events, "photos": filler.photos}


# --- the phases, each in a child process ----------------------------------------------------


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def rss_kib() -> int:
    """The resident set now; the peak so far where /proc is missing."""
    return _status_kib("VmRSS") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak() -> None:
    """Forget the peak so far (Linux: clear_refs 5 resets VmHWM and so ru_maxrss): the imports
    (aiogram alone is 140 MiB) must not hide what the phase itself needs."""
    # Elsewhere the peak includes start-up; the start is printed beside it.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_kib() -> int:
    return _status_kib("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def start_measuring() -> dict[str, Any]:
    """Right before a phase, after its baseline: the baseline fetches every row it finds (all
    100,000 due ones in a catch-up), and that must not count as the phase's memory."""
    start = rss_kib()
    reset_peak()
    return {"start": start, "started": time.perf_counter()}


def stop_measuring(measuring: dict[str, Any]) -> dict[str, Any]:
    return {
        "took": time.perf_counter() - measuring["started"],
        "peak": peak_kib(),
        "start": measuring["start"],
    }


class Phase:
    """The clocks wired as bot/app.py wires them for the scheduler's jobs, on the filled file."""

    def __init__(self, path: Path) -> None:
        self.url = f"sqlite+aiosqlite:///{path}"

    async def open(self) -> None:
        from bot.database import open_database
        from bot.publishing import Publisher
        from bot.rendering import renderer_for
        from bot.settings import load_settings
        from emulator.bot_process import EXAMPLE_CONFIG
        from tickets.chasing import Chaser
        from tickets.clock import FakeClock
        from tickets.digest import Digest, Digests, WeeklySummary
        from tickets.sweep import Sweep
        from tickets.taxonomy import Road

        class TimedDigests(Digests):
            """The digests as the publisher asks for them, with the time spent building them
            (queries and domain) kept apart from rendering, charts and the outbox."""

            seconds = 0.0
            tickets = 0  # what the weekly figures were computed from
            open = 0
            counted = 0  # events counted in the daily digests

            async def daily(self, road: Road, day: date, now: datetime) -> Digest:
                started = time.perf_counter()
                digest = await super().daily(road, day, now)
                self.seconds += time.perf_counter() - started
                self.open += digest.open
                self.counted += digest.new + digest.acknowledged + digest.resolved + digest.closed
                return digest

            async def weekly(self, road: Road | None, start: date, end: date) -> WeeklySummary:
                started = time.perf_counter()
                summary = await super().weekly(road, start, end)
                self.seconds += time.perf_counter() - started
                self.tickets += len(summary.tickets)
                return summary

        settings = load_settings(EXAMPLE_CONFIG)
        self.settings = settings
        taxonomy, calendar = settings.taxonomy(), settings.calendar()
        self.clock = FakeClock(NOW)
        self.database = await open_database(self.url, self.clock, migrate=False)
        escalation = settings.escalation
        policy = settings.chase_policy()
        self.sweep = Sweep(
            unit_of_work=self.database.unit_of_work,
            taxonomy=taxonomy,
            chaser=Chaser(policy, calendar),
            clock=self.clock,
            summary_from=escalation.catch_up_summary_from,
        )
        self.digests = TimedDigests(
            unit_of_work=self.database.unit_of_work,
            taxonomy=taxonomy,
            calendar=calendar,
            stale_after=policy.stale_after,
        )
        self.renderer = renderer_for(settings, taxonomy)
        self.publisher = Publisher(
            unit_of_work=self.database.unit_of_work,
            digests=self.digests,
            roads=taxonomy.roads,
            renderer=self.renderer,
            clock=self.clock,
            private=settings.digest.private,
        )

    async def bare(self, sql: str, **params: Any) -> tuple[float, int]:
        """One query through the same engine, rows fetched, nothing built from them."""
        from sqlalchemy import text

        started = time.perf_counter()
        async with self.database.engine.connect() as connection:
            rows = (await connection.execute(text(sql), params)).fetchall()
        return time.perf_counter() - started, len(rows)

    async def due_query(self) -> tuple[float, int]:
        return await self.bare(
            "SELECT * FROM tickets WHERE next_chase_at <= :now ORDER BY next_chase_at, id",
            now=stamp(self.clock.now()),
        )

    async def sweep_twice(self, at: datetime) -> dict[str, Any]:
        self.clock.set(at)
        baseline, found = await self.due_query()
        measuring = start_measuring()
        report = await self.sweep.run_once()
        measured = stop_measuring(measuring)
        self.clock.advance(self.settings.scheduler.sweep_every.around_the_clock())
        idle_baseline, idle_found = await self.due_query()
        started = time.perf_counter()
        idle = await self.sweep.run_once()
        return {
            **measured,
            "baseline": baseline,
            "found": found,
            "looked_at": report.looked_at,
            "reminded": report.reminded,
            "escalated": report.escalated,
            "closed": report.closed,
            "summaries": report.summaries,
            "idle": time.perf_counter() - started,
            "idle_looked_at": idle.looked_at,
            "idle_baseline": idle_baseline,
            "idle_found": idle_found,
        }

    async def daily(self) -> dict[str, Any]:
        day = NOW.date() - timedelta(days=1)  # the job reports on yesterday
        start, end = self.digests.day_bounds(day)
        roads = await self.publisher.roads()
        baseline, rows = 0.0, 0
        for road in roads:
            touched = await self.bare(
                "SELECT * FROM tickets WHERE road = :road AND id IN "
                "(SELECT ticket_id FROM ticket_events WHERE at >= :start AND at < :end)",
                road=road.name,
                start=stamp(start),
                end=stamp(end),
            )
            opened = await self.bare(
                "SELECT * FROM tickets WHERE road = :road AND state IN "
                "('dispatched', 'acknowledged', 'resolved', 'reopened')",
                road=road.name,
            )
            baseline += touched[0] + opened[0]
            rows += touched[1] + opened[1]
        measuring = start_measuring()
        written = await self.publisher.daily(day)
        return {
            **stop_measuring(measuring),
            "baseline": baseline,
            "baseline_rows": rows,
            "roads": len(roads),
            "messages": written,
            "building": self.digests.seconds,
            "open": self.digests.open,
            "counted": self.digests.counted,
        }

    async def weekly(self, charts: bool) -> dict[str, Any]:
        today = NOW.date()
        first = today - timedelta(days=7)  # as the weekly job asks: the seven days before today
        start, _ = self.digests.day_bounds(first)
        end, _ = self.digests.day_bounds(today)
        roads = await self.publisher.roads()
        baseline, rows = 0.0, 0
        for road in roads:
            took, found = await self.bare(
                "SELECT * FROM tickets JOIN ticket_events ON ticket_events.ticket_id = tickets.id "
                "WHERE road = :road AND created_at < :end AND (closed_at IS NULL "
                "OR closed_at >= :start OR resolve_due >= :start)",
                road=road.name,
                start=stamp(start),
                end=stamp(end),
            )
            baseline += took
            rows += found
        measuring = start_measuring()
        if charts:
            written = await self.publisher.weekly(first, today)
        else:  # the figures and their text only
            written = 0
            for road in roads:
                self.renderer.weekly(await self.digests.weekly(road, first, today))
        return {
            **stop_measuring(measuring),
            "baseline": baseline,
            "baseline_rows": rows,
            "roads": len(roads),
            "messages": written,
            "building": self.digests.seconds,
            "tickets": self.digests.tickets,
        }


async def child(name: str, path: Path, charts: bool) -> dict[str, Any]:
    phase = Phase(path)
    await phase.open()
    try:
        if name == "tick":
            result = await phase.sweep_twice(NOW)
        elif name == "catch-up":
            result = await phase.sweep_twice(CATCH_UP_AT)
        elif name == "daily":
            result = await phase.daily()
        else:
            result = await phase.weekly(charts)
    finally:
        await phase.database.close()
    return {"phase": name, **result}


def run_child(name: str, path: Path, charts: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", name, "--db", str(path)]
    if not charts:
        command.append("--no-charts")
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"phase {name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the report -----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:10.1f} ms"


def memory(result: dict[str, Any]) -> str:
    peak, start = result["peak"] / 1024, result["start"] / 1024
    return f"peak {peak:4.0f} MiB (+{peak - start:.0f} over the {start:.0f} MiB start)"


def show(result: dict[str, Any]) -> None:
    name = result["phase"]
    if name in ("tick", "catch-up"):
        r = result
        per = r["took"] / max(r["looked_at"], 1) * 1e6
        print(
            f"{name:<9} due {r['found']:>7,}: sweep {ms(r['took'])}  baseline {ms(r['baseline'])}"
            f"  {memory(r)}\n"
            f"{'':<9} {r['looked_at']:,} looked at, {r['reminded']:,} reminders, "
            f"{r['escalated']:,} escalations, {r['closed']:,} closed, {r['summaries']} summaries;"
            f" {per:.0f} µs per due ticket\n"
            f"{'':<9} the next tick: {r['idle_looked_at']} due, {ms(r['idle'])}  "
            f"baseline {ms(r['idle_baseline'])}"
        )
    elif name == "daily":
        r = result
        print(
            f"daily     {r['roads']} roads: digests {ms(r['took'])}  baseline {ms(r['baseline'])}"
            f"  {memory(r)}\n"
            f"{'':<9} building {r['building'] * 1000:.0f} ms (the rest renders and writes "
            f"{r['messages']} messages); {r['counted']:,} moves counted, {r['open']:,} open "
            f"listed; baseline rows {r['baseline_rows']:,}"
        )
    else:
        r = result
        print(
            f"weekly    {r['roads']} roads: summaries {ms(r['took'])}  baseline "
            f"{ms(r['baseline'])}  {memory(r)}\n"
            f"{'':<9} figures {r['building'] * 1000:.0f} ms over {r['tickets']:,} tickets "
            f"(the rest renders, draws and writes {r['messages']} messages); baseline rows "
            f"(tickets x events) {r['baseline_rows']:,}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--total", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--due", type=int, default=200)
    parser.add_argument("--roads", type=int, default=100)
    parser.add_argument("--skip-catch-up", action="store_true")
    parser.add_argument("--no-charts", action="store_true", help="weekly figures without charts")
    parser.add_argument("--keep", type=Path, help="keep the database in this folder")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # a child's phase
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(asyncio.run(child(args.phase, args.db, not args.no_charts))))
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="streetdesk-clocks-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "clocks.sqlite3"
    path.unlink(missing_ok=True)
    try:
        asyncio.run(_migrate(path))
        started = time.perf_counter()
        counts = fill(path, args)
        size = path.stat().st_size / 2**30
        print(
            f"database  {args.total:,} tickets ({args.open:,} open) in {args.roads} roads, "
            f"{counts['events']:,} events, {counts['photos']:,} photos; {size:.2f} GiB; "
            f"filled in {time.perf_counter() - started:.0f} s"
        )
        phases = ["daily", "weekly", "tick"] + ([] if args.skip_catch_up else ["catch-up"])
        for name in phases:
            show(run_child(name, path, not args.no_charts))
        print(
            "memory: each phase in a process of its own; start: its resident set right before "
            "the phase (imports, an open engine, the baseline done); peak: its high-water mark "
            "during the phase (VmHWM, reset at the start)"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


async def _migrate(path: Path) -> None:
    from bot.database import open_database
    from tickets.clock import FakeClock

    database = await open_database(f"sqlite+aiosqlite:///{path}", FakeClock(NOW))
    await database.close()


if __name__ == "__main__":
    main()
