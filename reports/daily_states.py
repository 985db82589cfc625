"""The weekly chart's top panel as data: for each day, how many tickets were in each state at its
end (open, acknowledged, resolved, closed that day), from the tickets' histories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Final
from zoneinfo import ZoneInfo

from tickets.lifecycle import FINAL_STATES, State
from tickets.model import Ticket

# The stacks of the daily bars, bottom to top: what still needs the department first, so that
# the part that matters most stands on the axis and is read off it directly.
BUCKETS: Final = ("open", "acknowledged", "resolved", "closed")
_BUCKET_OF: Final[Mapping[State, str]] = {
    State.DISPATCHED: "open",
    State.REOPENED: "open",  # behaves like dispatched (lifecycle.md): waiting for an ack again
    State.ACKNOWLEDGED: "acknowledged",
    State.RESOLVED: "resolved",
    State.CLOSED: "closed",
}


def daily_states(
    tickets: Sequence[Ticket], start: date, end: date, zone: ZoneInfo
) -> list[tuple[date, dict[str, int]]]:
    """For each local day in [start, end): how many tickets were in each bucket at its end.

    A ticket counts on a day if it was created by the day's end and was in an open state at the
    day's end (dispatched and reopened count as "open"), or was closed during that day. A ticket
    closed on an earlier day is no longer counted (until it is reopened); duplicates, rejected
    and cancelled tickets are left out from the day they became so. Every dict has all of
    BUCKETS as keys, in that order.
    """
    days = [start + timedelta(days=offset) for offset in range((end - start).days)]
    histories = [_history(ticket) for ticket in tickets]
    rows: list[tuple[date, dict[str, int]]] = []
    for day in days:
        # Midnights in the configured zone, not UTC: a day is the street office's day.
        day_start = datetime.combine(day, time(), tzinfo=zone)
        day_end = datetime.combine(day + timedelta(days=1), time(), tzinfo=zone)
        counts = dict.fromkeys(BUCKETS, 0)
        for history in histories:
            bucket = _bucket_on(history, day_start, day_end)
            if bucket is not None:
                counts[bucket] += 1
        rows.append((day, counts))
    return rows


def _history(ticket: Ticket) -> list[tuple[datetime, State]]:
    """The moments the ticket's state changed, and to what, oldest first."""
    changes = [
        (event.at, event.to_state)
        for event in ticket.events
        # Notes (from = to) and transfers (dispatched → dispatched) change no state; skipping
        # them keeps "when did it become closed" the moment of the close itself.
        if event.to_state is not None and event.to_state != event.from_state
    ]
    if not changes:
        # No history loaded: the best there is, the state now, taken to hold since the report.
        return [(ticket.created_at, ticket.state)]
    # Stable: events of one moment keep the order they were written in.
    return sorted(changes, key=lambda change: change[0])


def _bucket_on(
    history: list[tuple[datetime, State]], day_start: datetime, day_end: datetime
) -> str | None:
    entered: datetime | None = None
    state: State | None = None
    for at, to_state in history:
        if at >= day_end:
            break
        entered, state = at, to_state
    if state is None or entered is None:
        return None  # not reported yet
    if state in FINAL_STATES:
        # Closed counts on the day it was closed, to show the day's work; after that it is done.
        return "closed" if state is State.CLOSED and entered >= day_start else None
    return _BUCKET_OF[state]
