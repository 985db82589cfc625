"""One Bot API call, start to finish, independent of HTTP.

Order of events, as a bot would see them from Telegram: the token (401), injected latency and
faults, the method (404), the flood limits (429), then the method itself. Every call is journaled
with its parameters and outcome, including the ones that failed.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from emulator.backend import Backend
from emulator.errors import (
    NGINX_PAGES,
    NOT_FOUND,
    UNAUTHORIZED,
    ApiError,
    injected_error,
    nginx_page,
    too_many_requests,
)
from emulator.journal import ApiCall
from emulator.methods import MethodContext, find_method
from emulator.params import Params
from emulator.rate_limits import RATE_LIMITED_METHODS


@dataclass(frozen=True)
class Outcome:
    status: int
    body: dict[str, Any] | str  # JSON, or an HTML page for the 502/504 Telegram's nginx sends
    drop: bool = False  # close the connection without an answer


def _failed(backend: Backend, call: ApiCall, error: ApiError, fault: str | None = None) -> Outcome:
    body = error.body()
    backend.journal.finish_call(call, error.error_code, body, fault)
    return Outcome(error.error_code, body)


def _rate_limit_key(backend: Backend, params: Params) -> tuple[int, bool] | None:
    try:
        chat = backend.world.find_chat(params.chat_id())
    except ApiError:
        return None  # the method itself will refuse the chat_id
    if chat is None:
        return None
    return chat.id, chat.type in ("group", "supergroup")


async def invoke(
    backend: Backend, token: str, method: str, params: Params, via: str = "http"
) -> Outcome:
    found = find_method(method)
    name = found[0] if found else method
    bot = backend.bot_for_token(token)
    call = backend.journal.begin_call(
        name, token, bot.id if bot else None, params.for_record(), via
    )
    if bot is None:
        return _failed(backend, call, UNAUTHORIZED)

    decision = backend.faults.decide(name)
    if decision.delay:
        await asyncio.sleep(decision.delay)  # the injected latency is the point
    fault = decision.fault
    if fault is not None and fault.kind == "error":
        if fault.error_code in NGINX_PAGES:
            page = nginx_page(fault.error_code)
            backend.journal.finish_call(call, fault.error_code, page, fault.label)
            return Outcome(fault.error_code, page)
        error = injected_error(fault.error_code, fault.retry_after, fault.description)
        return _failed(backend, call, error, fault.label)
    if fault is not None and not fault.after_processing:
        backend.journal.finish_call(call, 0, None, fault.label)
        return Outcome(0, "", drop=True)
    if found is None:
        return _failed(backend, call, NOT_FOUND)

    slot: tuple[int, float] | None = None
    if backend.limiter.enabled and name.lower() in RATE_LIMITED_METHODS:
        key = _rate_limit_key(backend, params)
        if key is not None:
            now = time.monotonic()
            retry_after = backend.limiter.acquire(key[0], key[1], now)
            if retry_after is not None:
                backend.journal.stats.rate_limited += 1
                return _failed(backend, call, too_many_requests(retry_after))
            slot = (key[0], now)

    try:
        result = await found[1](MethodContext(backend, bot), params)
    except ApiError as error:
        if slot is not None:
            backend.limiter.release(*slot)
        return _failed(backend, call, error)
    body = {"ok": True, "result": result}
    if fault is not None:  # dropped after the method took effect: the bot never learns it did
        backend.journal.finish_call(call, 0, body, fault.label)
        return Outcome(0, "", drop=True)
    backend.journal.finish_call(call, 200, body)
    return Outcome(200, body)
