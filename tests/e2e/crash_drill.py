"""The crash drill: the real bot is SIGKILLed at random moments while a burst of group messages
goes through it, and restarted each time; the Bot API may fail a share of calls as well.

Afterwards the database and the emulator's chat logs must show that
- every report became exactly one ticket and no chatter became one;
- every update was handled exactly once (its id recorded once, every ticket's events in order);
- no ticket is in an impossible state: its events replay through the lifecycle's transition table
  to the state it is in;
- every notification was delivered at least once, and repeats stay within what crashes and
  answers lost after Telegram acted can force.

`tests/e2e/test_crash_drill.py` runs a short drill in the test suite;
`bench/bench_crash.py` runs the long one (2,000 messages, five kills) and prints the figures.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from emulator import Emulator
from emulator.bot_process import DEMO_BOT_USERNAME, DEMO_TOKEN, BotProcess, emulator_config
from tickets.lifecycle import Action, IllegalTransition, Note, State, next_state
from tickets.notices import NoticeKind

FIRST_CHAT = -1005000000000
# The example config's own road (胜利路) and its group: every road gets its digest, due from 08:30
# local time each day, so the group must exist or the drill fails for most of the day.
EXAMPLE_ROAD_CHAT = -1001000000001
SHOPKEEPERS = range(100, 120)
# (report text, the liaison of the department it goes to) in config.example.toml.
REPORTS = (
    ("胜利路{i}号门口路灯不亮", 5001),
    ("建设路{i}号后门堆了很多垃圾", 5003),
    ("南纬路{i}号门口井盖丢了", 5002),
)
LIAISONS = (5001, 5002, 5003)
CHATTER = ("各位老板早上好", "今天天气不错", "谢谢大家", "哈哈", "有人知道快递站在哪吗")
# Kinds of outbox rows that send a new message once sent (the rest edit one or answer a button,
# and a catch-up summary whose tickets all moved on is sent as nothing). The digests and the
# weekly charts are among them: a drill run after digest time, or on a Monday morning, counts
# them as what they are, not as repeats.
SENDING_KINDS = tuple(
    kind.value
    for kind in NoticeKind
    if kind not in {NoticeKind.CARD_UPDATE, NoticeKind.BUTTON_ANSWER, NoticeKind.CHASE_SUMMARY}
)


@dataclass
class DrillReport:
    messages: int
    reports: int
    kills: int
    faults_injected: int
    dropped_after_processing: int
    seconds: float
    handled_seconds: float  # until every update was confirmed handled
    delivered_seconds: float  # until every notification was delivered
    tickets: int = 0
    problems: list[str] = field(default_factory=list)
    notifications: int = 0  # outbox rows
    undelivered: int = 0
    repeated_sends: int = 0  # messages the groups saw more than once
    repeat_allowance: int = 0
    updates_recorded: int = 0

    @property
    def sound(self) -> bool:
        return not self.problems


def roads_toml(groups: int) -> str:
    return "".join(
        f'\n[[roads]]\nname = "演练路{g}"\nchat_id = {FIRST_CHAT - g}\n' for g in range(groups)
    )


async def build_world(emu: Emulator, groups: int) -> None:
    emu.add_bot(DEMO_TOKEN, username=DEMO_BOT_USERNAME, can_read_all_group_messages=True)
    await emu.create_group("胜利路联络群", chat_id=EXAMPLE_ROAD_CHAT)
    for g in range(groups):
        await emu.create_group(f"演练路{g}联络群", chat_id=FIRST_CHAT - g)
    for user in SHOPKEEPERS:
        await emu.add_user(f"商户{user}", user_id=user)
    for liaison in LIAISONS:
        await emu.add_user(f"联络员{liaison}", user_id=liaison)


def write_config(folder: Path, emu: Emulator, groups: int) -> tuple[Path, Path]:
    database = folder / "drill.sqlite3"
    config = folder / "streetdesk.toml"
    config.write_text(
        emulator_config(api_base=emu.base_url, database=database, extra=roads_toml(groups)),
        encoding="utf-8",
    )
    return config, database


@dataclass
class _Posted:
    reports: list[str] = field(default_factory=list)
    chatter: int = 0
    count: int = 0


async def _post_burst(emu: Emulator, rng: random.Random, messages: int, groups: int) -> _Posted:
    """40 % reports, 40 % chatter, 20 % replies from liaisons to earlier reports ("收到", "已修好";
    one in ten from a liaison of another department, who must be refused)."""
    posted = _Posted()
    reported: dict[int, list[tuple[int, int]]] = {}  # chat -> [(message id, its liaison)]
    for i in range(messages):
        chat = FIRST_CHAT - i % groups
        roll = rng.random()
        if roll < 0.4:
            template, liaison = rng.choice(REPORTS)
            text = template.format(i=i)
            message = await emu.post_message(chat, rng.choice(SHOPKEEPERS), text)
            reported.setdefault(chat, []).append((message.message_id, liaison))
            posted.reports.append(text)
        elif roll < 0.8 or not reported.get(chat):
            await emu.post_message(chat, rng.choice(SHOPKEEPERS), rng.choice(CHATTER))
            posted.chatter += 1
        else:
            report_id, liaison = rng.choice(reported[chat])
            if rng.random() < 0.1:
                liaison = rng.choice([other for other in LIAISONS if other != liaison])
            await emu.post_message(
                chat, liaison, rng.choice(("收到", "已修好")), reply_to=report_id
            )
        posted.count += 1
        if i % 50 == 49:
            await asyncio.sleep(0)  # let the emulator answer the bot's calls between posts
    return posted


def _unprocessed(database: Path) -> int:
    with sqlite3.connect(database) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM inbox WHERE processed_at IS NULL AND failed_at IS NULL"
        ).fetchone()
    return int(count)


def _undelivered(database: Path) -> int:
    with sqlite3.connect(database) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"
        ).fetchone()
    return int(count)


async def run_drill(
    folder: Path,
    *,
    messages: int,
    groups: int,
    kills: int,
    fault_rate: float,
    seed: int = 1,
    prewarmed: bool = True,
    timeout: float = 600.0,  # noqa: ASYNC109
) -> DrillReport:
    rng = random.Random(seed)
    started = time.perf_counter()
    async with Emulator(host="127.0.0.1", port=0) as emu:
        await build_world(emu, groups)
        config, database = write_config(folder, emu, groups)
        bot = BotProcess(config, DEMO_TOKEN, folder / "bot.log", prewarmed=prewarmed)
        await bot.start(emu)
        if fault_rate:
            # Every method but getUpdates: 429s, 5xx, connections dropped before or after Telegram
            # acted (seeded, so a failing drill can be replayed).
            await emu.faults(rate=fault_rate, seed=seed, kinds=("429", "500", "502", "drop"))
        try:
            base = emu.confirmed_offset()  # nothing is pending yet: the burst's ids come after
            posting = asyncio.ensure_future(_post_burst(emu, rng, messages, groups))
            for moment in sorted(rng.uniform(0.05, 0.95) for _ in range(kills)):
                # A random moment while the bot works through the burst: once that share of the
                # messages is confirmed handled, and a random fraction of a second later.
                def handled(share: float = moment) -> bool:
                    return emu.confirmed_offset() - base >= share * messages

                await emu.wait_until(handled, timeout=timeout)
                await asyncio.sleep(rng.uniform(0, 0.3))  # the random moment itself
                await bot.kill()
                await bot.start(emu)
            posted = await posting
            await emu.wait_until(lambda: not emu.pending_updates(), timeout=timeout)
            # Every update is stored now; each is processed with its notices. Wait for both,
            # re-checking whenever the emulator sees a call (the sender's or getUpdates').
            await emu.wait_until(lambda: _unprocessed(database) == 0, timeout=timeout)
            handled_at = time.perf_counter()
            await emu.wait_until(lambda: _undelivered(database) == 0, timeout=timeout)
            delivered_at = time.perf_counter()
        finally:
            await bot.stop()
            await emu.clear_faults()
        dropped_after = sum(1 for call in emu.calls() if call.fault == "drop_after")
        report = DrillReport(
            messages=posted.count,
            reports=len(posted.reports),
            kills=kills,
            faults_injected=emu.stats.faults_injected,
            dropped_after_processing=dropped_after,
            seconds=time.perf_counter() - started,
            handled_seconds=handled_at - started,
            delivered_seconds=delivered_at - started,
        )
        _check(report, database, emu, posted, groups)
        _check_log(folder / "bot.log", report.problems)
    return report


def _check(
    report: DrillReport, database: Path, emu: Emulator, posted: _Posted, groups: int
) -> None:
    problems = report.problems
    db = sqlite3.connect(database)
    try:
        texts = Counter(text for (text,) in db.execute("SELECT text FROM tickets"))
        report.tickets = sum(texts.values())
        for text in posted.reports:
            if texts[text] != 1:
                problems.append(f"report {text!r} became {texts[text]} tickets")
        for text in CHATTER:
            if texts[text]:
                problems.append(f"chatter {text!r} became {texts[text]} tickets")

        report.updates_recorded = db.execute(
            "SELECT count(*) FROM inbox WHERE processed_at IS NOT NULL"
        ).fetchone()[0]
        if report.updates_recorded != posted.count:
            problems.append(f"{report.updates_recorded} updates processed, {posted.count} posted")
        (set_aside,) = db.execute(
            "SELECT count(*) FROM inbox WHERE failed_at IS NOT NULL"
        ).fetchone()
        if set_aside:
            problems.append(f"{set_aside} updates set aside")

        _check_histories(db, problems)

        rows = db.execute(
            "SELECT kind, chat_id, message_id, sent_at, failed_at FROM outbox"
        ).fetchall()
        report.notifications = len(rows)
        report.undelivered = sum(1 for row in rows if row[3] is None)
        if report.undelivered:
            problems.append(f"{report.undelivered} notifications never delivered")
        seen = {(m.chat_id, m.message_id) for m in emu.sent_messages()}
        for kind, chat_id, message_id, sent_at, _failed in rows:
            if kind in SENDING_KINDS and sent_at is not None and (chat_id, message_id) not in seen:
                problems.append(f"a {kind} marked sent as message {message_id} is not in the chat")
        sending_rows = sum(1 for row in rows if row[0] in SENDING_KINDS)
    finally:
        db.close()

    bot_messages = len(emu.sent_messages())
    report.repeated_sends = max(0, bot_messages - sending_rows)
    # A kill can repeat at most the message in flight in each group; a connection dropped after
    # Telegram acted leaves the bot no way to know it was sent.
    report.repeat_allowance = report.kills * groups + report.dropped_after_processing
    if report.repeated_sends > report.repeat_allowance:
        problems.append(
            f"{report.repeated_sends} messages sent twice; crashes and lost answers allow "
            f"{report.repeat_allowance}"
        )


def _check_histories(db: sqlite3.Connection, problems: list[str]) -> None:
    tickets = {
        ticket_id: (number, State(state))
        for ticket_id, number, state in db.execute("SELECT id, number, state FROM tickets")
    }
    histories: dict[int, list[tuple[int, str, str | None, str | None]]] = {}
    for ticket_id, seq, kind, from_state, to_state in db.execute(
        "SELECT ticket_id, seq, kind, from_state, to_state FROM ticket_events "
        "ORDER BY ticket_id, seq"
    ):
        histories.setdefault(ticket_id, []).append((seq, kind, from_state, to_state))
    notes = {note.value for note in Note}
    for ticket_id, (number, state) in tickets.items():
        events = histories.get(ticket_id, [])
        if [seq for seq, *_ in events] != list(range(len(events))):
            problems.append(f"#{number}: event numbers {[seq for seq, *_ in events]}")
        if not events or events[0][1] != Action.REPORT.value:
            problems.append(f"#{number}: does not begin with its report")
            continue
        current = State(events[0][3])
        for _seq, kind, from_state, to_state in events[1:]:
            if kind in notes:
                continue
            if from_state != current.value:
                problems.append(f"#{number}: {kind} from {from_state} while it was {current}")
            try:
                expected = next_state(State(from_state), Action(kind), number=number)
            except (IllegalTransition, ValueError) as error:
                problems.append(f"#{number}: impossible step {kind} from {from_state}: {error}")
                continue
            if to_state != expected.value:
                problems.append(f"#{number}: {kind} from {from_state} went to {to_state}")
            current = State(to_state)
        if current != state:
            problems.append(f"#{number}: history ends {current}, the ticket says {state}")


def describe(report: DrillReport) -> str:
    return (
        f"{report.messages} messages ({report.reports} reports), {report.kills} kills, "
        f"{report.faults_injected} Bot API faults ({report.dropped_after_processing} answers "
        f"lost after Telegram acted): {report.tickets} tickets, {report.updates_recorded} "
        f"updates recorded once, {report.notifications} notifications, {report.undelivered} "
        f"undelivered, {report.repeated_sends} repeated (allowed {report.repeat_allowance}); "
        f"all handled after {report.handled_seconds:.1f} s, delivered after "
        f"{report.delivered_seconds:.1f} s; "
        + ("sound" if report.sound else f"{len(report.problems)} problems")
    )


def _check_log(log: Path, problems: list[str]) -> None:
    """Faults the bot must expect are warnings; an error or a traceback means it was surprised."""
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if '"level": "error"' in line or '"level": "critical"' in line or "Traceback" in line:
            problems.append(f"the log says: {line[:300]}")
