"""How the desk shares a process: routes that bring their own checks (the webhook, Open311) are
mounted beside it without its sign-in, and the webhook server and the desk either share one
server (same address) or start-up refuses (same port, another address)."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.cli_web import web_desk
from bot.running import check_web_address
from bot.services import open_services
from bot.settings import Settings, load_settings
from bot.startup import StartupError
from reports.web.health import HealthLimits
from reports.web.server import desk_application
from tests.web.stage import TOKEN, desk_config, desk_settings
from tickets.clock import FakeClock


async def test_extra_routes_are_served_without_the_desks_sign_in(
    tmp_path: Path, clock: FakeClock
) -> None:
    async def posted(request: web.Request) -> web.Response:
        return web.Response(text="taken")

    settings = desk_settings(tmp_path)
    async with open_services(settings, clock) as services:
        app = desk_application(
            web_desk(services, lambda: None),
            limits=HealthLimits(polling=False),
            extra_routes=[web.post("/webhook", posted)],
        )
        async with TestClient(TestServer(app)) as client:
            answer = await client.post("/webhook", json={"update_id": 1})
            assert (answer.status, await answer.text()) == (200, "taken")
            assert (await client.get("/", allow_redirects=False)).status == 303


def _with(tmp_path: Path, **environ: str) -> Settings:
    return load_settings(
        desk_config(tmp_path), environ={"STREETDESK_TELEGRAM__TOKEN": TOKEN, **environ}
    )


def test_the_webhook_and_the_desk_on_one_port_need_one_address(tmp_path: Path) -> None:
    webhook = {
        "STREETDESK_TELEGRAM__MODE": "webhook",
        "STREETDESK_TELEGRAM__WEBHOOK_URL": "https://bot.example.org",
        "STREETDESK_TELEGRAM__WEBHOOK_SECRET": "a-secret-of-the-webhook",
        "STREETDESK_WEB__ENABLED": "true",
    }
    check_web_address(_with(tmp_path, **webhook))  # same: one server
    elsewhere = {**webhook, "STREETDESK_WEB__HOST": "0.0.0.0"}
    with pytest.raises(StartupError, match="share port 8080"):
        check_web_address(_with(tmp_path, **elsewhere))
    other_port = {**elsewhere, "STREETDESK_WEB__PORT": "8081"}
    check_web_address(_with(tmp_path, **other_port))
