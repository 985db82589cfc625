"""Watching the bot: what it sent, which calls it made, and waiting for either.

`Watching` is one part of the in-process API (see `emulator.stage`). Reading methods are plain and
return what has happened so far; waiting methods are coroutines that wake whenever the emulator's
state changes (never on a polling timer) and raise TimeoutError when their time is up.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from emulator.chats import ChatMessage
from emulator.journal import AnsweredCallback, ApiCall, Journal, Stats
from emulator.updates import WebhookConfig
from emulator.world import World

T = TypeVar("T")


class Watching:
    """Part of `Stage`: the world and journal it reads are set by `Stage.__init__`."""

    world: World
    journal: Journal

    def sent_messages(self, chat_id: int | None = None, since: int = 0) -> list[ChatMessage]:
        """Messages bots sent, in sending order (edits update them in place, see `.history`)."""
        return [
            message
            for message in self.journal.sent[since:]
            if chat_id is None or message.chat_id == chat_id
        ]

    def chat_log(self, chat_id: int) -> list[ChatMessage]:
        """Everything in a chat, users' messages included, by message id."""
        return list(self.world.chats[chat_id].messages.values())

    def mark(self) -> int:
        """A bookmark in the sent messages, for `wait_for_message(since=...)`."""
        return len(self.journal.sent)

    async def wait_for_message(
        self,
        predicate: Callable[[ChatMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109  (a bounded wait by default is the point)
        *,
        chat_id: int | None = None,
        since: int = 0,
    ) -> ChatMessage:
        """The first sent message (from `since` on) that matches; edits count, so waiting for a
        card to read "已受理" works. Raises TimeoutError listing what was sent."""

        def find() -> ChatMessage | None:
            return next(
                (
                    message
                    for message in self.sent_messages(chat_id, since)
                    if predicate is None or predicate(message)
                ),
                None,
            )

        try:
            return await self.world.changed.wait_for(find, timeout)
        except TimeoutError:
            recent = [
                f"{message.chat_id}/{message.message_id}: {message.body[:80]!r}"
                for message in self.sent_messages(chat_id, since)[-5:]
            ]
            raise TimeoutError(
                f"no matching message within {timeout}s; last sent: {recent or 'nothing'}"
            ) from None

    def calls(self, method: str | None = None, since: int = 0) -> list[ApiCall]:
        """Every API call (method names compare case-insensitively), oldest first."""
        return [
            call
            for call in self.journal.calls[since:]
            if method is None or call.method.lower() == method.lower()
        ]

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[ApiCall], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109  (a bounded wait by default is the point)
        since: int = 0,
    ) -> ApiCall:
        """The first finished call of `method` (from call number `since`) that matches."""

        def find() -> ApiCall | None:
            return next(
                (
                    call
                    for call in self.calls(method, since)
                    if call.status is not None and (predicate is None or predicate(call))
                ),
                None,
            )

        try:
            return await self.world.changed.wait_for(find, timeout)
        except TimeoutError:
            raise TimeoutError(f"no finished {method} call within {timeout}s") from None

    async def wait_until(
        self,
        condition: Callable[[], T],
        timeout: float = 5.0,  # noqa: ASYNC109  (a bounded wait by default is the point)
    ) -> T:
        """Wait until `condition()` is truthy, re-checking whenever the emulator's state changes,
        e.g. `await emu.wait_until(lambda: emu.confirmed_offset() > update_id)`."""
        return await self.world.changed.wait_for(condition, timeout)

    @property
    def answered_callbacks(self) -> list[AnsweredCallback]:
        return list(self.journal.answered)

    def confirmed_offset(self, token: str | None = None) -> int:
        """The highest offset the bot has confirmed (via getUpdates, or a 2xx to a webhook)."""
        return self.world.find_bot(token).updates.confirmed_offset

    def webhook(self, token: str | None = None) -> WebhookConfig | None:
        """The bot's webhook as Telegram holds it: where, and the deliveries it refused."""
        return self.world.find_bot(token).updates.webhook

    def pending_updates(self, token: str | None = None) -> list[dict[str, Any]]:
        return list(self.world.find_bot(token).updates.pending)

    def commands(
        self,
        token: str | None = None,
        scope: dict[str, Any] | None = None,
        language_code: str = "",
    ) -> list[dict[str, str]]:
        """What setMyCommands stored for exactly this scope and language."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return self.world.find_bot(token).commands.get(key, [])

    def file_bytes(self, file_id: str) -> bytes:
        stored = self.world.files.get(file_id)
        if stored is None:
            raise KeyError(file_id)
        return stored.data

    @property
    def stats(self) -> Stats:
        """Requests by status, 429s sent (all / from the rate limiter), faults, dropped links."""
        return self.journal.stats
