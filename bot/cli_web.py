"""`streetdesk web`: the office's web desk, served alone (a deployment with several processes
runs it beside `streetdesk run`), or `--link USER_ID` to print a one-time sign-in link. Also the
desk's wiring from the services, which `streetdesk run` shares."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from aiohttp import web

from bot.cli_options import config_option, load, said_without_secrets
from bot.services import Services, open_services
from bot.settings import Settings
from bot.system_clock import SystemClock
from bot.texts import Texts
from reports.open311 import open311_routes
from reports.web.desk import Desk
from reports.web.health import HealthLimits
from reports.web.links import OneTimeLinks
from reports.web.server import desk_application, start_site
from reports.web.sessions import Sessions
from reports.web.signing import Signer
from storage.engine import DatabaseUnavailable, wait_for_database
from storage.photo_files import PhotoFolder
from tickets.clock import Clock

log = logging.getLogger("streetdesk.web")


def public_url(settings: Settings) -> str:
    """Where people reach the desk: the configured URL, or the address it listens on."""
    web_settings = settings.web
    return web_settings.public_url.rstrip("/") or f"http://{web_settings.host}:{web_settings.port}"


def one_time_links(settings: Settings, clock: Clock) -> OneTimeLinks:
    return OneTimeLinks(
        Signer(settings.telegram.token.get_secret_value()),
        clock,
        valid_for=settings.web.link_for.around_the_clock(),
        public_url=public_url(settings),
    )


def web_desk(services: Services, bot_username: Callable[[], str | None]) -> Desk:
    settings, clock = services.settings, services.clock
    token = settings.telegram.token.get_secret_value()
    return Desk(
        unit_of_work=services.database.unit_of_work,
        clock=clock,
        taxonomy=services.taxonomy,
        admin_ids=frozenset(settings.admin_ids),
        zone=ZoneInfo(settings.timezone),
        language=settings.language,
        words=Texts(settings.language).get,
        assessment=services.assessment,
        sessions=Sessions(
            Signer(token),
            clock,
            lasts=settings.web.session_for.around_the_clock(),
            secure=public_url(settings).startswith("https://"),
        ),
        links=one_time_links(settings, clock),
        token=token,
        public_url=settings.web.public_url,
        bot_username=bot_username,
        photo_folder=PhotoFolder(settings.photo_folder()) if settings.photos.keep else None,
    )


async def serve_desk(
    services: Services,
    bot_username: Callable[[], str | None],
    *,
    polling: bool,
    extra_routes: Sequence[web.AbstractRouteDef] = (),
    committed: Callable[[], None] = lambda: None,
) -> web.AppRunner:
    """The desk listening on [web] host:port, with the city's Open311 API beside it; the
    caller cleans the runner up. `committed()` is called when a request posted through the API
    queued its card (it wakes the sender of a process that leads; alone, the leader's sender
    finds it at its next look)."""
    settings = services.settings
    city_api = open311_routes(
        unit_of_work=services.database.unit_of_work,
        office=services.office,
        config=settings.open311,
        zone=ZoneInfo(settings.timezone),
        language=settings.language,
        committed=committed,
        public_url=settings.web.public_url,
        photos_kept=settings.photos.keep,
    )
    app = desk_application(
        web_desk(services, bot_username),
        limits=HealthLimits(polling=polling),
        extra_routes=[*extra_routes, *city_api],
    )
    runner = await start_site(app, settings.web.host, settings.web.port)
    log.info("web_desk_listening", extra={"host": settings.web.host, "port": settings.web.port})
    return runner


async def _bot_username(settings: Settings) -> str | None:
    """The bot's username, for the Login Widget; None (the one-time links still work) when
    Telegram cannot be asked: serving the desk alone must not depend on reaching it."""
    from bot.startup import make_bot  # aiogram: only this command needs it

    bot = make_bot(settings)
    try:
        return (await asyncio.wait_for(bot.me(), 15)).username
    except Exception as error:  # any failure to ask: no widget, said without the token
        log.warning("web_bot_username_unknown", extra={"error": type(error).__name__})
        return None
    finally:
        await bot.session.close()


async def _serve_alone(settings: Settings, ready: Callable[[str], None]) -> None:
    await wait_for_database(settings.database_url())
    username = await _bot_username(settings)
    async with open_services(settings, SystemClock()) as services:
        runner = await serve_desk(services, lambda: username, polling=False)
        try:
            stop = asyncio.Event()
            loop = asyncio.get_running_loop()
            for signum in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(signum, stop.set)
            ready(public_url(settings))
            await stop.wait()
        finally:
            await runner.cleanup()


@click.command("web")
@config_option
@click.option(
    "--link",
    "link_for",
    type=int,
    default=None,
    metavar="USER_ID",
    help="Print a one-time sign-in link for this Telegram user id and exit.",
)
def web_command(config_path: Path | None, link_for: int | None) -> None:
    """Serve the web desk alone ([web] host and port), or print a one-time sign-in link."""
    settings = load(config_path)
    if not settings.telegram.token.get_secret_value():
        raise click.ClickException("the web desk signs with the bot token: set telegram.token")
    if link_for is not None:
        click.echo(one_time_links(settings, SystemClock()).link_for(link_for))
        return
    with (
        said_without_secrets(settings, DatabaseUnavailable, OSError),
        contextlib.suppress(KeyboardInterrupt),
    ):
        asyncio.run(_serve_alone(settings, lambda url: click.echo(f"web desk at {url}")))


def web_link_data(settings: Settings, clock: Clock) -> dict[str, object]:
    """What the /web handler is given (the dispatcher's data): nothing when the desk is off."""
    if not settings.web.enabled:
        return {}
    links = one_time_links(settings, clock)
    return {
        "web_link_for": links.link_for,
        "web_link_minutes": int(links.valid_for.total_seconds() // 60),
    }
