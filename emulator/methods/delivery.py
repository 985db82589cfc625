"""getUpdates (long polling) and the webhook methods.

getUpdates waits on the emulator's wake-up signal, so it returns the moment an update is queued,
and never before `timeout` otherwise. A newer getUpdates for the same bot ends an older one with
409, and a webhook forbids polling, both as on Telegram.
"""

from __future__ import annotations

import re
from typing import Any

from emulator.errors import ApiError, bad_request
from emulator.methods.registry import MethodContext, api_method
from emulator.params import Params
from emulator.updates import WebhookConfig

MAX_POLL_SECONDS = 50
SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is "
    "running"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)


def _allowed_updates(params: Params) -> list[str] | None:
    allowed = params.obj("allowed_updates", "allowed updates")
    if allowed is None:
        return None
    if not isinstance(allowed, list) or not all(isinstance(kind, str) for kind in allowed):
        raise bad_request("can't parse allowed updates JSON object")
    return allowed


@api_method("getUpdates")
async def get_updates(ctx: MethodContext, params: Params) -> list[dict[str, Any]]:
    queue = ctx.bot.updates
    if queue.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    offset = params.integer("offset")
    limit = min(max(params.integer("limit") or 100, 1), 100)
    timeout = min(max(params.integer("timeout") or 0, 0), MAX_POLL_SECONDS)
    allowed = _allowed_updates(params)
    if allowed is not None:
        queue.set_allowed(allowed)
    if offset is not None:
        queue.confirm(offset)
    queue.poll_ticket += 1
    ticket = queue.poll_ticket
    ctx.world.changed.notify()  # an older long poll of this bot now yields

    def state() -> str | None:
        if queue.poll_ticket != ticket:
            return "superseded"
        if queue.pending:
            return "ready"
        if ctx.backend.closing or queue.webhook is not None:
            return "closing"
        return None

    try:
        outcome = await ctx.world.changed.wait_for(state, timeout)
    except TimeoutError:
        return []
    if outcome == "superseded":
        raise ApiError(409, POLL_CONFLICT)
    if outcome == "closing":
        return []  # shutting down, or a webhook now delivers these updates
    return queue.take(limit)


@api_method("setWebhook")
async def set_webhook(ctx: MethodContext, params: Params) -> bool:
    url = params.text("url") or ""
    queue = ctx.bot.updates
    if not url:
        queue.webhook = None
        ctx.world.changed.notify()
        return True
    # Telegram insists on HTTPS on ports 443/80/88/8443; the emulator accepts the plain-HTTP
    # loopback URL a test's bot listens on.
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.text("secret_token")
    if secret is not None and not SECRET.match(secret):
        raise bad_request("secret token contains unallowed characters")
    allowed = _allowed_updates(params)
    if allowed is not None:
        queue.set_allowed(allowed)
    if params.boolean("drop_pending_updates"):
        queue.drop_pending()
    queue.webhook = WebhookConfig(
        url=url, secret_token=secret, max_connections=params.integer("max_connections") or 40
    )
    ctx.backend.webhooks.start(ctx.bot)
    ctx.world.changed.notify()
    return True


@api_method("deleteWebhook")
async def delete_webhook(ctx: MethodContext, params: Params) -> bool:
    queue = ctx.bot.updates
    queue.webhook = None
    if params.boolean("drop_pending_updates"):
        queue.drop_pending()
    ctx.world.changed.notify()
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(ctx: MethodContext, params: Params) -> dict[str, Any]:
    queue = ctx.bot.updates
    info: dict[str, Any] = {
        "url": queue.webhook.url if queue.webhook else "",
        "has_custom_certificate": False,
        "pending_update_count": len(queue.pending),
    }
    if queue.webhook is not None:
        info["max_connections"] = queue.webhook.max_connections
        info["ip_address"] = "127.0.0.1"
        if queue.webhook.last_error_date is not None:
            info["last_error_date"] = queue.webhook.last_error_date
            info["last_error_message"] = queue.webhook.last_error_message
    if queue.allowed is not None:
        info["allowed_updates"] = sorted(queue.allowed)
    return info
