"""The real bot process against the emulator, around the inbox and the outbox: an update stored
and confirmed but not yet processed survives a SIGKILL; a webhook update answered 200 survives a
restart; update ids that start again are new updates; a notice that cannot be prepared is set
aside without holding up its group."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from tests.e2e.conftest import (
    CHAT,
    CHIEF,
    NEIGHBOUR,
    SHOPKEEPER,
    Stage,
    everything_said,
    write_config,
)
from tests.e2e.test_group_loop import WAIT, card_for, ledger
from tests.e2e.test_group_setup_and_delivery import free_port

ELSEWHERE = "another-host:4242:0ther"  # a process this test stands in for


def hold_chat(database: Path, chat_id: int, holder: str | None) -> None:
    """Claim the chat for another process (or let go of it): this one then stores its updates
    but does not process them, as with two processes on one database."""
    with sqlite3.connect(database) as db:
        db.execute(
            "INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, '2100-01-01') "
            "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
            "expires_at = excluded.expires_at",
            (f"chat:{chat_id}", holder),
        )


def inbox(database: Path) -> list[tuple[int, bool]]:
    """(update id, processed) of every stored update, in arrival order."""
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT update_id, processed_at FROM inbox ORDER BY id").fetchall()
    return [(update_id, processed is not None) for update_id, processed in rows]


async def test_an_update_confirmed_but_not_yet_processed_survives_a_crash_once(
    stage: Stage,
) -> None:
    emu = stage.emulator
    hold_chat(stage.database, CHAT, ELSEWHERE)
    posted = await emu.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")

    def stored_and_confirmed() -> bool:
        # The bot asks for the next batch (confirming this one) only after storing it.
        stored = inbox(stage.database)
        return bool(stored) and emu.confirmed_offset() > stored[0][0]

    await emu.wait_until(stored_and_confirmed, timeout=WAIT)
    [(update_id, processed)] = inbox(stage.database)
    assert not processed
    await stage.bot.kill()
    hold_chat(stage.database, CHAT, None)
    await stage.bot.start(emu)
    card = await card_for(emu, 1)
    assert card.reply_to == posted.message_id
    status = await everything_said(emu, CHAT)
    assert [t["number"] for t in ledger(stage)] == [1]
    assert inbox(stage.database)[0] == (update_id, True)
    # Processed once: one card, and no "already being handled" for a second time round.
    assert [m.body for m in emu.sent_messages(CHAT)] == [card.body, status.body]


async def test_a_webhook_update_answered_is_processed_after_a_restart(
    tmp_path: Path, emulator: Emulator
) -> None:
    port = free_port()
    config, database = write_config(
        tmp_path,
        emulator,
        replacements={
            'mode = "polling"': 'mode = "webhook"',
            'webhook_url = ""': f'webhook_url = "http://127.0.0.1:{port}"',
            "webhook_port = 8080": f"webhook_port = {port}",
            'webhook_secret = ""': 'webhook_secret = "s3cret-hook"',
        },
    )
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator, ready_call="setWebhook")
    try:
        hold_chat(database, CHAT, ELSEWHERE)
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        await emulator.wait_until(lambda: emulator.confirmed_offset() > 0, timeout=WAIT)  # 200
        assert [processed for _, processed in inbox(database)] == [False]
        await bot.kill()
        hold_chat(database, CHAT, None)
        await bot.start(emulator, ready_call="setWebhook")
        card = await emulator.wait_for_message(
            lambda m: "#1 ·" in m.body, chat_id=CHAT, timeout=WAIT
        )
        status = await everything_said(emulator, CHAT)
        assert [processed for _, processed in inbox(database)] == [True, True]
        assert [m.body for m in emulator.sent_messages(CHAT)] == [card.body, status.body]
    finally:
        await bot.stop()


async def test_update_ids_that_start_again_with_another_telegram_are_all_processed(
    tmp_path: Path, stage: Stage
) -> None:
    # A second run on the same database, against a Telegram whose update ids start at 1 again
    # (a week without updates does that, and so does a new bot): nothing is taken for old.
    await stage.emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
    await card_for(stage.emulator, 1)
    await stage.bot.stop()
    async with Emulator(host="127.0.0.1", port=0) as again:
        again.add_bot(DEMO_TOKEN, username="streetdesk_bot", can_read_all_group_messages=True)
        await again.create_group("胜利路联络群", chat_id=CHAT)
        await again.add_user("李", "老板", username="li_shop", user_id=NEIGHBOUR)
        config, _ = write_config(tmp_path, again)  # the same database file, the new Telegram
        bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot-again.log", prewarmed=True)
        await bot.start(again)
        try:
            await again.post_message(CHAT, NEIGHBOUR, "超市后门堆了很多纸箱和垃圾")
            await again.post_message(CHAT, NEIGHBOUR, "胜利路3号井盖丢了")
            await again.wait_for_message(lambda m: "#3 ·" in m.body, chat_id=CHAT, timeout=WAIT)
        finally:
            await bot.stop()
    assert [t["category"] for t in ledger(stage)] == ["streetlight", "garbage", "manhole"]


async def test_a_notice_that_cannot_be_prepared_is_set_aside_and_the_group_goes_on(
    tmp_path: Path, emulator: Emulator
) -> None:
    config, _ = write_config(tmp_path, emulator)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    await emulator.add_user("街道办", user_id=9100)  # the example config's admin
    await emulator.post_private_message(9100, "/start")  # so the bot may write to them
    await emulator.wait_for_message(lambda m: True, chat_id=9100, timeout=WAIT)
    try:
        await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
        card = await card_for(emulator, 1)
        await bot.stop()
        # The office renames the lighting department; ticket #1 still names the old key.
        text = config.read_text("utf-8").replace('key = "lighting"', 'key = "lamps"')
        text = text.replace('department = "lighting"', 'department = "lamps"')
        config.write_text(text, "utf-8")
        await bot.start(emulator)
        # The chief resolves #1: its card update and the word after it cannot be prepared.
        await emulator.post_message(CHAT, CHIEF, "已修好", reply_to=card.message_id)
        await emulator.post_message(CHAT, NEIGHBOUR, "超市后门堆了很多纸箱和垃圾")
        # The next card in the group still goes out.
        await emulator.wait_for_message(lambda m: "#2 ·" in m.body, chat_id=CHAT, timeout=WAIT)
        told = await emulator.wait_for_message(
            lambda m: "无法生成" in m.body, chat_id=9100, timeout=WAIT
        )
        assert "lighting" in told.body
        # Both rows were set aside before #2 went out; whatever the admin was to be told about
        # them is said before the answer to a word from them now.
        await everything_said(emulator, 9100)
        told_them = [m for m in emulator.sent_messages(9100) if "无法生成" in m.body]
        assert len(told_them) == 1  # told once, though two rows were set aside
    finally:
        await bot.stop()
    log = bot.log_tail(100_000)
    assert log.count('"outbox_row_set_aside"') >= 2  # each row logged, as the error it is
