"""A bot's update queue: what getUpdates hands out, and what an offset confirms.

Telegram keeps an update until the bot confirms it by asking for a higher offset, so a bot that
crashes mid-handling gets the same update again. `confirmed_offset` is the highest offset the bot
has sent, which lets a test prove the bot confirms only after handling.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator.wakeup import Signal

# What Telegram sends when a bot names no allowed_updates (or an empty list).
EXCLUDED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


def update_type(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "unknown")


@dataclass
class WebhookConfig:
    url: str
    secret_token: str | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None
    delivered: int = 0
    refused: list[int] = field(default_factory=list)  # statuses of refused deliveries (0: none)


@dataclass
class UpdateQueue:
    next_update_id: int
    changed: Signal
    pending: list[dict[str, Any]] = field(default_factory=list)
    confirmed_offset: int = 0
    allowed: frozenset[str] | None = None  # None: Telegram's default set
    # Each getUpdates takes a ticket; a long poll whose ticket is no longer the newest yields
    # with 409, as Telegram does when two bot instances poll at once.
    poll_ticket: int = 0
    webhook: WebhookConfig | None = None

    def accepts(self, kind: str) -> bool:
        if self.allowed is None:
            return kind not in EXCLUDED_BY_DEFAULT
        return kind in self.allowed

    def set_allowed(self, allowed: list[str]) -> None:
        # Like Telegram, the setting applies to updates created from now on.
        self.allowed = frozenset(allowed) if allowed else None

    def push(self, update: dict[str, Any]) -> int | None:
        """Queue an update (numbering it unless it has an id); None when the bot opted out."""
        if not self.accepts(update_type(update)):
            return None
        if "update_id" not in update:
            update = {"update_id": self.next_update_id, **update}
        self.next_update_id = max(self.next_update_id, update["update_id"]) + 1
        self.pending.append(update)
        self.pending.sort(key=lambda queued: queued["update_id"])
        self.changed.notify()
        return int(update["update_id"])

    def confirm(self, offset: int) -> None:
        if offset < 0:
            # A negative offset keeps the last -offset updates and forgets the rest.
            self.pending = self.pending[offset:]
        else:
            self.pending = [queued for queued in self.pending if queued["update_id"] >= offset]
            self.confirmed_offset = max(self.confirmed_offset, offset)
        self.changed.notify()

    def delivered(self, update_id: int) -> None:
        """A webhook delivered this update (others, of other chats, may still be on the way)."""
        self.pending = [queued for queued in self.pending if queued["update_id"] != update_id]
        self.confirmed_offset = max(self.confirmed_offset, update_id + 1)
        self.changed.notify()

    def take(self, limit: int) -> list[dict[str, Any]]:
        return self.pending[:limit]

    def drop_pending(self) -> None:
        self.pending.clear()
        self.changed.notify()
