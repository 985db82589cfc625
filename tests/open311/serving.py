"""The Open311 routes served on a local aiohttp server (port 0), as the web desk will serve
them, on the desk's real database and office: for the tests of the city's API."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from aiohttp import web
from pydantic import SecretStr

from bot.database import Database
from bot.settings_web import Open311Settings
from reports.open311 import open311_routes
from tests.conftest import SHANGHAI
from tickets.office import Office

API_KEY = "city-platform-key-1"
OTHER_KEY = "city-platform-key-2"
JURISDICTION = "shenghe.example.cn"
ROAD_CHAT = -1001000000001  # 胜利路's group in the example config


@asynccontextmanager
async def serving(
    database: Database,
    office: Office,
    *,
    committed: Callable[[], None] = lambda: None,
    api_keys: tuple[str, ...] = (API_KEY, OTHER_KEY),
    language: str = "zh",
    photos_kept: bool = False,
) -> AsyncIterator[str]:
    """The API's root (http://127.0.0.1:PORT/open311/v2) while the block runs."""
    app = web.Application()
    app.add_routes(
        open311_routes(
            unit_of_work=database.unit_of_work,
            office=office,
            config=Open311Settings(
                api_keys=[SecretStr(key) for key in api_keys], jurisdiction_id=JURISDICTION
            ),
            zone=SHANGHAI,
            language=language,
            committed=committed,
            photos_kept=photos_kept,
        )
    )
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        yield f"http://127.0.0.1:{port}/open311/v2"
    finally:
        await runner.cleanup()
