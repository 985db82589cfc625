"""The processor: the one owner of an update's transaction.

It takes the stored updates in the order they arrived and feeds each to aiogram's dispatcher (its
public `feed_update`) with a desk built on the transaction it opened; the handlers call the desk
and never commit. The waiting updates (up to BATCH) share one transaction: the moves, the updates
marked processed and the notices are committed together, or none is. If one of them fails, the
batch is done again one update at a time; an update whose handler fails for a reason of its own
is set aside (logged with its traceback, kept with why) and its chat moves on. When the database
is away, nothing is marked and the batch is tried again after a pause.

With several processes on one database, a chat is processed by one of them at a time: it claims
the chat (a lease row) before taking its updates, so their order holds. A process that has
had nothing to do for a while lets its chats go, so one that freezes while idle holds up none.

The common round is one transaction: the inbox read, the updates processed, the commit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiogram import Bot, Dispatcher
from aiogram.types import Update

from bot.database import Database
from reports.web import metrics
from scheduler.leadership import died_on_this_host
from storage.availability import is_retryable, log_failure
from storage.inbox import Stored
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock
from tickets.desk import Desk
from tickets.office import Office

log = logging.getLogger("streetdesk.processor")

# Updates in one transaction: SQLite's one connection is held that long (about 100 ms for fifty).
BATCH = 50
POLL_SECONDS = 1.0  # look for updates stored by other processes this often when idle
CHAT_CLAIM = timedelta(seconds=30)
FIRST_PAUSE, LONGEST_PAUSE = 0.5, 30.0


@dataclass(frozen=True, slots=True)
class _Round:
    processed: int
    more: bool  # more may wait: look again at once


class AlreadyProcessed(Exception):
    """Another process processed the update meanwhile: this one's work on it is rolled back."""


class Processor:
    def __init__(
        self,
        *,
        database: Database,
        dispatcher: Dispatcher,
        bot: Bot,
        office: Office,
        clock: Clock,
        committed: Callable[[], None],
        holder: str,
        look_every: float = POLL_SECONDS,
    ) -> None:
        """`committed()` is called after a commit that queued notices (it wakes the sender)."""
        self._database = database
        self._dispatcher = dispatcher
        self._bot = bot
        self._office = office
        self._clock = clock
        self._committed = committed
        self.holder = holder
        self._look_every = look_every  # when idle: for updates stored by other processes
        self._wake = asyncio.Event()
        self._stopping = False
        self._claims: dict[int | None, datetime] = {}  # chat -> our claim holds until
        self._idle = asyncio.Event()

    def wake(self) -> None:
        """Updates were stored: look now rather than at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def release_claims(self) -> None:
        """Let go of the chats this process claimed, so another takes them at once."""
        chats, self._claims = list(self._claims), {}
        async with self._database.unit_of_work() as uow:
            await uow.leases.release_all([f"chat:{chat_id}" for chat_id in chats], self.holder)
            await uow.commit()

    async def run(self) -> None:
        pause = 0.0
        while not self._stopping:
            self._wake.clear()
            try:
                round_ = await self._round()
            except Exception as error:  # the database is away: try again after a pause
                log_failure(log, "inbox_unavailable", error)
                pause = min(LONGEST_PAUSE, max(FIRST_PAUSE, pause * 2))
                # A new update stored (the database is back, then) ends the pause early.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), pause)
                continue
            pause = 0.0
            if round_.more or self._wake.is_set():
                continue
            # All that waited was taken: wait for the next update to be stored here (a wake)
            # or elsewhere (seen at the next look).
            self._idle.set()
            try:
                await asyncio.wait_for(self._wake.wait(), self._look_every)
            except TimeoutError:
                await self._let_chats_go()
            self._idle.clear()

    async def _let_chats_go(self) -> None:
        """Quiet for a while: let go of the chats, so that a process that freezes while idle
        holds up none of them."""
        if not self._claims:
            return
        try:
            await self.release_claims()
        except Exception as error:  # the claims run out by themselves
            log_failure(log, "chat_claims_not_released", error)
            return
        log.info("chats_let_go", extra={"holder": self.holder})

    async def process_waiting(self) -> int:
        """Process a batch of what waits, in arrival order, skipping chats another process has;
        how many updates were processed."""
        return (await self._round()).processed

    async def _round(self) -> _Round:
        """One look at the inbox. The common case is one transaction: what waits is read, and
        if every chat in it is already claimed by this process, processed in the same one."""
        batch: list[Stored] = []
        try:
            async with self._database.unit_of_work() as uow:
                waiting = await uow.inbox.waiting(limit=BATCH * 4)
                if not waiting:
                    return _Round(0, more=False)
                if self._holds_all(waiting):
                    batch = waiting[:BATCH]
                    noticed = await self._work_on(batch, uow)
        except Exception as error:
            if not batch:
                raise
            return _Round(await self._after_failure(batch, error), more=True)
        if batch:
            if noticed:
                self._committed()
            return _Round(len(batch), more=len(waiting) > len(batch))
        # A chat to claim first (its first update here, or a claim half-way out).
        ours: dict[int | None, bool] = {}
        for stored in waiting:
            if stored.chat_id not in ours:
                ours[stored.chat_id] = await self._claim(stored.chat_id)
            if ours[stored.chat_id]:
                batch.append(stored)
            if len(batch) == BATCH or self._stopping:
                break
        if not batch:
            return _Round(0, more=False)  # all of it is another process's
        return _Round(await self._process(batch), more=True)

    def _holds_all(self, waiting: list[Stored]) -> bool:
        now = self._clock.now()
        for chat_id in {stored.chat_id for stored in waiting[:BATCH]}:
            held_until = self._claims.get(chat_id)
            if held_until is None or now >= held_until - CHAT_CLAIM / 2:
                return False
        return True

    async def _claim(self, chat_id: int | None) -> bool:
        now = self._clock.now()
        held_until = self._claims.get(chat_id)
        if held_until is not None and now < held_until - CHAT_CLAIM / 2:
            return True
        name, until = f"chat:{chat_id}", now + CHAT_CLAIM
        async with self._database.unit_of_work() as uow:
            claimed = await uow.leases.claim(name, self.holder, now, until)
            if not claimed:
                # A process that died on this host cannot let go: no need to wait out its claim.
                current = await uow.leases.holder(name)
                if current is not None and died_on_this_host(current):
                    claimed = await uow.leases.take_over(name, current, self.holder, until)
            await uow.commit()
        if claimed:
            self._claims[chat_id] = now + CHAT_CLAIM
        else:
            self._claims.pop(chat_id, None)
        return claimed

    async def _process(self, batch: list[Stored]) -> int:
        try:
            async with self._database.unit_of_work() as uow:
                noticed = await self._work_on(batch, uow)
        except Exception as error:
            return await self._after_failure(batch, error)
        if noticed:
            self._committed()
        return len(batch)

    async def _work_on(self, batch: list[Stored], uow: SqlUnitOfWork) -> bool:
        """The batch's moves, the updates marked processed and the notices, committed together;
        whether there are notices to send."""
        began = time.perf_counter()
        desk = Desk.open(uow, self._office)
        for stored in batch:
            await self._feed(stored, desk)
        if not await uow.inbox.processed([s.id for s in batch], self._clock.now()):
            raise AlreadyProcessed(batch[0].update_id)
        await uow.commit()
        metrics.processed(len(batch), time.perf_counter() - began)
        return uow.outbox.added > 0

    async def _after_failure(self, batch: list[Stored], error: Exception) -> int:
        if is_retryable(error) and not isinstance(error, AlreadyProcessed):
            raise error
        if len(batch) == 1 and not isinstance(error, AlreadyProcessed):
            await self._set_aside(batch[0], error)
            return 1
        return await self._one_by_one(batch)

    async def _one_by_one(self, waiting: list[Stored]) -> int:
        """A batch failed: each update in its own transaction, so one that fails alone costs
        its neighbours nothing."""
        for stored in waiting:
            try:
                async with self._database.unit_of_work() as uow:
                    await self._feed(stored, Desk.open(uow, self._office))
                    if not await uow.inbox.processed([stored.id], self._clock.now()):
                        continue  # another process did it; leaving rolls this one back
                    await uow.commit()
            except Exception as error:
                if is_retryable(error):
                    raise
                await self._set_aside(stored, error)
                continue
            self._committed()
        return len(waiting)

    async def _feed(self, stored: Stored, desk: Desk) -> None:
        update = Update.model_validate(stored.payload, context={"bot": self._bot})
        await self._dispatcher.feed_update(self._bot, update, desk=desk)

    async def _set_aside(self, stored: Stored, error: BaseException) -> None:
        log.error(
            "update_set_aside",
            exc_info=error,
            extra={"update": stored.update_id, "inbox_row": stored.id},
        )
        async with self._database.unit_of_work() as uow:
            await uow.inbox.set_aside(
                stored.id, self._clock.now(), f"{type(error).__name__}: {error}"
            )
            await uow.commit()

    async def until_idle(self) -> None:
        """Until nothing waits that this process can take (for the CLI, the demo, tests)."""
        await self._idle.wait()
