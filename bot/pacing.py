"""Telegram's sending limits, kept before Telegram has to enforce them with a 429.

About one message a second and twenty a minute in one group, thirty a second in all. The pacer
says how long to wait before the next message to a chat may go; it reads a monotonic time source
passed in, so the arithmetic is testable without waiting.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    per_chat_per_minute: int = 20
    per_chat_interval: float = 1.0  # seconds between two messages to one chat
    global_per_second: int = 30


class Pacer:
    def __init__(self, limits: Limits, monotonic: Callable[[], float]) -> None:
        self._limits = limits
        self._monotonic = monotonic
        self._per_chat: dict[int, deque[float]] = {}
        self._global: deque[float] = deque()
        self._paused_until: dict[int, float] = {}
        self._last_call: dict[int, float] = {}

    def wait_for(self, chat_id: int, *, new_message: bool = True) -> float:
        """Seconds until a message to `chat_id` may go without breaking a limit (0: now).

        Twenty a minute limits new messages in a group; an edit of one (a ticket card moving)
        keeps the gap between calls and the global rate, but not that budget.
        """
        now = self._monotonic()
        limits = self._limits
        ready = max(now, self._paused_until.get(chat_id, 0.0))
        last = self._last_call.get(chat_id)
        if last is not None:
            ready = max(ready, last + limits.per_chat_interval)
        sent = self._per_chat.get(chat_id)
        if sent and new_message:
            recent = [t for t in sent if t > now - 60.0]
            if len(recent) >= limits.per_chat_per_minute:
                ready = max(ready, recent[-limits.per_chat_per_minute] + 60.0)
        recent_global = [t for t in self._global if t > now - 1.0]
        if len(recent_global) >= limits.global_per_second:
            ready = max(ready, recent_global[-limits.global_per_second] + 1.0)
        return max(0.0, ready - now)

    def record(self, chat_id: int, *, new_message: bool = True) -> None:
        """A call for `chat_id` is going out now (a new message, or an edit of one)."""
        now = self._monotonic()
        self._last_call[chat_id] = now
        sent = self._per_chat.setdefault(chat_id, deque())
        if new_message:
            sent.append(now)
        while sent and sent[0] <= now - 60.0:
            sent.popleft()
        self._global.append(now)
        while self._global and self._global[0] <= now - 1.0:
            self._global.popleft()

    def pause(self, chat_id: int, seconds: float) -> None:
        """Telegram said 429 with retry_after: nothing more to that chat until then."""
        until = self._monotonic() + seconds
        self._paused_until[chat_id] = max(self._paused_until.get(chat_id, 0.0), until)

    def forget_idle(self) -> None:
        """Drop the history of chats quiet for a minute, so memory follows activity."""
        now = self._monotonic()
        for chat_id in [c for c, t in self._last_call.items() if t <= now - 60.0]:
            self._last_call.pop(chat_id, None)
            self._per_chat.pop(chat_id, None)
        for chat_id in [c for c, t in self._paused_until.items() if t <= now]:
            del self._paused_until[chat_id]
