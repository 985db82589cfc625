"""The wiring every command shares: the configuration made into the database, the domain's
services and the words. Commands that talk to Telegram build the app (bot/app.py) on top of it;
the others (tickets, export, a printed digest) use it alone."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from bot.database import Database, open_database
from bot.publishing import Publisher
from bot.rendering import Renderer, renderer_for
from bot.settings import Settings
from bot.texts import Texts
from reports.ledger_files import LedgerFiles
from tickets.assessment import Assessment
from tickets.calendar import Calendar
from tickets.chasing import Chaser
from tickets.clock import Clock
from tickets.digest import Digests
from tickets.flood_limits import FloodLimits
from tickets.office import Office
from tickets.sweep import Sweep
from tickets.taxonomy import Taxonomy
from tickets.understanding import Understanding
from tickets.understanding.model import LinearModel


@dataclass(frozen=True)
class Services:
    settings: Settings
    clock: Clock
    database: Database
    taxonomy: Taxonomy
    calendar: Calendar
    office: Office
    renderer: Renderer
    assessment: Assessment
    ledger_files: LedgerFiles
    digests: Digests
    publisher: Publisher
    sweep: Sweep


def reader_for(settings: Settings, taxonomy: Taxonomy) -> Understanding:
    """The reader with the config's categories, and the office's retrained model if it took
    one in ([understanding] model)."""
    path = settings.reader_model()
    return Understanding(
        taxonomy.categories.values(),
        fallback_category=taxonomy.fallback_category,
        model=None if path is None else LinearModel.load(path),
    )


def office_for(settings: Settings, taxonomy: Taxonomy, calendar: Calendar, clock: Clock) -> Office:
    """What the desk knows for the life of the process, as the configuration sets it up."""
    return Office(
        taxonomy=taxonomy,
        calendar=calendar,
        clock=clock,
        understanding=reader_for(settings, taxonomy),
        photo_window=settings.intake.photo_window.around_the_clock(),
        verify_within=settings.intake.verify_within.around_the_clock(),
        admin_ids=frozenset(settings.admin_ids),
        floods=FloodLimits(
            per_person=settings.floods.per_person_per_hour,
            per_group=settings.floods.per_group_per_hour,
        ),
    )


@contextlib.asynccontextmanager
async def open_services(settings: Settings, clock: Clock) -> AsyncIterator[Services]:
    """Migrate the database, open it, build the services; the database closes on leaving."""
    database = await open_database(settings.database_url(), clock)
    try:
        taxonomy = settings.taxonomy()
        calendar = settings.calendar()
        renderer = renderer_for(settings, taxonomy)
        assessment = Assessment(taxonomy=taxonomy, calendar=calendar)
        policy = settings.chase_policy()
        digests = Digests(
            unit_of_work=database.unit_of_work,
            taxonomy=taxonomy,
            calendar=calendar,
            stale_after=policy.stale_after,
        )
        yield Services(
            settings=settings,
            clock=clock,
            database=database,
            taxonomy=taxonomy,
            calendar=calendar,
            office=office_for(settings, taxonomy, calendar, clock),
            renderer=renderer,
            assessment=assessment,
            ledger_files=LedgerFiles(
                assessment=assessment,
                taxonomy=taxonomy,
                zone=ZoneInfo(settings.timezone),
                language=settings.language,
                words=Texts(settings.language).get,
            ),
            digests=digests,
            publisher=Publisher(
                unit_of_work=database.unit_of_work,
                digests=digests,
                roads=taxonomy.roads,
                renderer=renderer,
                clock=clock,
                private=settings.digest.private,
            ),
            sweep=Sweep(
                unit_of_work=database.unit_of_work,
                taxonomy=taxonomy,
                chaser=Chaser(policy, calendar),
                clock=clock,
                summary_from=settings.escalation.catch_up_summary_from,
            ),
        )
    finally:
        await database.close()
