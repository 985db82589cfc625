"""Putting the digest and the weekly summary in front of the people who need them: rendered in
the configured language and written to the outbox, for the road's group or each chief privately."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.charts import weekly_chart
from bot.rendering import Renderer, escape
from tickets.clock import Clock
from tickets.digest import Digests, WeeklySummary
from tickets.notices import Notice, NoticeKind
from tickets.ports import UnitOfWork
from tickets.roads import RoadDirectory
from tickets.taxonomy import Road


class Publisher:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        digests: Digests,
        roads: RoadDirectory,
        renderer: Renderer,
        clock: Clock,
        private: bool,
    ) -> None:
        self._uow = unit_of_work
        self._digests = digests
        self._roads = roads
        self._renderer = renderer
        self._clock = clock
        self._private = private
        self._zone: ZoneInfo = digests.timezone

    def roads(self, name: str | None = None) -> list[Road]:
        return [
            r
            for r in self._roads.all()
            if r.chat_id is not None and (name is None or r.name == name)
        ]

    async def render_daily(self, road: Road, day: date) -> str:
        return self._renderer.digest(await self._digests.daily(road, day, self._clock.now()))

    async def daily(self, day: date, road_name: str | None = None) -> int:
        """Write each road's digest for `day` to the outbox; return how many messages."""
        written = 0
        for road in self.roads(road_name):
            html = await self.render_daily(road, day)
            written += await self._post(road, html)
        return written

    async def weekly(self, start: date, end: date, road_name: str | None = None) -> int:
        """The week's figures per department as text, then one chart people would rather see."""
        written = 0
        for road in self.roads(road_name):
            summary = await self._digests.weekly(road, start, end)
            written += await self._post(road, self._renderer.weekly(summary))
            written += await self._post_chart(road, summary)
        return written

    async def _post_chart(self, road: Road, summary: WeeklySummary) -> int:
        taxonomy = self._renderer.taxonomy
        # Drawing takes a few hundred milliseconds of CPU: off the event loop.
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
        places = self._places(road)
        async with self._uow() as uow:
            for chat_id, thread_id in places:
                await uow.outbox.add(
                    Notice(
                        NoticeKind.PHOTO,
                        chat_id,
                        thread_id,
                        data={
                            "base64": base64.b64encode(png).decode("ascii"),
                            "filename": "weekly.png",
                            "caption": caption,
                        },
                    )
                )
            await uow.commit()
        return len(places)

    def _places(self, road: Road) -> list[tuple[int, int | None]]:
        if self._private and road.chief_ids:
            return [(chief, None) for chief in road.chief_ids]  # a private chat's id is the user's
        return [(road.chat_id, road.thread_id)] if road.chat_id is not None else []

    async def _post(self, road: Road, html: str) -> int:
        places = self._places(road)
        async with self._uow() as uow:
            for chat_id, thread_id in places:
                await uow.outbox.add(
                    Notice(NoticeKind.TEXT, chat_id, thread_id, data={"html": html})
                )
            await uow.commit()
        return len(places)
