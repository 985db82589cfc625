"""`streetdesk digest`: the digest that would be sent, printed; with --send, delivered now.

For checking a configuration and for deployments without the morning job (an outside cron).
--send queues only the roads whose digest for that day is not out yet, as the morning job does."""

from __future__ import annotations

import asyncio
import html
import re
from datetime import date, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.publishing import RoadsFailed
from bot.services import open_services
from bot.settings import Settings
from tickets.clock import Clock

if TYPE_CHECKING:
    from bot.app import App

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
    async with open_services(settings, clock) as services:
        chosen = await services.publisher.roads(road)
        if not chosen:
            raise LookupError(f"no bound road {road!r}" if road else "no road is bound to a group")
        texts = [as_plain_text(await services.publisher.render_daily(r, day)) for r in chosen]
        return "\n\n".join(texts) + "\n"


async def _send(settings: Settings, clock: Clock, road: str | None, day: date) -> str:
    # The Telegram side (aiogram's types take seconds to import) only when sending: printing a
    # digest, for checking a configuration, needs the database alone.
    from bot.app import build_app

    async with build_app(settings, clock) as app:
        publisher = app.services.publisher
        if not await publisher.roads(road):
            raise LookupError(f"no bound road {road!r}" if road else "no road is bound")
        failure: RoadsFailed | None = None
        try:
            written = await publisher.daily(day, road)
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
