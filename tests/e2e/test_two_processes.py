"""Two bot processes on one PostgreSQL: one leads the sweep and the sender; killing it loses
nothing and sends nothing twice. Skipped without STREETDESK_TEST_PG_URL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from tests.conftest import PG_URL, _reset_postgres
from tests.e2e.conftest import CHAT, SHOPKEEPER, everything_said, write_config
from tests.e2e.test_clocks import FAST_CLOCKS, HEAD
from tests.e2e.test_group_setup_and_delivery import free_port
from tests.emulator.conftest import make_bot

pytestmark = pytest.mark.postgres
# The chase runs on the real clock (a 2-second ack, the head called 3 s after, the chief 8 s
# after, a 3-second lease to take over): waits are for its messages, with room to spare.
CHASED_WITHIN = 60.0


def worker_config(tmp_path: Path, emulator: Emulator, name: str) -> Path:
    port = free_port()
    folder = tmp_path / name
    folder.mkdir()
    config, _ = write_config(
        folder,
        emulator,
        replacements={
            **FAST_CLOCKS,
            'after = ["1h", "3h"]': 'after = ["3s", "8s"]',
            'lease_for = "30s"': 'lease_for = "3s"',
            'mode = "polling"': 'mode = "webhook"',
            'webhook_url = ""': f'webhook_url = "http://127.0.0.1:{port}"',
            "webhook_port = 8080": f"webhook_port = {port}",
            'webhook_secret = ""': 'webhook_secret = "two-workers"',
        },
    )
    text = re.sub(r'(?m)^url = ".*"', f'url = "{PG_URL}"', config.read_text("utf-8"))
    config.write_text(text, "utf-8")
    return config


async def point_webhook_at(emulator: Emulator, bot: BotProcess) -> None:
    """What an operator does when a worker is gone: the webhook set to another worker."""
    url = re.search(r'(?m)^webhook_url = "(.*)"', bot.config.read_text("utf-8"))
    assert url is not None
    operator = make_bot(emulator, DEMO_TOKEN)
    try:
        await operator.set_webhook(f"{url.group(1)}/webhook", secret_token="two-workers")
    finally:
        await operator.session.close()


@pytest.mark.slow
async def test_the_leader_dies_and_the_other_finishes_the_chase_once(
    tmp_path: Path, emulator: Emulator
) -> None:
    if not PG_URL:
        pytest.skip("STREETDESK_TEST_PG_URL is not set")
    await _reset_postgres(PG_URL)
    await emulator.add_user("周", "所长", username="zhou_head", user_id=HEAD)
    first = BotProcess(
        worker_config(tmp_path, emulator, "a"), DEMO_TOKEN, tmp_path / "a.log", prewarmed=True
    )
    second = BotProcess(
        worker_config(tmp_path, emulator, "b"), DEMO_TOKEN, tmp_path / "b.log", prewarmed=True
    )
    await first.start(emulator, ready_call="setWebhook")
    await second.start(emulator, ready_call="setWebhook")  # the webhook now points at it
    try:
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        card = await emulator.wait_for_message(
            lambda m: "#1 ·" in m.body, chat_id=CHAT, timeout=CHASED_WITHIN
        )
        # The card shows the escalation only after the message about it was sent and recorded:
        # killing the leader now is a crash between two steps, not in the middle of one.
        await emulator.wait_for_message(
            lambda m: m.message_id == card.message_id and "已上报部门负责人" in m.body,
            chat_id=CHAT,
            timeout=CHASED_WITHIN,
        )
        leader = first if '"leading": true' in first.log_tail(400) else second
        await leader.kill()
        if leader is second:  # updates went to it: Telegram is told the other one's address
            await point_webhook_at(emulator, first)
        await emulator.wait_for_message(
            lambda m: "请街长督办" in m.body, chat_id=CHAT, timeout=CHASED_WITHIN
        )
        await everything_said(emulator, CHAT)
        sent = [m.body for m in emulator.sent_messages(CHAT)]
        assert sum("已超过签收时限" in body for body in sent) == 1
        assert sum("负责人督办" in body for body in sent) == 1
        assert sum("请街长督办" in body for body in sent) == 1
        assert sum(body.startswith("🧾 工单 #1") for body in sent) == 1
    finally:
        await first.stop()
        await second.stop()
