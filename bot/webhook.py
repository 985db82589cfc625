"""The webhook into the inbox: an update is stored, then answered 200. When it cannot be stored
in time (the database is away), the answer is 503 and Telegram delivers it again later; an
update answered 200 is in the inbox, so a restart cannot lose it.

A request without the configured secret is refused with 401 and stored nowhere.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.types import Update
from aiohttp import web
from pydantic import ValidationError

from bot.database import Database
from bot.intake import InboxWriter, incoming
from reports.web import metrics
from storage.availability import is_retryable, log_failure
from tickets.clock import Clock

log = logging.getLogger("streetdesk.webhook")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram waits about a minute for an answer; an update not stored well before that is
# answered 503, so it is delivered again rather than taken for received.
STORE_WITHIN_SECONDS = 10.0
RETRY_EVERY_SECONDS = 0.5


def webhook_routes(
    *,
    path: str,
    bot: Bot,
    database: Database,
    clock: Clock,
    secret: str,
    stored: Callable[[], None],
    store_within: float = STORE_WITHIN_SECONDS,
) -> list[web.RouteDef]:
    """The webhook's route; `stored()` is called after each update is stored (it wakes the
    processor); an update not stored within `store_within` seconds is answered 503."""

    writer = InboxWriter(database, clock, bot.id)

    async def receive(request: web.Request) -> web.Response:
        if secret and not hmac.compare_digest(
            request.headers.get(SECRET_HEADER, "").encode(), secret.encode()
        ):
            log.warning("webhook_secret_wrong", extra={"remote": request.remote})
            return web.Response(status=401)
        try:
            raw = await request.json()
            update = Update.model_validate(raw, context={"bot": bot})
        except (ValueError, ValidationError) as error:
            log.warning("webhook_update_unreadable", extra={"error": str(error)[:300]})
            return web.Response(status=400)
        try:
            await asyncio.wait_for(_store(update, raw), store_within)
        except TimeoutError:  # the database stayed away: Telegram must deliver it again
            log.warning("webhook_store_timed_out", extra={"update": update.update_id})
            return web.Response(status=503)
        except Exception as error:  # not stored: Telegram must deliver it again
            log_failure(log, "webhook_store_failed", error, update=update.update_id)
            return web.Response(status=503)
        metrics.intake_ok(1, source="webhook")
        stored()
        return web.Response(status=200)

    async def _store(update: Update, raw: dict[str, Any]) -> None:
        while True:
            try:
                await writer.store(incoming(update, raw))
                return
            except Exception as error:
                if not is_retryable(error):
                    raise
                # Busy or away: again, until the deadline.
                log_failure(log, "webhook_store_retry", error, update=update.update_id)
                await asyncio.sleep(RETRY_EVERY_SECONDS)

    return [web.post(path, receive)]
