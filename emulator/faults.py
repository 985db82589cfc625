"""Injected failures: the next N calls of a method fail, stall or lose their connection.

Scripted faults (`fail_next`, `drop_connection`) queue per method and fire in order; `delay` adds
latency; `random` fails a share of calls from a seeded generator, so a soak test is repeatable.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

FAULT_KINDS = ("429", "500", "502", "504", "drop", "delay")


@dataclass(frozen=True)
class Fault:
    kind: str  # "error" or "drop"
    error_code: int = 0
    retry_after: int = 1
    description: str | None = None
    after_processing: bool = False  # drop only: the method took effect, the answer was lost

    @property
    def label(self) -> str:
        if self.kind == "drop":
            return "drop_after" if self.after_processing else "drop"
        return str(self.error_code)


@dataclass
class _Delay:
    seconds: float
    remaining: int | None  # None: every call


@dataclass
class _RandomFaults:
    rate: float
    kinds: tuple[str, ...]
    methods: frozenset[str] | None
    rng: random.Random
    retry_after: int
    delay_seconds: float


@dataclass(frozen=True)
class Decision:
    delay: float
    fault: Fault | None


def _key(method: str) -> str:
    return method.lower()


class FaultPlan:
    def __init__(self) -> None:
        self._scripted: dict[str, deque[Fault]] = {}
        self._delays: dict[str, _Delay] = {}
        self._random: _RandomFaults | None = None

    def fail_next(
        self,
        method: str,
        times: int = 1,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        fault = Fault("error", error_code, retry_after, description)
        self._scripted.setdefault(_key(method), deque()).extend([fault] * times)

    def drop_connection(self, method: str, times: int = 1, after_processing: bool = False) -> None:
        fault = Fault("drop", after_processing=after_processing)
        self._scripted.setdefault(_key(method), deque()).extend([fault] * times)

    def delay(self, method: str, seconds: float, times: int | None = None) -> None:
        if seconds <= 0:
            self._delays.pop(_key(method), None)
        else:
            self._delays[_key(method)] = _Delay(seconds, times)

    def random(
        self,
        rate: float,
        kinds: Iterable[str] = ("429", "500", "502", "drop"),
        seed: int | None = 0,
        methods: Iterable[str] | None = None,
        retry_after: int = 1,
        delay_seconds: float = 0.2,
    ) -> None:
        """Fail a share of calls. Without `methods`, every method but getUpdates (a failing poll
        only makes aiogram back off for seconds, which slows a soak test without testing more)."""
        kinds = tuple(kinds)
        unknown = set(kinds) - set(FAULT_KINDS)
        if unknown:
            raise ValueError(f"unknown fault kinds {sorted(unknown)}; use {FAULT_KINDS}")
        if not 0 <= rate <= 1:
            raise ValueError("rate is a share between 0 and 1")
        if rate == 0 or not kinds:
            self._random = None
            return
        self._random = _RandomFaults(
            rate=rate,
            kinds=kinds,
            methods=None if methods is None else frozenset(_key(method) for method in methods),
            rng=random.Random(seed),
            retry_after=retry_after,
            delay_seconds=delay_seconds,
        )

    def clear(self) -> None:
        self._scripted.clear()
        self._delays.clear()
        self._random = None

    def decide(self, method: str) -> Decision:
        """What happens to this call: a delay first, then at most one fault."""
        key = _key(method)
        delay = 0.0
        scheduled = self._delays.get(key)
        if scheduled is not None:
            delay = scheduled.seconds
            if scheduled.remaining is not None:
                scheduled.remaining -= 1
                if scheduled.remaining <= 0:
                    del self._delays[key]
        queue = self._scripted.get(key)
        if queue:
            return Decision(delay, queue.popleft())
        chaos = self._random
        if chaos is None:
            return Decision(delay, None)
        applies = key != "getupdates" if chaos.methods is None else key in chaos.methods
        if not applies or chaos.rng.random() >= chaos.rate:
            return Decision(delay, None)
        kind = chaos.rng.choice(chaos.kinds)
        if kind == "delay":
            return Decision(delay + chaos.delay_seconds, None)
        if kind == "drop":
            return Decision(delay, Fault("drop", after_processing=chaos.rng.random() < 0.5))
        return Decision(delay, Fault("error", int(kind), chaos.retry_after))
