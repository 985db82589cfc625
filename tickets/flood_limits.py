"""How many reports with a card of their own one member, or one group, may file in a window
(tickets/floods.py says why and what happens past them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True)
class FloodLimits:
    per_person: int = 20  # reports with a card of their own, per member and window
    per_group: int = 200  # the same for a whole group
    window: timedelta = timedelta(hours=1)
