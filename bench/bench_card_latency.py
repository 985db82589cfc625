"""Latency from a shopkeeper's report to the bot's ticket card, at moderate load.

The real bot process runs against the emulator on loopback, with Telegram's pacing on (one
message a second per group): reports arrive across GROUPS groups at RATE a second, each group
well under its limit, so the figure is StreetDesk's own latency, not rate-limit waiting.
In the same run a bare aiogram echo bot answers the same messages: its reply latency is the
floor that aiogram, HTTP and long polling alone cost.

    python bench/bench_card_latency.py [--reports 400] [--groups 50] [--rate 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bare_echo_bot import running_bare_bot
from workload import REPORTS

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, QUIET_DIGESTS, BotProcess, emulator_config
from emulator.world import ChatMessage


def roads_toml(groups: int) -> str:
    return "".join(
        f'\n[[roads]]\nname = "测试路{g}"\nchat_id = {-1002000000000 - g}\n' for g in range(groups)
    )


async def drive(
    emu: Emulator, reports: int, groups: int, rate: float, answered: Callable[[ChatMessage], bool]
) -> list[float]:
    """Post `reports` messages at `rate`/s round-robin over the groups; return latencies (s)."""
    latencies: list[float] = []

    async def one(i: int) -> None:
        chat = -1002000000000 - (i % groups)
        started = time.monotonic()
        message = await emu.post_message(chat, 100 + i % 7, REPORTS[i % len(REPORTS)].format(i=i))
        await emu.wait_for_message(
            lambda m: m.reply_to == message.message_id and answered(m), chat_id=chat, timeout=60
        )
        latencies.append(time.monotonic() - started)

    tasks = []
    start = time.monotonic()
    for i in range(reports):
        # a steady arrival rate: the i-th report goes out at start + i/rate
        await asyncio.sleep(max(0.0, start + i / rate - time.monotonic()))
        tasks.append(asyncio.create_task(one(i)))
    await asyncio.gather(*tasks)
    return latencies


async def setup_world(emu: Emulator, groups: int) -> None:
    emu.add_bot(DEMO_TOKEN, username="streetdesk_bot", can_read_all_group_messages=True)
    for g in range(groups):
        await emu.create_group(f"测试路{g}", chat_id=-1002000000000 - g)
    for u in range(7):
        await emu.add_user(f"商户{u}", user_id=100 + u)


def summary(name: str, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"{name:<28} n={len(ordered):<5} median {statistics.median(ordered) * 1000:7.1f} ms"
        f"   p99 {p99 * 1000:7.1f} ms   max {ordered[-1] * 1000:7.1f} ms"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400)
    parser.add_argument("--groups", type=int, default=50)
    parser.add_argument("--rate", type=float, default=20.0, help="reports per second")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="streetdesk-bench-"))

    async with Emulator(host="127.0.0.1", port=0) as emu:
        await setup_world(emu, args.groups)
        config = workdir / "streetdesk.toml"
        config.write_text(
            emulator_config(
                api_base=emu.base_url,
                database=workdir / "db.sqlite3",
                per_chat_interval="1s",
                extra=roads_toml(args.groups),
                replacements=QUIET_DIGESTS,
            )
        )
        bot = BotProcess(config, DEMO_TOKEN, workdir / "bot.log")
        await bot.start(emu)
        try:
            ours = await drive(
                emu,
                args.reports,
                args.groups,
                args.rate,
                lambda m: "工单 #" in m.body or "已在处理中" in m.body,
            )
        finally:
            await bot.stop()

    async with Emulator(host="127.0.0.1", port=0) as emu:
        await setup_world(emu, args.groups)
        async with running_bare_bot(DEMO_TOKEN, emu):
            baseline = await drive(emu, args.reports, args.groups, args.rate, lambda m: True)

    print(
        f"card latency, {args.reports} reports over {args.groups} groups at {args.rate:g}/s; "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, SQLite"
    )
    print(summary("StreetDesk report -> card", ours))
    print(summary("bare aiogram echo (baseline)", baseline))
    print(
        f"median ratio {statistics.median(ours) / statistics.median(baseline):.1f}x the bare bot; "
        "target p99 < 100 ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
