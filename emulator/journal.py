"""What the bot did, as tests read it: every API call, every message sent, every answered callback.

Records are appended in the order they happen and wake `Signal` waiters, so a test waits for the
bot's reaction instead of sleeping.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from emulator.chats import ChatMessage
from emulator.wakeup import Signal


@dataclass
class ApiCall:
    seq: int
    time: float  # wall clock, for humans reading a log
    monotonic: float  # for measuring intervals, e.g. that a retry waited retry_after
    method: str
    token: str
    bot_id: int | None
    params: dict[str, Any]
    via: str = "http"  # or "webhook_reply"
    status: int | None = None  # None while running; 0 when the connection was dropped
    response: Any = None
    fault: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def error_code(self) -> int | None:
        return None if self.status in (None, 200) else self.status

    def to_json(self) -> dict[str, Any]:
        record = asdict(self)
        record.pop("token")  # never echo tokens into logs
        return record


@dataclass
class AnsweredCallback:
    callback_query_id: str
    time: float
    user_id: int
    data: str
    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Stats:
    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    too_many_requests: int = 0  # every 429, injected or from the rate limiter
    rate_limited: int = 0  # 429s from the rate limiter alone
    faults_injected: int = 0
    dropped_connections: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "by_status": {str(status): count for status, count in sorted(self.by_status.items())},
            "too_many_requests": self.too_many_requests,
            "rate_limited": self.rate_limited,
            "faults_injected": self.faults_injected,
            "dropped_connections": self.dropped_connections,
        }


class Journal:
    def __init__(self, changed: Signal) -> None:
        self.changed = changed
        self.calls: list[ApiCall] = []
        self.sent: list[ChatMessage] = []
        self.answered: list[AnsweredCallback] = []
        self.stats = Stats()

    def begin_call(
        self, method: str, token: str, bot_id: int | None, params: dict[str, Any], via: str
    ) -> ApiCall:
        call = ApiCall(
            seq=len(self.calls),
            time=time.time(),
            monotonic=time.monotonic(),
            method=method,
            token=token,
            bot_id=bot_id,
            params=params,
            via=via,
        )
        self.calls.append(call)
        self.stats.requests += 1
        self.changed.notify()
        return call

    def finish_call(
        self, call: ApiCall, status: int, response: Any, fault: str | None = None
    ) -> None:
        call.status = status
        call.response = response
        call.fault = fault
        self.stats.by_status[status] += 1
        if status == 429:
            self.stats.too_many_requests += 1
        if fault is not None:
            self.stats.faults_injected += 1
        if status == 0:
            self.stats.dropped_connections += 1
        self.changed.notify()

    def record_sent(self, message: ChatMessage) -> None:
        self.sent.append(message)
        self.changed.notify()

    def record_answer(self, answer: AnsweredCallback) -> None:
        self.answered.append(answer)
        self.changed.notify()
