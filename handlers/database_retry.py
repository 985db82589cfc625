"""An update is handled in one transaction, so when the database is busy or away the handler can
simply run again. Until it succeeds the update is not confirmed: with polling, the next getUpdates
that would confirm it waits for this one; with a webhook, Telegram keeps it until we answer 200.
Errors that are not the database being away go on to aiogram's error log as before."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update

from storage.availability import is_retryable

log = logging.getLogger("streetdesk.handlers")

FIRST_WAIT_SECONDS = 0.5
MAX_WAIT_SECONDS = 30.0
Sleep = Callable[[float], Awaitable[None]]


class DatabaseRetry(BaseMiddleware):
    """The outermost middleware on every update: run it again, waiting longer each time (0.5, 1,
    2... up to 30 s), for as long as the database is unavailable."""

    def __init__(self, sleep: Sleep = asyncio.sleep) -> None:
        self._sleep = sleep

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        attempt = 0
        while True:
            try:
                return await handler(event, data)
            except Exception as error:
                if not is_retryable(error):
                    raise
                attempt += 1
                wait = min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** (attempt - 1))
                log.warning(
                    "database_unavailable",
                    extra={
                        "update": event.update_id if isinstance(event, Update) else None,
                        "attempt": attempt,
                        "retry_in": wait,
                        "error": str(error).splitlines()[0][:300],
                    },
                )
                await self._sleep(wait)
