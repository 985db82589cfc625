"""Making trouble: injected failures and Telegram's flood limits, switched on by a test.

`FaultControls` is one part of the in-process API (see `emulator.stage`). Its methods only set up
the backend's `FaultPlan` and `RateLimiter`; every Bot API call consults them as it runs.
"""

from __future__ import annotations

from collections.abc import Iterable

from emulator.backend import Backend


class FaultControls:
    """Part of `Stage`: the backend it configures is set by `Stage.__init__`."""

    backend: Backend

    async def fail_next(
        self,
        method: str,
        times: int = 1,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """The next `times` calls of `method` fail with `error_code` (429 carries retry_after;
        502 and 504 answer with nginx's HTML page, as Telegram's front end does)."""
        self.backend.faults.fail_next(method, times, error_code, retry_after, description)

    async def delay(self, method: str, seconds: float, times: int | None = None) -> None:
        """Answer `method` `seconds` late (every call, or the next `times`); 0 removes it."""
        self.backend.faults.delay(method, seconds, times)

    async def drop_connection(
        self, method: str, times: int = 1, after_processing: bool = False
    ) -> None:
        """Close the connection without an answer. With `after_processing` the call took effect
        first (the message was sent, the bot just never heard back)."""
        self.backend.faults.drop_connection(method, times, after_processing)

    async def faults(
        self,
        rate: float = 0.1,
        kinds: Iterable[str] = ("429", "500", "502", "drop"),
        seed: int | None = 0,
        methods: Iterable[str] | None = None,
        retry_after: int = 1,
        delay_seconds: float = 0.2,
    ) -> None:
        """Fail a share of calls at random (seeded, so repeatable); rate=0 turns it off. Kinds:
        "429", "500", "502", "504", "drop", "delay". Without `methods`: all but getUpdates."""
        self.backend.faults.random(rate, kinds, seed, methods, retry_after, delay_seconds)

    async def clear_faults(self) -> None:
        self.backend.faults.clear()

    async def rate_limits(
        self,
        enabled: bool = True,
        per_chat_per_minute: int = 20,
        global_per_second: int = 30,
        per_chat_per_second: int = 1,
    ) -> None:
        """Telegram's flood limits on sending methods: 429 with the seconds until a slot frees."""
        self.backend.limiter.configure(
            enabled, per_chat_per_minute, global_per_second, per_chat_per_second
        )
