"""The street chief's morning digest and the weekly summary, as data; the bot renders them.

A digest is short enough to read on a phone: yesterday's counts first, then what is open (overdue
first, oldest first) with its age and department, at most ten items, and the department most
behind. Tickets open longer than `stale_after` are no longer re-pinged by the sweep; they are
listed here, for the chief, instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tickets.assessment import Assessment, days_window
from tickets.calendar import Calendar
from tickets.figures import Figures
from tickets.lifecycle import OPEN_STATES, Action
from tickets.model import Ticket
from tickets.ports import UnitOfWork
from tickets.taxonomy import Road, Taxonomy

MAX_ITEMS = 10


@dataclass(frozen=True, slots=True)
class DigestItem:
    number: int
    category: str
    place: str
    department: str
    state: str
    age: timedelta
    overdue: bool


@dataclass(frozen=True, slots=True)
class Digest:
    road: str
    day: date
    new: int
    acknowledged: int
    resolved: int
    closed: int
    open: int
    overdue: int
    items: tuple[DigestItem, ...]
    more: int
    most_behind: str | None  # the department with the most overdue tickets
    most_behind_overdue: int = 0
    stale: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class WeeklySummary:
    road: str
    start: date
    end: date  # exclusive
    per_department: dict[str, Figures] = field(default_factory=dict)
    overall: Figures = field(default_factory=Figures)
    tickets: tuple[Ticket, ...] = ()  # what the figures were computed from, for the chart


class Digests:
    def __init__(
        self,
        *,
        unit_of_work: Callable[[], UnitOfWork],
        taxonomy: Taxonomy,
        calendar: Calendar,
        stale_after: timedelta,
    ) -> None:
        self._uow = unit_of_work
        self._taxonomy = taxonomy
        self._calendar = calendar
        self._stale_after = stale_after

    @property
    def timezone(self) -> ZoneInfo:
        return self._calendar.timezone

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        zone = self._calendar.timezone
        start = datetime.combine(day, time(0), zone)
        return start, datetime.combine(day + timedelta(days=1), time(0), zone)

    async def daily(self, road: Road, day: date, now: datetime) -> Digest:
        """`day` is the day reported on (yesterday, for the morning digest)."""
        start, end = self.day_bounds(day)
        async with self._uow() as uow:
            touched = await uow.tickets.touched_between(road.name, start, end)
            # The open tickets are counted, sorted and listed, never moved: read without their
            # history, which on a road with a thousand open tickets was most of the digest's
            # time (bench/bench_clocks.py). By number, as open_on_road gives them.
            open_tickets = sorted(
                [
                    ticket
                    for state in OPEN_STATES
                    for ticket in await uow.tickets.list(state=state, road=road.name)
                ],
                key=lambda ticket: ticket.number,
            )
        counts: Counter[Action] = Counter()
        for ticket in touched:
            for event in ticket.events:
                if start <= event.at < end and isinstance(event.kind, Action):
                    counts[event.kind] += 1
        closed = counts[Action.CONFIRM] + counts[Action.CLOSE] + counts[Action.CLOSE_UNCONTESTED]
        ordered = sorted(open_tickets, key=lambda t: (not t.overdue(now), t.created_at))
        items = tuple(
            DigestItem(
                t.number,
                t.category,
                t.location or t.road,
                t.department,
                t.state.value,
                now - t.created_at,
                t.overdue(now),
            )
            for t in ordered[:MAX_ITEMS]
        )
        behind = Counter(t.department for t in open_tickets if t.overdue(now))
        stale = tuple(t.number for t in ordered if now - t.created_at >= self._stale_after)
        return Digest(
            road=road.name,
            day=day,
            new=counts[Action.REPORT],
            acknowledged=counts[Action.ACKNOWLEDGE],
            resolved=counts[Action.RESOLVE],
            closed=closed,
            open=len(open_tickets),
            overdue=sum(behind.values()),
            items=items,
            more=max(0, len(ordered) - MAX_ITEMS),
            most_behind=behind.most_common(1)[0][0] if behind else None,
            most_behind_overdue=behind.most_common(1)[0][1] if behind else 0,
            stale=stale,
        )

    async def weekly(self, road: Road | None, start: date, end: date) -> WeeklySummary:
        """Figures per department for [start, end) (local dates); all roads when road is None."""
        assessment = Assessment(taxonomy=self._taxonomy, calendar=self._calendar)
        async with self._uow() as uow:
            assessed = await assessment.assess(
                uow, days_window(start, end, self._calendar), [road.name] if road else None
            )
        return WeeklySummary(
            road.name if road else "",
            start,
            end,
            assessed.per_department,
            assessed.overall,
            assessed.tickets,
        )
