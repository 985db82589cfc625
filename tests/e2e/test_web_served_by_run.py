"""`streetdesk run` with [web] enabled serves the desk from the bot's own process: /healthz says
the database answers and intake is alive, /metrics counts what came in, was processed and was
sent, and a one-time link made with the bot's token signs in and shows the ledger."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from bot.cli_web import one_time_links
from bot.settings import load_settings
from bot.system_clock import SystemClock
from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from emulator.demo_web import free_port
from tests.e2e.conftest import CHAT, CHIEF, SHOPKEEPER, WAIT, desk_on, spend_link, write_config
from tests.e2e.test_group_setup_and_delivery import webhook_mode


async def test_run_serves_the_desk_health_and_metrics(tmp_path: Path, emulator: Emulator) -> None:
    port = free_port()
    config, _ = write_config(tmp_path, emulator, replacements=desk_on(port))
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    base = f"http://127.0.0.1:{port}"
    try:
        report = await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        await emulator.wait_for_message(
            lambda m: m.reply_to == report.message_id, chat_id=CHAT, timeout=WAIT
        )
        # unsafe: keep cookies of an IP address, as a browser does.
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(f"{base}/healthz") as health:
                assert health.status == 200, await health.text()
                checks = (await health.json())["checks"]
            assert checks["database"] == "ok" and checks["last_intake_seconds_ago"] is not None
            async with http.get(f"{base}/metrics") as answer:
                metrics = await answer.text()
            assert 'streetdesk_updates_received_total{source="polling"}' in metrics
            assert 'streetdesk_updates_processed_total{outcome="processed"}' in metrics
            assert 'streetdesk_sends_total{outcome="sent"}' in metrics
            assert "streetdesk_lease_holder{holder=" in metrics
            # The city's Open311 API on the same server, read without signing in (as the spec).
            async with http.get(f"{base}/open311/v2/services.json") as services:
                assert services.status == 200
                codes = {service["service_code"] for service in await services.json()}
            assert {"streetlight", "garbage", "manhole"} <= codes

            async with http.get(f"{base}/", allow_redirects=False) as anonymous:
                assert anonymous.status == 303
            settings = load_settings(config, environ={"STREETDESK_TELEGRAM__TOKEN": DEMO_TOKEN})
            link = one_time_links(settings, SystemClock()).link_for(CHIEF)
            assert link.startswith(base + "/sign-in/link/")
            status, ledger = await spend_link(http, link)
            assert status == 200
            assert "胜利路8号" in ledger
    finally:
        await bot.stop()
    assert DEMO_TOKEN not in bot.log_tail(100_000)


async def test_webhook_and_desk_on_one_address_are_one_server(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = free_port()
    config, _ = write_config(
        tmp_path, emulator, replacements={**webhook_mode(port), **desk_on(port)}
    )
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator, ready_call="setWebhook")
    try:
        report = await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        await emulator.wait_for_message(
            lambda m: m.reply_to == report.message_id, chat_id=CHAT, timeout=WAIT
        )  # the update came in through /webhook on the desk's server
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{port}/healthz") as health:
                assert health.status == 200
            async with http.get(f"http://127.0.0.1:{port}/", allow_redirects=False) as page:
                assert page.status == 303  # the desk's pages, behind its sign-in
    finally:
        await bot.stop()
