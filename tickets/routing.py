"""谁主管谁负责: which department answers for a category on a road, and when it must answer."""

from __future__ import annotations

from datetime import datetime

from tickets.calendar import Calendar
from tickets.model import Deadlines
from tickets.taxonomy import Taxonomy


def responsible_department(taxonomy: Taxonomy, category: str, road: str | None) -> str:
    """The road's override for the category first, then the category's own department."""
    taxonomy.category(category)  # an unknown category is an error, not a silent default
    if road is not None and road in taxonomy.roads:
        override = taxonomy.roads[road].departments.get(category)
        if override is not None:
            return override
    return taxonomy.category(category).department


def deadlines_for(
    taxonomy: Taxonomy, calendar: Calendar, category: str, dispatched_at: datetime
) -> Deadlines:
    """Both clocks count from the (re)dispatch, on the category's clock (working or always)."""
    spec = taxonomy.category(category)
    return Deadlines(
        ack_due=calendar.deadline(dispatched_at, spec.ack, spec.clock),
        resolve_due=calendar.deadline(dispatched_at, spec.resolve, spec.clock),
    )
