"""End to end: the real bot process against the emulator over HTTP, on an SQLite file.

The bots run on the real clock, so nothing here may depend on the hour a test runs at: the
digests are kept out of the test groups (`quiet_digests`), and "nothing else was said" is checked
only once the chat is drained (`everything_said`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
import watchfiles

from emulator import Emulator
from emulator.bot_process import (
    DEMO_BOT_USERNAME,
    DEMO_TOKEN,
    QUIET_DIGESTS,
    BotProcess,
    emulator_config,
)
from emulator.chats import ChatMessage

CHAT = -1001000000001  # 胜利路 in config.example.toml
SHOPKEEPER, NEIGHBOUR, NO_USERNAME = 42, 43, 44
LIGHTING, SANITATION, SANITATION_ROAD = 5001, 5003, 5013  # liaisons in config.example.toml
CHIEF = 9001
WAIT = 20.0  # for what the bot does at once: generous, as a slow machine only ever waits less


def quiet_digests() -> dict[str, str]:
    """Config replacements that keep the digests out of every test that is not about them, at
    any hour: no daily digest and no weekly summary are sent by themselves."""
    return dict(QUIET_DIGESTS)


async def logged(
    bot: BotProcess,
    condition: Callable[[str], bool],
    timeout: float = WAIT,  # noqa: ASYNC109
) -> None:
    """Until the bot's log satisfies `condition`: looked at whenever the file changes, and once a
    second besides (a change made before the watch began is seen then)."""
    async with asyncio.timeout(timeout):
        if condition(bot.log_tail(100_000)):
            return
        changes = watchfiles.awatch(
            bot.log_path, debounce=50, step=10, rust_timeout=1000, yield_on_timeout=True
        )
        async for _ in changes:
            if condition(bot.log_tail(100_000)):
                return


async def everything_said(
    emu: Emulator,
    chat_id: int,
    user_id: int = SHOPKEEPER,
    *,
    thread_id: int | None = None,
    timeout: float = WAIT,  # noqa: ASYNC109
) -> ChatMessage:
    """Wait until the bot has said all it had to say in a chat about what happened before now,
    and return the answer that shows it: to a /status in a group, to a /help in a private chat
    (whose id is its user's). A chat's updates are processed in order and its messages sent in
    order (bot/group_queue.py reorders only behind a lane with more than three waiting), so
    once a command posted now is answered, nothing that came before it is still on its way:
    only then can a test say that nothing else was said."""
    if chat_id > 0:
        asked = await emu.post_private_message(chat_id, "/help")
    else:
        asked = await emu.post_command(chat_id, user_id, "status", thread_id=thread_id)
    return await emu.wait_for_message(
        lambda m: m.reply_to == asked.message_id, chat_id=chat_id, timeout=timeout
    )


@dataclass
class Stage:
    emulator: Emulator
    bot: BotProcess
    config: Path
    database: Path


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(host="127.0.0.1", port=0) as emu:
        emu.add_bot(DEMO_TOKEN, username=DEMO_BOT_USERNAME, can_read_all_group_messages=True)
        await emu.create_group("胜利路联络群", chat_id=CHAT)
        await emu.add_user("王", "老板", username="wang_shop", user_id=SHOPKEEPER)
        await emu.add_user("李", "老板", username="li_shop", user_id=NEIGHBOUR)
        await emu.add_user("<b>&", "张", user_id=NO_USERNAME)  # no username, HTML in the name
        await emu.add_user("小李", username="lamp_li", user_id=LIGHTING)
        await emu.add_user("小张", user_id=SANITATION)  # a liaison without a username
        await emu.add_user("老赵", username="zhao_clean", user_id=SANITATION_ROAD)
        await emu.add_user("张", "街长", username="chief_zhang", user_id=CHIEF)
        await emu.add_member(CHAT, CHIEF, status="administrator")
        yield emu


def write_config(tmp_path: Path, emulator: Emulator, **options: object) -> tuple[Path, Path]:
    database = tmp_path / "streetdesk.sqlite3"
    config = tmp_path / "streetdesk.toml"
    # The digests out of the way unless a test moves them itself (see quiet_digests).
    replacements = {**quiet_digests(), **options.pop("replacements", {})}  # type: ignore[dict-item]
    config.write_text(
        emulator_config(
            api_base=emulator.base_url,
            database=database,
            replacements=replacements,
            **options,  # type: ignore[arg-type]
        ),
        encoding="utf-8",
    )
    return config, database


@pytest.fixture
async def stage(tmp_path: Path, emulator: Emulator) -> AsyncIterator[Stage]:
    config, database = write_config(tmp_path, emulator)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        yield Stage(emulator, bot, config, database)
    finally:
        await bot.stop()


WEB_OFF = "enabled = false  # true: `streetdesk run` serves it too"


def desk_on(port: int) -> dict[str, str]:
    """config.example.toml's [web] switched on at `port`: replacements for write_config."""
    return {
        WEB_OFF: WEB_OFF.replace("false", "true", 1),
        "port = 8080\npublic_url": f"port = {port}\npublic_url",
    }


def form_value(html: str, name: str) -> str:
    """The value of a page's hidden form field (a sign-in token, the form token)."""
    marker = f'name="{name}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


async def spend_link(http: aiohttp.ClientSession, link: str) -> tuple[int, str]:
    """Open a one-time sign-in link and press its button, as a browser would: the answer's
    status and page. Opening it always shows the page; spending it may be refused."""
    async with http.get(link) as page:
        html = await page.text()
    assert page.status == 200, html
    base = link[: link.index("/sign-in/")]
    form = {"token": form_value(html, "token"), "csrf": form_value(html, "csrf")}
    async with http.post(f"{base}/sign-in/link", data=form) as answer:
        return answer.status, await answer.text()
