"""The morning digest from a running bot process, as the chief receives it: in the road's group,
or privately to each chief (`[digest] private = true`), once a day however often the bot starts.

The bot runs on the real clock. Its digest time is set to midnight, so a bot starting at any hour
has passed it and publishes yesterday's digest as it starts (the scheduler's catch-up, which is
also how a bot that was down or restarting at digest time makes up for it).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from bot.system_clock import SystemClock
from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from emulator.chats import ChatMessage
from tests.conftest import SHANGHAI
from tests.e2e.conftest import CHAT, CHIEF, WAIT, everything_said, logged, write_config


def weekday_no_run_reaches() -> int:
    return (SystemClock().now().astimezone(SHANGHAI).isoweekday() + 3) % 7 + 1


DUE_AT_ANY_HOUR = {
    "enabled = false": "enabled = true",  # the tests' configs have them off
    'at = "08:30"': 'at = "00:00"',
    "weekly_day = 1": f"weekly_day = {weekday_no_run_reaches()}",  # no weekly summary today
}
IN_PRIVATE = {"private = false": "private = true"}
SECOND_CHIEF = 9002


def today() -> date:
    return SystemClock().now().astimezone(SHANGHAI).date()


def is_digest(message: ChatMessage) -> bool:
    return "日报" in message.body


def day_of(digest: ChatMessage) -> date:
    found = re.search(r"胜利路 · (\d{4}-\d{2}-\d{2}) 日报", digest.body)
    assert found is not None, digest.body
    return date.fromisoformat(found.group(1))


def published(log: str) -> int:
    """How many times the bot's digest job has run to the end (published or found it out)."""
    return log.count('"digest_published"')


async def test_a_bot_started_after_digest_time_posts_yesterdays_digest_in_the_group_once(
    tmp_path: Path, emulator: Emulator
) -> None:
    config, _ = write_config(tmp_path, emulator, replacements=DUE_AT_ANY_HOUR)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    started_on = today()
    await bot.start(emulator)
    try:
        digest = await emulator.wait_for_message(is_digest, chat_id=CHAT, timeout=WAIT)
        # Yesterday, by the bot's clock: Shanghai's midnight may have passed meanwhile.
        assert day_of(digest) in {started_on - timedelta(days=1), today() - timedelta(days=1)}
        assert "新增 0" in digest.body and "没有未结工单" in digest.body

        # Restarted the same day, it finds the digest out and posts nothing. Its digest job has
        # run once its log says so (looked at again as the bot answers a /status), and what the
        # job queued is out before the answer to a /status posted after that.
        assert await bot.stop() == 0
        await bot.start(emulator)
        await everything_said(emulator, CHAT)
        await logged(bot, lambda log: published(log) == 2)
        await everything_said(emulator, CHAT)
        assert [m for m in emulator.sent_messages(CHAT) if is_digest(m)] == [digest]
    finally:
        await bot.stop()


async def test_a_private_digest_goes_to_each_chief_and_not_to_the_group(
    tmp_path: Path, emulator: Emulator
) -> None:
    await emulator.add_user("刘", "街长", user_id=SECOND_CHIEF)
    two_chiefs = {"chief_ids = [9001]": f"chief_ids = [{CHIEF}, {SECOND_CHIEF}]"}
    config, _ = write_config(
        tmp_path, emulator, replacements=DUE_AT_ANY_HOUR | two_chiefs | IN_PRIVATE
    )
    assert "private = true" in config.read_text("utf-8")
    # Telegram lets a bot write to someone only once they have started a chat with it.
    for chief in (CHIEF, SECOND_CHIEF):
        await emulator.post_private_message(chief, "/start")
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        for chief in (CHIEF, SECOND_CHIEF):
            digest = await emulator.wait_for_message(is_digest, chat_id=chief, timeout=WAIT)
            assert "新增 0" in digest.body
        # Both were queued with the group's, had the group had one: all out before /status.
        await everything_said(emulator, CHAT)
        assert [m for m in emulator.sent_messages(CHAT) if is_digest(m)] == []
    finally:
        await bot.stop()
