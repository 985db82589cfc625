"""Turns in the overall rate: handed out by the messages a group has left, then by asking order.

Time is a fake monotonic clock that the fake sleep moves on, only when the test lets it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest

from bot.pacing import Limits, Pacer
from bot.send_turns import SendTurns


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0
        self.moving = asyncio.Event()  # a sleep ends (moving the clock) only once this is set

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(0)  # others run while a real sleep waits, before the time is up
        await self.moving.wait()
        self.now += seconds


@pytest.fixture
def time() -> FakeTime:
    return FakeTime()


def one_a_second(time: FakeTime) -> tuple[Pacer, SendTurns]:
    pacer = Pacer(Limits(per_chat_interval=0.0, global_per_second=1), time)
    return pacer, SendTurns(pacer, time.sleep)


async def take_and_answer(
    pacer: Pacer, turns: SendTurns, chat: int, left: int | list[int], order: list[int]
) -> bool:
    """`left` as a list: its length, read when the turn is handed out."""
    count = left.__len__ if isinstance(left, list) else lambda: left
    if not await turns.take(chat, new_message=True, left=count):
        return False
    order.append(chat)
    pacer.finish(chat)  # answered at once
    return True


async def second_full_and_one_waiting(
    time: FakeTime, left: Callable[[], int]
) -> tuple[Pacer, SendTurns, list[int], asyncio.Task[bool]]:
    """Chat 1 has taken the second's one place (answered); chat 2 waits for the next."""
    pacer, turns = one_a_second(time)
    order: list[int] = []
    await take_and_answer(pacer, turns, 1, 1, order)
    waiting = asyncio.create_task(turns.take(2, new_message=True, left=left))
    await asyncio.wait_for(turns.until_waiting(1), timeout=10)
    return pacer, turns, order, waiting


async def test_a_free_rate_is_taken_at_once(time: FakeTime) -> None:
    pacer, turns = one_a_second(time)
    assert await asyncio.wait_for(turns.take(1, new_message=True, left=lambda: 1), timeout=10)
    assert pacer.global_wait() > 0  # the call counts as in flight
    assert turns.waiting == 0


async def test_more_left_goes_first_and_equals_in_asking_order(time: FakeTime) -> None:
    pacer, turns = one_a_second(time)
    order: list[int] = []
    await take_and_answer(pacer, turns, 1, 1, order)  # fills the second
    asked = []
    for chat, left in ((2, 1), (3, 1), (4, 5), (5, 2)):
        asked.append(asyncio.create_task(take_and_answer(pacer, turns, chat, left, order)))
        await asyncio.wait_for(turns.until_waiting(len(asked)), timeout=10)
    time.moving.set()
    await asyncio.wait_for(asyncio.gather(*asked), timeout=10)
    assert order == [1, 4, 5, 2, 3]
    assert time.now == pytest.approx(1004.0, abs=0.1)  # one a second, none before its second


async def test_messages_that_arrive_while_a_group_waits_count_for_its_turn(
    time: FakeTime,
) -> None:
    # A burst's rows are loaded a few at a time: a group that asked with one message may have
    # three by the time a place is free.
    pacer, turns = one_a_second(time)
    order: list[int] = []
    await take_and_answer(pacer, turns, 1, 1, order)
    queue_of_2 = [0]
    asked = [asyncio.create_task(take_and_answer(pacer, turns, 2, queue_of_2, order))]
    await asyncio.wait_for(turns.until_waiting(1), timeout=10)
    asked.append(asyncio.create_task(take_and_answer(pacer, turns, 3, 2, order)))
    await asyncio.wait_for(turns.until_waiting(2), timeout=10)
    queue_of_2 += [1, 2]
    time.moving.set()
    await asyncio.wait_for(asyncio.gather(*asked), timeout=10)
    assert order == [1, 2, 3]


async def test_closing_tells_everyone_waiting_no(time: FakeTime) -> None:
    _, turns, _, waiting = await second_full_and_one_waiting(time, lambda: 1)
    turns.close()
    assert await asyncio.wait_for(waiting, timeout=10) is False
    assert await turns.take(3, new_message=True, left=lambda: 1) is False


async def test_a_worker_cancelled_while_waiting_leaves_no_call_in_flight(time: FakeTime) -> None:
    pacer, turns, order, gone = await second_full_and_one_waiting(time, lambda: 9)
    gone.cancel()
    later = asyncio.create_task(take_and_answer(pacer, turns, 3, 1, order))
    time.moving.set()
    assert await asyncio.wait_for(later, timeout=10)
    assert order == [1, 3]
    time.now += 1.0  # the second after 3's answer: nothing else counts against it
    assert pacer.global_wait() == 0


async def test_a_fault_in_handing_out_reaches_every_worker_waiting(time: FakeTime) -> None:
    def broken() -> int:
        raise ZeroDivisionError("a bug in counting what is left")

    _, _, _, waiting = await second_full_and_one_waiting(time, broken)
    time.moving.set()
    with pytest.raises(ZeroDivisionError):
        await asyncio.wait_for(waiting, timeout=10)
