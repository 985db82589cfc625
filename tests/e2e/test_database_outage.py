"""PostgreSQL goes away (every connection cut, new ones refused) while a report arrives: the bot
waits and retries, the update stays unconfirmed, and once the database is back the report becomes
one ticket with its card. Skipped without STREETDESK_TEST_PG_URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, make_url, select

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from storage.engine import create_engine
from storage.models import TicketRow
from tests.conftest import PG_URL, _reset_postgres
from tests.e2e.conftest import CHAT, NEIGHBOUR, SHOPKEEPER, write_config
from tests.e2e.tcp_proxy import FlakyProxy

pytestmark = pytest.mark.postgres


def fetched(emulator: Emulator, message_id: int) -> bool:
    """The bot has taken the update carrying this message from getUpdates."""
    for call in emulator.calls("getUpdates"):
        body = call.response if isinstance(call.response, dict) else {}
        for update in body.get("result") or []:
            if (update.get("message") or {}).get("message_id") == message_id:
                return True
    return False


async def tickets_in(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return int(await connection.scalar(select(func.count(TicketRow.id))) or 0)
    finally:
        await engine.dispose()


async def test_a_database_restart_holds_the_update_until_it_is_back(
    tmp_path: Path, emulator: Emulator
) -> None:
    if not PG_URL:
        pytest.skip("STREETDESK_TEST_PG_URL is not set")
    await _reset_postgres(PG_URL)
    real = make_url(PG_URL)
    async with FlakyProxy(real.host or "127.0.0.1", real.port or 5432) as proxy:
        proxied = real.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        config, _ = write_config(tmp_path, emulator)
        text = re.sub(r'(?m)^url = ".*"', f'url = "{proxied}"', config.read_text("utf-8"))
        config.write_text(text, "utf-8")
        bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
        await bot.start(emulator)
        try:
            await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
            await emulator.wait_for_message(lambda m: "#1 ·" in m.body, chat_id=CHAT, timeout=15)

            proxy.cut()
            second = await emulator.post_message(CHAT, NEIGHBOUR, "建设路3号后门堆了很多垃圾")
            await emulator.wait_until(lambda: fetched(emulator, second.message_id), timeout=15)
            # Several refusals after the bot took the update: its handler has failed and waited
            # more than once. Had it given up, aiogram would have confirmed the update at once.
            knocks = proxy.refused
            await proxy.refused_at_least(knocks + 4, timeout=30)
            pending = [u["message"]["message_id"] for u in emulator.pending_updates()]
            assert pending == [second.message_id]

            proxy.restore()
            await emulator.wait_for_message(lambda m: "#2 ·" in m.body, chat_id=CHAT, timeout=60)
            await emulator.wait_until(lambda: not emulator.pending_updates(), timeout=30)
        finally:
            await bot.stop()
    assert await tickets_in(PG_URL) == 2
    log = (tmp_path / "bot.log").read_text(encoding="utf-8")
    assert '"database_unavailable"' in log
    assert "Traceback" not in log
    assert '"level": "error"' not in log
