"""Putting the digest and the weekly summary in front of the people who need them: rendered in
the configured language and written to the outbox, for the road's group or each chief privately.

Each road's digest for a day is written once: its messages are queued in the transaction that
records it as published (storage/digest_publications.py), so a run that failed part-way (the
database went away, the process died) can simply be run again and posts only what is missing.

Roads are published one by one: a road whose digest fails for a reason of its own (a fault in
our code or its data) is logged and skipped, and the roads after it still get theirs; the run
then raises `RoadsFailed`. Only the database being away stops the run at once, as every road
after would fail the same way; a run again finishes it.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.figure_texts import FigureTexts
from bot.rendering import Renderer, escape
from storage.availability import is_unavailable, log_failure
from tickets.clock import Clock
from tickets.digest import Digests, WeeklySummary
from tickets.notices import Notice, NoticeKind
from tickets.ports import UnitOfWork
from tickets.roads import Roads
from tickets.taxonomy import Road

log = logging.getLogger("streetdesk.publishing")

DAILY = "daily"
WEEKLY = "weekly"


class RoadsFailed(Exception):
    """Some roads' digests failed (each logged with its traceback); the others were queued."""

    def __init__(self, kind: str, day: date, roads: list[str], written: int) -> None:
        super().__init__(
            f"the {kind} digest of {day.isoformat()} failed for {', '.join(roads)} (see the "
            f"log); {written} message(s) for the other roads were queued"
        )
        self.roads = roads
        self.written = written


class Publisher:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        digests: Digests,
        roads: Mapping[str, Road],
        renderer: Renderer,
        clock: Clock,
        private: bool,
    ) -> None:
        self._uow = unit_of_work
        self._digests = digests
        self._configured = roads
        self._renderer = renderer
        self._figures = FigureTexts(renderer)
        self._clock = clock
        self._private = private
        self._zone: ZoneInfo = digests.timezone

    async def roads(self, name: str | None = None) -> list[Road]:
        """The roads with a group (the file's and those bound in chat), or the one named."""
        async with self._uow() as uow:
            bound = await Roads(uow, self._configured).bound()
        return [road for road in bound if name is None or road.name == name]

    async def render_daily(self, road: Road, day: date) -> str:
        return self._figures.digest(await self._digests.daily(road, day, self._clock.now()))

    async def daily(self, day: date, road_name: str | None = None) -> int:
        """Write each road's digest for `day` to the outbox unless it was published already;
        return how many messages were queued now."""

        async def publish(road: Road) -> int:
            html = await self.render_daily(road, day)
            return await self._publish(DAILY, road, day, self._texts(road, html))

        return await self._each_road(DAILY, day, road_name, publish)

    async def weekly(self, start: date, end: date, road_name: str | None = None) -> int:
        """The week's figures per department as text, then one chart people would rather see;
        both in one transaction, so a road never gets the text without its chart or twice."""

        async def publish(road: Road) -> int:
            summary = await self._digests.weekly(road, start, end)
            notices = self._texts(road, self._figures.weekly(summary))
            notices += await self._chart(road, summary)
            return await self._publish(WEEKLY, road, start, notices)

        return await self._each_road(WEEKLY, start, road_name, publish)

    async def _each_road(
        self,
        kind: str,
        day: date,
        road_name: str | None,
        publish: Callable[[Road], Awaitable[int]],
    ) -> int:
        written = 0
        failed: list[str] = []
        for road in await self._unpublished(kind, day, road_name):
            try:
                written += await publish(road)
            except Exception as error:
                if is_unavailable(error):
                    raise  # every road after would fail alike: the run is retried whole
                log_failure(log, f"{kind}_digest_failed", error, road=road.name, day=str(day))
                failed.append(road.name)
        if failed:
            raise RoadsFailed(kind, day, failed, written)
        return written

    async def _unpublished(self, kind: str, day: date, road_name: str | None) -> list[Road]:
        # Read once up front so a rerun does not build digests it will not send; the claim in
        # _publish is what makes it exactly once (another process may be publishing meanwhile).
        async with self._uow() as uow:
            done = await uow.digest_publications.published(kind, day)
            bound = await Roads(uow, self._configured).bound()
        return [
            road
            for road in bound
            if road.name not in done and (road_name is None or road.name == road_name)
        ]

    async def _publish(self, kind: str, road: Road, day: date, notices: list[Notice]) -> int:
        async with self._uow() as uow:
            if not await uow.digest_publications.claim(kind, road.name, day, len(notices)):
                return 0  # published by another run since we looked; leaving rolls back
            for notice in notices:
                await uow.outbox.add(notice)
            await uow.commit()
        return len(notices)

    async def _chart(self, road: Road, summary: WeeklySummary) -> list[Notice]:
        # matplotlib takes most of a second to import, and only the weekly summary draws: every
        # `streetdesk` command and the bot's start would pay for it otherwise.
        from reports.charts import weekly_chart

        taxonomy = self._renderer.taxonomy
        # Drawing takes a few hundred milliseconds of CPU: off the event loop, and before the
        # transaction that queues it, which it would otherwise hold open.
        png = await asyncio.to_thread(
            weekly_chart,
            summary.tickets,
            summary.per_department,
            start=summary.start,
            end=summary.end,
            zone=self._zone,
            department_names={k: self._renderer.department_name(k) for k in taxonomy.departments},
            fallback_names={k: d.name_en or k for k, d in taxonomy.departments.items()},
            title=f"{road.name} {summary.start.isoformat()} – "
            f"{(summary.end - timedelta(days=1)).isoformat()}",
            fallback_title=f"Week {summary.start.isoformat()}",
            language="zh" if self._renderer.t.language == "zh" else "en",
        )
        caption = self._renderer.t("weekly.chart_caption", road=escape(road.name))
        data = {
            "base64": base64.b64encode(png).decode("ascii"),
            "filename": "weekly.png",
            "caption": caption,
        }
        return [
            Notice(NoticeKind.PHOTO, chat_id, thread_id, data=dict(data))
            for chat_id, thread_id in self._places(road)
        ]

    def _texts(self, road: Road, html: str) -> list[Notice]:
        return [
            Notice(NoticeKind.TEXT, chat_id, thread_id, data={"html": html})
            for chat_id, thread_id in self._places(road)
        ]

    def _places(self, road: Road) -> list[tuple[int, int | None]]:
        if self._private and road.chief_ids:
            return [(chief, None) for chief in road.chief_ids]  # a private chat's id is the user's
        return [(road.chat_id, road.thread_id)] if road.chat_id is not None else []
