"""aiogram's answer types stay built between calls (pydantic would drop them at the next
garbage collection, and every call would pay ~10 ms to build its type again)."""

from __future__ import annotations

import gc
import weakref
from typing import Any

import pytest
from aiogram import Bot
from aiogram.methods import GetMyShortDescription, Response, TelegramMethod

from bot.response_types import KeepResponseTypes

# A method nothing else in the test run calls, so no other bot holds its answer type.
METHOD = GetMyShortDescription


def answer_type_survives_a_collection() -> bool:
    kept = weakref.ref(Response[METHOD.__returning__])
    gc.collect()
    return kept() is not None


async def test_the_answer_type_of_a_method_called_once_is_kept() -> None:
    if answer_type_survives_a_collection():
        pytest.skip("pydantic keeps parametrized generics itself: nothing to keep")
    bot = Bot("42:TEST")
    calls: list[TelegramMethod[Any]] = []

    async def telegram(_bot: Bot, method: TelegramMethod[Any]) -> Any:
        calls.append(method)
        return "answered"

    keep = KeepResponseTypes()
    try:
        assert await keep(telegram, bot, METHOD()) == "answered"
        assert answer_type_survives_a_collection()
        assert len(calls) == 1
    finally:
        await bot.session.close()
