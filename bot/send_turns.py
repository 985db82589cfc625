"""Whose message goes next when the overall rate (thirty a second) is what everybody waits for.

Each group's worker waits out its own group's limits, then asks here for a place in the overall
rate. Left to themselves, workers that wait on the same freed slot win it in whatever order their
sleeps end, and a burst then ends with a few groups that lost round after round still holding two
or three messages, each a second apart: the burst takes seconds longer than the limits require.
So the slots are handed out in one place, to the group with most messages left first (its
chain of one-a-second messages is the longest), then to whoever asked first.

A slot is counted as a call in flight (`Pacer.start`) the moment it is handed out; a worker that
then has nothing to send gives it back with `Pacer.cancel`.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.pacing import Pacer


@dataclass(slots=True)
class _Asking:
    order: int  # of asking
    left: Callable[[], int]  # messages the group has waiting: more may come while it waits
    chat_id: int
    new_message: bool
    answer: asyncio.Future[bool]

    def rank(self) -> tuple[int, int]:
        """Smallest goes first."""
        return (-self.left(), self.order)


class SendTurns:
    def __init__(self, pacer: Pacer, sleep: Callable[[float], Awaitable[None]]) -> None:
        """`sleep` waits for the overall rate (a test passes one that needs no real time)."""
        self._pacer = pacer
        self._sleep = sleep
        self._asking: list[_Asking] = []
        self._order = itertools.count()
        self._handing_out: asyncio.Task[None] | None = None
        self._closed = False
        self._asked = asyncio.Event()  # someone new waits: for `until_waiting`

    async def take(self, chat_id: int, *, new_message: bool, left: Callable[[], int]) -> bool:
        """Wait for a place in the overall rate and count the call as started (`Pacer.start`).

        `left` says how many messages the group has waiting, this one included, at the moment a
        place is handed out (a burst's rows are still being loaded when the first ask). False
        once `close` was called: the call must not be made.
        """
        if self._closed:
            return False
        if not self._asking and self._pacer.global_wait() == 0:
            self._pacer.start(chat_id, new_message=new_message)
            return True
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._asking.append(_Asking(next(self._order), left, chat_id, new_message, answer))
        self._asked.set()
        if self._handing_out is None or self._handing_out.done():
            self._handing_out = asyncio.create_task(self._hand_out(), name="send-turns")
        try:
            return await answer
        except asyncio.CancelledError:
            # Cancelled after the slot was handed over but before the worker ran: give it back.
            if (
                answer.done()
                and not answer.cancelled()
                and answer.exception() is None
                and answer.result()
            ):
                self._pacer.cancel(chat_id, new_message=new_message)
            raise

    @property
    def waiting(self) -> int:
        """How many workers wait for their turn."""
        return sum(1 for asking in self._asking if not asking.answer.done())

    async def until_waiting(self, count: int) -> None:
        """Until `count` workers wait for their turn (tests watch the queue fill)."""
        while self.waiting < count:
            self._asked.clear()
            await self._asked.wait()

    def close(self) -> None:
        """Hand out nothing more: everyone waiting is told no (the sender is stopping)."""
        self._closed = True
        if self._handing_out is not None:
            self._handing_out.cancel()
        for asking in self._asking:
            if not asking.answer.done():
                asking.answer.set_result(False)
        self._asking.clear()

    async def _hand_out(self) -> None:
        try:
            await self._hand_out_while_asked()
        except Exception as error:  # our bug: every worker waiting hears of it, none hangs
            for asking in self._asking:
                if not asking.answer.done():
                    asking.answer.set_exception(error)
            self._asking.clear()

    async def _hand_out_while_asked(self) -> None:
        while self._asking:
            # Workers cancelled while waiting leave; the few left are ranked afresh each time
            # (at most one per group, so a scan is cheap), as their groups' queues change.
            self._asking = [asking for asking in self._asking if not asking.answer.done()]
            if not self._asking:
                return
            wait = self._pacer.global_wait()
            if wait > 0:
                await self._sleep(wait)  # pacing to Telegram's limits, not waiting on work
                continue
            first = min(self._asking, key=_Asking.rank)
            self._asking.remove(first)
            self._pacer.start(first.chat_id, new_message=first.new_message)
            first.answer.set_result(True)
