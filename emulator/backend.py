"""The emulator's parts in one place, so method handlers and the HTTP layer share them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from emulator.accounts import TOKEN_PATTERN, BotAccount
from emulator.faults import FaultPlan
from emulator.journal import Journal
from emulator.rate_limits import RateLimiter
from emulator.world import World

if TYPE_CHECKING:
    from emulator.webhooks import Webhooks


@dataclass
class Backend:
    world: World
    journal: Journal
    webhooks: Webhooks
    faults: FaultPlan = field(default_factory=FaultPlan)
    limiter: RateLimiter = field(default_factory=RateLimiter)
    accept_any_token: bool = False
    closing: bool = False

    def bot_for_token(self, token: str) -> BotAccount | None:
        bot = self.world.bots.get(token)
        if bot is None and self.accept_any_token and TOKEN_PATTERN.match(token):
            bot = self.world.add_bot(token)
        return bot
