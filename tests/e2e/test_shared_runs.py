"""A getUpdates batch of group messages is handled in one transaction; when one of them fails,
the batch is redone message by message, so its neighbours still act exactly once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from storage.migrate import upgrade
from tests.e2e.conftest import CHAT, LIGHTING, NEIGHBOUR, SHOPKEEPER, write_config

WAIT = 20.0


async def test_a_failing_message_costs_its_batch_a_retry_not_its_effects(
    tmp_path: Path, emulator: Emulator
) -> None:
    config, database = write_config(tmp_path, emulator)
    await upgrade(f"sqlite+aiosqlite:///{database}")
    with sqlite3.connect(database) as db:
        # A real failure inside the database, for one message only.
        db.execute(
            "CREATE TRIGGER poison BEFORE INSERT ON tickets WHEN NEW.text LIKE '%13号%' "
            "BEGIN SELECT RAISE(ABORT, 'poisoned report'); END"
        )
    # Posted before the bot starts: its first getUpdates takes them as one batch.
    first = await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    await emulator.post_message(CHAT, NEIGHBOUR, "各位老板早上好")
    await emulator.post_message(CHAT, NEIGHBOUR, "幸福路13号门口井盖丢了")
    await emulator.post_message(CHAT, LIGHTING, "收到", reply_to=first.message_id)
    await emulator.post_message(CHAT, SHOPKEEPER, "超市后门堆了很多纸箱和垃圾")

    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        await emulator.wait_until(lambda: not emulator.pending_updates(), timeout=WAIT)
        await emulator.wait_for_message(lambda m: "#2 ·" in m.body, chat_id=CHAT, timeout=WAIT)
        await emulator.wait_for_message(lambda m: "#1 小李 已签收" in m.body, timeout=WAIT)
    finally:
        await bot.stop()

    batches = [
        call
        for call in emulator.calls("getUpdates")
        if isinstance(call.response, dict) and call.response.get("result")
    ]
    assert len(batches[0].response["result"]) == 5  # the five came as one batch
    with sqlite3.connect(database) as db:
        tickets = db.execute("SELECT number, text, state FROM tickets ORDER BY number").fetchall()
        handled = db.execute("SELECT count(*) FROM processed_updates").fetchone()[0]
    assert [(number, state) for number, _, state in tickets] == [
        (1, "acknowledged"),
        (2, "dispatched"),
    ]
    assert "13号" not in " ".join(text for _, text, _ in tickets)
    assert handled == 4  # all but the poisoned one, each once
    cards = [m for m in emulator.sent_messages(CHAT) if m.reply_to is not None and "#" in m.body]
    for number in (1, 2):
        assert sum(f"#{number} ·" in m.body for m in cards) == 1, cards
    log = (tmp_path / "bot.log").read_text(errors="replace")
    assert log.count("run_redone_one_by_one") == 1
    assert log.count("poisoned report") >= 1  # the failure is reported, not swallowed
