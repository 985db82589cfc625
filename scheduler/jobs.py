"""The timed jobs, on APScheduler 3: lease renewal, the clock sweep, the morning digest and the
weekly summary. Deadlines live on tickets, not here: the scheduler only says "look now", so its
in-memory job store holds four jobs however many tickets there are, and a restart loses nothing.

Only the leader sweeps and publishes; every process renews (or tries to take) the lease.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from scheduler.leadership import Leadership
from storage.availability import log_failure
from tickets.clock import Clock
from tickets.sweep import Sweep

log = logging.getLogger("streetdesk.scheduler")

# APScheduler numbers weekdays from 0 = Monday; the config from 1 = Monday, as ISO does.
_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Timetable:
    sweep_every: timedelta
    digest_at: time
    weekly_day: int  # 1 = Monday
    weekly_at: time
    timezone: ZoneInfo


class ClockJobs:
    def __init__(
        self,
        *,
        timetable: Timetable,
        leadership: Leadership,
        sweep: Sweep,
        clock: Clock,
        publish_daily: Callable[[date], Awaitable[int]],
        publish_weekly: Callable[[date, date], Awaitable[int]],
        wake_sender: Callable[[], None],
    ) -> None:
        self._timetable = timetable
        self._leadership = leadership
        self._sweep = sweep
        self._clock = clock
        self._publish_daily = publish_daily
        self._publish_weekly = publish_weekly
        self._wake_sender = wake_sender
        self.scheduler = AsyncIOScheduler(timezone=timetable.timezone)

    def start(self) -> None:
        tt = self._timetable
        now = self._clock.now()
        common = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 3600}
        self.scheduler.add_job(
            self.renew,
            IntervalTrigger(seconds=self._leadership.renew_every.total_seconds()),
            next_run_time=now,
            id="lease",
            **common,
        )
        # The first sweep runs at start-up: what fell due while the bot was down goes out now,
        # folded into one summary per group.
        self.scheduler.add_job(
            self.sweep,
            IntervalTrigger(seconds=tt.sweep_every.total_seconds()),
            next_run_time=now,
            id="sweep",
            **common,
        )
        self.scheduler.add_job(
            self.daily,
            CronTrigger(hour=tt.digest_at.hour, minute=tt.digest_at.minute, timezone=tt.timezone),
            id="digest",
            **common,
        )
        self.scheduler.add_job(
            self.weekly,
            CronTrigger(
                day_of_week=_CRON_DAYS[tt.weekly_day - 1],
                hour=tt.weekly_at.hour,
                minute=tt.weekly_at.minute,
                timezone=tt.timezone,
            ),
            id="weekly",
            **common,
        )
        self.scheduler.start()

    def stop(self) -> None:
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)

    async def renew(self) -> None:
        await self._leadership.renew()

    async def sweep(self) -> None:
        if not self._leadership.leading:
            return
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

    async def daily(self) -> None:
        if not self._leadership.leading:
            return
        yesterday = self._clock.now().astimezone(self._timetable.timezone).date() - timedelta(1)
        try:
            sent = await self._publish_daily(yesterday)
        except Exception as error:
            log_failure(log, "digest_failed", error)
            return
        log.info("digest_published", extra={"day": yesterday.isoformat(), "messages": sent})
        self._wake_sender()

    async def weekly(self) -> None:
        if not self._leadership.leading:
            return
        today = self._clock.now().astimezone(self._timetable.timezone).date()
        try:
            sent = await self._publish_weekly(today - timedelta(days=7), today)
        except Exception as error:
            log_failure(log, "weekly_summary_failed", error)
            return
        log.info("weekly_summary_published", extra={"messages": sent})
        self._wake_sender()
