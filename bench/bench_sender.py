"""The outbox sender's own cost per message: CPU, wall time and SQL statements per card.

In one process, the app as `streetdesk run` builds it (`bot.app.build_app`, from
`config.example.toml` with GROUPS roads added), pointed at the Bot API emulator with pacing off
(this measures the sender's work, not Telegram's limits). REPORTS reports across the groups go
into the inbox and through the processor (the path a report takes in the bot); then, measured,
the outbox worker delivers their cards. A second phase has each ticket's liaison reply 收到 to
its card, which queues a card edit and a "moved" notice per ticket, and delivers those.

The emulator runs in a process of its own, so the CPU figures (`time.process_time`) are the
sender's side only: the sender, aiogram, SQLAlchemy and the database driver. Statements are
counted with a `before_cursor_execute` event on the engine (BEGIN and COMMIT are not cursor
executions and are not counted); intake is over before each measured phase starts.

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
from sqlalchemy import event, func, select

from bot.app import App, build_app
from bot.database import Database
from bot.intake import store
from bot.outbox_worker import OutboxWorker
from bot.settings import load_settings
from emulator.bot_process import EXAMPLE_CONFIG, emulator_config
from emulator.client import EmulatorClient
from storage.inbox import Incoming
from storage.models import OutboxRow
from tickets.clock import FakeClock

TOKEN = "7000000001:AAStreetDeskBenchTokenNotARealOne00"
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
UNLIMITED = "1000000"


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


def chat_of(group: int) -> int:
    return FIRST_CHAT - group


def roads_toml(groups: int) -> str:
    return "".join(
        f'\n[[roads]]\nname = "测速路{g}"\nchat_id = {chat_of(g)}\n' for g in range(groups)
    )


@contextlib.asynccontextmanager
async def emulator_process(groups: int, liaisons: list[int]) -> AsyncIterator[str]:
    """The emulator in a process of its own (its CPU is not the sender's), with the groups and
    the liaisons as members of each (so the sender asks Telegram for their names once)."""
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
                await control.call("create_group", title=f"测速路{g}", chat_id=chat_of(g))
                for liaison in liaisons:
                    await control.call("add_member", chat_id=chat_of(g), user_id=liaison)
        yield base_url
    finally:
        process.terminate()
        await process.wait()


class Scene:
    """Group messages as Telegram would send them, stored in the inbox and processed."""

    def __init__(self, app: App, clock: FakeClock, groups: int) -> None:
        self.app = app
        self.clock = clock
        self.groups = groups
        self.next_message = 1_000_000  # far from the ids the emulator hands out
        self.next_update = 1
        self.reported = 0

    def _message(
        self, chat_id: int, sender: int, name: str, text: str, reply_to: int | None = None
    ) -> Incoming:
        message: dict[str, Any] = {
            "message_id": self.next_message,
            "date": int(self.clock.now().timestamp()),
            "chat": {"id": chat_id, "type": "supergroup", "title": "测速路"},
            "from": {"id": sender, "is_bot": False, "first_name": name},
            "text": text,
        }
        if reply_to is not None:
            message["reply_to_message"] = {
                "message_id": reply_to,
                "date": int(self.clock.now().timestamp()),
                "chat": message["chat"],
                "from": {"id": self.app.bot.id, "is_bot": True, "first_name": "StreetDesk"},
                "text": "card",
            }
        update = Incoming(
            self.next_update, chat_id, {"update_id": self.next_update, "message": message}
        )
        self.next_message += 1
        self.next_update += 1
        return update

    async def _take_in(self, updates: list[Incoming]) -> None:
        database = self.app.services.database
        await store(database, self.clock, self.app.bot.id, updates)
        while await self.app.processor.process_waiting():
            pass

    async def report(self, count: int) -> list[int]:
        """`count` reports, round-robin over the groups; the new tickets' numbers."""
        updates = []
        for _ in range(count):
            i = self.reported
            self.reported += 1
            reporter = 100 + i % REPORTERS
            text = REPORTS[i % len(REPORTS)].format(i=i + 1)
            updates.append(
                self._message(chat_of(i % self.groups), reporter, f"商户{reporter}", text)
            )
        before = await latest_ticket(self.app.services.database)
        await self._take_in(updates)
        after = await latest_ticket(self.app.services.database)
        if after - before != count:
            raise SystemExit(f"{count} reports made {after - before} tickets")
        return list(range(before + 1, after + 1))

    async def acknowledge(self, numbers: list[int]) -> None:
        """Each ticket's liaison replies 收到 to its card: a card edit and a notice each."""
        database = self.app.services.database
        taxonomy = self.app.services.taxonomy
        updates = []
        async with database.unit_of_work() as uow:
            for number in numbers:
                ticket = await uow.tickets.get(number)
                assert ticket is not None and ticket.chat_id is not None
                card = await uow.session.scalar(
                    select(OutboxRow.message_id).where(
                        OutboxRow.kind == "card", OutboxRow.ticket_number == number
                    )
                )
                liaison = taxonomy.liaisons_of(ticket.department, ticket.road)[0]
                updates.append(
                    self._message(ticket.chat_id, liaison, f"联络员{liaison}", "收到", card)
                )
        await self._take_in(updates)


async def latest_ticket(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return int(await uow.session.scalar(select(func.max(OutboxRow.ticket_number))) or 0)


async def pending(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return int(
            await uow.session.scalar(
                select(func.count())
                .select_from(OutboxRow)
                .where(OutboxRow.sent_at.is_(None), OutboxRow.failed_at.is_(None))
            )
            or 0
        )


async def sent(database: Database) -> int:
    async with database.unit_of_work() as uow:
        return int(
            await uow.session.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.sent_at.is_not(None))
            )
            or 0
        )


async def drain(sender: OutboxWorker) -> None:
    """Load and deliver until nothing is due (a load takes a batch of rows at most)."""
    while await sender.load_due():
        await asyncio.wait_for(sender.wait_idle(), timeout=60)


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


async def card_chats(database: Database, count: int) -> list[int]:
    """The chats of the last `count` cards, for the bare sends to match."""
    async with database.unit_of_work() as uow:
        return list(
            await uow.session.scalars(
                select(OutboxRow.chat_id)
                .where(OutboxRow.kind == "card")
                .order_by(OutboxRow.id.desc())
                .limit(count)
            )
        )


CARD_LIKE = "\n".join(["路灯不亮 胜利路1号 <b>照明所</b> 请处理"] * 6)


async def run(args: argparse.Namespace) -> None:
    example = load_settings(EXAMPLE_CONFIG)
    taxonomy = example.taxonomy()
    liaisons = sorted({i for d in taxonomy.departments for i in taxonomy.liaisons_of(d)})
    clock = FakeClock(datetime(2026, 11, 18, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    with tempfile.TemporaryDirectory(prefix="bench-sender-") as workdir:
        async with emulator_process(args.groups, liaisons) as base_url:
            config = Path(workdir) / "streetdesk.toml"
            config.write_text(
                emulator_config(
                    api_base=base_url,
                    database=Path(workdir) / "streetdesk.sqlite3",
                    replacements={
                        'token = ""': f'token = "{TOKEN}"',
                        "per_chat_per_minute = 20": f"per_chat_per_minute = {UNLIMITED}",
                        "global_per_second = 30": f"global_per_second = {UNLIMITED}",
                    },
                    extra=roads_toml(args.groups),
                ),
                encoding="utf-8",
            )
            settings = load_settings(config)
            async with build_app(settings, clock) as app:
                database = app.services.database
                if not await app.leadership.renew():
                    raise SystemExit("the sender could not take the lease")
                scene = Scene(app, clock, args.groups)
                await scene.report(WARM_UP)
                await drain(app.sender)
                await bare_sends(app.bot, await card_chats(database, WARM_UP), CARD_LIKE)

                profile = cProfile.Profile() if args.profile else None
                results: dict[str, list[Figures]] = {"cards": [], "moves": [], "bare": []}
                for _ in range(args.repeat):
                    numbers = await scene.report(args.reports)
                    clock.advance(timedelta(seconds=1))
                    results["cards"].append(
                        await measure(database, lambda: drain(app.sender), profile)
                    )
                    await scene.acknowledge(numbers)
                    clock.advance(timedelta(seconds=1))
                    results["moves"].append(
                        await measure(database, lambda: drain(app.sender), profile)
                    )
                    chats = await card_chats(database, len(numbers))
                    results["bare"].append(await bare_sends(app.bot, chats, CARD_LIKE))
                left = await pending(database)
                if profile is not None:
                    profile.dump_stats(args.profile)

    print(
        f"bench_sender: {args.reports} reports over {args.groups} groups, {args.repeat} round(s);"
        f" SQLite file, pacing off; Python {platform.python_version()}"
    )
    bare = median_of(results["bare"])
    print(bare.line("bare aiogram send_message (floor)"))
    print(median_of(results["cards"]).line("outbox worker: cards", bare))
    print(median_of(results["moves"]).line("outbox worker: card edits + notices", bare))
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
