"""`streetdesk demo`: a morning in a liaison group, played against the real bot.

The bundled emulator stands in for Telegram; the bot runs as its own process (`streetdesk run`)
on a temporary SQLite database, exactly as it would in a street office. The script posts what
shopkeepers and liaisons write, waits for the bot's answers, and prints the conversation.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from emulator import Emulator
from emulator.bot_process import DEMO_BOT_USERNAME, DEMO_TOKEN, BotProcess, emulator_config
from emulator.chats import ChatMessage
from emulator.demo_web import free_port, keep_the_desk_open, with_web

CHAT = -1001000000001  # 胜利路 in config.example.toml
ZONE = ZoneInfo("Asia/Shanghai")
WAIT = 20.0
TOKEN_VARIABLE = "STREETDESK_TELEGRAM__TOKEN"


@dataclass(frozen=True)
class Person:
    user_id: int
    first_name: str
    last_name: str | None
    username: str | None
    role: str


# Names as Chinese people write them in Telegram: the whole name in the first name, no last
# name (Telegram would put a space between the two: "王 老板").
PEOPLE = [
    Person(42, "王老板", None, "wang_yanjiu", "烟酒店"),
    Person(43, "李阿姨", None, None, "水果店"),
    Person(5001, "小李（路灯所）", None, "lamp_li", "路灯管理所联络员"),
    Person(5003, "小张（环卫所）", None, None, "环卫所联络员"),
    Person(5004, "小赵（交警）", None, "jiaojing_zhao", "交警大队联络员"),
    Person(5104, "刘大队长", None, "liu_captain", "交警大队负责人"),
    Person(9001, "张街长", None, "chief_zhang", "街长"),
]
NAMES = {p.user_id: p.first_name + (f" {p.last_name}" if p.last_name else "") for p in PEOPLE}
WANG, LI, LAMP, CLEAN, TRAFFIC, CAPTAIN, CHIEF = (p.user_id for p in PEOPLE)

PARKING_ACK = 'ack = "30m"                         # time to acknowledge\nresolve = "4h"'
# The morning is short, so the clocks are too: illegal parking must be acknowledged within 5
# seconds, the head is called 3 seconds after a missed deadline and the chief 6 seconds after.
FAST_CLOCKS = {
    # illegal parking: the only category with a 30-minute ack and a 4-hour resolve
    PARKING_ACK: PARKING_ACK.replace('"30m"', '"5s" '),
    'after = ["1h", "3h"]': 'after = ["3s", "6s"]',
    'sweep_every = "60s"': 'sweep_every = "1s"',
}


def _without_scheduled_digests(text: str) -> str:
    """The scripted morning shows what people write and what the bot answers; a digest of
    yesterday, published because the demo started after 08:30, would break into it. The digest
    is printed at the end instead, as `streetdesk digest` shows it."""
    section = text.index("[digest]")
    switch = text.index("enabled = true", section)
    return text[:switch] + "enabled = false" + text[switch + len("enabled = true") :]


def _with_traffic_police(text: str) -> str:
    """Give the traffic police of the example config a liaison and a head for the demo."""
    anchor = text.index('key = "traffic_police"')
    block_end = text.index("[[departments]]", anchor)
    block = text[anchor:block_end]
    block = block.replace("head_ids = []", f"head_ids = [{CAPTAIN}]", 1)
    block = block.replace("liaison_ids = []", f"liaison_ids = [{TRAFFIC}]", 1)
    return text[:anchor] + block + text[block_end:]


class Transcript:
    """Prints the group as a person would read it, including edits of the ticket cards."""

    def __init__(self, emulator: Emulator, out: TextIO) -> None:
        self.emu = emulator
        self.out = out
        self.shown: dict[int, int] = {}  # message id -> how many revisions were printed

    def line(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def _stamp(self, message: ChatMessage) -> str:
        return datetime.fromtimestamp(message.date, ZONE).strftime("%H:%M")

    def user_said(self, message: ChatMessage) -> None:
        who = NAMES.get(message.sender_id or 0, str(message.sender_id))
        photo = " [图片]" if message.photo else ""
        reply = f" ↩ 回复 {message.reply_to}" if message.reply_to else ""
        self.line(f"[{self._stamp(message)}] {who}{reply}: {message.body}{photo}")
        self.shown[message.message_id] = 0

    def flush_bot(self) -> None:
        """Print what the bot sent or edited since the last call."""
        for message in self.emu.sent_messages(CHAT):
            revisions = len(message.history)
            if message.message_id not in self.shown:
                self._bot_message(message, edited=False)
            elif self.shown[message.message_id] < revisions:
                self._bot_message(message, edited=True)
            self.shown[message.message_id] = revisions

    def _bot_message(self, message: ChatMessage, *, edited: bool) -> None:
        head = "✏️ 卡片更新" if edited else "🤖 StreetDesk"
        reply = f" ↩ 回复 {message.reply_to}" if message.reply_to and not edited else ""
        self.line(f"[{self._stamp(message)}] {head}{reply} (消息 {message.message_id}):")
        for text_line in message.body.splitlines():
            self.line(f"    {text_line}")
        buttons = [
            b["text"]
            for row in (message.reply_markup or {}).get("inline_keyboard", [])
            for b in row
        ]
        if buttons:
            self.line("    " + "  ".join(f"[{b}]" for b in buttons))


async def play(
    out: TextIO = sys.stdout,
    keep: Path | None = None,
    web: bool = False,
    stop: asyncio.Event | None = None,
) -> int:
    """Play the morning; the config, database and bot log stay in `keep` when given, else in a
    temporary folder removed at the end. With `web`, the emulator, the bot and its web desk keep
    running after the morning, and a one-time sign-in link is printed, until `stop` is set
    (by default: SIGINT or SIGTERM)."""
    if keep is not None:
        await asyncio.to_thread(keep.mkdir, parents=True, exist_ok=True)
        return await _play(out, keep, kept=True, web=web, stop=stop)
    with tempfile.TemporaryDirectory(prefix="streetdesk-demo-") as folder:
        return await _play(out, Path(folder), kept=False, web=web, stop=stop)


async def _play(
    out: TextIO, workdir: Path, *, kept: bool, web: bool, stop: asyncio.Event | None
) -> int:
    async with Emulator(host="127.0.0.1", port=0) as emu:
        emu.add_bot(DEMO_TOKEN, username=DEMO_BOT_USERNAME, can_read_all_group_messages=True)
        await emu.create_group("胜利路商户联络群", chat_id=CHAT)
        for person in PEOPLE:
            await emu.add_user(person.first_name, person.last_name, person.username, person.user_id)
        await emu.add_member(CHAT, CHIEF, status="administrator")
        database = workdir / "streetdesk.sqlite3"
        config = workdir / "streetdesk.toml"
        text = emulator_config(api_base=emu.base_url, database=database, replacements=FAST_CLOCKS)
        text = _without_scheduled_digests(_with_traffic_police(text))
        port = free_port() if web else 0
        config.write_text(with_web(text, port) if web else text, "utf-8")
        bot = BotProcess(config, DEMO_TOKEN, workdir / "bot.log")
        t = Transcript(emu, out)
        t.line("StreetDesk demo: 胜利路商户联络群, a Telegram emulator and the real bot process")
        if kept:
            t.line(f"(config, database and the bot's log kept in {workdir})")
        else:
            t.line("(in a temporary folder, removed at the end; --keep DIR keeps them)")
        t.line("Cast: " + ", ".join(f"{NAMES[p.user_id]} ({p.role})" for p in PEOPLE))
        t.line("")
        await bot.start(emu)
        try:
            await _morning(emu, t)
            if web:
                # The office's own way to a link: `streetdesk web --link`, signed with the token.
                link = await _cli(
                    "web", "--config", str(config), "--link", str(CHIEF), token=DEMO_TOKEN
                )
                await keep_the_desk_open(t.line, config, port, stop, link, CHIEF, NAMES[CHIEF])
        finally:
            await bot.stop()
        t.line("")
        t.line("Today's digest, as the street chief gets it tomorrow at 08:30 (streetdesk digest):")
        today = datetime.now(ZONE).date().isoformat()  # noqa: TID251 - the demo's own day
        t.line(await _cli("digest", "--config", str(config), "--date", today))
        t.line("")
        t.line("The ledger (streetdesk tickets):")
        t.line(await _cli("tickets", "--config", str(config)))
    return 0


async def _say(
    emu: Emulator,
    t: Transcript,
    user: int,
    text: str | None = None,
    *,
    photo: bool = False,
    reply_to: int | None = None,
    expect: Callable[[ChatMessage], bool] | None = None,
    narration: str = "",
) -> ChatMessage | None:
    if narration:
        t.line(f"— {narration}")
    mark = emu.mark()
    if photo:
        message = await emu.post_message(CHAT, user, photo=True, caption=text, reply_to=reply_to)
    else:
        message = await emu.post_message(CHAT, user, text, reply_to=reply_to)
    t.user_said(emu.chat_log(CHAT)[-1] if not message else _logged(emu, message.message_id))
    found = None
    if expect is not None:
        found = await emu.wait_for_message(expect, chat_id=CHAT, since=mark, timeout=WAIT)
    else:  # nothing is expected: wait until the bot has taken the update, then show silence
        await emu.wait_until(lambda: not emu.pending_updates(), timeout=WAIT)
    await _settle(emu)
    t.flush_bot()
    t.line("")
    return found


def _logged(emu: Emulator, message_id: int) -> ChatMessage:
    return next(m for m in emu.chat_log(CHAT) if m.message_id == message_id)


async def _settle(emu: Emulator) -> None:
    """Let the follow-ups of one step (an edit after a reply) arrive before printing it."""
    while True:
        seen = len(emu.calls())
        try:
            await emu.wait_until(lambda seen=seen: len(emu.calls()) > seen, timeout=0.4)
        except TimeoutError:
            return


async def _morning(emu: Emulator, t: Transcript) -> None:
    def card(number: int) -> Callable[[ChatMessage], bool]:
        return lambda m: f"#{number} ·" in m.body

    light = await _say(
        emu,
        t,
        WANG,
        "南纬路口路灯坏了，晚上黑漆漆的",
        photo=True,
        expect=card(1),
        narration="a shopkeeper reports a broken light, with a photo",
    )
    garbage = await _say(
        emu,
        t,
        LI,
        "超市后门堆了很多纸箱和垃圾",
        expect=card(2),
        narration="a garbage report from the fruit stall",
    )
    await _say(emu, t, WANG, "各位老板早上好，今天天气不错", narration="chatter: no ticket")
    await _say(
        emu,
        t,
        LI,
        "南纬路口的路灯确实不亮",
        expect=lambda m: "已在处理中" in m.body,
        narration="the same light, reported again",
    )
    assert light is not None and garbage is not None
    await _say(
        emu,
        t,
        LAMP,
        "收到，马上安排",
        reply_to=light.message_id,
        expect=lambda m: "已签收" in m.body,
        narration="the lighting liaison answers the card",
    )
    await _say(
        emu,
        t,
        LAMP,
        "已修好，换了新灯泡",
        photo=True,
        reply_to=light.message_id,
        expect=lambda m: "是否修好" in m.body,
        narration="fixed, with an after-photo; the reporter is asked to confirm",
    )
    await _say(
        emu,
        t,
        WANG,
        "好了谢谢",
        reply_to=light.message_id,
        expect=lambda m: "结案" in m.body,
        narration="the reporter confirms",
    )
    await _say(
        emu,
        t,
        CLEAN,
        "已清理",
        reply_to=garbage.message_id,
        expect=lambda m: "是否修好" in m.body,
        narration="sanitation says the garbage is cleared",
    )
    await _say(
        emu,
        t,
        LI,
        "又堆起来了，根本没清干净",
        reply_to=garbage.message_id,
        expect=lambda m: "返工" in m.body,
        narration="it is not: rework",
    )
    await _say(
        emu,
        t,
        CHIEF,
        "/status",
        expect=lambda m: "未结工单" in m.body,
        narration="the street chief asks what is still open",
    )
    await _say(
        emu,
        t,
        WANG,
        "一辆黑色SUV停在人行道上好几天了",
        expect=card(3),
        narration="a car on the pavement; nobody from the traffic police answers",
    )
    t.line("— the clock runs: a reminder, then the head, then the street chief")
    for sign in ("已超过签收时限", "负责人督办", "请街长督办"):
        await emu.wait_for_message(lambda m, sign=sign: sign in m.body, chat_id=CHAT, timeout=WAIT)
        await _settle(emu)
        t.flush_bot()
    t.line("")
    await _say(
        emu,
        t,
        TRAFFIC,
        "收到，马上联系车主挪车",
        expect=lambda m: "#3 小赵" in m.body,
        narration="the traffic police answer at last",
    )
    await _say(
        emu,
        t,
        CHIEF,
        "/stats today",
        expect=lambda m: "今日考核" in m.body,
        narration="the street chief looks at today's figures (综合评价)",
    )
    await _say(
        emu,
        t,
        CHIEF,
        "/rank today",
        expect=lambda m: "部门排名" in m.body,
        narration="and at the departments ranked",
    )


async def _cli(*args: str, token: str | None = None) -> str:
    """Another streetdesk command, as someone at the street office would run it (with the
    token in the environment, as a deployment gives it, when the command needs it)."""
    env = None if token is None else {**os.environ, TOKEN_VARIABLE: token}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    stdout, stderr = await process.communicate()
    return (stdout or stderr).decode().rstrip()
