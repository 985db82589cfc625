"""Webhook delivery: POST each update to the bot's URL, in order, until it answers 2xx.

Telegram sends `X-Telegram-Bot-Api-Secret-Token` when a secret is set, retries a failed update
before sending the next one, and executes a method the bot puts in its answer (a "webhook
reply"). Retries here come after 0.05 s doubling to 2 s rather than Telegram's minutes, so tests
stay quick.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable

import aiohttp

from emulator.accounts import BotAccount
from emulator.errors import ApiError
from emulator.params import Params, parse_body
from emulator.wakeup import Signal
from emulator.world import World

ReplyExecutor = Callable[[BotAccount, str, Params], Awaitable[object]]
FIRST_RETRY = 0.05
LAST_RETRY = 2.0


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
        queue = bot.updates
        retry = FIRST_RETRY
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        while True:
            await self.changed.wait_for(
                lambda: queue.webhook is None or bool(queue.pending), timeout=None
            )
            webhook = queue.webhook
            if webhook is None:
                return
            update = queue.pending[0]
            headers = {}
            if webhook.secret_token:
                headers["X-Telegram-Bot-Api-Secret-Token"] = webhook.secret_token
            try:
                async with self._session.post(webhook.url, json=update, headers=headers) as reply:
                    status, body = reply.status, await reply.read()
                    content_type = reply.headers.get("Content-Type", "")
                    reason = reply.reason or ""
            except (aiohttp.ClientError, TimeoutError) as error:
                webhook.last_error_date = self.world.now()
                webhook.last_error_message = f"Connection failed: {type(error).__name__}"
                webhook.refused.append(0)
                self.changed.notify()
                await asyncio.sleep(retry)  # back off before retrying, as Telegram does
                retry = min(retry * 2, LAST_RETRY)
                continue
            if not 200 <= status < 300:
                webhook.last_error_date = self.world.now()
                webhook.last_error_message = f"Wrong response from the webhook: {status} {reason}"
                webhook.refused.append(status)
                self.changed.notify()
                await asyncio.sleep(retry)
                retry = min(retry * 2, LAST_RETRY)
                continue
            retry = FIRST_RETRY
            webhook.delivered += 1
            queue.confirm(update["update_id"] + 1)
            await self._run_reply(bot, content_type, body)

    async def _run_reply(self, bot: BotAccount, content_type: str, body: bytes) -> None:
        try:
            values = parse_body(content_type, body)
        except ApiError:
            return  # Telegram ignores an answer it cannot read
        method = values.pop("method", None)
        if isinstance(method, str) and method and self.execute_reply is not None:
            await self.execute_reply(bot, method, Params(values))
