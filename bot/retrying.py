"""Retrying the Bot API calls that have no outbox behind them: start-up (getMe, setMyCommands,
deleteWebhook, setWebhook) and the admin check. Telegram answers 429 with `retry_after` and has
5xx and network hiccups; a bot that dies of one at start-up never comes back on its own.

Sends are not retried here: the outbox sender has its own pacing and backoff per chat.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from aiogram.exceptions import (
    ClientDecodeError,
    RestartingTelegram,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

T = TypeVar("T")
log = logging.getLogger("streetdesk.telegram")

MAX_BACKOFF_SECONDS = 30.0
# Worth another try later. A 502 or 504 from Telegram's front end is nginx's HTML page, which
# aiogram cannot decode as JSON: it raises ClientDecodeError, not TelegramServerError.
TRANSIENT_ERRORS = (
    TelegramServerError,
    TelegramNetworkError,
    RestartingTelegram,
    ClientDecodeError,
)
Sleep = Callable[[float], Awaitable[None]]


async def with_retries(
    call: Callable[[], Awaitable[T]],
    *,
    what: str,
    attempts: int,
    sleep: Sleep = asyncio.sleep,
) -> T:
    """`call()`, again after a 429 (as long as Telegram asks) or a 5xx / network error (1, 2, 4...
    seconds, at most 30), up to `attempts` tries; the last error is raised, each retry logged."""
    for attempt in range(1, attempts + 1):
        try:
            return await call()
        except TelegramRetryAfter as error:
            if attempt == attempts:
                raise
            wait = float(error.retry_after)
            reason = str(error)
        except TRANSIENT_ERRORS as error:
            if attempt == attempts:
                raise
            wait = min(MAX_BACKOFF_SECONDS, 2.0 ** (attempt - 1))
            reason = str(error)
        log.warning(
            "telegram_retry",
            extra={"call": what, "attempt": attempt, "retry_in": wait, "error": reason},
        )
        await sleep(wait)
    raise AssertionError("unreachable: the last attempt returns or raises")
