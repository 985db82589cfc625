"""Each road's digest for a day is posted exactly once, through a database outage, a run cut off
part-way, a restart or a change of leader at digest time.

The database "goes away" for real: while it is down, units of work are handed out on one that
cannot be reached (a closed port for PostgreSQL, a directory for SQLite), so every failure is the
driver's own. Time is a FakeClock; the scheduler's ticks are the job methods called in turn.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
from collections import Counter
from collections.abc import AsyncIterator, Awaitable
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from bot.database import Database
from bot.publishing import Publisher, RoadsFailed
from bot.rendering import Renderer
from bot.settings import Settings
from bot.system_clock import SystemClock
from bot.texts import Texts
from scheduler.jobs import RETRY_MAX, ClockJobs, Timetable
from scheduler.leadership import Leadership
from storage.availability import is_unavailable
from storage.engine import create_engine, session_factory
from storage.models import DigestPublicationRow, OutboxRow
from storage.unit_of_work import SqlUnitOfWork
from tests.conftest import SHANGHAI, local
from tickets.calendar import Calendar
from tickets.chasing import Chaser
from tickets.clock import FakeClock
from tickets.digest import Digests
from tickets.sweep import Sweep
from tickets.taxonomy import Road, Taxonomy

# 胜利路 is bound in config.example.toml; the other two are bound as /bind would.
ROADS = {"胜利路": -1001000000001, "解放路": -1001000000002, "人民路": -1001000000003}
TIMETABLE = Timetable(
    sweep_every=timedelta(seconds=60),
    digest_at=time(8, 30),
    weekly_day=1,  # Monday
    weekly_at=time(9, 0),
    timezone=SHANGHAI,
)
TICK = timedelta(seconds=10)  # the lease's renewal interval: the scheduler's busiest beat
MINUTE, HOUR = timedelta(minutes=1), timedelta(hours=1)
LEASE = timedelta(seconds=30)


class Outage:
    """The unit-of-work factory given to the code under test: the real database while it is up;
    while it is down, one that refuses every connection. `go_down(after=n)` lets n more units
    of work through first, to cut a run off at any point."""

    def __init__(self, up: Database, down: Database) -> None:
        self.up = up
        self.down = down
        self.budget: int | None = None  # None: up
        self.refused = 0

    def __call__(self) -> SqlUnitOfWork:
        if self.budget is None:
            return self.up.unit_of_work()
        if self.budget > 0:
            self.budget -= 1
            return self.up.unit_of_work()
        self.refused += 1
        return self.down.unit_of_work()

    def go_down(self, after: int = 0) -> None:
        self.budget = after

    def come_back(self) -> None:
        self.budget = None


@pytest.fixture
async def outage(
    database: Database, database_url: str, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[Outage]:
    if database_url.startswith("sqlite"):
        unreachable = f"sqlite+aiosqlite:///{tmp_path / 'away.sqlite3'}"
    else:
        unreachable = make_url(database_url).set(port=1).render_as_string(hide_password=False)
    engine = create_engine(unreachable)
    if database_url.startswith("sqlite"):
        # A folder where the file should be: every connection fails, as in an outage. (Made
        # after the engine, which refuses a path that cannot be a database from the start.)
        (tmp_path / "away.sqlite3").mkdir()
    yield Outage(database, Database(engine, session_factory(engine), clock))
    await engine.dispose()


def roads(taxonomy: Taxonomy, names: list[str]) -> dict[str, Road]:
    """The roads of the file, those named in `names` in their group (ROADS), the others in none."""
    return {
        name: replace(
            taxonomy.roads.get(name) or Road(name), chat_id=ROADS[name] if name in names else None
        )
        for name in ROADS
    }


def publisher(
    outage: Outage,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
    names: list[str] | None = None,
) -> Publisher:
    return Publisher(
        unit_of_work=outage,
        digests=Digests(
            unit_of_work=outage,
            taxonomy=taxonomy,
            calendar=calendar,
            stale_after=timedelta(days=7),
        ),
        roads=roads(taxonomy, list(ROADS) if names is None else names),
        renderer=Renderer(taxonomy, Texts("zh"), SHANGHAI, timedelta(hours=24)),
        clock=clock,
        private=False,
    )


class Process:
    """One bot process's clock jobs and lease, with the lease on `lease_uow` and the digests
    published through `publishing`."""

    def __init__(
        self,
        name: str,
        publishing: Publisher | HeldDigest,
        lease_uow: Outage,
        settings: Settings,
        taxonomy: Taxonomy,
        calendar: Calendar,
        clock: FakeClock,
        timetable: Timetable = TIMETABLE,
    ) -> None:
        self.leadership = Leadership(
            unit_of_work=lease_uow, clock=clock, lease_for=LEASE, holder=f"host-{name}:1:x"
        )
        self.wakes = 0
        self.jobs = ClockJobs(
            timetable=timetable,
            leadership=self.leadership,
            sweep=Sweep(
                unit_of_work=lease_uow,
                taxonomy=taxonomy,
                chaser=Chaser(settings.chase_policy(), calendar),
                clock=clock,
            ),
            clock=clock,
            publish_daily=publishing.daily,
            publish_weekly=publishing.weekly,
            wake_sender=self.wake,
        )

    def wake(self) -> None:
        self.wakes += 1

    async def tick(self) -> None:
        """What the scheduler runs on a beat: the lease, then the digest and weekly jobs."""
        await self.jobs.renew()
        await self.jobs.daily()
        await self.jobs.weekly()


class MakeProcess(Protocol):
    def __call__(
        self, name: str, lease_uow: Outage | None = None, names: list[str] | None = None
    ) -> Process: ...


@pytest.fixture
def process(
    outage: Outage,
    settings: Settings,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
) -> MakeProcess:
    """A bot process; its lease on the real database unless `lease_uow` says otherwise."""

    def make(name: str, lease_uow: Outage | None = None, names: list[str] | None = None) -> Process:
        return Process(
            name,
            publisher(outage, taxonomy, calendar, clock, names),
            lease_uow or Outage(outage.up, outage.down),
            settings,
            taxonomy,
            calendar,
            clock,
        )

    return make


async def daily_digests(database: Database) -> Counter[tuple[int, date]]:
    """How many digest messages are queued, per group and day reported on."""
    async with database.unit_of_work() as uow:
        rows = await uow.session.scalars(select(OutboxRow).where(OutboxRow.kind == "text"))
        found: Counter[tuple[int, date]] = Counter()
        for row in rows:
            match = re.search(r"(\d{4}-\d{2}-\d{2}) 日报", row.payload.get("html", ""))
            if match:
                found[(row.chat_id, date.fromisoformat(match.group(1)))] += 1
    return found


async def stopped_by(run: Awaitable[int]) -> Exception | None:
    """What stopped the run, if anything did."""
    try:
        await run
    except Exception as error:
        return error
    return None


def each_road_once(day: date) -> Counter[tuple[int, date]]:
    return Counter({(chat, day): 1 for chat in ROADS.values()})


async def run_until(
    process: Process, clock: FakeClock, until: datetime, every: timedelta = TICK
) -> None:
    """Tick until `until`; long stretches tick less often (the lease is its holder's to take
    back however late it renews, when nobody else wanted it)."""
    while clock.now() < until:
        await process.tick()
        clock.advance(min(every, until - clock.now()))


async def knocks(
    process: Process, outage: Outage, clock: FakeClock, until: datetime, every: timedelta = TICK
) -> list[datetime]:
    """Tick until `until`: the moments the process asked the (publishing) database anything."""
    asked = []
    while clock.now() < until:
        refused = outage.refused
        await process.tick()
        if outage.refused > refused:
            asked.append(clock.now())
        clock.advance(min(every, until - clock.now()))
    return asked


# --- the publisher: a rerun posts only what is missing ---------------------------------------


async def test_a_run_cut_off_anywhere_then_run_again_posts_each_road_once(
    database: Database,
    outage: Outage,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
) -> None:
    publishing = publisher(outage, taxonomy, calendar, clock)
    partial_runs = 0
    # Each cut point on a day of its own, from "nothing got through" to "everything did".
    for cut in range(10):
        day = date(2026, 11, 1) + timedelta(days=cut)
        outage.go_down(after=cut)
        error = await stopped_by(publishing.daily(day))
        assert error is None or is_unavailable(error), error
        outage.come_back()
        queued = {chat for chat, d in await daily_digests(database) if d == day}
        partial_runs += 0 < len(queued) < len(ROADS)

        assert await publishing.daily(day) == len(ROADS) - len(queued)
        assert await publishing.daily(day) == 0
        found = await daily_digests(database)
        assert Counter({key: n for key, n in found.items() if key[1] == day}) == each_road_once(day)
    assert partial_runs >= 2  # some runs really did stop between roads


async def test_a_rerun_on_a_day_already_published_posts_nothing(
    database: Database,
    outage: Outage,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    day = date(2026, 11, 17)
    assert await publisher(outage, taxonomy, calendar, clock).daily(day) == len(ROADS)
    # Another run, another process (a restart, a successor, `streetdesk digest --send`).
    assert await publisher(outage, taxonomy, calendar, clock).daily(day) == 0
    clock.set(local("2026-11-18 08:30"))
    restarted = process("b")
    await restarted.tick()
    assert restarted.wakes == 0
    # It asked once and found the day published: it asks nothing more all day.
    outage.go_down()
    assert await knocks(restarted, outage, clock, local("2026-11-18 23:59"), every=HOUR) == []
    outage.come_back()
    assert await daily_digests(database) == each_road_once(day)
    async with database.unit_of_work() as uow:
        published = await uow.digest_publications.published("daily", day)
    assert published == set(ROADS)


async def test_the_weekly_summary_cut_off_part_way_is_finished_once(
    database: Database,
    outage: Outage,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
) -> None:
    two = ["胜利路", "解放路"]
    publishing = publisher(outage, taxonomy, calendar, clock, two)
    start, end = date(2026, 11, 9), date(2026, 11, 16)
    for cut in range(4):
        outage.go_down(after=cut)
        error = await stopped_by(publishing.weekly(start, end))
        assert error is None or is_unavailable(error), error
        outage.come_back()
    await publishing.weekly(start, end)
    assert await publishing.weekly(start, end) == 0
    async with database.unit_of_work() as uow:
        rows = list(await uow.session.scalars(select(OutboxRow)))
    # The text and its chart, for each road, once: never one without the other.
    assert Counter((row.chat_id, row.kind) for row in rows) == Counter(
        {(ROADS[name], kind): 1 for name in two for kind in ("text", "photo")}
    )


# --- the jobs: waited out, caught up, never late, only by the leader --------------------------


async def test_an_outage_at_digest_time_is_retried_with_backoff_and_published_once(
    database: Database,
    outage: Outage,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    # The lease is kept (say the lock was on the outbox only): the job alone meets the outage.
    leader = process("a", lease_uow=Outage(database, outage.down))
    clock.set(local("2026-11-18 08:29"))
    await run_until(leader, clock, local("2026-11-18 08:30"))
    assert await daily_digests(database) == Counter()  # not digest time yet

    outage.go_down()
    attempts = await knocks(leader, outage, clock, local("2026-11-18 08:40"))
    # Tried at digest time, then after 30 s, 1, 2 and 4 minutes: not on every tick.
    assert [t.astimezone(SHANGHAI).strftime("%H:%M:%S") for t in attempts] == [
        "08:30:00",
        "08:30:30",
        "08:31:30",
        "08:33:30",
        "08:37:30",
    ]
    assert leader.wakes == 0

    outage.come_back()
    await run_until(leader, clock, local("2026-11-18 08:50"))
    assert await daily_digests(database) == each_road_once(date(2026, 11, 17))
    assert leader.wakes == 1
    await run_until(leader, clock, local("2026-11-18 23:59:59"), every=timedelta(minutes=7))
    assert await daily_digests(database) == each_road_once(date(2026, 11, 17))
    assert leader.wakes == 1


async def test_a_long_outage_waits_at_most_the_longest_backoff(
    database: Database,
    outage: Outage,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    leader = process("a", lease_uow=Outage(database, outage.down))
    clock.set(local("2026-11-18 08:30"))
    outage.go_down()
    attempts = await knocks(leader, outage, clock, local("2026-11-18 12:00"), every=MINUTE)
    waits = [later - earlier for earlier, later in itertools.pairwise(attempts)]
    assert waits == sorted(waits) and max(waits) == RETRY_MAX  # longer and longer, to a ceiling
    assert clock.now() - attempts[-1] <= RETRY_MAX
    outage.come_back()
    await run_until(leader, clock, clock.now() + RETRY_MAX + TICK)
    assert await daily_digests(database) == each_road_once(date(2026, 11, 17))


async def test_a_digest_kept_out_all_day_is_never_sent_a_day_late(
    database: Database,
    outage: Outage,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    leader = process("a", lease_uow=Outage(database, outage.down))
    clock.set(local("2026-11-18 08:00"))
    outage.go_down()
    await run_until(leader, clock, local("2026-11-18 23:59"), every=timedelta(minutes=1))
    await run_until(leader, clock, local("2026-11-19 00:00:30"))
    outage.come_back()
    # After midnight the 17th is stale; the 18th's digest waits for its own digest time.
    await run_until(leader, clock, local("2026-11-19 08:29"), every=timedelta(minutes=7))
    await run_until(leader, clock, local("2026-11-19 08:30"))
    assert await daily_digests(database) == Counter()
    await run_until(leader, clock, local("2026-11-19 08:31"))
    assert await daily_digests(database) == each_road_once(date(2026, 11, 18))


async def test_a_bot_kept_from_the_database_at_digest_time_publishes_when_it_leads_again(
    database: Database,
    outage: Outage,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    leader = process("a", lease_uow=outage)  # the lease goes with the database, as it would
    clock.set(local("2026-11-18 08:20"))
    await run_until(leader, clock, local("2026-11-18 08:25"))
    assert leader.leadership.leading
    outage.go_down()
    await run_until(leader, clock, local("2026-11-18 09:10"))
    assert not leader.leadership.leading  # it could not renew, so it stopped leading
    outage.come_back()
    await run_until(leader, clock, local("2026-11-18 09:20"))
    assert leader.leadership.leading
    assert await daily_digests(database) == each_road_once(date(2026, 11, 17))

    # The bot restarts later that day: the new process asks once and posts nothing.
    await leader.leadership.resign()
    restarted = process("a2")
    await run_until(restarted, clock, local("2026-11-18 09:30"))
    assert await daily_digests(database) == each_road_once(date(2026, 11, 17))
    outage.go_down()  # it found the day published: it asks nothing more all day
    assert await knocks(restarted, outage, clock, local("2026-11-18 23:59"), every=HOUR) == []


async def test_only_the_leader_publishes_and_a_successor_finishes_a_run_cut_off(
    database: Database,
    outage: Outage,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    first = process("a", lease_uow=Outage(database, outage.down))
    second = process("b", lease_uow=Outage(database, outage.down))
    clock.set(local("2026-11-18 08:29:50"))
    await first.tick()
    await second.tick()
    assert first.leadership.leading and not second.leadership.leading
    clock.set(local("2026-11-18 08:30"))
    await second.tick()
    assert await daily_digests(database) == Counter()  # a follower never publishes

    outage.go_down(after=3)  # the leader dies part-way through its run
    await first.jobs.daily()
    outage.come_back()
    queued = await daily_digests(database)
    assert 0 < len(queued) < len(ROADS)

    # The dead leader renews no more; after its lease runs out the follower takes over.
    await run_until(second, clock, local("2026-11-18 08:32"))
    assert second.leadership.leading
    assert await daily_digests(database) == each_road_once(date(2026, 11, 17))


async def test_the_weekly_summary_waits_out_an_outage_too(
    database: Database,
    outage: Outage,
    clock: FakeClock,
    process: MakeProcess,
) -> None:
    leader = process("a", lease_uow=Outage(database, outage.down), names=["胜利路"])
    clock.set(local("2026-11-23 08:59"))  # Monday, just before the weekly summary
    await run_until(leader, clock, local("2026-11-23 09:00"))
    outage.go_down()
    await run_until(leader, clock, local("2026-11-23 09:05"))
    outage.come_back()
    # On into Tuesday: nothing more.
    await run_until(leader, clock, local("2026-11-24 09:30"), every=timedelta(minutes=7))
    async with database.unit_of_work() as uow:
        weekly = list(
            await uow.session.scalars(
                select(DigestPublicationRow).where(DigestPublicationRow.kind == "weekly")
            )
        )
        kinds = Counter(
            row.kind
            for row in await uow.session.scalars(
                select(OutboxRow).where(OutboxRow.chat_id == ROADS["胜利路"])
            )
            if row.kind == "photo" or "周报" in row.payload.get("html", "")
        )
    assert [(row.road, row.day, row.messages) for row in weekly] == [
        ("胜利路", date(2026, 11, 16), 2)
    ]
    assert kinds == Counter({"text": 1, "photo": 1})


# --- a road whose digest fails for a reason of its own does not hold up the others -----------

FAULTY_ROAD = "解放路"


async def plant_fault(database: Database, database_url: str) -> None:
    """A real database error when FAULTY_ROAD's digest is recorded: a fault in our data, not
    the database being away."""
    async with database.unit_of_work() as uow:
        if database_url.startswith("sqlite"):
            await uow.session.execute(
                text(
                    "CREATE TRIGGER planted_fault BEFORE INSERT ON digest_publications "
                    f"WHEN NEW.road = '{FAULTY_ROAD}' BEGIN SELECT RAISE(ABORT, 'planted'); END"
                )
            )
        else:
            await uow.session.execute(
                text(
                    "CREATE FUNCTION planted_fault() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.road = '{FAULTY_ROAD}' THEN RAISE EXCEPTION 'planted'; END IF; "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            await uow.session.execute(
                text(
                    "CREATE TRIGGER planted_fault BEFORE INSERT ON digest_publications "
                    "FOR EACH ROW EXECUTE FUNCTION planted_fault()"
                )
            )
        await uow.commit()


async def remove_fault(database: Database) -> None:
    async with database.unit_of_work() as uow:
        on_table = "" if uow.session.bind.dialect.name == "sqlite" else " ON digest_publications"
        await uow.session.execute(text(f"DROP TRIGGER planted_fault{on_table}"))
        await uow.commit()


async def test_a_road_whose_digest_fails_does_not_keep_the_others_from_theirs(
    database: Database,
    database_url: str,
    outage: Outage,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    day = date(2026, 11, 17)
    await plant_fault(database, database_url)
    publishing = publisher(outage, taxonomy, calendar, clock)
    with pytest.raises(RoadsFailed) as failed:
        await publishing.daily(day)
    assert failed.value.roads == [FAULTY_ROAD]
    others = {road: chat for road, chat in ROADS.items() if road != FAULTY_ROAD}
    assert await daily_digests(database) == Counter({(chat, day): 1 for chat in others.values()})
    logged = [r for r in caplog.records if r.getMessage() == "daily_digest_failed"]
    assert [(r.levelname, r.road, r.exc_info is not None) for r in logged] == [  # type: ignore[attr-defined]
        ("ERROR", FAULTY_ROAD, True)
    ]

    # Mended, a rerun (the next leader, or `streetdesk digest --send`) posts only that road.
    await remove_fault(database)
    assert await publishing.daily(day) == 1
    assert await daily_digests(database) == each_road_once(day)


async def test_the_morning_job_sends_what_it_could_and_does_not_retry_a_fault_all_day(
    database: Database,
    database_url: str,
    clock: FakeClock,
    process: MakeProcess,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await plant_fault(database, database_url)
    leader = process("a")
    clock.set(local("2026-11-18 08:29"))
    await run_until(leader, clock, local("2026-11-18 12:00"), every=MINUTE)
    await run_until(leader, clock, local("2026-11-18 23:59"), every=timedelta(minutes=7))
    failed = [r for r in caplog.records if r.getMessage() == "daily_digest_failed"]
    assert len(failed) == 1  # tried once: a fault in our data fails the same way again
    assert leader.wakes == 1  # the sender is told about the roads that were queued
    day = date(2026, 11, 17)
    others = [chat for road, chat in ROADS.items() if road != FAULTY_ROAD]
    assert await daily_digests(database) == Counter({(chat, day): 1 for chat in others})


async def test_digests_switched_off_are_never_scheduled(
    outage: Outage, settings: Settings, taxonomy: Taxonomy, calendar: Calendar, clock: FakeClock
) -> None:
    publishing = publisher(outage, taxonomy, calendar, clock)
    for digests, jobs in (
        (True, {"lease", "sweep", "digest", "weekly"}),
        (False, {"lease", "sweep"}),
    ):
        timetable = replace(TIMETABLE, digests=digests)
        process = Process("a", publishing, outage, settings, taxonomy, calendar, clock, timetable)
        process.jobs.start()
        try:
            assert {job.id for job in process.jobs.scheduler.get_jobs()} == jobs
        finally:
            await process.jobs.stop()


class HeldDigest:
    """Publishes the daily digest only when let go, and says when it has started."""

    def __init__(self) -> None:
        self.started, self.release = asyncio.Event(), asyncio.Event()
        self.published: list[date] = []

    async def daily(self, day: date) -> int:
        self.started.set()
        await self.release.wait()
        self.published.append(day)
        return 1

    async def weekly(self, start: date, end: date) -> int:
        return 0


async def test_a_digest_being_published_when_the_process_stops_is_let_finish(
    outage: Outage,
    settings: Settings,
    taxonomy: Taxonomy,
    calendar: Calendar,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Stopping (SIGTERM, the end of the demo) while a job runs waits for it: a digest cut off
    half-way would be logged as a crash, with a traceback, and left to the next leader."""
    digest = HeldDigest()
    # The scheduler runs jobs by the wall clock: the process's clock must be near it.
    clock = FakeClock(SystemClock().now())
    due_at_any_hour = replace(TIMETABLE, digest_at=time(0, 0))
    leader = Process("a", digest, outage, settings, taxonomy, calendar, clock, due_at_any_hour)
    await leader.leadership.renew()
    leader.jobs.start()
    async with asyncio.timeout(10):
        await digest.started.wait()

    async def release_the_digest() -> None:
        digest.release.set()

    # stop() runs first, up to its wait; only then is the digest let go on.
    async with asyncio.timeout(10):
        await asyncio.gather(leader.jobs.stop(), release_the_digest())
    assert digest.published == [clock.now().astimezone(SHANGHAI).date() - timedelta(days=1)]
    assert not leader.jobs.scheduler.running
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
