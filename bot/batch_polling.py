"""Polling that hands each getUpdates batch's plain group messages to one transaction.

aiogram's own polling handles one update at a time, each in its own transaction, and under load
the transactions cost more than the messages (storage/shared_transaction.py). Here a batch is cut
into runs: consecutive plain group messages (text or photos, no command) form a run handled in
one shared transaction; anything else (commands, buttons, edits, private chats, membership
changes) is handled alone, as before, and keeps its place in the order.

A run is committed whole. If any of its updates fails, the run is rolled back and redone one
update at a time, so a bad message costs its neighbours a retry, never their effects, and the
database-retry middleware can wait out an outage for the one update that meets it. Updates are
confirmed by the next getUpdates, sent only after the whole batch was handled, as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from aiogram import Bot, Dispatcher, loggers
from aiogram.dispatcher.dispatcher import DEFAULT_BACKOFF_CONFIG
from aiogram.methods import GetUpdates, TelegramMethod
from aiogram.types import Update
from aiogram.utils.backoff import Backoff, BackoffConfig

from handlers.filters import GROUP_CHATS, is_ordinary
from storage.shared_transaction import SharedTransaction

log = logging.getLogger("streetdesk.intake")

# A run holds the transaction (with SQLite, the one connection) until it commits: the sender
# waits that long to see the run's notices. A run's fixed cost is nine statements (its two reads
# at the start, its commit's writes), each a round trip to SQLite's thread; fifty messages
# amortise them (0.86 -> 0.62 statements a message) and, since a message in a run costs about a
# millisecond, still keep that wait near 0.1 s on this project's 2-core machine (runs of fifty
# took 60 ms in bench/bench_intake.py).
MAX_RUN = 50

SharedRun = Callable[..., AbstractAsyncContextManager[SharedTransaction]]


def run_chat(update: Update) -> int | None:
    """The group of a plain group message, which may share a run; None for anything else."""
    message = update.message
    if message is None or message.chat.type not in GROUP_CHATS:
        return None
    # Commands answer, check admins, bind groups: each alone.
    return message.chat.id if is_ordinary(message) else None


def replied_to(update: Update) -> tuple[int, int] | None:
    """(chat id, message id) of the message a group message replies to: the run reads the
    tickets of those at its start."""
    message = update.message
    if message is None or message.reply_to_message is None:
        return None
    return message.chat.id, message.reply_to_message.message_id


def runs(updates: Iterable[Update], longest: int = MAX_RUN) -> list[list[Update]]:
    """Consecutive plain group messages together, up to `longest`; every other update alone."""
    cut: list[list[Update]] = []
    for update in updates:
        joins = cut and len(cut[-1]) < longest and run_chat(cut[-1][-1]) is not None
        if joins and run_chat(update) is not None:
            cut[-1].append(update)
        else:
            cut.append([update])
    return cut


class BatchingDispatcher(Dispatcher):
    def __init__(
        self, *, shared_run: SharedRun, committed: Callable[[], None], **kwargs: Any
    ) -> None:
        """`shared_run(update_ids=..., chat_ids=..., replies=...)` opens the run's transaction;
        `committed()` is called after each run's commit (to wake the sender: the handlers'
        own wake-ups came before the notices were committed)."""
        super().__init__(**kwargs)
        self._shared_run = shared_run
        self._committed = committed

    async def _polling(  # type: ignore[override]
        self,
        bot: Bot,
        polling_timeout: int = 30,
        handle_as_tasks: bool = True,
        backoff_config: BackoffConfig = DEFAULT_BACKOFF_CONFIG,  # aiogram's, for getUpdates
        allowed_updates: list[str] | None = None,
        tasks_concurrency_limit: int | None = None,
        **kwargs: Any,
    ) -> None:
        # Replaces aiogram's loop (Dispatcher._polling and _listen_updates, same backoff and
        # logging) to see each batch whole. Handling as tasks would confirm updates before they
        # are handled: never here.
        if handle_as_tasks:
            raise ValueError("updates are handled in order, before they are confirmed")
        user = await bot.me()
        loggers.dispatcher.info(
            "Run polling for bot @%s id=%d - %r", user.username, bot.id, user.full_name
        )
        backoff = Backoff(config=backoff_config)
        get_updates = GetUpdates(timeout=polling_timeout, allowed_updates=allowed_updates)
        request: dict[str, Any] = {}
        if bot.session.timeout:
            request["request_timeout"] = int(bot.session.timeout + polling_timeout)
        failed = False
        try:
            while True:
                try:
                    updates = await bot(get_updates, **request)
                except Exception as error:  # as aiogram does: retry any failure
                    failed = True
                    loggers.dispatcher.error(
                        "Failed to fetch updates - %s: %s", type(error).__name__, error
                    )
                    loggers.dispatcher.warning(
                        "Sleep for %f seconds and try again... (tryings = %d, bot id = %d)",
                        backoff.next_delay,
                        backoff.counter,
                        bot.id,
                    )
                    await backoff.asleep()
                    continue
                if failed:
                    loggers.dispatcher.info(
                        "Connection established (tryings = %d, bot id = %d)",
                        backoff.counter,
                        bot.id,
                    )
                    backoff.reset()
                    failed = False
                for run in runs(updates):
                    await self._handle_run(bot, run, kwargs)
                if updates:
                    get_updates.offset = updates[-1].update_id + 1
        finally:
            loggers.dispatcher.info(
                "Polling stopped for bot @%s id=%d - %r", user.username, bot.id, user.full_name
            )

    async def _handle_run(self, bot: Bot, run: Sequence[Update], kwargs: dict[str, Any]) -> None:
        chats = [run_chat(update) for update in run]
        if all(chat is not None for chat in chats):
            try:
                await self._handle_shared(
                    bot, run, [chat for chat in chats if chat is not None], **kwargs
                )
                return
            except Exception as error:  # redone below, where errors are logged
                log.warning(
                    "run_redone_one_by_one",
                    extra={
                        "updates": len(run),
                        "first_update": run[0].update_id,
                        "error": f"{type(error).__name__}: {error}".splitlines()[0][:300],
                    },
                )
        for update in run:
            await self._process_update(bot=bot, update=update, **kwargs)

    async def _handle_shared(
        self, bot: Bot, run: Sequence[Update], chats: list[int], **kwargs: Any
    ) -> None:
        answers: list[TelegramMethod[Any]] = []
        async with self._shared_run(
            update_ids=[update.update_id for update in run],
            chat_ids=chats,
            replies=[reply for update in run if (reply := replied_to(update)) is not None],
        ) as shared:
            for update in run:
                response = await self.feed_update(bot, update, **kwargs)
                if isinstance(response, TelegramMethod):
                    answers.append(response)
            if shared.spoiled:
                raise RuntimeError("an update left changes it did not commit")
            await shared.commit()
        log.info("run_committed", extra={"updates": len(run), "first_update": run[0].update_id})
        self._committed()
        # As aiogram does with a handler's returned method; only once the run is committed, so
        # a redone run does not call it twice.
        for answer in answers:
            await self.silent_call_request(bot=bot, result=answer)
