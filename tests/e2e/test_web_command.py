"""/web in a private chat: the street chief gets a one-time link that signs in to the desk of
the bot's own process; a shopkeeper gets a polite no and no link."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import aiohttp

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from tests.e2e.conftest import CHIEF, SHOPKEEPER, WAIT, write_config

WEB_ON = "enabled = false  # true: `streetdesk run` serves it too"
LINK = re.compile(r"http://127\.0\.0\.1:\d+/sign-in/link/[^\s\"<]+")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _hidden(html: str, name: str) -> str:
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


async def test_web_sends_the_chief_a_link_that_signs_in_once(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = _free_port()
    config, _ = write_config(
        tmp_path,
        emulator,
        replacements={
            WEB_ON: WEB_ON.replace("false", "true", 1),
            "port = 8080\npublic_url": f"port = {port}\npublic_url",
        },
    )
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        asked = await emulator.post_private_message(SHOPKEEPER, "/web")
        refusal = await emulator.wait_for_message(
            lambda m: m.reply_to == asked.message_id, chat_id=SHOPKEEPER, timeout=WAIT
        )
        assert LINK.search(refusal.body) is None
        asked = await emulator.post_private_message(CHIEF, "/web")
        answer = await emulator.wait_for_message(
            lambda m: m.reply_to == asked.message_id, chat_id=CHIEF, timeout=WAIT
        )
        found = LINK.search(answer.body)
        assert found is not None, answer.body
        link = found.group(0)
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            for expected in (200, 400):  # the second use is refused
                async with http.get(link) as page:
                    html = await page.text()
                if expected == 400:
                    assert page.status == 200  # the page is shown; spending it is refused
                async with http.post(
                    f"http://127.0.0.1:{port}/sign-in/link",
                    data={"token": _hidden(html, "token"), "csrf": _hidden(html, "csrf")},
                ) as used:
                    assert used.status == expected
    finally:
        await bot.stop()
