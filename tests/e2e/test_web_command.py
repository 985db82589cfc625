"""/web in a private chat: the street chief gets a one-time link that signs in to the desk of
the bot's own process; a shopkeeper gets a polite no and no link."""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from emulator.demo_web import free_port
from tests.e2e.conftest import CHIEF, SHOPKEEPER, WAIT, desk_on, spend_link, write_config

LINK = re.compile(r"http://127\.0\.0\.1:\d+/sign-in/link/[^\s\"<]+")


async def test_web_sends_the_chief_a_link_that_signs_in_once(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = free_port()
    config, _ = write_config(tmp_path, emulator, replacements=desk_on(port))
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
            assert link.startswith(f"http://127.0.0.1:{port}/")
            for expected in (200, 400):  # the page is shown again; spending it twice is refused
                status, _ = await spend_link(http, link)
                assert status == expected
    finally:
        await bot.stop()
