"""What the desk knows for as long as the process runs: the configuration's taxonomy and
calendar, the reader, the clock and the intake windows. Built once; each update's desk is built
on it (tickets/desk.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from tickets.calendar import Calendar
from tickets.clock import Clock
from tickets.flood_limits import FloodLimits
from tickets.model import Deadlines
from tickets.routing import deadlines_for
from tickets.taxonomy import Taxonomy
from tickets.understanding import Understanding

# A photo and its words often arrive a few seconds apart, an album as several messages.
DEFAULT_PHOTO_WINDOW = timedelta(minutes=2)
DEFAULT_VERIFY_WITHIN = timedelta(hours=24)


@dataclass(frozen=True)
class Office:
    taxonomy: Taxonomy
    calendar: Calendar
    clock: Clock
    understanding: Understanding
    photo_window: timedelta = DEFAULT_PHOTO_WINDOW
    verify_within: timedelta = DEFAULT_VERIFY_WITHIN
    admin_ids: frozenset[int] = frozenset()
    floods: FloodLimits = field(default_factory=FloodLimits)

    def deadlines(self, category: str, dispatched_at: datetime) -> Deadlines:
        """Both deadlines of a (re)dispatch of `category` at `dispatched_at`."""
        return deadlines_for(self.taxonomy, self.calendar, category, dispatched_at)
