"""Answering a button press is a courtesy (the spinner stops, maybe a short alert); the move
itself is already recorded. Telegram refuses answers to presses older than about 15 minutes,
which after downtime is every press that waited: report it in the log, never fail on it."""

from __future__ import annotations

import logging

from aiogram.exceptions import TelegramAPIError
from aiogram.types import CallbackQuery

log = logging.getLogger("streetdesk.handlers")


async def answer(
    query: CallbackQuery, text: str | None = None, *, show_alert: bool = False
) -> None:
    try:
        await query.answer(text, show_alert=show_alert)
    except TelegramAPIError as error:
        log.warning("callback_answer_failed", extra={"query": query.id, "error": error.message})
