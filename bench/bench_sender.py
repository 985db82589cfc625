"""The outbox sender's own cost per message: CPU, wall time and SQL statements per card.

In one process: an SQLite file filled through the real desk (the path a report takes in the bot,
from `config.example.toml`) with the cards of REPORTS reports across GROUPS groups, then the real
`bot.sender.Sender` delivers them through aiogram to the Bot API emulator, with pacing off (this
measures the sender's work, not Telegram's limits). A second phase acknowledges every ticket
(a button press), which queues a card edit and a "moved" notice per ticket, and delivers those.

The emulator runs in a process of its own, so the CPU figures (`time.process_time`) are the
sender's side only: the sender, aiogram, SQLAlchemy and the database driver. Statements are
counted with a `before_cursor_execute` event on the engine (BEGIN and COMMIT are not cursor
executions and are not counted).

Baseline in the same run: the same number of bare `bot.send_message` calls through aiogram to the
same emulator and chats, one task per chat as the sender's workers are (the floor: what
sending alone costs). A warm-up round of cards goes first, so that both meet warm caches (a bot
in service has sent cards before; it also has asked Telegram for its liaisons' names once).

    python bench/bench_sender.py [--reports 600] [--groups 20] [--repeat 1]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import platform
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from bot.sender import Sender
from sqlalchemy import event, func, select
from tickets.service import Move

from bot.app import build_desk
from bot.database import Database, open_database
from bot.pacing import Limits, Pacer
from bot.rendering import renderer_for
from bot.settings import load_settings
from emulator.client import EmulatorClient
from storage.models import OutboxRow
from tickets.clock import FakeClock
from tickets.desk import Desk, GroupMessage
from tickets.desk import Sender as Speaker
from tickets.lifecycle import Action
from tickets.taxonomy import Taxonomy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CONFIG = ROOT / "config.example.toml"
TOKEN = "7000000001:AAStreetDeskBenchTokenNotARealOne00"
ROAD = "胜利路"  # the example config's road; each group below reports as if it were its group
FIRST_CHAT = -1006000000000
# Each report names its own address, so none is folded into another as a repeat; all of them
# are for departments with a liaison in the config, so the card mentions someone.
REPORTS = [
    "胜利路{i}号门口路灯不亮",
    "胜利路{i}号后门堆了很多垃圾",
    "胜利路{i}号门口井盖丢了",
]
REPORTERS = 50
WARM_UP = 30  # cards before the measured ones, in the same groups
NO_PACING = Limits(per_chat_per_minute=10**9, per_chat_interval=0.0, global_per_second=10**9)


@dataclass(frozen=True, slots=True)
class Figures:
    messages: int
    cpu: float  # seconds
    wall: float  # seconds
    statements: int

    def line(self, label: str, floor: Figures | None = None) -> str:
        n = max(1, self.messages)
        text = (
            f"{label:<34} n={self.messages:5d}  CPU {1000 * self.cpu / n:6.2f} ms/msg"
            f"  wall {1000 * self.wall / n:6.2f} ms/msg  SQL {self.statements / n:5.2f} stmt/msg"
        )
        if floor is not None and floor.cpu > 0:
            ratio = (self.cpu / n) / (floor.cpu / max(1, floor.messages))
            text += f"  CPU {ratio:4.1f}x the bare sends"
        return text


class StatementCounter:
    """Counts what the engine sends to the database (cursor executions)."""

    def __init__(self, database: Database) -> None:
        self.count = 0
        self._engine = database.engine.sync_engine
        event.listen(self._engine, "before_cursor_execute", self._seen)

    def _seen(self, *_: Any) -> None:
        self.count += 1

    def close(self) -> None:
        event.remove(self._engine, "before_cursor_execute", self._seen)


@contextlib.asynccontextmanager
async def emulator_process(groups: int, liaisons: list[int]) -> AsyncIterator[str]:
    """The emulator in a process of its own (its CPU is not the sender's), with the groups, the
    liaisons as members of each (so the sender asks Telegram for their names once) and the
    reporters."""
    process = await asyncio.create_subprocess_exec(
        *[sys.executable, "-m", "emulator", "--port", "0"],
        *["--bot", f"{TOKEN}=streetdesk_bot"],
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        line = (await process.stdout.readline()).decode()
        if "listening on " not in line:
            raise SystemExit(f"the emulator did not start: {line!r}")
        base_url = line.rsplit(" ", 1)[1].strip()
        async with EmulatorClient(base_url) as control:
            for liaison in liaisons:
                await control.call("add_user", first_name=f"联络员{liaison}", user_id=liaison)
            for g in range(groups):
                await control.call("create_group", title=f"测速路{g}", chat_id=FIRST_CHAT - g)
                for liaison in liaisons:
                    await control.call("add_member", chat_id=FIRST_CHAT - g, user_id=liaison)
        yield base_url
    finally:
        process.terminate()
        await process.wait()


class Scene:
    def __init__(self, desk: Desk, taxonomy: Taxonomy, groups: int) -> None:
        self.desk = desk
        self.taxonomy = taxonomy
        self.groups = groups
        self.next_message = 1_000_000  # far from the ids the emulator hands out
        self.next_update = 1
        self.reported = 0

    async def report(self, count: int) -> list[int]:
        """`count` reports, round-robin over the groups; the new tickets' numbers."""
        road = self.taxonomy.road(ROAD)
        numbers = []
        for _ in range(count):
            i = self.reported
            self.reported += 1
            reporter = Speaker(100 + i % REPORTERS, f"商户{i % REPORTERS}")
            message = GroupMessage(
                FIRST_CHAT - i % self.groups,
                self.next_message,
                reporter,
                REPORTS[i % len(REPORTS)].format(i=i + 1),
                update_id=self.next_update,
            )
            self.next_message += 1
            self.next_update += 1
            outcome = await self.desk.handle(message, road)
            if outcome.ticket is None:
                raise SystemExit(f"not a report: {message.text} ({outcome.kind})")
            numbers.append(outcome.ticket.number)
        return numbers

    async def acknowledge(self, numbers: list[int]) -> int:
        """Each ticket's liaison presses 收到 under its card: a card edit and a notice each."""
        road = self.taxonomy.road(ROAD)
        moved = 0
        for number in numbers:
            ticket = await self.desk.ticket(number)
            assert ticket is not None and ticket.chat_id is not None
            liaison = self.taxonomy.liaisons_of(ticket.department, ROAD)[0]
            await self.desk.press(
                update_id=self.next_update,
                chat_id=ticket.chat_id,
                sender=Speaker(liaison, f"联络员{liaison}"),
                road=road,
                number=number,
                move=Move(Action.ACKNOWLEDGE),
            )
            self.next_update += 1
            moved += 1
        return moved


async def pending(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return await uow.outbox.pending_count()


async def sent(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return int(
            await uow.session.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.sent_at.is_not(None))
            )
            or 0
        )


async def drain(sender: Sender) -> None:
    """Load and deliver until nothing is due (a load takes at most BATCH rows)."""
    while await sender.load_due():
        await sender.wait_idle()


async def measure(
    database: Database, work: Callable[[], Awaitable[None]], profile: cProfile.Profile | None
) -> Figures:
    before = await sent(database)
    counter = StatementCounter(database)
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    if profile is not None:
        profile.enable()
    try:
        await work()
    finally:
        if profile is not None:
            profile.disable()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        counter.close()
    delivered = await sent(database) - before
    # The two counts above are the bench's, not the sender's.
    return Figures(delivered, cpu, wall, counter.count)


async def bare_sends(bot: Bot, chats: list[int], text: str) -> Figures:
    """The floor: one plain sendMessage per message, one task per chat."""
    by_chat: dict[int, int] = {}
    for chat in chats:
        by_chat[chat] = by_chat.get(chat, 0) + 1

    async def one_chat(chat: int, count: int) -> None:
        for _ in range(count):
            await bot.send_message(chat, text, parse_mode="HTML")

    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one_chat(chat, count) for chat, count in by_chat.items()))
    return Figures(len(chats), time.process_time() - cpu, time.perf_counter() - wall, 0)


async def sample_card(database: Database) -> tuple[list[int], str]:
    """The chats of the cards sent and the text of one, for the bare sends to match."""
    async with database.unit_of_work() as uow:
        chats = list(
            await uow.session.scalars(
                select(OutboxRow.chat_id).where(OutboxRow.kind == "card").order_by(OutboxRow.id)
            )
        )
    return chats, "\n".join(["路灯不亮 胜利路1号 <b>照明所</b> 请处理"] * 6)


async def run(args: argparse.Namespace) -> None:
    settings = load_settings(EXAMPLE_CONFIG)
    taxonomy = settings.taxonomy()
    liaisons = sorted({i for d in taxonomy.departments for i in taxonomy.liaisons_of(d, ROAD)})
    clock = FakeClock(datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    with tempfile.TemporaryDirectory(prefix="bench-sender-") as workdir:
        url = f"sqlite+aiosqlite:///{Path(workdir) / 'streetdesk.sqlite3'}"
        database = await open_database(url, clock)
        async with emulator_process(args.groups, liaisons) as base_url:
            bot = Bot(TOKEN, session=AiohttpSession(api=TelegramAPIServer.from_base(base_url)))
            try:
                sender = Sender(
                    database=database,
                    bot=bot,
                    renderer=renderer_for(settings, taxonomy),
                    taxonomy=taxonomy,
                    clock=clock,
                    pacer=Pacer(NO_PACING, time.monotonic),
                )
                scene = Scene(build_desk(settings, database, clock), taxonomy, args.groups)
                await scene.report(WARM_UP)
                await drain(sender)
                chats, text = await sample_card(database)
                await bare_sends(bot, chats, text)  # its warm-up

                profile = cProfile.Profile() if args.profile else None
                results: dict[str, list[Figures]] = {"cards": [], "moves": [], "bare": []}
                for _ in range(args.repeat):
                    numbers = await scene.report(args.reports)
                    clock.advance(timedelta(seconds=1))
                    results["cards"].append(await measure(database, lambda: drain(sender), profile))
                    await scene.acknowledge(numbers)
                    clock.advance(timedelta(seconds=1))
                    results["moves"].append(await measure(database, lambda: drain(sender), profile))
                    card_chats, _ = await sample_card(database)
                    results["bare"].append(await bare_sends(bot, card_chats[-len(numbers) :], text))
                left = await pending(database)
                if profile is not None:
                    profile.dump_stats(args.profile)
            finally:
                await bot.session.close()
        await database.close()

    print(
        f"bench_sender: {args.reports} reports over {args.groups} groups, {args.repeat} round(s);"
        f" SQLite file, pacing off; Python {platform.python_version()}"
    )
    bare = median_of(results["bare"])
    print(bare.line("bare aiogram send_message (floor)"))
    print(median_of(results["cards"]).line("Sender: cards", bare))
    print(median_of(results["moves"]).line("Sender: card edits + moved notices", bare))
    if left:
        print(f"WARNING: {left} outbox rows left unsent")


def median_of(runs: list[Figures]) -> Figures:
    """The round with the median CPU (whole rounds, so the figures of one line agree)."""
    return sorted(runs, key=lambda f: f.cpu / max(1, f.messages))[len(runs) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=600)
    parser.add_argument("--groups", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=1, help="rounds; the median one is shown")
    parser.add_argument(
        "--profile", metavar="FILE", help="write a cProfile of the measured sender phases here"
    )
    args = parser.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
