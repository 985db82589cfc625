"""The timed jobs, on APScheduler 3: lease renewal, the clock sweep, the morning digest and the
weekly summary. Deadlines live on tickets, not here: the scheduler only says "look now", so its
in-memory job store holds four jobs however many tickets there are, and a restart loses nothing.

Only the leader sweeps and publishes; every process renews (or tries to take) the lease.

The digest and the weekly summary are not fired once and forgotten: their jobs also run on every
clock tick and at start-up, and publish whatever is due today and not yet out. A database that is
away at digest time is tried again with backoff, and a bot that was down or restarting at digest
time (or a leader that died mid-way) catches up when it next leads, for the rest of that day.
Publishing records each road's digest in the transaction that queues it (bot/publishing.py), so
a rerun posts only the roads still missing. A digest is never sent a day late: after midnight
the day that is due is the new yesterday, and only once digest time comes.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.combining import OrTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.leadership import Leadership
from storage.availability import is_unavailable, log_failure
from tickets.clock import Clock
from tickets.sweep import Sweep

log = logging.getLogger("streetdesk.scheduler")

# APScheduler numbers weekdays from 0 = Monday; the config from 1 = Monday, as ISO does.
_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# A digest the database was away for is tried again on the first tick after this long, twice as
# long after each further refusal, never longer apart than RETRY_MAX: a short outage costs the
# chief a minute, a long one does not knock on the database every tick.
RETRY_FIRST = timedelta(seconds=30)
TIDY_EVERY = timedelta(hours=1)
RETRY_MAX = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Timetable:
    sweep_every: timedelta
    digest_at: time
    weekly_day: int  # 1 = Monday
    weekly_at: time
    timezone: ZoneInfo
    digests: bool = True  # false: no daily digest and no weekly summary at all

    def daily_due(self, now: datetime) -> date | None:
        """The day whose digest is due at `now` (yesterday), or None before digest time."""
        local = now.astimezone(self.timezone)
        if local.time() < self.digest_at:
            return None
        return local.date() - timedelta(days=1)

    def weekly_due(self, now: datetime) -> date | None:
        """The first day of the week whose summary is due at `now` (the seven days before
        today), or None unless it is the weekly day, at or after the weekly time."""
        local = now.astimezone(self.timezone)
        if local.isoweekday() != self.weekly_day or local.time() < self.weekly_at:
            return None
        return local.date() - timedelta(days=7)


@dataclass(slots=True)
class Attempts:
    """Where one kind of digest for one day stands in this process."""

    day: date
    settled: bool = False  # published, or failed in a way that would fail again
    failures: int = 0  # refusals by a database that was away, in a row
    retry_at: datetime | None = None

    def backoff(self) -> timedelta:
        # The exponent is capped: a day of refusals would overflow timedelta otherwise.
        return min(RETRY_FIRST * 2 ** min(self.failures - 1, 16), RETRY_MAX)


class ClockJobs:
    def __init__(
        self,
        *,
        timetable: Timetable,
        leadership: Leadership,
        sweep: Sweep,
        clock: Clock,
        # Both are run again after a failure and by every new leader: they must queue only the
        # roads not yet published for that day, as bot.publishing.Publisher does.
        publish_daily: Callable[[date], Awaitable[int]],
        publish_weekly: Callable[[date, date], Awaitable[int]],
        wake_sender: Callable[[], None],
        tidy: Callable[[], Awaitable[int]] | None = None,
    ) -> None:
        """`tidy()` forgets what only grows (processed updates past their keeping), at most once
        an hour, by the leader."""
        self._timetable = timetable
        self._leadership = leadership
        self._sweep = sweep
        self._clock = clock
        self._publish_daily = publish_daily
        self._publish_weekly = publish_weekly
        self._wake_sender = wake_sender
        self._tidy = tidy
        self._tidied_at: datetime | None = None
        self.attempts: dict[str, Attempts] = {}  # by kind: "daily", "weekly"
        self.scheduler = AsyncIOScheduler(timezone=timetable.timezone)
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()

    def start(self) -> None:
        tt = self._timetable
        now = self._clock.now()
        common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600}
        self.scheduler.add_job(
            self._tracked(self.renew),
            IntervalTrigger(seconds=self._leadership.renew_every.total_seconds()),
            next_run_time=now,
            id="lease",
            **common,
        )
        # The first sweep runs at start-up: what fell due while the bot was down goes out now,
        # folded into one summary per group.
        self.scheduler.add_job(
            self._tracked(self.sweep),
            IntervalTrigger(seconds=tt.sweep_every.total_seconds()),
            next_run_time=now,
            id="sweep",
            **common,
        )
        if tt.digests:
            self._schedule_digests(now, common)
        self.scheduler.start()

    def _schedule_digests(self, now: datetime, common: dict[str, Any]) -> None:
        tt = self._timetable
        # Digest and weekly run at their time, and on every tick and at start-up to catch up
        # on what an outage, a restart or a change of leader kept from going out today.
        tick = IntervalTrigger(seconds=tt.sweep_every.total_seconds())
        daily_at = CronTrigger(
            hour=tt.digest_at.hour, minute=tt.digest_at.minute, timezone=tt.timezone
        )
        weekly_at = CronTrigger(
            day_of_week=_CRON_DAYS[tt.weekly_day - 1],
            hour=tt.weekly_at.hour,
            minute=tt.weekly_at.minute,
            timezone=tt.timezone,
        )
        for job, at, job_id in (
            (self.daily, daily_at, "digest"),
            (self.weekly, weekly_at, "weekly"),
        ):
            self.scheduler.add_job(
                self._tracked(job), OrTrigger([at, tick]), next_run_time=now, id=job_id, **common
            )

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Start no more jobs and let the ones running finish (a sweep or a digest half done
        would be logged as a crash), then shut the scheduler down. A job still running after
        `timeout` is cancelled, and APScheduler logs it."""
        if not self.scheduler.running:
            return
        self.scheduler.pause()
        try:
            async with asyncio.timeout(timeout):
                await self._idle.wait()
        except TimeoutError:
            log.warning("jobs_cut_short", extra={"running": self._in_flight})
        self.scheduler.shutdown(wait=False)

    def _tracked(self, job: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """`job`, counted while it runs, so that stop() can wait for it."""

        @functools.wraps(job)
        async def run() -> None:
            self._in_flight += 1
            self._idle.clear()
            try:
                await job()
            finally:
                self._in_flight -= 1
                if not self._in_flight:
                    self._idle.set()

        return run

    async def renew(self) -> None:
        await self._leadership.renew()

    async def sweep(self) -> None:
        if not self._leadership.leading:
            return
        await self._tidy_now_and_then()
        try:
            report = await self._sweep.run_once()
        except Exception as error:  # retried at the next tick; it must not stop the ticks
            log_failure(log, "sweep_failed", error)
            return
        if report.looked_at:
            log.info(
                "sweep_done",
                extra={
                    "looked_at": report.looked_at,
                    "reminded": report.reminded,
                    "escalated": report.escalated,
                    "closed": report.closed,
                    "held": report.held,
                    "summaries": report.summaries,
                },
            )
            self._wake_sender()

    async def _tidy_now_and_then(self) -> None:
        now = self._clock.now()
        if self._tidy is None or (
            self._tidied_at is not None and now - self._tidied_at < TIDY_EVERY
        ):
            return
        try:
            forgotten = await self._tidy()
        except Exception as error:  # tried again at the next tick
            log_failure(log, "tidy_failed", error)
            return
        self._tidied_at = now
        if forgotten:
            log.info("tidied", extra={"forgotten": forgotten})

    async def daily(self) -> None:
        """Publish yesterday's digest if digest time has come and it is not out yet."""
        day = self._timetable.daily_due(self._clock.now())
        if day is not None:
            await self._publish_due("daily", day, lambda: self._publish_daily(day), "digest")

    async def weekly(self) -> None:
        """Publish the week's summary on the weekly day, once its time has come."""
        start = self._timetable.weekly_due(self._clock.now())
        if start is not None:
            end = start + timedelta(days=7)
            await self._publish_due(
                "weekly", start, lambda: self._publish_weekly(start, end), "weekly_summary"
            )

    async def _publish_due(
        self, kind: str, day: date, publish: Callable[[], Awaitable[int]], event: str
    ) -> None:
        if not self._leadership.leading:
            return
        attempts = self.attempts.get(kind)
        if attempts is None or attempts.day != day:  # a new day starts with a clean slate
            attempts = self.attempts[kind] = Attempts(day)
        now = self._clock.now()
        # Settled: nothing to ask the database until the next day is due. A process that starts
        # or becomes leader asks once; publishing skips the roads whose digest is already out.
        if attempts.settled or (attempts.retry_at is not None and now < attempts.retry_at):
            return
        try:
            sent = await publish()
        except Exception as error:
            if is_unavailable(error):
                attempts.failures += 1
                attempts.retry_at = now + attempts.backoff()
                log_failure(
                    log,
                    f"{event}_failed",
                    error,
                    day=day.isoformat(),
                    retry_in=attempts.backoff().total_seconds(),
                )
            else:
                # A fault in our code or data fails the same way again: logged once with its
                # traceback, not every few minutes. The next process to lead tries once more.
                # The roads that did not fail may have been queued (bot.publishing).
                attempts.settled = True
                log_failure(log, f"{event}_failed", error, day=day.isoformat())
                self._wake_sender()
            return
        attempts.settled = True
        log.info(f"{event}_published", extra={"day": day.isoformat(), "messages": sent})
        if sent:
            self._wake_sender()
