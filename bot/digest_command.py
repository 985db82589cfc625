"""`streetdesk digest`: the digest that would be sent, printed; with --send, delivered now.

For checking a configuration and for deployments without the morning job (an outside cron).
--send queues only the roads whose digest for that day is not out yet, as the morning job does."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.app import App, build_app
from bot.database import open_database
from bot.publishing import Publisher, RoadsFailed
from bot.rendering import renderer_for
from bot.settings import Settings
from tickets.clock import Clock
from tickets.digest import Digests
from tickets.roads import RoadDirectory

SEND_TIMEOUT = 120.0


def as_plain_text(html_text: str) -> str:
    """What Telegram would show, for a terminal: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


async def run_digest(
    settings: Settings, clock: Clock, road: str | None, day: date | None, send: bool
) -> str:
    zone = ZoneInfo(settings.timezone)
    day = day or clock.now().astimezone(zone).date() - timedelta(days=1)
    if send:
        return await _send(settings, clock, road, day)
    database = await open_database(settings.database_url(), clock)
    try:
        taxonomy = settings.taxonomy()
        roads = RoadDirectory(taxonomy.roads)
        async with database.unit_of_work() as uow:
            roads.bound(await uow.roads.bindings())
        digests = Digests(
            unit_of_work=database.unit_of_work,
            taxonomy=taxonomy,
            calendar=settings.calendar(),
            stale_after=settings.escalation.stale_after.around_the_clock(),
        )
        renderer = renderer_for(settings, taxonomy)
        publisher = Publisher(
            unit_of_work=database.unit_of_work,
            digests=digests,
            roads=roads,
            renderer=renderer,
            clock=clock,
            private=settings.digest.private,
        )
        chosen = publisher.roads(road)
        if not chosen:
            raise LookupError(f"no bound road {road!r}" if road else "no road is bound to a group")
        texts = [as_plain_text(await publisher.render_daily(r, day)) for r in chosen]
        return "\n\n".join(texts) + "\n"
    finally:
        await database.close()


async def _send(settings: Settings, clock: Clock, road: str | None, day: date) -> str:
    async with build_app(settings, clock) as app:
        if not app.publisher.roads(road):
            raise LookupError(f"no bound road {road!r}" if road else "no road is bound")
        failure: RoadsFailed | None = None
        try:
            written = await app.publisher.daily(day, road)
        except RoadsFailed as error:  # the other roads' digests still go out, then it is said
            written, failure = error.written, error
        if not written:
            if failure is not None:
                raise failure
            # Each road's digest for a day goes out once, whoever publishes it: the morning job,
            # this command, or an outside cron running it twice.
            return f"the digest for {day.isoformat()} was published already; nothing sent\n"
        said = await _deliver(app, written, day)
        if failure is not None:  # said after the other roads' digests went out
            raise failure
        return said


async def _deliver(app: App, written: int, day: date) -> str:
    if not await app.leadership.renew():
        # A running bot leads: its sender delivers what was queued within seconds.
        return (
            f"queued {written} digest message(s) for {day.isoformat()}; "
            "the running bot sends them\n"
        )
    try:
        await app.sender.load_due()
        await asyncio.wait_for(app.sender.wait_idle(), SEND_TIMEOUT)
    finally:
        await app.leadership.resign()
    return f"sent {written} digest message(s) for {day.isoformat()}\n"
