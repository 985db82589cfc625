"""Webhook delivery: POST each update to the bot's URL until it answers 2xx. As the Bot API
server does, chats are delivered in parallel (up to the webhook's max_connections) and the updates
of one chat one after another, in order.

Telegram sends `X-Telegram-Bot-Api-Secret-Token` when a secret is set, retries a failed update
before sending the next one, and executes a method the bot puts in its answer (a "webhook
reply"). Retries here come after 0.05 s doubling to 2 s rather than Telegram's minutes, so tests
stay quick.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from emulator.accounts import BotAccount
from emulator.errors import ApiError
from emulator.params import Params, parse_body
from emulator.updates import UpdateQueue, WebhookConfig
from emulator.wakeup import Signal
from emulator.world import World

ReplyExecutor = Callable[[BotAccount, str, Params], Awaitable[object]]
FIRST_RETRY = 0.05
LAST_RETRY = 2.0
# How long an answer is waited for (Telegram waits about a minute; tests need not).
ANSWER_WITHIN = 30.0


class Webhooks:
    def __init__(self, world: World, changed: Signal) -> None:
        self.world = world
        self.changed = changed
        self.execute_reply: ReplyExecutor | None = None
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._session: aiohttp.ClientSession | None = None

    def start(self, bot: BotAccount) -> None:
        task = self._tasks.get(bot.token)
        if task is None or task.done():
            self._tasks[bot.token] = asyncio.create_task(self._deliver(bot))

    async def close(self) -> None:
        for task in self._tasks.values():
            task.cancel()
        for task in self._tasks.values():
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _deliver(self, bot: BotAccount) -> None:
        """Deliver the queue until the webhook is removed: chats in parallel, up to the webhook's
        max_connections, and each chat's updates one after another, in order."""
        queue = bot.updates
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=ANSWER_WITHIN)
            )
        busy: set[int] = set()  # chats with an update on the way
        deliveries: set[asyncio.Task[None]] = set()

        def start(webhook: WebhookConfig, update: dict[str, Any]) -> None:
            chat = chat_of(update)
            busy.add(chat)
            task = asyncio.create_task(self._deliver_one(bot, webhook, update))
            deliveries.add(task)

            def finished(done: asyncio.Task[None]) -> None:
                deliveries.discard(done)
                busy.discard(chat)
                self.changed.notify()  # the chat's next update may go

            task.add_done_callback(finished)

        try:
            while True:
                await self.changed.wait_for(
                    lambda: queue.webhook is None or bool(_deliverable(queue, busy, 1)),
                    timeout=None,
                )
                webhook = queue.webhook
                if webhook is None:
                    return
                room = max(0, webhook.max_connections - len(deliveries))
                for update in _deliverable(queue, busy, room):
                    start(webhook, update)
                if len(deliveries) >= webhook.max_connections:
                    await asyncio.wait(deliveries, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in deliveries:
                task.cancel()

    async def _deliver_one(
        self, bot: BotAccount, webhook: WebhookConfig, update: dict[str, Any]
    ) -> None:
        """POST one update until the bot answers 2xx (or the webhook is changed)."""
        assert self._session is not None
        queue = bot.updates
        retry = FIRST_RETRY
        headers = {}
        if webhook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
        while queue.webhook is webhook:
            try:
                async with self._session.post(webhook.url, json=update, headers=headers) as reply:
                    status, body = reply.status, await reply.read()
                    content_type = reply.headers.get("Content-Type", "")
                    reason = reply.reason or ""
            except (aiohttp.ClientError, TimeoutError) as error:
                webhook.last_error_message = f"Connection failed: {type(error).__name__}"
                status = 0
            else:
                if 200 <= status < 300:
                    webhook.delivered += 1
                    queue.delivered(update["update_id"])
                    await self._run_reply(bot, content_type, body)
                    return
                webhook.last_error_message = f"Wrong response from the webhook: {status} {reason}"
            webhook.last_error_date = self.world.now()
            webhook.refused.append(status)
            self.changed.notify()
            await asyncio.sleep(retry)  # back off before retrying, as Telegram does
            retry = min(retry * 2, LAST_RETRY)

    async def _run_reply(self, bot: BotAccount, content_type: str, body: bytes) -> None:
        try:
            values = parse_body(content_type, body)
        except ApiError:
            return  # Telegram ignores an answer it cannot read
        method = values.pop("method", None)
        if isinstance(method, str) and method and self.execute_reply is not None:
            await self.execute_reply(bot, method, Params(values))


def chat_of(update: dict[str, Any]) -> int:
    """The chat whose updates Telegram delivers one after another (0: updates of no chat)."""
    for kind in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if kind in update:
            return int(update[kind]["chat"]["id"])
    query = update.get("callback_query")
    if query is not None:
        message = query.get("message")
        return int(message["chat"]["id"] if message else query["from"]["id"])
    for kind in ("my_chat_member", "chat_member", "chat_join_request"):
        if kind in update:
            return int(update[kind]["chat"]["id"])
    return 0


def _deliverable(queue: UpdateQueue, busy: set[int], limit: int) -> list[dict[str, Any]]:
    """Up to `limit` updates that may go now: each the first waiting one of a chat that has none
    on the way."""
    seen: set[int] = set()
    ready: list[dict[str, Any]] = []
    for update in queue.pending:
        if len(ready) >= limit:
            break
        chat = chat_of(update)
        if chat not in seen and chat not in busy:
            ready.append(update)
        seen.add(chat)
    return ready
