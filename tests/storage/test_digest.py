"""The chief's morning digest, built from a real database and rendered as the chief sees it."""

from __future__ import annotations

import base64
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.database import Database
from bot.figure_texts import FigureTexts
from bot.publishing import Publisher
from bot.rendering import Renderer
from bot.texts import Texts
from tests.clerk import Clerk
from tests.conftest import local
from tickets.calendar import Calendar
from tickets.clock import FakeClock
from tickets.digest import MAX_ITEMS, Digests
from tickets.permissions import Actor
from tickets.taxonomy import Taxonomy

SHOPKEEPER = Actor(42, "王老板")
LIGHTING = Actor(5001, "小李", departments=frozenset({"lighting"}))


async def test_yesterday_in_counts_then_what_is_open_overdue_first(
    database: Database,
    service: Clerk,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
) -> None:
    clock.set(local("2026-11-10 10:00"))  # a week earlier: stale by the digest's morning
    old = await service.report(
        road="胜利路",
        category="illegal_construction",
        text="违建",
        location="胜利路1号",
        reporter=SHOPKEEPER,
    )
    clock.set(local("2026-11-17 09:30"))  # yesterday
    light = await service.report(
        road="胜利路",
        category="streetlight",
        text="路灯不亮",
        location="胜利路8号",
        reporter=SHOPKEEPER,
    )
    await service.report(
        road="胜利路", category="garbage", text="垃圾没清", location="超市后门", reporter=SHOPKEEPER
    )
    await service.acknowledge(light.ticket.number, LIGHTING)
    clock.set(local("2026-11-18 08:30"))  # the digest's morning

    digests = Digests(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=calendar,
        stale_after=timedelta(days=7),
    )
    digest = await digests.daily(taxonomy.road("胜利路"), date(2026, 11, 17), clock.now())
    assert (digest.new, digest.acknowledged, digest.resolved, digest.closed) == (2, 1, 0, 0)
    assert (digest.open, digest.overdue) == (3, 2)  # the garbage ack (1 h) and the old one
    assert [item.number for item in digest.items][:2] == [old.ticket.number, 3]  # overdue first
    assert digest.items[-1].overdue is False  # the light: acknowledged, resolve not due yet
    assert digest.stale == (old.ticket.number,)
    assert digest.most_behind in {"enforcement", "sanitation"}
    assert len(digest.items) <= MAX_ITEMS

    renderer = Renderer(taxonomy, Texts("zh"), ZoneInfo("Asia/Shanghai"), timedelta(hours=24))
    text = FigureTexts(renderer).digest(digest)
    lines = text.splitlines()
    assert "胜利路 · 2026-11-17 日报" in lines[0]
    assert lines[1] == "新增 2 · 签收 1 · 处置 0 · 结案 0"  # counts first
    assert "长期未结" in text and f"#{old.ticket.number}" in lines[-1]


async def test_the_weekly_summary_ranks_departments_with_their_figures(
    database: Database,
    service: Clerk,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
) -> None:
    clock.set(local("2026-11-16 10:00"))  # Monday
    light = await service.report(
        road="胜利路",
        category="streetlight",
        text="路灯不亮",
        location="胜利路8号",
        reporter=SHOPKEEPER,
    )
    await service.acknowledge(light.ticket.number, LIGHTING)
    clock.set(local("2026-11-16 11:00"))
    await service.resolve(light.ticket.number, LIGHTING)
    await service.confirm(light.ticket.number, SHOPKEEPER)
    await service.report(
        road="胜利路", category="garbage", text="垃圾没清", location="超市后门", reporter=SHOPKEEPER
    )  # due Mon 19:00, left open

    digests = Digests(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=calendar,
        stale_after=timedelta(days=7),
    )
    summary = await digests.weekly(taxonomy.road("胜利路"), date(2026, 11, 16), date(2026, 11, 23))
    assert set(summary.per_department) == {"lighting", "sanitation"}
    assert summary.per_department["sanitation"].closure_rate == 0.0
    assert summary.overall.tickets == 2
    renderer = Renderer(taxonomy, Texts("zh"), ZoneInfo("Asia/Shanghai"), timedelta(hours=24))
    text = FigureTexts(renderer).weekly(summary)
    lines = text.splitlines()
    assert "2026-11-16 至 2026-11-22" in lines[0]
    # Ranked: sanitation has a figure (0 % on time); lighting's ticket is not due until next
    # week, so it has none yet and is listed after the departments that have one.
    assert lines[1].startswith("环卫所") and lines[2].startswith("路灯管理所")
    assert "结案率 0%" in lines[1] and "结案率 —" in lines[2]
    assert "合计：受理 2" in lines[3]


async def test_the_weekly_summary_is_posted_with_its_chart(
    database: Database,
    service: Clerk,
    taxonomy: Taxonomy,
    calendar: Calendar,
    clock: FakeClock,
) -> None:
    clock.set(local("2026-11-16 10:00"))
    await service.report(
        road="胜利路",
        category="garbage",
        text="垃圾没清",
        location="超市后门",
        reporter=SHOPKEEPER,
        chat_id=-1001000000001,
    )
    digests = Digests(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=calendar,
        stale_after=timedelta(days=7),
    )
    renderer = Renderer(taxonomy, Texts("zh"), ZoneInfo("Asia/Shanghai"), timedelta(hours=24))
    publisher = Publisher(
        unit_of_work=database.unit_of_work,
        digests=digests,
        roads=taxonomy.roads,
        renderer=renderer,
        clock=clock,
        private=False,
    )
    assert await publisher.weekly(date(2026, 11, 16), date(2026, 11, 23)) == 2
    async with database.unit_of_work() as uow:
        queued = await uow.outbox.queued(local("2026-12-01 00:00"), 100, "anyone")
        rows = [await uow.outbox.to_send(row.id) for row in queued]
    text, photo = rows[-2], rows[-1]
    assert text is not None and photo is not None
    assert (text.kind, photo.kind) == ("text", "photo")
    assert "周报" in text.payload["html"]
    png = base64.b64decode(photo.payload["base64"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) < 1_000_000
