"""`streetdesk demo --web --keep DIR`: after the morning the emulator, the bot and its web desk
keep running, the printed one-time link signs the street chief in to a ledger holding the
morning's tickets, and the demo's config, database and log stay in DIR."""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path

import aiohttp
import pytest

from emulator.demo import play
from tests.e2e.conftest import spend_link

LINK = re.compile(r"http://127\.0\.0\.1:\d+/sign-in/link/\S+")


class _Watched(io.StringIO):
    """The transcript, telling the test when the sign-in link is printed."""

    def __init__(self) -> None:
        super().__init__()
        self.link_printed = asyncio.Event()

    def write(self, text: str) -> int:
        written = super().write(text)
        if LINK.search(self.getvalue()):
            self.link_printed.set()
        return written


@pytest.mark.slow
async def test_demo_web_keeps_the_desk_open_and_prints_a_link_that_signs_in(
    tmp_path: Path,
) -> None:
    out, stop = _Watched(), asyncio.Event()
    kept = tmp_path / "kept"  # --keep, in the same run: the config, database and log stay
    playing = asyncio.create_task(play(out=out, web=True, stop=stop, keep=kept))
    try:
        async with asyncio.timeout(180):
            done, _ = await asyncio.wait(
                [playing, asyncio.create_task(out.link_printed.wait())],
                return_when=asyncio.FIRST_COMPLETED,
            )
        assert playing not in done, out.getvalue()[-2000:]
        match = LINK.search(out.getvalue())
        assert match is not None
        jar = aiohttp.CookieJar(unsafe=True)  # an IP address's cookies, as a browser keeps them
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            status, shown = await spend_link(http, match.group(0))
            assert status == 200
        assert "#1" in shown and "#3" in shown
    finally:
        stop.set()
    assert await playing == 0
    assert str(kept) in out.getvalue()
    assert {p.name for p in kept.iterdir()} >= {"streetdesk.toml", "streetdesk.sqlite3", "bot.log"}
    assert "Traceback" not in (kept / "bot.log").read_text()
