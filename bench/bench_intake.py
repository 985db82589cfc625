"""Intake throughput: the real bot against the emulator, N group messages across 100 groups
(reports, chatter, acknowledgements and replies), posted as fast as the emulator takes them.

Timed until every update is confirmed by the bot's next getUpdates, which it sends only after
handling the previous batch; a handled update's notices are in the outbox by then (they commit
together). In the same run a bare aiogram echo bot gets the same messages: the baseline.

    python bench/bench_intake.py [--messages 2000] [--groups 100] [--rounds 3]

On a shared VM the two bots' rates swing with the host's load (steal time); rounds alternate
them and the medians are the figures to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bare_echo_bot import running_bare_bot
from workload import CHATTER, LIAISONS, REPORTS

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, QUIET_DIGESTS, BotProcess, emulator_config


def roads_toml(groups: int) -> str:
    return "".join(
        f'\n[[roads]]\nname = "压测路{g}"\nchat_id = {-1004000000000 - g}\n' for g in range(groups)
    )


async def world(emu: Emulator, groups: int) -> None:
    emu.add_bot(DEMO_TOKEN, username="streetdesk_bot", can_read_all_group_messages=True)
    for g in range(groups):
        await emu.create_group(f"压测路{g}", chat_id=-1004000000000 - g)
    for u in range(20):
        await emu.add_user(f"商户{u}", user_id=100 + u)
    for liaison in LIAISONS:
        await emu.add_user(f"联络员{liaison}", user_id=liaison)


def cpu_seconds(pid: int | None) -> float:
    """CPU (user and system) a process has used so far, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def post_mix(
    emu: Emulator, messages: int, groups: int, pid: int | None
) -> tuple[float, float]:
    """Post the mix; return the seconds until the bot confirmed every update, and the CPU
    seconds the bot's process used meanwhile."""
    cpu_before = cpu_seconds(pid)
    rng = random.Random(7)
    reports: dict[int, list[int]] = {}
    started = time.perf_counter()
    for i in range(messages):
        chat = -1004000000000 - i % groups
        roll = rng.random()
        if roll < 0.4:
            message = await emu.post_message(chat, 100 + i % 20, rng.choice(REPORTS).format(i=i))
            reports.setdefault(chat, []).append(message.message_id)
        elif roll < 0.85 or not reports.get(chat):
            await emu.post_message(chat, 100 + i % 20, rng.choice(CHATTER))
        else:  # a liaison answers a report in that group
            await emu.post_message(
                chat, rng.choice(LIAISONS), "收到", reply_to=rng.choice(reports[chat])
            )
    await emu.wait_until(lambda: not emu.pending_updates(), timeout=600)
    return time.perf_counter() - started, cpu_seconds(pid) - cpu_before


async def ours_once(messages: int, groups: int) -> tuple[float, float]:
    folder = Path(tempfile.mkdtemp(prefix="streetdesk-intake-"))
    async with Emulator(host="127.0.0.1", port=0) as emu:
        await world(emu, groups)
        config = folder / "streetdesk.toml"
        config.write_text(
            emulator_config(
                api_base=emu.base_url,
                database=folder / "db.sqlite3",
                extra=roads_toml(groups),
                replacements=QUIET_DIGESTS,
            )
        )
        bot = BotProcess(config, DEMO_TOKEN, folder / "bot.log")
        await bot.start(emu)
        try:
            return await post_mix(emu, messages, groups, bot.process.pid if bot.process else None)
        finally:
            await bot.stop()


async def bare_once(messages: int, groups: int) -> tuple[float, float]:
    async with Emulator(host="127.0.0.1", port=0) as emu:
        await world(emu, groups)
        async with running_bare_bot(DEMO_TOKEN, emu) as bare_pid:
            return await post_mix(emu, messages, groups, bare_pid)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=100)
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternate the two bots; report each and medians"
    )
    args = parser.parse_args()
    print(
        f"intake, {args.messages} messages over {args.groups} groups (40 % reports, 45 % "
        f"chatter, 15 % replies), SQLite, {os.cpu_count()} cores"
    )
    per_message = 1000 / args.messages
    rates: list[float] = []
    costs: list[float] = []
    for round_number in range(1, args.rounds + 1):
        ours, our_cpu = await ours_once(args.messages, args.groups)
        baseline, bare_cpu = await bare_once(args.messages, args.groups)
        rate, bare_rate = args.messages / ours, args.messages / baseline
        rates.append(rate / bare_rate)
        costs.append(bare_cpu / our_cpu)
        print(
            f"round {round_number}  StreetDesk {rate:6.0f} messages/s, CPU "
            f"{our_cpu * per_message:5.2f} ms a message | bare aiogram echo bot "
            f"{bare_rate:6.0f} messages/s, CPU {bare_cpu * per_message:5.2f} ms a message | "
            f"ratio {rate / bare_rate:.2f} (CPU {bare_cpu / our_cpu:.2f})"
        )
    print(
        f"median ratio {statistics.median(rates):.2f} of the bare bot's rate "
        f"({statistics.median(costs):.2f} of its CPU cost a message); "
        "targets: >= 1,000/s and >= 0.5x"
    )


if __name__ == "__main__":
    asyncio.run(main())
