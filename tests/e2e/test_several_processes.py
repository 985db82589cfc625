"""Bot processes on one PostgreSQL, as a deployment with webhook workers runs them: a leader paused
past its lease while sending a backlog sends nothing twice and loses nothing; a road bound in one
process is known to the other at once; a card Telegram accepted while the database was cut is
not sent again; a webhook update that cannot be stored in a long outage is answered 5xx and
processed once when it comes again. Skipped without STREETDESK_TEST_PG_URL."""

from __future__ import annotations

import re
import signal
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import make_url

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, BotProcess
from emulator.webhooks import ANSWER_WITHIN
from tests.conftest import PG_URL, _reset_postgres
from tests.e2e.conftest import (
    CHAT,
    LIGHTING,
    NEIGHBOUR,
    SHOPKEEPER,
    everything_said,
    logged,
    write_config,
)
from tests.e2e.tcp_proxy import FlakyProxy
from tests.e2e.test_group_setup_and_delivery import free_port
from tests.emulator.conftest import make_bot

pytestmark = pytest.mark.postgres
WAIT = 30.0
OTHER_CHAT = -1001000000009  # a second group, bound in chat
OFFICE_ADMIN = 9100  # admin_ids in config.example.toml


@pytest.fixture
async def postgres() -> str:
    if not PG_URL:
        pytest.skip("STREETDESK_TEST_PG_URL is not set")
    await _reset_postgres(PG_URL)
    return PG_URL


OTHER_ROAD = f"""
[[roads]]
name = "建设路"
chat_id = {OTHER_CHAT}
chief_ids = [9001]
"""


def config_for(
    tmp_path: Path,
    emulator: Emulator,
    name: str,
    url: str,
    *,
    per_chat_interval: str = "0s",
    webhook: bool = True,
    extra: str = "",
) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    port = free_port()
    replacements = {'lease_for = "30s"': 'lease_for = "3s"'}
    if webhook:
        replacements |= {
            'mode = "polling"': 'mode = "webhook"',
            'webhook_url = ""': f'webhook_url = "http://127.0.0.1:{port}"',
            "webhook_port = 8080": f"webhook_port = {port}",
            'webhook_secret = ""': 'webhook_secret = "several"',
        }
    config, _ = write_config(
        folder,
        emulator,
        per_chat_interval=per_chat_interval,
        replacements=replacements,
        extra=extra,
    )
    text = re.sub(r'(?m)^url = ".*"', f'url = "{url}"', config.read_text("utf-8"))
    config.write_text(text, "utf-8")
    return config


def leads(bot: BotProcess) -> bool:
    """What its log last said about leading."""
    said = re.findall(r'"leading": (true|false)', bot.log_tail(100_000))
    return bool(said) and said[-1] == "true"


def cards(emulator: Emulator, chat_id: int = CHAT) -> Counter[int]:
    """How many cards of each ticket were posted."""
    found = (re.match(r"🧾 工单 #(\d+)", m.body) for m in emulator.sent_messages(chat_id))
    return Counter(int(match.group(1)) for match in found if match)


@pytest.mark.slow
async def test_a_leader_paused_past_its_lease_sends_nothing_twice_and_loses_nothing(
    tmp_path: Path, emulator: Emulator, postgres: str
) -> None:
    # Sending is paced (a message a second in a group), so a backlog of cards is still going out
    # when the leader is frozen; the other process takes the lease over and goes on.
    await emulator.create_group("建设路联络群", chat_id=OTHER_CHAT)
    await emulator.add_member(OTHER_CHAT, NEIGHBOUR)

    def worker(name: str) -> BotProcess:
        config = config_for(
            tmp_path, emulator, name, postgres, per_chat_interval="1s", extra=OTHER_ROAD
        )
        return BotProcess(config, DEMO_TOKEN, tmp_path / f"{name}.log", prewarmed=True)

    first, second = worker("a"), worker("b")
    await first.start(emulator, ready_call="setWebhook")
    await second.start(emulator, ready_call="setWebhook")
    reports = 12
    try:
        for n in range(1, reports + 1):
            await emulator.post_message(CHAT, SHOPKEEPER, f"胜利路{n}号门口路灯不亮")
        await emulator.wait_until(lambda: len(cards(emulator)) >= 4, timeout=WAIT)
        leader, other = (first, second) if leads(first) else (second, first)
        assert leads(leader) and not leads(other)
        assert leader.process is not None
        leader.process.send_signal(signal.SIGSTOP)
        try:
            # The other takes the lease over once it runs out (3 s) and sends: another group's
            # card goes out at once. The frozen leader's group waits for the message it has on
            # its way (it may already be with Telegram): its order holds, nothing goes twice.
            await emulator.post_message(OTHER_CHAT, NEIGHBOUR, "建设路3号后门堆了很多垃圾")
            await emulator.wait_until(lambda: cards(emulator, OTHER_CHAT), timeout=WAIT)
            assert leads(other)
        finally:
            leader.process.send_signal(signal.SIGCONT)
        await emulator.wait_until(lambda: len(cards(emulator)) == reports, timeout=WAIT)
        # A card sent twice would be out before the answers to a word posted in each group now.
        await everything_said(emulator, CHAT)
        await everything_said(emulator, OTHER_CHAT, NEIGHBOUR)
        posted = cards(emulator)
        assert sorted(posted) == list(range(1, reports + 1))  # none lost
        assert [n for n, times in posted.items() if times > 1] == []  # none twice
        assert list(cards(emulator, OTHER_CHAT).values()) == [1]
    finally:
        await first.stop()
        await second.stop()


async def test_a_road_bound_in_one_process_is_known_to_the_other_at_once(
    tmp_path: Path, emulator: Emulator, postgres: str
) -> None:
    await emulator.create_group("建设路联络群", chat_id=OTHER_CHAT)
    # A road the config does not know: only the street office's admins (admin_ids) add one.
    office_admin = (await emulator.add_user("周", "主任", user_id=OFFICE_ADMIN)).id
    await emulator.add_member(OTHER_CHAT, office_admin, status="administrator")
    await emulator.add_member(OTHER_CHAT, NEIGHBOUR)
    first = BotProcess(
        config_for(tmp_path, emulator, "a", postgres),
        DEMO_TOKEN,
        tmp_path / "a.log",
        prewarmed=True,
    )
    second = BotProcess(
        config_for(tmp_path, emulator, "b", postgres),
        DEMO_TOKEN,
        tmp_path / "b.log",
        prewarmed=True,
    )
    await first.start(emulator, ready_call="setWebhook")
    await second.start(emulator, ready_call="setWebhook")
    try:
        await emulator.post_command(OTHER_CHAT, office_admin, "bind", "建设路")
        await emulator.wait_for_message(
            lambda m: "建设路" in m.body, chat_id=OTHER_CHAT, timeout=WAIT
        )
        # The process that bound it is frozen; the report in the new group can only be taken
        # by the other one, which learnt of the road from nobody but the database.
        bound_by, other = (
            (first, second)
            if "bind_handled" in first.log_tail(100_000)
            else (
                second,
                first,
            )
        )
        assert "bind_handled" not in other.log_tail(100_000)
        url = other.config.read_text("utf-8").split('webhook_url = "')[1].split('"')[0]
        operator = make_bot(emulator, DEMO_TOKEN)  # updates go to the other one from now on
        try:
            await operator.set_webhook(f"{url}/webhook", secret_token="several")
        finally:
            await operator.session.close()
        assert bound_by.process is not None
        # Quiet for a second, it lets go of the group's chat; frozen, it holds up nothing.
        await logged(bound_by, lambda log: log.rfind("chats_let_go") > log.rfind("bind_handled"))
        bound_by.process.send_signal(signal.SIGSTOP)
        try:
            await emulator.post_message(OTHER_CHAT, NEIGHBOUR, "建设路3号后门堆了很多垃圾")
            # Its lease (3 s) runs out; the other takes the chat and the lease.
            await emulator.wait_for_message(
                lambda m: "#1 ·" in m.body, chat_id=OTHER_CHAT, timeout=60
            )
        finally:
            bound_by.process.send_signal(signal.SIGCONT)
        assert "message_handled" in other.log_tail(100_000)
    finally:
        await first.stop()
        await second.stop()


async def test_a_card_telegram_accepted_while_the_database_was_cut_is_not_sent_again(
    tmp_path: Path, emulator: Emulator, postgres: str
) -> None:
    real = make_url(postgres)
    async with FlakyProxy(real.host or "127.0.0.1", real.port or 5432) as proxy:
        proxied = real.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        bot = BotProcess(
            config_for(tmp_path, emulator, "a", proxied, webhook=False),
            DEMO_TOKEN,
            tmp_path / "a.log",
            prewarmed=True,
        )
        await bot.start(emulator)
        try:
            await emulator.delay("sendMessage", 2.0, times=1)  # the card is on its way...
            await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
            await emulator.wait_until(lambda: emulator.calls("sendMessage"), timeout=WAIT)
            proxy.cut()  # ...when the database goes away; Telegram takes the card meanwhile
            await emulator.wait_for_call("sendMessage", timeout=WAIT)
            await proxy.refused_at_least(proxy.refused + 3, timeout=WAIT)  # recording it, again
            proxy.restore()
            card = await emulator.wait_for_message(
                lambda m: "#1 ·" in m.body, chat_id=CHAT, timeout=WAIT
            )
            await emulator.post_message(CHAT, LIGHTING, "收到", reply_to=card.message_id)
            await emulator.wait_for_message(
                lambda m: m.message_id == card.message_id and "已签收" in m.body,
                chat_id=CHAT,
                timeout=WAIT,
            )
        finally:
            await bot.stop()
    assert cards(emulator) == Counter({1: 1})


@pytest.mark.slow
async def test_a_webhook_update_in_a_long_outage_is_answered_5xx_and_processed_once(
    tmp_path: Path, emulator: Emulator, postgres: str
) -> None:
    real = make_url(postgres)
    async with FlakyProxy(real.host or "127.0.0.1", real.port or 5432) as proxy:
        proxied = real.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
        bot = BotProcess(
            config_for(tmp_path, emulator, "a", proxied),
            DEMO_TOKEN,
            tmp_path / "a.log",
            prewarmed=True,
        )
        await bot.start(emulator, ready_call="setWebhook")
        try:
            proxy.cut()
            await emulator.post_message(CHAT, SHOPKEEPER, "胜利路8号门口路灯不亮")
            # Longer than the emulator waits for an answer (and three times the bot's own limit
            # for storing one): the update must not be taken for received meanwhile, whatever
            # the bot was doing with it.
            outage = time.monotonic()
            # Re-checked at each delivery the bot refuses (Telegram tries again and again).
            await emulator.wait_until(
                lambda: (
                    time.monotonic() - outage > ANSWER_WITHIN + 1 and emulator.pending_updates()
                ),
                timeout=ANSWER_WITHIN + 30,
            )
            webhook = emulator.webhook(DEMO_TOKEN)
            assert webhook is not None and webhook.delivered == 0
            assert set(webhook.refused) == {503}
            proxy.restore()
            card = await emulator.wait_for_message(
                lambda m: "#1 ·" in m.body, chat_id=CHAT, timeout=WAIT
            )
            status = await everything_said(emulator, CHAT)
        finally:
            await bot.stop()
    # Processed once: its card, and no "already being handled" for a second time round.
    assert [m.body for m in emulator.sent_messages(CHAT)] == [card.body, status.body]
