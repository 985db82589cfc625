"""Intake throughput: the real bot against the emulator, N group messages across G groups
(reports, chatter, acknowledgements), posted as fast as the emulator takes them.

StreetDesk is timed until every update is processed: stored in the inbox and then taken through
the desk, its moves and notices committed (the cards it sends meanwhile are paced, and not
waited for). The baseline, a bare aiogram echo bot on the same messages in the same mode, is
timed until it has answered every message. Each bot's CPU a message comes from /proc.

    python bench/bench_intake.py [--messages 2000] [--groups 100] [--rounds 3]
        [--database sqlite|postgres|both] [--mode polling|webhook|both]

PostgreSQL is STREETDESK_BENCH_PG_URL (default the machine's test database; its public schema is
reset each round). On a shared VM the rates swing with the host's load: rounds alternate the
two bots and the medians are the figures to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bare_echo_bot import free_port, running_bare_bot
from sqlalchemy import text
from workload import CHATTER, LIAISONS, REPORTS

from emulator import Emulator
from emulator.bot_process import DEMO_TOKEN, QUIET_DIGESTS, BotProcess, emulator_config
from storage.engine import create_engine

PG_URL = os.environ.get(
    "STREETDESK_BENCH_PG_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float


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


async def post_mix(emu: Emulator, messages: int, groups: int) -> None:
    rng = random.Random(7)
    reports: dict[int, list[int]] = {}
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


async def waiting_in_inbox(url: str) -> int:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return int(
                await connection.scalar(
                    text(
                        "SELECT count(*) FROM inbox "
                        "WHERE processed_at IS NULL AND failed_at IS NULL"
                    )
                )
                or 0
            )
    finally:
        await engine.dispose()


async def reset_postgres() -> None:
    engine = create_engine(PG_URL)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


async def ours_once(messages: int, groups: int, database: str, mode: str) -> Run:
    folder = Path(tempfile.mkdtemp(prefix="streetdesk-intake-"))
    async with Emulator(host="127.0.0.1", port=0) as emu:
        await world(emu, groups)
        replacements = dict(QUIET_DIGESTS)
        if mode == "webhook":
            port = free_port()
            replacements |= {
                'mode = "polling"': 'mode = "webhook"',
                'webhook_url = ""': f'webhook_url = "http://127.0.0.1:{port}"',
                "webhook_port = 8080": f"webhook_port = {port}",
                'webhook_secret = ""': 'webhook_secret = "bench"',
            }
        url = f"sqlite+aiosqlite:///{folder / 'db.sqlite3'}"
        if database == "postgres":
            await reset_postgres()
            url = PG_URL
        config_text = emulator_config(
            api_base=emu.base_url,
            database=folder / "db.sqlite3",
            extra=roads_toml(groups),
            replacements=replacements,
        ).replace(f'url = "sqlite+aiosqlite:///{folder / "db.sqlite3"}"', f'url = "{url}"')
        config = folder / "streetdesk.toml"
        config.write_text(config_text)
        bot = BotProcess(config, DEMO_TOKEN, folder / "bot.log")
        await bot.start(emu, ready_call="setWebhook" if mode == "webhook" else "getUpdates")
        try:
            pid = bot.process.pid if bot.process else None
            cpu_before, started = cpu_seconds(pid), time.perf_counter()
            await post_mix(emu, messages, groups)
            await emu.wait_until(lambda: not emu.pending_updates(), timeout=600)
            # The bot signals nothing when its inbox is empty, so the bench looks (in another
            # process, every 20 ms: at most 20 ms on a run of seconds).
            while await waiting_in_inbox(url):  # noqa: ASYNC110
                await asyncio.sleep(0.02)
            return Run(time.perf_counter() - started, cpu_seconds(pid) - cpu_before)
        finally:
            await bot.stop()


async def bare_once(messages: int, groups: int, mode: str) -> Run:
    async with Emulator(host="127.0.0.1", port=0) as emu:
        await world(emu, groups)
        async with running_bare_bot(DEMO_TOKEN, emu, webhook=mode == "webhook") as pid:
            cpu_before, started = cpu_seconds(pid), time.perf_counter()
            await post_mix(emu, messages, groups)
            await emu.wait_until(lambda: len(emu.calls("sendMessage")) >= messages, timeout=600)
            return Run(time.perf_counter() - started, cpu_seconds(pid) - cpu_before)


async def measure(args: argparse.Namespace, database: str, mode: str) -> None:
    print(f"\n{database}, {mode}")
    per_message = 1000 / args.messages
    rates: list[float] = []
    costs: list[float] = []
    for round_number in range(1, args.rounds + 1):
        ours = await ours_once(args.messages, args.groups, database, mode)
        bare = await bare_once(args.messages, args.groups, mode)
        rate, bare_rate = args.messages / ours.seconds, args.messages / bare.seconds
        rates.append(rate / bare_rate)
        costs.append(bare.cpu / ours.cpu)
        print(
            f"round {round_number}  StreetDesk {rate:6.0f} messages/s, CPU "
            f"{ours.cpu * per_message:5.2f} ms a message | bare aiogram echo bot "
            f"{bare_rate:6.0f} messages/s, CPU {bare.cpu * per_message:5.2f} ms a message | "
            f"ratio {rate / bare_rate:.2f} (CPU {bare.cpu / ours.cpu:.2f})"
        )
    print(
        f"median ratio {statistics.median(rates):.2f} of the bare bot's rate "
        f"({statistics.median(costs):.2f} of its CPU cost a message); "
        "floor 0.33x, goal 0.5x"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--mode", choices=["polling", "webhook", "both"], default="both")
    args = parser.parse_args()
    print(
        f"intake, {args.messages} messages over {args.groups} groups (40 % reports, 45 % "
        f"chatter, 15 % replies), {os.cpu_count()} cores"
    )
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    modes = ["polling", "webhook"] if args.mode == "both" else [args.mode]
    for database in databases:
        for mode in modes:
            await measure(args, database, mode)


if __name__ == "__main__":
    asyncio.run(main())
