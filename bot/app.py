"""The process: the only place that builds the bot's objects and wires them together.

    updates ──► inbox (polling or webhook) ──► processor ──► dispatcher ──► handlers ──► desk
                                                  │ commits the move, the update, the notices
    outbox ◄──────────────────────────────────────┘
      └──► outbox worker (the leader only) ──► Telegram

The clock jobs (lease, sweep, digests) run beside them; only the leader sweeps and sends. The
photo keeper (the leader only, when `[photos] keep`) downloads the tickets' photos as evidence.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from zoneinfo import ZoneInfo

from aiogram import Bot, Dispatcher

from bot.answer_plans import AnswerPlans
from bot.cli_web import web_link_data
from bot.database import Database
from bot.delivery import Delivery
from bot.notice_plans import NoticePlans
from bot.outbox_worker import OutboxWorker
from bot.pacing import Limits, Pacer
from bot.people_lookup import PeopleLookup
from bot.photo_keeper import PhotoKeeper
from bot.processor import Processor
from bot.services import Services, open_services
from bot.settings import Settings
from bot.startup import admin_check, make_bot
from handlers import build_router
from scheduler.jobs import ClockJobs, Timetable
from scheduler.leadership import Leadership, new_holder
from storage.photo_files import PhotoFolder
from tickets.clock import Clock


@dataclass
class App:
    services: Services
    bot: Bot
    dispatcher: Dispatcher
    processor: Processor
    sender: OutboxWorker
    leadership: Leadership
    jobs: ClockJobs
    keeper: PhotoKeeper | None = None  # None: `[photos] keep = false`

    @property
    def settings(self) -> Settings:
        return self.services.settings


@contextlib.asynccontextmanager
async def build_app(settings: Settings, clock: Clock) -> AsyncIterator[App]:
    bot = make_bot(settings)
    try:
        async with open_services(settings, clock) as services:
            yield _wire(services, bot)
    finally:
        await bot.session.close()


async def forget_processed_updates(
    database: Database,
    clock: Clock,
    keep: timedelta,
    photo_window: timedelta = timedelta(0),
    keep_sent: timedelta | None = None,
) -> int:
    """What only grows is let go: processed updates after `keep` (the ledger holds what they
    did), photos that waited for their words longer than `photo_window` (they never became a
    report), messages sent (or set aside) longer than `keep_sent` ago. The ledger never is."""
    now = clock.now()
    async with database.unit_of_work() as uow:
        forgotten = await uow.inbox.prune(now - keep)
        if photo_window:
            forgotten += await uow.pending_photos.forget_before(now - photo_window)
        if keep_sent is not None:
            forgotten += await uow.outbox.forget_done(now - keep_sent)
        await uow.commit()
    return forgotten


def _wire(services: Services, bot: Bot) -> App:
    settings, clock, database = services.settings, services.clock, services.database
    holder = new_holder()
    leadership = Leadership(
        unit_of_work=database.unit_of_work,
        clock=clock,
        lease_for=settings.scheduler.lease_for.around_the_clock(),
        holder=holder,
    )
    telegram = settings.telegram
    pacer = Pacer(
        Limits(
            telegram.per_chat_per_minute,
            telegram.per_chat_interval.around_the_clock().total_seconds(),
            telegram.global_per_second,
        ),
        time.monotonic,
    )
    people = PeopleLookup(bot=bot, taxonomy=services.taxonomy)
    delivery = Delivery(
        database=database,
        bot=bot,
        notices=NoticePlans(renderer=services.renderer, people=people, clock=clock),
        answers=AnswerPlans(
            renderer=services.renderer,
            people=people,
            assessment=services.assessment,
            ledger_files=services.ledger_files,
            clock=clock,
        ),
        clock=clock,
        holder=holder,
        leading=lambda: leadership.leading,
        admin_ids=settings.admin_ids,
    )
    sender = OutboxWorker(
        database=database,
        delivery=delivery,
        clock=clock,
        pacer=pacer,
        holder=holder,
        may_send=lambda: leadership.leading,
    )
    keeper = None
    if settings.photos.keep:
        keeper = PhotoKeeper(
            database=database,
            bot=bot,
            folder=PhotoFolder(settings.photo_folder()),
            clock=clock,
            holder=holder,
            max_bytes=settings.photos.max_bytes,
            per_second=settings.photos.per_second,
            may_run=lambda: leadership.leading,
        )
    # No handler keeps conversation state: without FSM no storage lookup per update.
    dispatcher = Dispatcher(
        disable_fsm=True,
        is_admin=admin_check(bot),
        bot_username=None,
        **web_link_data(settings, clock),  # /web's one-time links, when the desk is on
    )
    dispatcher.include_router(build_router())
    processor = Processor(
        database=database,
        dispatcher=dispatcher,
        bot=bot,
        office=services.office,
        clock=clock,
        committed=sender.wake if keeper is None else partial(_wake_both, sender, keeper),
        holder=holder,
    )
    jobs = ClockJobs(
        timetable=Timetable(
            sweep_every=settings.scheduler.sweep_every.around_the_clock(),
            digest_at=settings.digest.at,
            weekly_day=settings.digest.weekly_day,
            weekly_at=settings.digest.weekly_at,
            timezone=ZoneInfo(settings.timezone),
            digests=settings.digest.enabled,
        ),
        leadership=leadership,
        sweep=services.sweep,
        clock=clock,
        publish_daily=services.publisher.daily,
        publish_weekly=services.publisher.weekly,
        wake_sender=sender.wake,
        tidy=partial(
            forget_processed_updates,
            database,
            clock,
            settings.intake.keep_updates.around_the_clock(),
            settings.intake.photo_window.around_the_clock(),
            settings.database.keep_sent.around_the_clock(),
        ),
    )
    return App(services, bot, dispatcher, processor, sender, leadership, jobs, keeper)


def _wake_both(sender: OutboxWorker, keeper: PhotoKeeper) -> None:
    # A commit may bring notices to send and photos to keep.
    sender.wake()
    keeper.wake()
