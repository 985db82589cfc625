"""The city's platform against the real bot: it lists the services and posts a request through
Open311 (the independent `georeport` client, and `requests` for the POST it has no method for),
the card appears in the road's group marked as the platform's, and the platform follows the
request by id to closed as the group moves it in words.

The Open311 routes are served here, in the test, on the bot's own database file, as the web desk
will serve them beside the bot: the bot process's sender finds the card in the outbox it polls.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from aiohttp import web
from georeport import GeoReport
from pydantic import SecretStr

from bot.database import Database, open_database
from bot.services import office_for
from bot.settings import Settings, load_settings
from bot.settings_web import Open311Settings
from bot.system_clock import SystemClock
from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from reports.open311 import open311_routes
from tests.e2e.conftest import CHAT, CHIEF, LIGHTING, WAIT, everything_said, write_config

API_KEY = "e2e-city-platform-key"
JURISDICTION = "shenghe.example.cn"
# Only this test's server reads [open311]; the bot process has no use for it.
OPEN311 = Open311Settings(api_keys=[SecretStr(API_KEY)], jurisdiction_id=JURISDICTION)


@dataclass
class City:
    emulator: Emulator
    root: str  # the API's root, as a platform is given it
    settings: Settings


async def _serve(settings: Settings, database: Database) -> AsyncIterator[str]:
    clock = SystemClock()
    office = office_for(settings, settings.taxonomy(), settings.calendar(), clock)
    app = web.Application()
    app.add_routes(
        open311_routes(
            unit_of_work=database.unit_of_work,
            office=office,
            config=settings.open311,
            zone=ZoneInfo(settings.timezone),
            language=settings.language,
        )
    )
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/open311/v2"
    finally:
        await runner.cleanup()


@pytest.fixture
async def city(tmp_path: Path, emulator: Emulator) -> AsyncIterator[City]:
    config, _ = write_config(tmp_path, emulator)
    settings = load_settings(config).model_copy(update={"open311": OPEN311})
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)  # it migrates the database file before the API opens it
    database = await open_database(settings.database_url(), SystemClock(), migrate=False)
    try:
        async for root in _serve(settings, database):
            yield City(emulator, root, settings)
    finally:
        await database.close()
        await bot.stop()


async def test_a_platforms_request_is_carded_in_the_group_and_followed_to_closed(
    city: City,
) -> None:
    emu = city.emulator
    platform = GeoReport(city.root, jurisdiction=JURISDICTION)
    services = await asyncio.to_thread(platform.get_service_list)
    light = next(s for s in services if s["service_code"] == "streetlight")
    assert light["group"] == "路灯管理所"

    posted = await asyncio.to_thread(
        requests.post,
        f"{city.root}/requests.json",
        data={
            "jurisdiction_id": JURISDICTION,
            "api_key": API_KEY,
            "service_code": light["service_code"],
            "address_string": "胜利路18号门口",
            "description": "路灯不亮好几天了",
        },
        timeout=WAIT,
    )
    assert posted.status_code == 201, posted.text
    number = posted.json()[0]["service_request_id"]

    card = await emu.wait_for_message(
        lambda m: f"#{number} ·" in m.body and "数字城管" in m.body, chat_id=CHAT, timeout=WAIT
    )
    assert "路灯故障" in card.body and "胜利路18号门口" in card.body and "@lamp_li" in card.body
    assert "💬 数字城管：路灯不亮好几天了" in card.body  # the platform is the card's reporter
    followed = await asyncio.to_thread(platform.get_service_request, number)
    assert (followed["status"], followed["status_notes"]) == ("open", "已派遣")
    assert followed["agency_responsible"] == "路灯管理所"

    await emu.post_message(CHAT, LIGHTING, "已修好", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已处置" in m.body, chat_id=CHAT, timeout=WAIT
    )
    followed = await asyncio.to_thread(platform.get_service_request, number)
    assert (followed["status"], followed["status_notes"]) == ("open", "已处置，待确认")

    # Nobody in the group reported it: the chief verifies on the platform's behalf (核查结案).
    await emu.post_message(CHAT, CHIEF, "好了谢谢", reply_to=card.message_id)
    await emu.wait_for_message(
        lambda m: m.message_id == card.message_id and "已结案" in m.body, chat_id=CHAT, timeout=WAIT
    )
    followed = await asyncio.to_thread(platform.get_service_request, number)
    assert (followed["status"], followed["status_notes"]) == ("closed", "已结案")
    assert followed["requested_datetime"] <= followed["updated_datetime"]


async def test_a_request_for_a_road_not_served_gets_no_card(city: City) -> None:
    refused = await asyncio.to_thread(
        requests.post,
        f"{city.root}/requests.xml",
        data={"api_key": API_KEY, "service_code": "garbage", "address_string": "解放路3号"},
        timeout=WAIT,
    )

    assert refused.status_code == 400
    assert b"<errors><error><code>400</code>" in refused.content
    platform = GeoReport(city.root, jurisdiction=JURISDICTION)
    assert await asyncio.to_thread(platform.get_service_requests) == []


async def test_nobody_is_mentioned_for_the_platform_when_its_request_is_resolved(
    city: City,
) -> None:
    emu = city.emulator
    posted = await asyncio.to_thread(
        requests.post,
        f"{city.root}/requests.json",
        data={"api_key": API_KEY, "service_code": "streetlight", "address_string": "胜利路18号"},
        timeout=WAIT,
    )
    number = posted.json()[0]["service_request_id"]
    card = await emu.wait_for_message(
        lambda m: f"#{number} ·" in m.body, chat_id=CHAT, timeout=WAIT
    )

    await emu.post_message(CHAT, LIGHTING, "已修好", reply_to=card.message_id)
    await everything_said(emu, CHAT)

    said = [m.html or m.body for m in emu.sent_messages(CHAT)]
    assert not [text for text in said if "tg://user?id=0" in text]
