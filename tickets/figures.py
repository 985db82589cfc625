"""The assessment figures (综合评价) of lifecycle.md, computed in one place for any period.

The digest, the weekly summary, the chat commands and the ledger export all call `figures()`;
none computes a rate of its own. Times are measured on each category's clock: working hours for
working-clock categories, every hour for `always` ones.

Definitions (lifecycle.md, after published city rules):
- tickets: created in the period
- closure rate: of the tickets due to close in the period (resolve deadline inside it) that were
  not extended, the share closed by the period's end
- on-time closure rate: of the same, the share resolved by the deadline and closed
- on-time ack rate: of the tickets dispatched in the period, the share acknowledged by the
  first ack deadline (for a corrected ticket: the one its department got with the correction,
  as it could not acknowledge a ticket that was not yet its own)
- rework rate: reopenings ÷ resolutions, both in the period
- accurate dispatch rate: of the tickets created in the period, the share never transferred.
  A correction (CORRECT: a liaison, the street office's triage or the chief saying what the
  report really is, by words or a triage button) is not a transfer: the reading erred, not the
  dispatch, and the department it went to had no say in it. So it leaves the transfer count
  alone; the ticket counts once, as dispatched to the department it is with at the end.
- mean time to ack / to resolve: from the report to the first acknowledgement / resolution
- overdue now: open tickets past a deadline at the period's end
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from tickets.calendar import Calendar
from tickets.lifecycle import Action, State
from tickets.model import Ticket
from tickets.taxonomy import ClockKind, Taxonomy


@dataclass(frozen=True, slots=True)
class Figures:
    tickets: int = 0
    due_to_close: int = 0  # the denominator of both closure rates (extended ones left out)
    closed: int = 0
    closed_on_time: int = 0
    dispatched: int = 0
    acknowledged_on_time: int = 0
    resolutions: int = 0
    reopenings: int = 0
    transferred: int = 0
    mean_time_to_ack: timedelta | None = None
    mean_time_to_resolve: timedelta | None = None
    overdue_now: int = 0

    @property
    def closure_rate(self) -> float | None:
        return _rate(self.closed, self.due_to_close)

    @property
    def on_time_closure_rate(self) -> float | None:
        return _rate(self.closed_on_time, self.due_to_close)

    @property
    def on_time_ack_rate(self) -> float | None:
        return _rate(self.acknowledged_on_time, self.dispatched)

    @property
    def rework_rate(self) -> float | None:
        return _rate(self.reopenings, self.resolutions)

    @property
    def accurate_dispatch_rate(self) -> float | None:
        return _rate(self.dispatched - self.transferred, self.dispatched)


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def figures(
    tickets: Iterable[Ticket],
    *,
    start: datetime,
    end: datetime,
    taxonomy: Taxonomy,
    calendar: Calendar,
) -> Figures:
    """The figures of the tickets given (with their history) over [start, end)."""

    def inside(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    def clock_of(ticket: Ticket) -> ClockKind:
        category = taxonomy.categories.get(ticket.category)
        return category.clock if category else ClockKind.WORKING

    counts = dict.fromkeys(
        (
            "tickets",
            "due",
            "closed",
            "on_time",
            "dispatched",
            "ack_on_time",
            "resolutions",
            "reopenings",
            "transferred",
            "overdue",
        ),
        0,
    )
    ack_times: list[timedelta] = []
    resolve_times: list[timedelta] = []
    for ticket in tickets:
        clock = clock_of(ticket)
        if inside(ticket.created_at):
            _count_dispatch(ticket, counts, ack_times, resolve_times, calendar, clock)
        if inside(ticket.resolve_due) and ticket.extension_count == 0:
            counts["due"] += 1
            closed = ticket.state is State.CLOSED and (ticket.closed_at or end) < end
            counts["closed"] += closed
            resolved = _first(ticket, Action.RESOLVE, since=ticket.created_at)
            counts["on_time"] += closed and resolved is not None and resolved <= ticket.resolve_due
        for event in ticket.events:
            if inside(event.at):
                counts["resolutions"] += event.kind is Action.RESOLVE
                counts["reopenings"] += event.kind is Action.REOPEN
        counts["overdue"] += (
            ticket.created_at < end and ticket.overdue(end) and _open_at(ticket, end)
        )
    return Figures(
        tickets=counts["tickets"],
        due_to_close=counts["due"],
        closed=counts["closed"],
        closed_on_time=counts["on_time"],
        dispatched=counts["dispatched"],
        acknowledged_on_time=counts["ack_on_time"],
        resolutions=counts["resolutions"],
        reopenings=counts["reopenings"],
        transferred=counts["transferred"],
        mean_time_to_ack=_mean(ack_times),
        mean_time_to_resolve=_mean(resolve_times),
        overdue_now=counts["overdue"],
    )


def _count_dispatch(
    ticket: Ticket,
    counts: dict[str, int],
    ack_times: list[timedelta],
    resolve_times: list[timedelta],
    calendar: Calendar,
    clock: ClockKind,
) -> None:
    counts["tickets"] += 1
    counts["dispatched"] += 1
    counts["transferred"] += ticket.transfer_count > 0
    first_ack_due = _first_ack_due(ticket)
    corrected = [e.at for e in ticket.events if e.kind is Action.CORRECT]
    acknowledged = _first(
        ticket, Action.ACKNOWLEDGE, Action.RESOLVE, since=corrected[-1] if corrected else None
    )
    if acknowledged is not None:
        counts["ack_on_time"] += acknowledged <= first_ack_due
        ack_times.append(calendar.elapsed(ticket.created_at, acknowledged, clock))
    resolved = _first(ticket, Action.RESOLVE)
    if resolved is not None:
        resolve_times.append(calendar.elapsed(ticket.created_at, resolved, clock))


def _first(ticket: Ticket, *kinds: Action, since: datetime | None = None) -> datetime | None:
    for event in ticket.events:
        if event.kind in kinds and (since is None or event.at >= since):
            return event.at
    return None


def _first_ack_due(ticket: Ticket) -> datetime:
    """The ack deadline the ticket was first given (a transfer or reopen later moves it); after
    a correction, the one the correction gave its department."""
    given = [e for e in ticket.events if e.kind in (Action.REPORT, Action.CORRECT)]
    first_due = given[-1].data.get("ack_due") if given else None
    return datetime.fromisoformat(first_due) if first_due else ticket.ack_due


def _open_at(ticket: Ticket, moment: datetime) -> bool:
    return ticket.is_active and (ticket.closed_at is None or ticket.closed_at >= moment)


def _mean(values: list[timedelta]) -> timedelta | None:
    return sum(values, timedelta()) / len(values) if values else None


def by(tickets: Iterable[Ticket], key: Callable[[Ticket], str]) -> dict[str, list[Ticket]]:
    """Tickets grouped for per-department or per-road figures."""
    groups: dict[str, list[Ticket]] = {}
    for ticket in tickets:
        groups.setdefault(key(ticket), []).append(ticket)
    return groups


def ranking(per_department: dict[str, Figures]) -> list[tuple[str, Figures]]:
    """lifecycle.md: by on-time closure rate (higher first), then rework rate (lower first),
    then mean time to resolve (shorter first); no figure counts as the worst."""

    def order(item: tuple[str, Figures]) -> tuple[float, float, float, str]:
        key, f = item
        on_time = f.on_time_closure_rate
        rework = f.rework_rate
        mean = f.mean_time_to_resolve
        return (
            -(on_time if on_time is not None else -1.0),
            rework if rework is not None else 2.0,
            mean.total_seconds() if mean is not None else float("inf"),
            key,
        )

    return sorted(per_department.items(), key=order)
