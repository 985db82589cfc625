"""Long polling into the inbox: each getUpdates batch is stored in one transaction, and only then
is the next batch asked for (its offset is what tells Telegram the batch arrived).

This loop does not handle updates, so it is not aiogram's polling (which feeds them to the
dispatcher as it goes): getUpdates, store, next offset. A Telegram hiccup is waited out with
aiogram's backoff; a database that is away is waited out without asking for more, so Telegram
keeps the batch until it is stored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from aiogram import Bot
from aiogram.exceptions import TelegramUnauthorizedError
from aiogram.methods import GetUpdates
from aiogram.utils.backoff import Backoff, BackoffConfig

from bot.database import Database
from bot.intake import incoming, store
from reports.web import metrics
from storage.availability import log_failure
from storage.inbox import Incoming
from tickets.clock import Clock

log = logging.getLogger("streetdesk.polling")

LONG_POLL_SECONDS = 30
BACKOFF = BackoffConfig(min_delay=1.0, max_delay=30.0, factor=1.5, jitter=0.1)


class BadToken(Exception):
    """Telegram does not know the token: nothing will work until it is changed."""


class Polling:
    def __init__(
        self,
        *,
        bot: Bot,
        database: Database,
        clock: Clock,
        allowed_updates: Sequence[str],
        stored: Callable[[], None],
        long_poll: int = LONG_POLL_SECONDS,
    ) -> None:
        """`stored()` is called after each batch is stored (it wakes the processor)."""
        self._bot = bot
        self._database = database
        self._clock = clock
        self._allowed = list(allowed_updates)
        self._stored = stored
        self._long_poll = long_poll

    async def run(self) -> None:
        telegram = Backoff(config=BACKOFF)
        offset: int | None = None
        request = GetUpdates(timeout=self._long_poll, allowed_updates=self._allowed)
        while True:
            request.offset = offset
            try:
                updates = await self._bot(request, request_timeout=self._long_poll + 30)
            except TelegramUnauthorizedError as error:
                raise BadToken("Telegram refused the bot token (telegram.token)") from error
            except Exception as error:  # Telegram or the network: wait, then ask again
                log.warning(
                    "get_updates_failed",
                    extra={
                        "error": f"{type(error).__name__}: {error}"[:300],
                        "retry_in": telegram.next_delay,
                    },
                )
                await telegram.asleep()
                continue
            telegram.reset()
            metrics.intake_ok(len(updates))  # /healthz: intake is alive, even when quiet
            if not updates:
                continue
            await self._store_batch([incoming(update) for update in updates])
            offset = updates[-1].update_id + 1
            self._stored()

    async def _store_batch(self, batch: list[Incoming]) -> None:
        waiting = Backoff(config=BACKOFF)
        while True:
            try:
                await store(self._database, self._clock, self._bot.id, batch)
                return
            except Exception as error:  # the database is away: Telegram keeps the batch
                log_failure(log, "inbox_store_failed", error, updates=len(batch))
                await waiting.asleep()
