"""Telegram's flood limits, enforced the way the Bot API does: a 429 with retry_after.

Telegram documents about 1 message a second in one chat, 20 a minute in one group and 30 a second
overall. Limits count messages that were actually sent, in sliding windows; retry_after is the
whole seconds until the window that refused the message has room again.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

RATE_LIMITED_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "sendvideo",
        "sendanimation",
        "sendaudio",
        "sendvoice",
        "sendsticker",
        "sendlocation",
        "copymessage",
        "forwardmessage",
    }
)


@dataclass
class RateLimiter:
    enabled: bool = False
    per_chat_per_minute: int = 20  # groups only, as Telegram applies it
    global_per_second: int = 30
    per_chat_per_second: int = 1
    _global: deque[float] = field(default_factory=deque)
    _chat_second: dict[int | str, deque[float]] = field(default_factory=dict)
    _chat_minute: dict[int | str, deque[float]] = field(default_factory=dict)
    refused: int = 0

    def configure(
        self,
        enabled: bool = True,
        per_chat_per_minute: int = 20,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
    ) -> None:
        self.enabled = enabled
        self.per_chat_per_minute = per_chat_per_minute
        self.global_per_second = global_per_second
        self.per_chat_per_second = per_chat_per_second
        self._global.clear()
        self._chat_second.clear()
        self._chat_minute.clear()

    @staticmethod
    def _wait(window: deque[float], limit: int, span: float, now: float) -> float:
        while window and window[0] <= now - span:
            window.popleft()
        if len(window) < limit:
            return 0.0
        return window[len(window) - limit] + span - now

    def acquire(self, chat_key: int | str, is_group: bool, now: float) -> int | None:
        """Take a slot for one message, or return retry_after (seconds) when none is free."""
        if not self.enabled:
            return None
        second = self._chat_second.setdefault(chat_key, deque())
        minute = self._chat_minute.setdefault(chat_key, deque())
        waits = [
            self._wait(self._global, self.global_per_second, 1.0, now),
            self._wait(second, self.per_chat_per_second, 1.0, now),
        ]
        if is_group:
            waits.append(self._wait(minute, self.per_chat_per_minute, 60.0, now))
        wait = max(waits)
        if wait > 0:
            self.refused += 1
            return max(1, math.ceil(wait))
        self._global.append(now)
        second.append(now)
        if is_group:
            minute.append(now)
        return None

    def release(self, chat_key: int | str, now: float) -> None:
        """Give back a slot taken for a message that then failed: it was never sent."""
        for window in (
            self._global,
            self._chat_second.get(chat_key),
            self._chat_minute.get(chat_key),
        ):
            if window and now in window:
                window.remove(now)
