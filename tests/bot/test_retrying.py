"""Start-up calls survive Telegram's 429s, 5xx and dropped connections, and give up in the end."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiogram.exceptions import (
    ClientDecodeError,
    TelegramBadRequest,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.methods import GetMe

from bot.retrying import MAX_BACKOFF_SECONDS, with_retries

METHOD = GetMe()


class Waits:
    """A fake sleep: records what would have been waited, waits for nothing."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(seconds)


def failing(*errors: Exception) -> Callable[[], Awaitable[str]]:
    """A call that raises `errors` in turn, then answers "ok"."""
    remaining = list(errors)

    async def call() -> str:
        if remaining:
            raise remaining.pop(0)
        return "ok"

    return call


async def test_a_429_waits_as_long_as_telegram_asks() -> None:
    waits = Waits()
    call = failing(TelegramRetryAfter(METHOD, "Too Many Requests", retry_after=7))
    assert await with_retries(call, what="getMe", attempts=3, sleep=waits) == "ok"
    assert waits.seconds == [7.0]


async def test_server_and_network_errors_back_off_exponentially_up_to_a_ceiling() -> None:
    waits = Waits()
    errors = [TelegramServerError(METHOD, "Bad Gateway")] * 7 + [
        TelegramNetworkError(METHOD, "connection dropped")
    ]
    assert await with_retries(failing(*errors), what="getMe", attempts=9, sleep=waits) == "ok"
    assert waits.seconds == [1, 2, 4, 8, 16, MAX_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS, 30]


async def test_it_gives_up_with_the_last_error_after_the_attempts() -> None:
    waits = Waits()
    errors = [TelegramServerError(METHOD, f"Bad Gateway {n}") for n in range(3)]
    with pytest.raises(TelegramServerError, match="Bad Gateway 2"):
        await with_retries(failing(*errors), what="getMe", attempts=3, sleep=waits)
    assert waits.seconds == [1, 2]


async def test_a_permanent_refusal_is_not_retried() -> None:
    waits = Waits()
    call = failing(TelegramBadRequest(METHOD, "chat not found"))
    with pytest.raises(TelegramBadRequest):
        await with_retries(call, what="getChatMember", attempts=5, sleep=waits)
    assert waits.seconds == []


async def test_a_bad_gateway_page_that_is_not_json_is_retried() -> None:
    # Telegram's front end answers 502/504 with nginx's HTML page; aiogram cannot decode it.
    waits = Waits()
    page = "<html><head><title>502 Bad Gateway</title></head></html>"
    error = ClientDecodeError("Failed to decode object", ValueError("Expecting value"), page)
    assert await with_retries(failing(error), what="getMe", attempts=2, sleep=waits) == "ok"
    assert waits.seconds == [1]
