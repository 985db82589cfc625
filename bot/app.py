"""The process: the only place that builds objects and wires them together.

Start-up order: settings are valid (the CLI checked), the schema is migrated, bindings made in
chat are loaded, the bot introduces itself (getMe) and says where it cannot read, commands are
registered, then updates flow (polling or webhook) while the sender drains the outbox.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeAllGroupChats
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.database import Database, open_database
from bot.pacing import Limits, Pacer
from bot.publishing import Publisher
from bot.rendering import Renderer, renderer_for
from bot.retrying import with_retries
from bot.sender import Sender
from bot.settings import PUBLIC_BOT_API, Settings
from bot.texts import Texts
from handlers import build_router
from handlers.database_retry import DatabaseRetry
from handlers.group_setup import is_group_admin
from reports.ledger_files import LedgerFiles
from scheduler.jobs import ClockJobs, Timetable
from scheduler.leadership import Leadership
from tickets.assessment import Assessment
from tickets.calendar import Calendar
from tickets.chasing import Chaser
from tickets.clock import Clock
from tickets.desk import Desk
from tickets.digest import Digests
from tickets.group_setup import GroupSetup
from tickets.notices import Notice, NoticeKind
from tickets.roads import RoadDirectory
from tickets.service import TicketService
from tickets.sweep import Sweep
from tickets.taxonomy import Taxonomy
from tickets.understanding import Understanding

log = logging.getLogger("streetdesk.app")
# Start-up calls wait out a Telegram hiccup (429s as asked; 5xx for about 1.5 minutes) before the
# bot gives up and exits for its service manager to restart it.
STARTUP_ATTEMPTS = 8

COMMANDS = {
    "zh": [
        ("report", "报告一个问题"),
        ("status", "本群未结工单"),
        ("ticket", "查看一张工单"),
        ("mine", "我的待办"),
        ("join", "登记为部门联络员"),
        ("bind", "把本群绑定到道路"),
        ("help", "使用说明"),
    ],
    "en": [
        ("report", "Report a problem"),
        ("status", "Open tickets here"),
        ("ticket", "Show one ticket"),
        ("mine", "My open items"),
        ("join", "Register as a department liaison"),
        ("bind", "Bind this group to a road"),
        ("help", "How to use"),
    ],
}


class StartupError(Exception):
    """The bot cannot start; the message says what to fix."""


@dataclass
class App:
    settings: Settings
    database: Database
    bot: Bot
    dispatcher: Dispatcher
    desk: Desk
    sender: Sender
    roads: RoadDirectory
    renderer: Renderer
    jobs: ClockJobs
    leadership: Leadership
    publisher: Publisher


def make_bot(settings: Settings) -> Bot:
    token = settings.telegram.token.get_secret_value()
    if not token:
        raise StartupError("telegram.token is not set (use STREETDESK_TELEGRAM__TOKEN)")
    api_base = settings.telegram.api_base.rstrip("/")
    session = (
        AiohttpSession()
        if api_base == PUBLIC_BOT_API
        else AiohttpSession(api=TelegramAPIServer.from_base(api_base))
    )
    try:
        return Bot(token, session=session)
    except Exception as error:  # aiogram's token check: its message never quotes the token
        raise StartupError(f"telegram.token is not a bot token: {error}") from None


def build_desk(settings: Settings, database: Database, clock: Clock) -> Desk:
    """The desk and its ticket service as the configuration sets them up (the app, benches)."""
    taxonomy = settings.taxonomy()
    service = TicketService(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=settings.calendar(),
        clock=clock,
        verify_within=settings.intake.verify_within.around_the_clock(),
    )
    understanding = Understanding(
        taxonomy.categories.values(), fallback_category=taxonomy.fallback_category
    )
    return Desk(
        unit_of_work=database.unit_of_work,
        service=service,
        understanding=understanding,
        taxonomy=taxonomy,
        clock=clock,
        photo_window=settings.intake.photo_window.around_the_clock(),
    )


@contextlib.asynccontextmanager
async def build_app(settings: Settings, clock: Clock) -> AsyncIterator[App]:
    database = await open_database(settings.database_url(), clock)
    bot = make_bot(settings)
    try:
        taxonomy = settings.taxonomy()
        calendar = settings.calendar()
        desk = build_desk(settings, database, clock)
        roads = RoadDirectory(taxonomy.roads)
        setup = GroupSetup(
            unit_of_work=database.unit_of_work, roads=roads, taxonomy=taxonomy, clock=clock
        )
        await setup.load_bindings()
        renderer = renderer_for(settings, taxonomy)
        telegram = settings.telegram
        pacer = Pacer(
            Limits(
                telegram.per_chat_per_minute,
                telegram.per_chat_interval.around_the_clock().total_seconds(),
                telegram.global_per_second,
            ),
            time.monotonic,
        )
        leadership = Leadership(
            unit_of_work=database.unit_of_work,
            clock=clock,
            lease_for=settings.scheduler.lease_for.around_the_clock(),
        )
        sender = Sender(
            database=database,
            bot=bot,
            renderer=renderer,
            taxonomy=taxonomy,
            clock=clock,
            pacer=pacer,
            may_send=lambda: leadership.leading,
        )
        publisher, jobs = _clock_jobs(
            settings, database, taxonomy, calendar, roads, renderer, clock, leadership, sender
        )
        assessment = Assessment(
            unit_of_work=database.unit_of_work, taxonomy=taxonomy, calendar=calendar
        )
        ledger_files = LedgerFiles(
            assessment=assessment,
            taxonomy=taxonomy,
            zone=ZoneInfo(settings.timezone),
            language=settings.language,
            words=Texts(settings.language).get,
        )
        dispatcher = Dispatcher(
            # No handler keeps conversation state: without FSM no storage lookup per update.
            disable_fsm=True,
            desk=desk,
            sender=sender,
            renderer=renderer,
            setup=setup,
            taxonomy=taxonomy,
            now=clock.now,
            bot_username=None,
            assessment=assessment,
            ledger_files=ledger_files,
            roads=roads,
            admin_ids=tuple(settings.admin_ids),
        )
        dispatcher.update.outer_middleware(DatabaseRetry())
        dispatcher.include_router(build_router(roads))
        yield App(
            settings,
            database,
            bot,
            dispatcher,
            desk,
            sender,
            roads,
            renderer,
            jobs,
            leadership,
            publisher,
        )
    finally:
        await bot.session.close()
        await database.close()


def _clock_jobs(
    settings: Settings,
    database: Database,
    taxonomy: Taxonomy,
    calendar: Calendar,
    roads: RoadDirectory,
    renderer: Renderer,
    clock: Clock,
    leadership: Leadership,
    sender: Sender,
) -> tuple[Publisher, ClockJobs]:
    escalation = settings.escalation
    policy = settings.chase_policy()
    sweep = Sweep(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        chaser=Chaser(policy, calendar),
        clock=clock,
        summary_from=escalation.catch_up_summary_from,
    )
    digests = Digests(
        unit_of_work=database.unit_of_work,
        taxonomy=taxonomy,
        calendar=calendar,
        stale_after=policy.stale_after,
    )
    publisher = Publisher(
        unit_of_work=database.unit_of_work,
        digests=digests,
        roads=roads,
        renderer=renderer,
        clock=clock,
        private=settings.digest.private,
    )
    timetable = Timetable(
        sweep_every=settings.scheduler.sweep_every.around_the_clock(),
        digest_at=settings.digest.at,
        weekly_day=settings.digest.weekly_day,
        weekly_at=settings.digest.weekly_at,
        timezone=ZoneInfo(settings.timezone),
    )
    jobs = ClockJobs(
        timetable=timetable,
        leadership=leadership,
        sweep=sweep,
        clock=clock,
        publish_daily=publisher.daily,
        publish_weekly=publisher.weekly,
        wake_sender=sender.wake,
    )
    return publisher, jobs


async def introduce(app: App) -> None:
    """getMe, the commands menu, and a clear word wherever the bot cannot read the group."""
    # bot.me() keeps the answer, so aiogram's own start-up asks nothing more (and cannot fail).
    me = await with_retries(app.bot.me, what="getMe", attempts=STARTUP_ATTEMPTS)
    app.dispatcher["bot_username"] = me.username
    log.info(
        "bot_started",
        extra={"bot": me.username, "can_read_all_group_messages": me.can_read_all_group_messages},
    )
    for language, commands in COMMANDS.items():
        entries = [BotCommand(command=c, description=d) for c, d in commands]
        try:
            await with_retries(
                partial(
                    app.bot.set_my_commands,
                    entries,
                    scope=BotCommandScopeAllGroupChats(),
                    language_code=language,
                ),
                what="setMyCommands",
                attempts=STARTUP_ATTEMPTS,
            )
            if language == app.settings.language:
                await with_retries(
                    partial(app.bot.set_my_commands, entries, scope=BotCommandScopeAllGroupChats()),
                    what="setMyCommands",
                    attempts=STARTUP_ATTEMPTS,
                )
        except TelegramAPIError as error:
            log.warning("set_commands_failed", extra={"language": language, "error": error.message})
    if me.can_read_all_group_messages:
        return
    for road in app.roads.all():
        if road.chat_id is None or await is_group_admin(app.bot, road.chat_id, me.id):
            continue
        log.warning("cannot_read_group", extra={"chat": road.chat_id, "road": road.name})
        async with app.database.unit_of_work() as uow:
            await uow.outbox.add(
                Notice(
                    NoticeKind.TEXT,
                    road.chat_id,
                    road.thread_id,
                    data={"html": app.renderer.t("cannot_read")},
                )
            )
            await uow.commit()
    app.sender.wake()


async def run(settings: Settings, clock: Clock) -> None:
    async with build_app(settings, clock) as app:
        await introduce(app)
        # Start-up leaves some 300,000 long-lived objects (aiogram's models, SQLAlchemy's
        # mappers) that every full garbage collection would walk again: ~200 ms pauses, in the
        # middle of handling a message. Move them out of the collector's sight once.
        gc.collect()
        gc.freeze()
        await app.leadership.renew()  # lead from the first moment if nobody else does
        app.jobs.start()
        sender_task = asyncio.create_task(app.sender.run(), name="sender")
        try:
            if settings.telegram.mode == "webhook":
                await _serve_webhook(app)
            else:
                await with_retries(
                    lambda: app.bot.delete_webhook(drop_pending_updates=False),
                    what="deleteWebhook",
                    attempts=STARTUP_ATTEMPTS,
                )
                # handle_as_tasks=False: an update is confirmed (by the next getUpdates offset)
                # only after its handler finished, so a crash never loses what was fetched.
                await app.dispatcher.start_polling(
                    app.bot,
                    handle_as_tasks=False,
                    close_bot_session=False,
                    allowed_updates=app.dispatcher.resolve_used_update_types(),
                )
        finally:
            app.jobs.stop()
            await app.sender.stop()
            sender_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sender_task
            await app.leadership.resign_quietly()  # another process may lead at once


async def _serve_webhook(app: App) -> None:
    telegram = app.settings.telegram
    secret = telegram.webhook_secret.get_secret_value()
    web_app = web.Application()
    # handle_in_background=False: Telegram gets its 200 only after the update was handled.
    SimpleRequestHandler(
        app.dispatcher, app.bot, handle_in_background=False, secret_token=secret
    ).register(web_app, path="/webhook")
    setup_application(web_app, app.dispatcher, bot=app.bot)
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, telegram.webhook_listen, telegram.webhook_port)
    await site.start()
    await with_retries(
        lambda: app.bot.set_webhook(
            telegram.webhook_url.rstrip("/") + "/webhook",
            secret_token=secret,
            allowed_updates=app.dispatcher.resolve_used_update_types(),
        ),
        what="setWebhook",
        attempts=STARTUP_ATTEMPTS,
    )
    log.info("webhook_listening", extra={"port": telegram.webhook_port})
    try:
        await asyncio.Event().wait()  # until the process is stopped
    finally:
        await runner.cleanup()
