"""Telegram's sending limits, kept before Telegram has to enforce them with a 429.

About one message a second and twenty a minute in one group, thirty a second in all. The pacer
says how long to wait before the next message to a chat may go; it reads a monotonic time source
passed in, so the arithmetic is testable without waiting.

Telegram counts a message when the request reaches it, somewhere between the moment the bot sent
it and the moment the answer came back; requests do not all take equally long on the way. So a
call counts from its answer (`finish`), and a call still in flight counts as happening now: the
next one is then at least the limit's interval after Telegram's own count of the previous one,
however long either took to arrive. Counting from the start instead gave 429s whenever a request
overtook an earlier, slower one.
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
        self._per_chat: dict[int, deque[float]] = {}  # answers to new messages, last minute
        self._global: deque[float] = deque()  # answers to all calls, last second
        self._in_flight: dict[int, list[bool]] = {}  # chat -> new_message of each call out
        self._in_flight_total = 0
        self._paused_until: dict[int, float] = {}
        self._last_call: dict[int, float] = {}  # the last answer from each chat

    def wait_for(self, chat_id: int, *, new_message: bool = True) -> float:
        """Seconds until a message to `chat_id` may go without breaking a limit (0: now)."""
        return max(self.chat_wait(chat_id, new_message=new_message), self.global_wait())

    def chat_wait(self, chat_id: int, *, new_message: bool = True) -> float:
        """Seconds until `chat_id`'s own limits allow a message; the overall rate aside.

        Twenty a minute limits new messages in a group; an edit of one (a ticket card moving)
        keeps the gap between calls and the global rate, but not that budget.
        """
        now = self._monotonic()
        limits = self._limits
        ready = max(now, self._paused_until.get(chat_id, 0.0))
        flying = self._in_flight.get(chat_id, [])
        # A call to this chat still in flight will be answered at the earliest now.
        last = now if flying else self._last_call.get(chat_id)
        if last is not None:
            ready = max(ready, last + limits.per_chat_interval)
        if new_message:
            sent = self._per_chat.get(chat_id, ())
            recent = [t for t in sent if t > now - 60.0] + [now] * sum(flying)
            if len(recent) >= limits.per_chat_per_minute:
                ready = max(ready, recent[-limits.per_chat_per_minute] + 60.0)
        return max(0.0, ready - now)

    def global_wait(self) -> float:
        """Seconds until the overall rate allows one more call, to any chat (0: now)."""
        now = self._monotonic()
        return max(0.0, self._global_ready(now) - now)

    def _global_ready(self, now: float) -> float:
        limit = self._limits.global_per_second
        answered = [t for t in self._global if t > now - 1.0]
        busy = len(answered) + self._in_flight_total
        if busy < limit:
            return now
        # The oldest answers leave the second first; calls in flight leave it a second after
        # their answer, which has not come yet: look again shortly.
        must_leave = busy - limit + 1
        if must_leave <= len(answered):
            return answered[must_leave - 1] + 1.0
        return now + 1.0 / limit

    def start(self, chat_id: int, *, new_message: bool = True) -> None:
        """A call for `chat_id` is going out now (a new message, or an edit of one)."""
        self._in_flight.setdefault(chat_id, []).append(new_message)
        self._in_flight_total += 1

    def finish(self, chat_id: int, *, new_message: bool = True) -> None:
        """The answer to a call started with `start` came back (whatever it said)."""
        self._leave_flight(chat_id, new_message)
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

    def cancel(self, chat_id: int, *, new_message: bool = True) -> None:
        """A call counted with `start` was not made after all (nothing to send): it leaves the
        calls in flight without counting as an answer."""
        self._leave_flight(chat_id, new_message)

    def _leave_flight(self, chat_id: int, new_message: bool) -> None:
        flying = self._in_flight.get(chat_id, [])
        if new_message in flying:
            flying.remove(new_message)
            self._in_flight_total -= 1
            if not flying:
                del self._in_flight[chat_id]

    def pause(self, chat_id: int, seconds: float) -> None:
        """Telegram said 429 with retry_after: nothing more to that chat until then."""
        until = self._monotonic() + seconds
        self._paused_until[chat_id] = max(self._paused_until.get(chat_id, 0.0), until)

    def forget_idle(self) -> None:
        """Drop the history of chats quiet for a minute, so memory follows activity."""
        now = self._monotonic()
        quiet = [c for c, t in self._last_call.items() if t <= now - 60.0]
        for chat_id in (c for c in quiet if c not in self._in_flight):
            self._last_call.pop(chat_id, None)
            self._per_chat.pop(chat_id, None)
        for chat_id in [c for c, t in self._paused_until.items() if t <= now]:
            del self._paused_until[chat_id]
