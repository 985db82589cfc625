"""A flood in a group's queue: the sender gives a reminder and another member's card their turn
instead of sending them after the whole flood. A fake Telegram on a fake clock paced to the real
limits (one a second, twenty a minute in a group), a real database."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.methods import GetChatMember, SendMessage

from bot.database import Database
from bot.group_queue import STREAK, GroupQueue
from bot.pacing import Limits
from bot.settings import Settings
from tests.bot.test_sender import make_sender
from tests.clerk import Clerk
from tickets.clock import FakeClock
from tickets.notices import Notice, NoticeKind
from tickets.permissions import Actor

ROAD_CHAT = -1001000000001  # 胜利路's group in the example config
FLOODER, GENUINE = Actor(42, "王老板"), Actor(43, "李老板")
FLOOD = 120


async def report(service: Clerk, who: Actor, house: int) -> int:
    reported = await service.report(
        road="胜利路",
        category="streetlight",
        text=f"胜利路{house}号路灯不亮",
        location=f"胜利路{house}号",
        reporter=who,
        chat_id=ROAD_CHAT,
    )  # its card is queued with it (the sender's test: no intake limit in the way)
    return reported.ticket.number


async def test_a_flood_does_not_hold_up_a_reminder_or_another_members_card(
    database: Database, settings: Settings, clock: FakeClock, service: Clerk
) -> None:
    sender, telegram, _, _ = await make_sender(database, settings, clock, Limits())
    telegram.answering.set()

    async def nobody_known(method: GetChatMember) -> Any:
        raise TelegramBadRequest(method, "Bad Request: user not found")

    telegram.on_lookup = nobody_known
    for house in range(1, FLOOD + 1):
        await report(service, FLOODER, house)
    genuine = await report(service, GENUINE, 500)
    async with database.unit_of_work() as uow:  # the sweep finds #1 overdue: its reminder
        await uow.outbox.add(
            Notice(NoticeKind.REMINDER, ROAD_CHAT, None, 1, data={"deadline": "ack"})
        )
        await uow.commit()

    await sender.load_due()
    await asyncio.wait_for(sender.wait_idle(), timeout=60)
    sent = [method.text for _, method in telegram.calls if isinstance(method, SendMessage)]
    assert len(sent) == FLOOD + 2  # everything goes, in the end
    cards = [int(m.group(1)) for text in sent if (m := re.search(r"工单 #(\d+)</b>", text))]
    [reminder_at] = [i for i, text in enumerate(sent) if text.startswith("⏰")]
    genuine_at = next(i for i, text in enumerate(sent) if f"工单 #{genuine}</b>" in text)
    # Each waited for at most a few of the flood's cards, not for all 120 of them.
    assert reminder_at <= 2 * STREAK + 1
    assert genuine_at <= 2 * STREAK + 2
    assert cards[-1] == FLOOD  # the flood's tail went last
    assert cards[:STREAK] == [1, 2, 3]  # and its head first: the group hears it in order


def test_without_a_flood_a_group_hears_everything_in_the_order_it_was_said() -> None:
    queue = GroupQueue()
    kinds = ["card", "moved", "reminder", "card", "say", "already_open"]
    people = [42, None, None, 43, None, 42]
    for row_id, (kind, person) in enumerate(zip(kinds, people, strict=True)):
        queue.add(row_id, kind, person)
    order = []
    while len(queue):
        order.append(queue.next())
        queue.done(order[-1])
    assert order == [0, 1, 2, 3, 4, 5]


def test_a_lane_that_had_its_streak_lets_the_waiting_lanes_go_the_clock_first() -> None:
    queue = GroupQueue()
    for row_id in range(10):
        queue.add(row_id, "card", 42)
    queue.add(10, "card", 43)
    queue.add(11, "reminder", None)
    order = []
    while len(queue):
        order.append(queue.next())
        queue.done(order[-1])
    flood_head, then = list(range(STREAK)), list(range(STREAK, 2 * STREAK))
    assert order[: 2 * STREAK + 2] == [*flood_head, 11, *then, 10]
    assert order[-1] == 9
