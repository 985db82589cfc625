"""The assessment figures for a period and a set of roads: what /stats, /rank, the weekly summary
and the export ask for. The formulas live in tickets/figures.py; this module only chooses the
period and the tickets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from tickets.calendar import Calendar
from tickets.figures import Figures, by, figures
from tickets.model import Ticket
from tickets.ports import UnitOfWork
from tickets.taxonomy import Taxonomy


class Period(StrEnum):
    TODAY = "today"  # since midnight
    WEEK = "week"  # since Monday
    MONTH = "month"  # since the 1st


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime
    first_day: date
    last_day: date  # inclusive, for labels


@dataclass(frozen=True, slots=True)
class Assessed:
    window: Window
    overall: Figures
    per_department: dict[str, Figures] = field(default_factory=dict)
    per_road: dict[str, Figures] = field(default_factory=dict)
    tickets: tuple[Ticket, ...] = ()


def window_of(period: Period, now: datetime, calendar: Calendar) -> Window:
    """From the start of today, this week or this month (local time) until now."""
    today = calendar.local(now).date()
    if period is Period.TODAY:
        first = today
    elif period is Period.WEEK:
        first = today - timedelta(days=today.weekday())
    else:
        first = today.replace(day=1)
    start = datetime.combine(first, time(0), calendar.timezone)
    return Window(start, now, first, today)


def days_window(first: date, end: date, calendar: Calendar) -> Window:
    """Whole local days [first, end)."""
    zone = calendar.timezone
    return Window(
        datetime.combine(first, time(0), zone),
        datetime.combine(end, time(0), zone),
        first,
        end - timedelta(days=1),
    )


class Assessment:
    def __init__(self, *, taxonomy: Taxonomy, calendar: Calendar) -> None:
        self._taxonomy = taxonomy
        self._calendar = calendar

    @property
    def calendar(self) -> Calendar:
        return self._calendar

    async def assess(
        self, uow: UnitOfWork, window: Window, roads: Sequence[str] | None = None
    ) -> Assessed:
        """Figures per department, per road and overall, read in the caller's transaction; all
        roads when `roads` is None."""
        tickets = await uow.tickets.for_figures(roads, window.start, window.end)

        def of(group: Sequence[Ticket]) -> Figures:
            return figures(
                group,
                start=window.start,
                end=window.end,
                taxonomy=self._taxonomy,
                calendar=self._calendar,
            )

        return Assessed(
            window=window,
            overall=of(tickets),
            per_department={k: of(g) for k, g in by(tickets, lambda t: t.department).items()},
            per_road={k: of(g) for k, g in by(tickets, lambda t: t.road).items()},
            tickets=tuple(tickets),
        )
