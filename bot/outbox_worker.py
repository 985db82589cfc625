"""The outbox sender: the only code that sends messages, and only in the leader.

It queues the due rows oldest first, one queue per chat, and runs a worker per chat with work:
each chat's messages go out paced to Telegram's limits (the chat's own, waited out by its
worker; the overall rate, handed out in turns), its lanes taking turns (bot/group_queue.py: the
clock's, each reporter's, the rest), each lane in order, so one member's flood does not hold up
the others' cards or the reminders. What happens to each row is `Delivery`'s.
Rows that another sender claimed are left alone; the claims of a sender known to be gone (its
process died on this host, or it has been silent for `CLAIM_TIMEOUT`) are given back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from functools import partial

from bot.database import Database
from bot.delivery import Delivery, Retry
from bot.group_queue import GroupQueue
from bot.pacing import Pacer
from bot.send_turns import SendTurns
from scheduler.leadership import died_on_this_host
from storage.availability import log_failure
from tickets.clock import Clock
from tickets.notices import NoticeKind

log = logging.getLogger("streetdesk.sender")

IDLE_POLL_SECONDS = 1.0  # look at the outbox this often without a wake-up (other processes)
BATCH = 500
# With a second or more of sending queued, a new row loses nothing by waiting a moment: wake-ups
# are then gathered into one load this often (each load reads every queued row).
BUSY_BACKLOG = 30
BUSY_LOAD_EVERY = 0.1
# A claim older than this whose holder still runs (on another host, or paused) is taken to be
# lost. Long enough for any call to have been answered; a holder paused longer than this may
# send a row that another sender then sends too.
CLAIM_TIMEOUT = timedelta(minutes=10)
CLAIMS_CHECKED_EVERY = timedelta(seconds=30)
_NOT_NEW = frozenset({NoticeKind.CARD_UPDATE.value, NoticeKind.BUTTON_ANSWER.value})


class OutboxWorker:
    def __init__(
        self,
        *,
        database: Database,
        delivery: Delivery,
        clock: Clock,
        pacer: Pacer,
        holder: str,
        may_send: Callable[[], bool] = lambda: True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`may_send()`: whether this process leads (only the leader sends); `sleep` waits out
        the pacing (a test passes one that needs no real time)."""
        self._database = database
        self._delivery = delivery
        self._clock = clock
        self._pacer = pacer
        self._turns = SendTurns(pacer, sleep)
        self._sleep = sleep
        self._holder = holder
        self._may_send = may_send
        self._wake = asyncio.Event()
        self._queues: dict[int, GroupQueue] = {}
        self._known: set[int] = set()
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._idle = asyncio.Event()
        self._idle.set()
        self._stopping = False
        self._claims_checked: datetime | None = None

    def wake(self) -> None:
        """Something was written to the outbox: look now rather than at the next poll."""
        self._wake.set()

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Take no new rows; let each chat finish the message it is sending, so a polite stop
        never sends a message twice (only a crash can)."""
        self._stopping = True
        self._turns.close()
        self._wake.set()
        workers = list(self._workers.values())
        if workers:
            _, late = await asyncio.wait(workers, timeout=timeout)
            for task in late:  # stuck (e.g. Telegram unreachable): a restart will resend
                task.cancel()

    async def run(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            while not self._stopping:
                self._wake.clear()
                loaded_at = loop.time()
                try:
                    if self._may_send():
                        await self.load_due()
                except Exception as error:  # the database was busy or away: try at the next poll
                    log_failure(log, "outbox_load_failed", error)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), IDLE_POLL_SECONDS)
                if len(self._known) >= BUSY_BACKLOG and not self._stopping:
                    await self._sleep(max(0.0, loaded_at + BUSY_LOAD_EVERY - loop.time()))
        except asyncio.CancelledError:
            # Cancelled from outside without stop(): the workers go too (their rows stay unsent).
            self._stopping = True
            self._turns.close()
            for task in list(self._workers.values()):
                task.cancel()
            raise

    async def load_due(self) -> int:
        """Queue the rows that are due and not yet queued; start a worker per chat with work."""
        self._pacer.forget_idle()
        await self._give_back_lost_claims()
        async with self._database.unit_of_work() as uow:
            rows = await uow.outbox.queued(self._clock.now(), BATCH, self._holder)
        added = 0
        for row in rows:
            if row.id in self._known:
                continue
            self._known.add(row.id)
            self._queues.setdefault(row.chat_id, GroupQueue()).add(row.id, row.kind, row.person)
            added += 1
            if row.chat_id not in self._workers:
                self._idle.clear()
                self._workers[row.chat_id] = asyncio.create_task(
                    self._work(row.chat_id), name=f"sender-{row.chat_id}"
                )
        return added

    async def wait_idle(self) -> None:
        """Until every queued row is delivered or given up (for the CLI, the demo, tests)."""
        await self._idle.wait()

    async def until_waiting_for_turns(self, count: int) -> None:
        """Until `count` groups have a message ready and wait for a place in the overall rate."""
        await self._turns.until_waiting(count)

    async def _give_back_lost_claims(self) -> None:
        now = self._clock.now()
        if self._claims_checked is not None and now - self._claims_checked < CLAIMS_CHECKED_EVERY:
            return
        self._claims_checked = now
        async with self._database.unit_of_work() as uow:
            for holder, since in await uow.outbox.claimants():
                if holder == self._holder:
                    continue
                if died_on_this_host(holder) or since < now - CLAIM_TIMEOUT:
                    released = await uow.outbox.release_claims_of(holder)
                    log.warning(
                        "outbox_claims_released", extra={"holder": holder, "rows": released}
                    )
            await uow.commit()

    async def _work(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        try:
            while queue and not self._stopping and self._may_send():
                row_id = queue.next()
                new = queue.kind(row_id) not in _NOT_NEW
                # The group's own limits; the overall rate is waited for in turn.
                delay = self._pacer.chat_wait(chat_id, new_message=new)
                if delay > 0:
                    await self._sleep(delay)  # pacing to Telegram's limits, not waiting on work
                    continue  # and look again: a reminder may have come meanwhile
                result = await self._delivery.deliver(
                    row_id,
                    partial(self._take_slot, queue),
                    self._give_slot_back,
                    self._slot_used,
                )
                if isinstance(result, Retry):
                    self._pacer.pause(chat_id, result.after)
                    continue
                queue.done(row_id)
                self._known.discard(row_id)
        finally:
            self._workers.pop(chat_id, None)
            if queue and (self._stopping or not self._may_send()):
                # Left for the next start, or for whoever leads now: forgotten here.
                for row_id in queue.clear():
                    self._known.discard(row_id)
            if not queue:
                self._queues.pop(chat_id, None)
            if not self._workers:
                self._idle.set()

    async def _take_slot(self, queue: GroupQueue, chat_id: int, new_message: bool) -> bool:
        """This group's turn in the overall rate (SendTurns: the group with most left first),
        counted as a call in flight from now. False when stopping."""
        return await self._turns.take(chat_id, new_message=new_message, left=partial(len, queue))

    def _give_slot_back(self, chat_id: int, new_message: bool) -> None:
        self._pacer.cancel(chat_id, new_message=new_message)

    def _slot_used(self, chat_id: int, new_message: bool) -> None:
        self._pacer.finish(chat_id, new_message=new_message)
