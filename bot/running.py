"""`streetdesk run`: the bot until SIGTERM or SIGINT, then a polite stop.

Start-up: the bot introduces itself (getMe, the commands menu), takes the lead if nobody holds
it, starts the clock jobs, the processor, the outbox worker and the photo keeper, then takes
updates in (long polling, or a webhook server). A stop ends intake first, lets the processor
finish the batch it is on and the sender the messages in flight, and hands the lease over at
once.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import signal
from collections.abc import Callable

from aiogram.exceptions import TelegramNetworkError, TelegramUnauthorizedError
from aiohttp import web

from bot.app import App, build_app
from bot.cli_web import serve_desk
from bot.polling import BadToken, Polling
from bot.retrying import with_retries
from bot.settings import Settings
from bot.startup import STARTUP_ATTEMPTS, StartupError, introduce, unreachable
from bot.webhook import webhook_routes
from storage.engine import DatabaseUnavailable, wait_for_database
from tickets.clock import Clock
from tickets.roads import Roads

log = logging.getLogger("streetdesk.app")


async def run(settings: Settings, clock: Clock) -> None:
    check_web_address(settings)
    try:
        await wait_for_database(settings.database_url())
    except DatabaseUnavailable as error:
        raise StartupError(str(error)) from None
    async with build_app(settings, clock) as app:
        try:
            await _start(app)
        except TelegramUnauthorizedError:
            raise StartupError(
                "Telegram refused the bot token (telegram.token): copy it again from @BotFather"
            ) from None
        except TelegramNetworkError as error:
            raise StartupError(unreachable(settings, str(error))) from None
        desk = await _serve_desk(app)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        tasks = [
            asyncio.create_task(app.processor.run(), name="processor"),
            asyncio.create_task(app.sender.run(), name="sender"),
        ]
        if app.keeper is not None:
            tasks.append(asyncio.create_task(app.keeper.run(), name="photo-keeper"))
        intake = asyncio.create_task(_take_updates(app), name="intake")
        stopped = asyncio.create_task(stop.wait(), name="stop")
        try:
            await asyncio.wait([intake, stopped], return_when=asyncio.FIRST_COMPLETED)
            if intake.done():
                intake.result()  # intake only ends by failing (a refused token): say why
        except BadToken as error:
            raise StartupError(str(error)) from None
        finally:
            for task in (intake, stopped):
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, BadToken):
                    await task
            await app.jobs.stop()
            app.processor.stop()
            await app.sender.stop()
            if app.keeper is not None:
                await app.keeper.stop()
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if desk is not None:
                await desk.cleanup()
            await app.leadership.resign_quietly()  # another process may lead at once
            with contextlib.suppress(Exception):  # the database gone: the claims expire
                await app.processor.release_claims()


async def _start(app: App) -> None:
    services = app.services
    async with services.database.unit_of_work() as uow:
        roads = await Roads(uow, services.taxonomy.roads).bound()
    me = await introduce(
        app.bot,
        language=app.settings.language,
        roads=roads,
        unit_of_work=services.database.unit_of_work,
    )
    app.dispatcher["bot_username"] = me.username
    # Start-up leaves some 300,000 long-lived objects (aiogram's models, SQLAlchemy's mappers)
    # that every full garbage collection would walk again: ~200 ms pauses in the middle of a
    # message. Move them out of the collector's sight once.
    gc.collect()
    gc.freeze()
    await app.leadership.renew()  # lead from the first moment if nobody else does
    app.jobs.start()


async def _take_updates(app: App) -> None:
    telegram = app.settings.telegram
    allowed = app.dispatcher.resolve_used_update_types()
    if telegram.mode == "webhook":
        await _serve_webhook(app, allowed)
        return
    await with_retries(
        lambda: app.bot.delete_webhook(drop_pending_updates=False),
        what="deleteWebhook",
        attempts=STARTUP_ATTEMPTS,
    )
    await Polling(
        bot=app.bot,
        database=app.services.database,
        clock=app.services.clock,
        allowed_updates=allowed,
        stored=app.processor.wake,
    ).run()


async def _serve_webhook(app: App, allowed: list[str]) -> None:
    telegram = app.settings.telegram
    secret = telegram.webhook_secret.get_secret_value()
    routes = webhook_routes(
        path="/webhook",
        bot=app.bot,
        database=app.services.database,
        clock=app.services.clock,
        secret=secret,
        stored=app.processor.wake,
    )
    if _desk_shares_webhook(app.settings):  # one server: the desk with the webhook's route
        runner = await serve_desk(
            app.services,
            _username(app),
            polling=False,
            extra_routes=routes,
            committed=app.sender.wake,
        )
    else:
        web_app = web.Application()
        web_app.add_routes(routes)
        runner = web.AppRunner(web_app)
        await runner.setup()
        site = web.TCPSite(runner, telegram.webhook_listen, telegram.webhook_port)
        await site.start()
    try:
        await with_retries(
            lambda: app.bot.set_webhook(
                telegram.webhook_url.rstrip("/") + "/webhook",
                secret_token=secret or None,
                allowed_updates=allowed,
            ),
            what="setWebhook",
            attempts=STARTUP_ATTEMPTS,
        )
        log.info("webhook_listening", extra={"port": telegram.webhook_port})
        await asyncio.Event().wait()  # until the process is stopped
    finally:
        await runner.cleanup()


def check_web_address(settings: Settings) -> None:
    """The web desk and the webhook server both listen by default on port 8080: on the same
    address they are served as one server; on the same port at different addresses they
    would fight over it, so start-up refuses with what to change."""
    telegram, desk = settings.telegram, settings.web
    if not desk.enabled or telegram.mode != "webhook" or desk.port != telegram.webhook_port:
        return
    if desk.host != telegram.webhook_listen:
        raise StartupError(
            f"[web] host {desk.host!r} and telegram.webhook_listen "
            f"{telegram.webhook_listen!r} share port {desk.port}: give them the same address "
            "(one server serves both) or different ports"
        )


def _desk_shares_webhook(settings: Settings) -> bool:
    desk, telegram = settings.web, settings.telegram
    return desk.enabled and (desk.host, desk.port) == (
        telegram.webhook_listen,
        telegram.webhook_port,
    )


def _username(app: App) -> Callable[[], str | None]:
    """The bot's username for the Login Widget, known once the bot has introduced itself."""

    def username() -> str | None:
        return app.dispatcher.workflow_data.get("bot_username")

    return username


async def _serve_desk(app: App) -> web.AppRunner | None:
    """The web desk, when [web] enables it and it does not share the webhook's server."""
    settings = app.settings
    if not settings.web.enabled or (
        settings.telegram.mode == "webhook" and _desk_shares_webhook(settings)
    ):
        return None
    try:
        return await serve_desk(
            app.services,
            _username(app),
            polling=settings.telegram.mode == "polling",
            committed=app.sender.wake,
        )
    except OSError as error:
        raise StartupError(
            f"the web desk cannot listen on {settings.web.host}:{settings.web.port} "
            f"([web] host and port): {error.strerror or error}"
        ) from None
