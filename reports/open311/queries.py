"""GET requests: the filters a client may give (service_request_id, service_code, status,
start_date, end_date) read into a query, and the tickets it selects.

As the spec has it: service_request_id overrides every other filter; without dates the window is
the most recent 90 days, and a window may not span more than 90 days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from multidict import MultiMapping

from reports.open311.errors import Open311Error
from reports.open311.records import STATUSES, status_of
from tickets.model import Ticket
from tickets.ports import UnitOfWork

WINDOW = timedelta(days=90)
MOST_IDS = 100  # service_request_id values in one call: each is read with its history
MOST_REQUESTS = 1000  # requests in one answer, the newest first


@dataclass(frozen=True, slots=True)
class Query:
    numbers: tuple[int, ...] | None  # service_request_id: these and nothing else
    codes: frozenset[str] | None
    statuses: frozenset[str] | None
    start: datetime
    end: datetime


def _listed(params: MultiMapping[str], name: str) -> list[str]:
    """A parameter that may be given several times, each comma-delimited."""
    return [part.strip() for value in params.getall(name, []) for part in value.split(",")]


def _moment(params: MultiMapping[str], name: str) -> datetime | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise Open311Error(400, f"{name} must be a w3 date-time with its timezone: {value}")
    return moment


def read_query(params: MultiMapping[str], now: datetime) -> Query:
    ids = [value for value in _listed(params, "service_request_id") if value]
    if ids:
        if len(ids) > MOST_IDS:
            raise Open311Error(400, f"at most {MOST_IDS} service_request_id values at once")
        # An id that is no number names no ticket: it is simply not found.
        numbers = tuple(int(value) for value in ids if value.isdigit())
        return Query(numbers, None, None, now - WINDOW, now)
    codes = frozenset(code for code in _listed(params, "service_code") if code) or None
    statuses = frozenset(s.lower() for s in _listed(params, "status") if s) or None
    if statuses is not None and not statuses <= set(STATUSES):
        raise Open311Error(400, "status must be open or closed")
    start, end = _moment(params, "start_date"), _moment(params, "end_date")
    if start is None and end is None:
        end = now
    if start is None:
        assert end is not None
        start = end - WINDOW
    if end is None:
        end = min(start + WINDOW, now)
    if end < start:
        raise Open311Error(400, "end_date is before start_date")
    if end - start > WINDOW:
        raise Open311Error(400, "start_date and end_date may not span more than 90 days")
    return Query(None, codes, statuses, start, end)


async def select(uow: UnitOfWork, query: Query) -> Sequence[Ticket]:
    """The tickets the query names or that were requested in its window, newest first."""
    if query.numbers is not None:
        found = [await uow.tickets.get(number) for number in dict.fromkeys(query.numbers)]
        return [ticket for ticket in found if ticket is not None]
    # Every ticket reported before the window's end and not closed before its start, with its
    # history (for updated_datetime); those reported inside the window are kept.
    candidates = await uow.tickets.for_figures(None, query.start, query.end + timedelta(seconds=1))
    chosen = [
        ticket
        for ticket in candidates
        if query.start <= ticket.created_at <= query.end
        and (query.codes is None or ticket.category in query.codes)
        and (query.statuses is None or status_of(ticket.state) in query.statuses)
    ]
    chosen.sort(key=lambda ticket: ticket.number, reverse=True)
    return chosen[:MOST_REQUESTS]
