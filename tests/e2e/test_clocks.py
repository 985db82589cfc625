"""The clocks against the real bot process: a missed 2-second deadline is chased in the group.

These tests are about the running bot's own clock (its sweep, on the real wall clock), so they
use real seconds; every wait on them is for the message itself, with room for a slow machine.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from tests.conftest import SHANGHAI
from tests.e2e.conftest import CHAT, SHOPKEEPER, everything_said, write_config
from tests.e2e.test_group_loop import card_for

HEAD = 5050
CHASED_WITHIN = 60.0  # seconds: the chase takes some 8 s of deadlines and 1-second sweeps
FAST_CLOCKS = {
    # the street light category: a 2-second ack on the always clock, so it falls due at once
    'ack = "2h"': 'ack = "2s"',
    'clock = "working"': 'clock = "always"',
    "head_ids = []": f"head_ids = [{HEAD}]",  # the lighting office's head
    'sweep_every = "60s"': 'sweep_every = "1s"',
    'after = ["1h", "3h"]': 'after = ["3s", "5s"]',
}


async def test_a_missed_deadline_is_reminded_then_escalated(
    tmp_path: Path, emulator: Emulator
) -> None:
    await emulator.add_user("周", "所长", username="zhou_head", user_id=HEAD)
    config, _ = write_config(tmp_path, emulator, replacements=FAST_CLOCKS)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        card = await card_for(emulator, 1)
        reminder = await emulator.wait_for_message(
            lambda m: "已超过签收时限" in m.body, chat_id=CHAT, timeout=CHASED_WITHIN
        )
        assert "@lamp_li" in reminder.body and reminder.reply_to == card.message_id
        head = await emulator.wait_for_message(
            lambda m: "负责人督办" in m.body, chat_id=CHAT, timeout=CHASED_WITHIN
        )
        assert "@zhou_head" in head.body
        chief = await emulator.wait_for_message(
            lambda m: "请街长督办" in m.body, chat_id=CHAT, timeout=CHASED_WITHIN
        )
        assert "@chief_zhang" in chief.body
        await emulator.wait_for_message(
            lambda m: m.message_id == card.message_id and "已上报街长督办" in m.body,
            chat_id=CHAT,
            timeout=CHASED_WITHIN,
        )
        await everything_said(emulator, CHAT)
        reminders = [m for m in emulator.sent_messages(CHAT) if "已超过签收时限" in m.body]
        assert len(reminders) == 1  # remind_every is 2 hours: no second reminder
    finally:
        await bot.stop()


async def test_the_digest_command_prints_what_the_chief_would_get(
    tmp_path: Path, emulator: Emulator
) -> None:
    config, _ = write_config(tmp_path, emulator)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        await card_for(emulator, 1)
    finally:
        await bot.stop()
    # The day it was reported on, as the ledger says (not "today" asked again: midnight may
    # have passed in between).
    listed = streetdesk("tickets", "--config", str(config), "--json")
    [ticket] = [json.loads(line) for line in listed.stdout.splitlines()]
    day = datetime.fromisoformat(ticket["created_at"]).astimezone(SHANGHAI).date()
    printed = streetdesk(
        "digest", "--config", str(config), "--road", "胜利路", "--date", day.isoformat()
    )
    assert printed.returncode == 0, printed.stderr
    assert f"胜利路 · {day.isoformat()} 日报" in printed.stdout and "新增 1" in printed.stdout
    assert "#1 路灯故障" in printed.stdout
    unknown = streetdesk("digest", "--config", str(config), "--road", "无名路")
    assert unknown.returncode != 0 and "no bound road" in unknown.stderr


@pytest.mark.slow
async def test_a_digest_that_cannot_be_sent_says_why(tmp_path: Path, emulator: Emulator) -> None:
    config, database = write_config(tmp_path, emulator)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)  # creates the database
    await bot.stop()
    with sqlite3.connect(database) as db:  # a fault in the data, not the database being away
        db.execute(
            "CREATE TRIGGER planted_fault BEFORE INSERT ON digest_publications "
            "BEGIN SELECT RAISE(ABORT, 'planted'); END"
        )
    unsent = streetdesk("digest", "--config", str(config), "--road", "胜利路", "--send")
    assert unsent.returncode != 0
    assert "telegram.token is not set" in unsent.stderr
    assert "Traceback" not in unsent.stderr
    token = {"STREETDESK_TELEGRAM__TOKEN": DEMO_TOKEN}
    sent = streetdesk("digest", "--config", str(config), "--road", "胜利路", "--send", env=token)
    assert sent.returncode != 0
    # The log has the fault with its traceback; the command ends by saying what failed.
    assert "daily_digest_failed" in sent.stderr
    last = sent.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: the daily digest") and "failed for 胜利路" in last
    assert not [m for m in emulator.sent_messages() if "日报" in (m.text or "")]


def streetdesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
