"""Keeps alive the answer types aiogram reads Telegram's replies with.

aiogram reads every reply through `Response[<what the method returns>]`, a pydantic generic model
that pydantic builds on first use and caches only while something else holds it. Nothing else
does, so the next garbage collection drops it and the next call of that method builds it again:
some 5 to 15 ms of CPU, several times what the call itself costs (`bench/bench_sender.py`).
Holding the type of each method the bot has called (a dozen or so) makes every later call a
cache hit."""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType


class KeepResponseTypes(BaseRequestMiddleware):
    def __init__(self) -> None:
        self._kept: dict[type[Any], type[Any]] = {}

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        kind = type(method)
        if kind not in self._kept:
            self._kept[kind] = Response[kind.__returning__]
        return await make_request(bot, method)
