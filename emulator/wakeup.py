"""One wake-up call for everything that waits on the emulator's state.

Long polls, `wait_for_message` and friends each re-check their own condition whenever anything
changes. A plain list of futures (rather than asyncio.Condition) lets synchronous code notify
without taking a lock, and nothing ever polls on a timer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Signal:
    def __init__(self) -> None:
        self._waiters: set[asyncio.Future[None]] = set()

    def notify(self) -> None:
        waiters, self._waiters = self._waiters, set()
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait_for(
        self,
        check: Callable[[], T],
        timeout: float | None,  # noqa: ASYNC109  (long polls need their own deadline)
    ) -> T:
        """Return the first truthy `check()`; raise TimeoutError when `timeout` runs out."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout is None else loop.time() + timeout
        while True:
            result = check()
            if result:
                return result
            remaining = None if deadline is None else deadline - loop.time()
            if remaining is not None and remaining <= 0:
                raise TimeoutError
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                # One last look: the change may have landed just as the time ran out.
                result = check()
                if result:
                    return result
                raise
            finally:
                self._waiters.discard(waiter)
